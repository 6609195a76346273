#pragma once
// The reading workflow's in-memory view of a reading item: the same facts as ReadingItem, with
// instants instead of ISO 8601 text and the body part the assignment rule may need.
#include <optional>
#include <string>

#include "worklist/Clock.h"
#include "worklist/ReadingItem.h"

namespace countyread::worklist {

struct WorkItem {
    std::string study_uid;
    std::string township;
    std::string calling_ae;
    std::string modality;   // DICOM Modality: "DX", "CR", "DR", "CT", "MR", ...
    std::string body_part;  // DICOM Body Part Examined ("HEAD", "CHEST"...); "" when unknown
    Priority priority = Priority::Routine;
    ReadingState state = ReadingState::Received;
    std::string assigned_to;
    Instant received_at{};  // the turnaround clock starts here (and restarts on re-send)
    std::optional<Instant> assigned_at, opened_at, signed_at, delivered_at;
    std::string signed_by;
};

// Throws WorkflowError when received_at is not an ISO 8601 UTC timestamp.
WorkItem workItemFrom(const ReadingItem& item, const std::string& body_part = "");

}  // namespace countyread::worklist
