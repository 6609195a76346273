#pragma once
// A reading item as the worklist tables hold it: the ReadingItem facts plus what the server's
// workflow keeps beside them (quiet-time completion, late instances, deadline, reasons, the
// shared claim lock, the critical-finding state). A WorklistRow is a ReadingItem, so it goes
// wherever one is expected (access checks, JSON).
#include <cstdint>
#include <string>

#include "worklist/Clock.h"
#include "worklist/ReadingItem.h"

namespace countyread::worklist {

struct WorklistRow : ReadingItem {
    std::string patient_name, patient_id;  // UTF-8, copied from the study for the worklist search
    std::string body_part, calling_ae;
    bool complete = true;  // false while instances still arrive (inside the quiet time)
    std::string first_instance_at, last_instance_at, updated_at;
    int instance_count = 0;
    int late_instances = 0;  // instances that arrived after the item was complete
    std::string priority_source;  // dimse, township_rule, ae_rule, set:<user>
    std::string deadline_at;      // received_at + the turnaround limit
    std::string at_risk_at;       // 80% of the limit used
    std::string received_day;     // Beijing (UTC+8) date of receipt, YYYY-MM-DD
    std::string returned_at, return_reason, cancelled_at, cancel_reason, amended_at;
    std::string locked_by, lock_expires_at;
    int critical = 0;  // 0 none, 1 flagged and unacknowledged, 2 acknowledged
    std::string escalation, escalated_at;
};

struct CriticalFindingRow {
    int64_t id = 0;
    std::string study_uid, township, finding, flagged_by, flagged_at, acknowledged_by, acknowledged_at;
    int64_t ack_seconds = -1;  // -1 while unacknowledged
};

// Timestamps the worklist tables compare as text: "2024-05-01T08:30:00.000Z" (milliseconds, as
// dicom::nowIso8601 writes them), so that string order is time order.
std::string isoMillis(Instant t);

}  // namespace countyread::worklist
