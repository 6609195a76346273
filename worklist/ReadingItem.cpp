#include "worklist/ReadingItem.h"

#include <array>
#include <utility>

namespace countyread::worklist {

namespace {
constexpr std::array<std::pair<ReadingState, const char*>, 5> kStates{{
    {ReadingState::Received, "received"},
    {ReadingState::Assigned, "assigned"},
    {ReadingState::InReading, "in_reading"},
    {ReadingState::Signed, "signed"},
    {ReadingState::Delivered, "delivered"},
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
    switch (to) {
        case S::Assigned: return from == S::Received || from == S::Assigned || from == S::InReading;
        case S::InReading: return from == S::Assigned || from == S::InReading;
        case S::Signed: return from == S::Assigned || from == S::InReading;
        case S::Delivered: return from == S::Signed;
        case S::Received: return false;
    }
    return false;
}

}  // namespace countyread::worklist
