#pragma once
// What the report editor offers for a study, from the server: its templates (best fitting one
// chosen), and where its report stands: nothing signed yet (a new report), a preliminary
// awaiting verification (to verify, or to wait for when it is the user's own), or a signed
// report (corrections are addenda).
#include <optional>
#include <string>
#include <vector>

#include "dicom/sr/ReportSr.h"
#include "viewer/core/ReportApi.h"
#include "viewer/core/ReportTemplate.h"
#include "viewer/core/UserSession.h"

namespace countyread::viewer {

struct ReportStudyState {
    enum class Mode {
        NewReport,             // no report yet
        Verify,                // another radiologist's preliminary awaits the user's verification
        AwaitingVerification,  // the user's own preliminary awaits a senior
        Addendum,              // a signed report exists: corrections are addenda
    };
    Mode mode = Mode::NewReport;
    std::vector<ReportTemplate> templates;
    int best_template = -1;  // index into templates, -1: none fits
    // Verify / AwaitingVerification: the preliminary; Addendum: the current report.
    std::optional<dicom::ParsedReport> existing;
    std::optional<dicom::DocumentRef> existing_ref;
    std::vector<std::string> warnings;  // what could not be read (the editor still works)

    // Asks the server (templates, current report, preliminary). A server without the template
    // route, or an unreadable report, becomes a warning.
    static ReportStudyState load(ReportApi& api, const std::string& study_uid,
                                 const std::string& modality, const std::string& body_part,
                                 const UserSession& user);
    // The report's reference to a stored SR (its predecessor): series, class and instance UIDs.
    static dicom::DocumentRef documentRef(const dicom::Bytes& sr);
};

}  // namespace countyread::viewer
