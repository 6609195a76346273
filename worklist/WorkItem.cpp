#include "worklist/WorkItem.h"

namespace countyread::worklist {

WorkItem workItemFrom(const ReadingItem& r, const std::string& body_part) {
    WorkItem w;
    w.study_uid = r.study_uid;
    w.township = r.township;
    w.modality = r.modality;
    w.body_part = body_part;
    w.priority = r.priority;
    w.state = r.state;
    w.assigned_to = r.assigned_to;
    auto received = parseIso8601(r.received_at);
    if (!received) throw WorkflowError("item " + r.study_uid + " has no valid received_at");
    w.received_at = *received;
    w.assigned_at = parseIso8601(r.assigned_at);
    w.opened_at = parseIso8601(r.opened_at);
    w.signed_at = parseIso8601(r.signed_at);
    w.delivered_at = parseIso8601(r.delivered_at);
    w.signed_by = r.signed_by;
    return w;
}

}  // namespace countyread::worklist
