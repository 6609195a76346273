#include "viewer/core/ReportStudyState.h"

#include "dicom/model/DicomFile.h"
#include "viewer/core/PersonName.h"

namespace countyread::viewer {
namespace {

// Observer names are DICOM person names ("李明" or "Li^Ming=李^明"); compare what is shown.
bool sameName(const std::string& a, const std::string& b) {
    if (a.empty() || b.empty()) return false;
    return a == b || PersonName::display(a, true) == PersonName::display(b, true);
}

}  // namespace

dicom::DocumentRef ReportStudyState::documentRef(const dicom::Bytes& sr) {
    const dicom::InstanceInfo info = dicom::readInstanceInfo(sr);
    return {info.series_uid, info.sop_class_uid, info.sop_instance_uid};
}

ReportStudyState ReportStudyState::load(ReportApi& api, const std::string& study_uid,
                                        const std::string& modality, const std::string& body_part,
                                        const UserSession& user) {
    ReportStudyState state;
    try {
        state.templates = api.templates(study_uid);
        state.best_template = bestTemplate(state.templates, modality, body_part);
    } catch (const std::exception& e) {
        state.warnings.push_back(std::string("report templates: ") + e.what());
    }
    auto read = [&](const dicom::Bytes& sr, Mode mode) {
        state.existing = dicom::parseReportSr(sr);
        state.existing_ref = documentRef(sr);
        state.mode = mode;
    };
    try {
        if (auto current = api.currentReport(study_uid)) {
            read(*current, Mode::Addendum);
            return state;
        }
        if (auto preliminary = api.preliminary(study_uid)) {
            read(*preliminary, Mode::Verify);
            const std::string me = user.name.empty() ? user.user_id : user.name;
            if (sameName(state.existing->observer_name, me))
                state.mode = Mode::AwaitingVerification;
        }
    } catch (const std::exception& e) {
        state.warnings.push_back(std::string("report: ") + e.what());
        state.mode = Mode::NewReport;
        state.existing.reset();
        state.existing_ref.reset();
    }
    return state;
}

}  // namespace countyread::viewer
