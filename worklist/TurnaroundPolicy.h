#pragma once
// Turnaround limits (报告时限) from receipt to signed report, per priority and modality.
//
// Defaults, following common county medical community practice (急诊 X 线 30 min, 急诊 CT
// 60 min, routine plain film same half-day, routine CT within the day shift, nothing past 24 h):
//
//                 radiography (CR/DX/DR)   CT        anything else (MR, MG, US, RF, ...)
//   emergency     30 min                   60 min    60 min
//   urgent        60 min                   2 h       4 h
//   routine       2 h                      4 h       24 h
//
// Overrides are keyed by (priority, modality) for one modality, or (priority, class) for a
// whole class; an exact modality override beats a class override beats the default. No limit
// may exceed 24 h (kMaxTurnaround): setting one throws std::invalid_argument.
#include <map>
#include <string>
#include <utility>

#include "worklist/WorkItem.h"

namespace countyread::worklist {

enum class ModalityClass { Radiography, CT, Other };
ModalityClass modalityClass(const std::string& modality);  // CR, DX, DR -> Radiography; CT -> CT

constexpr Seconds kMaxTurnaround = std::chrono::hours(24);

class TurnaroundPolicy {
public:
    Seconds limit(Priority p, const std::string& modality) const;
    void setLimit(Priority p, const std::string& modality, Seconds limit);
    void setClassLimit(Priority p, ModalityClass c, Seconds limit);

    Instant deadline(const WorkItem& item) const;
    // Share of the limit used by `now`, or by signed_at once the item is signed: 0.5 = half the
    // time is gone, 1.0 = the deadline. Never negative.
    double fractionUsed(const WorkItem& item, Instant now) const;
    // Exact versions of fractionUsed(item, now) >= numerator/denominator, in whole seconds.
    bool usedAtLeast(const WorkItem& item, Instant now, int numerator, int denominator) const;

private:
    Seconds elapsed(const WorkItem& item, Instant now) const;
    std::map<std::pair<Priority, std::string>, Seconds> by_modality_;
    std::map<std::pair<Priority, ModalityClass>, Seconds> by_class_;
};

}  // namespace countyread::worklist
