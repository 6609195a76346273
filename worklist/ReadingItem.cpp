#include "worklist/ReadingItem.h"

#include <array>
#include <utility>

namespace countyread::worklist {

namespace {
constexpr std::array<std::pair<ReadingState, const char*>, 8> kStates{{
    {ReadingState::Received, "received"},
    {ReadingState::Assigned, "assigned"},
    {ReadingState::InReading, "in_reading"},
    {ReadingState::Signed, "signed"},
    {ReadingState::Delivered, "delivered"},
    {ReadingState::ReturnedForRescan, "returned"},
    {ReadingState::Cancelled, "cancelled"},
    {ReadingState::Amended, "amended"},
}};
constexpr std::array<std::pair<Priority, const char*>, 3> kPriorities{{
    {Priority::Routine, "routine"},
    {Priority::Urgent, "urgent"},
    {Priority::Emergency, "emergency"},
}};
}  // namespace

std::string toString(ReadingState s) {
    for (auto& [k, v] : kStates)
        if (k == s) return v;
    return "unknown";
}

std::optional<ReadingState> readingStateFromString(const std::string& s) {
    for (auto& [k, v] : kStates)
        if (s == v) return k;
    return std::nullopt;
}

std::string toString(Priority p) {
    for (auto& [k, v] : kPriorities)
        if (k == p) return v;
    return "routine";
}

std::optional<Priority> priorityFromString(const std::string& s) {
    for (auto& [k, v] : kPriorities)
        if (s == v) return k;
    return std::nullopt;
}

bool transitionAllowed(ReadingState from, ReadingState to) {
    using S = ReadingState;
    switch (from) {
        case S::Received: return to == S::Assigned || to == S::Cancelled || to == S::ReturnedForRescan;
        case S::Assigned:
            return to == S::InReading || to == S::Assigned || to == S::Received ||
                   to == S::ReturnedForRescan || to == S::Cancelled || to == S::Signed;
        case S::InReading:
            return to == S::Signed || to == S::ReturnedForRescan || to == S::Assigned ||
                   to == S::Received || to == S::Cancelled;
        case S::Signed: return to == S::Delivered || to == S::Amended;
        case S::Delivered: return to == S::Amended;
        case S::Amended: return to == S::Delivered || to == S::Amended;
        case S::ReturnedForRescan: return to == S::Received;
        case S::Cancelled: return false;
    }
    return false;
}

bool isUnread(ReadingState s) {
    return s == ReadingState::Received || s == ReadingState::Assigned || s == ReadingState::InReading;
}

}  // namespace countyread::worklist
