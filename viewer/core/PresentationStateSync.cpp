#include "viewer/core/PresentationStateSync.h"

#include <tuple>

namespace countyread::viewer {

std::string PresentationStateSync::save(const AnnotationStore& store, const LoadedStudy& study,
                                        const DisplaySettings& display, const std::string& creator,
                                        bool chinese) {
    dicom::PresentationState state =
        PresentationStateMapper::build(store, study, display, creator, chinese);
    // Newer states sort after older ones by instance number, too.
    int newest = 0;
    for (const auto& row : study.instances) {
        if (PresentationStateMapper::isPresentationState(row.sop_class_uid))
            newest = std::max(newest, row.instance_number);
    }
    state.instance_number = newest + 1;
    const std::string uid =
        client_.postPresentationState(study.study.study_uid, dicom::buildPresentationState(state));
    return uid.empty() ? state.sop_instance_uid : uid;
}

PresentationStateSync::Loaded PresentationStateSync::load(const LoadedStudy& study) {
    Loaded out;
    std::vector<InstanceRow> rows;
    try {
        rows = client_.instances(study.study.study_uid);  // fresh: states saved since opening
    } catch (const std::exception& e) {
        rows = study.instances;
        out.warnings.push_back(std::string("instance list: ") + e.what());
    }
    std::optional<dicom::PresentationState> newest_ours;
    auto newer = [](const dicom::PresentationState& a, const dicom::PresentationState& b) {
        return std::tie(a.creation_date, a.creation_time, a.instance_number) >
               std::tie(b.creation_date, b.creation_time, b.instance_number);
    };
    std::vector<dicom::PresentationState> foreign;
    for (const auto& row : rows) {
        if (!PresentationStateMapper::isPresentationState(row.sop_class_uid)) continue;
        ++out.states;
        try {
            auto state = dicom::parsePresentationState(client_.instance(row.sop_instance_uid));
            if (PresentationStateMapper::isOurs(state)) {
                if (!newest_ours || newer(state, *newest_ours)) newest_ours = std::move(state);
            } else {
                foreign.push_back(std::move(state));
            }
        } catch (const std::exception& e) {
            out.warnings.push_back(row.sop_instance_uid + ": " + e.what());
        }
    }
    if (newest_ours) foreign.insert(foreign.begin(), std::move(*newest_ours));
    for (const auto& state : foreign) {
        for (auto& entry : PresentationStateMapper::annotations(state, study))
            out.annotations.push_back(std::move(entry));
    }
    return out;
}

}  // namespace countyread::viewer
