#pragma once
// A study waiting to be read, and its life: received -> assigned -> in_reading -> signed -> delivered,
// with the side roads: returned (for rescan; the township re-sends), cancelled, amended.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace countyread::worklist {

enum class ReadingState {
    Received,
    Assigned,
    InReading,
    Signed,
    Delivered,
    ReturnedForRescan,  // "returned": images unusable, the township must re-send
    Cancelled,          // "cancelled": withdrawn (wrong patient, duplicate); terminal
    Amended,            // "amended": a signed report was corrected; delivered again
};
enum class Priority { Routine, Urgent, Emergency };

std::string toString(ReadingState s);
std::optional<ReadingState> readingStateFromString(const std::string& s);
std::string toString(Priority p);
std::optional<Priority> priorityFromString(const std::string& s);

// True when the workflow allows going from `from` to `to`:
//   received   -> assigned | cancelled | returned
//   assigned   -> in_reading | assigned (reassign) | received (back to the pool) | returned |
//                 cancelled | signed (a report signed without an explicit open: the server's
//                 report intake accepts it, see server/ReportService.cpp)
//   in_reading -> signed | returned | assigned (reassign) | received | cancelled
//   signed     -> delivered | amended
//   delivered  -> amended
//   amended    -> delivered | amended
//   returned   -> received (the township re-sent the study)
//   cancelled  -> nothing
bool transitionAllowed(ReadingState from, ReadingState to);
// Open work: received, assigned or in reading (not yet signed, not returned, not cancelled).
bool isUnread(ReadingState s);

// A state change the workflow does not allow, or an unknown item.
struct WorkflowError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ReadingItem {
    std::string study_uid;
    std::string township;  // township id from the config ("" when unknown)
    std::string modality;
    Priority priority = Priority::Routine;
    ReadingState state = ReadingState::Received;
    std::string assigned_to;  // user id of the radiologist
    std::string received_at;  // ISO 8601 UTC timestamps; empty when not reached
    std::string assigned_at;
    std::string opened_at;
    std::string signed_at;
    std::string signed_by;
    std::string delivered_at;
    std::string report_sop_uid;
};

}  // namespace countyread::worklist
