#pragma once
// A study waiting to be read, and its life: received -> assigned -> in_reading -> signed -> delivered.
#include <optional>
#include <string>
#include <vector>

namespace countyread::worklist {

enum class ReadingState { Received, Assigned, InReading, Signed, Delivered };
enum class Priority { Routine, Urgent, Emergency };

std::string toString(ReadingState s);
std::optional<ReadingState> readingStateFromString(const std::string& s);
std::string toString(Priority p);
std::optional<Priority> priorityFromString(const std::string& s);

// True when the workflow allows going from `from` to `to`.
bool transitionAllowed(ReadingState from, ReadingState to);

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
