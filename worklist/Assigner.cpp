#include "worklist/Assigner.h"

#include "worklist/AssignmentEngine.h"

namespace countyread::worklist {

// The server's rule, on top of the engine: no roster (everyone on duty), every item one unit.
std::optional<std::string> chooseRadiologist(const std::vector<RadiologistProfile>& radiologists,
                                             const ReadingItem& item,
                                             const std::map<std::string, int>& open_load) {
    AssignmentEngine engine(nullptr, LoadWeights::uniform(1));
    for (const auto& r : radiologists) engine.addRadiologist({r.id, r.name, r.modalities, {}, r.townships, 0});
    for (const auto& [id, load] : open_load) engine.setLoad(id, load);
    WorkItem w;
    w.study_uid = item.study_uid;
    w.township = item.township;
    w.modality = item.modality;
    w.priority = item.priority;
    return engine.choose(w, Instant{}).radiologist;
}

}  // namespace countyread::worklist
