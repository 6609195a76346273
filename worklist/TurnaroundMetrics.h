#pragma once
// Turnaround statistics (报告及时率): signed_at - received_at, grouped by township,
// radiologist, modality or priority, over the items received in a period [from, to).
//
// Percentiles are nearest-rank: the p-th percentile of n sorted values is value number
// ceil(p/100 * n) (1-based), so the median of {1,2,3,4} is 2 and always an observed value.
// "Within limit" counts items signed no later than their deadline (TurnaroundPolicy). The share
// is taken over the signed items plus the unsigned ones whose deadline had passed by `to`
// (they are late whatever happens next); unsigned items still inside their limit are left out.
#include <string>
#include <vector>

#include "worklist/TurnaroundPolicy.h"

namespace countyread::worklist {

struct TurnaroundSample {
    std::string township;
    std::string radiologist;  // who signed
    std::string modality;
    Priority priority = Priority::Routine;
    Instant received_at{};
    std::optional<Instant> signed_at;
};

enum class GroupBy { Township, Radiologist, Modality, Priority };

struct TurnaroundStats {
    std::string group;        // township id, radiologist id, modality or priority name
    std::size_t signed_count = 0;
    std::size_t late_unsigned = 0;  // unsigned with the deadline before `to`
    Seconds median{0}, p90{0};      // of the signed items; 0 when none
    std::size_t within_limit = 0;
    double share_within_limit = 0;  // within_limit / (signed_count + late_unsigned); 0 when none
};

// Nearest-rank percentile of `values` (sorted in place); 0 for an empty list.
Seconds percentile(std::vector<Seconds>& values, double p);

// One row per group that has items in the period, sorted by group name.
std::vector<TurnaroundStats> turnaroundStats(const std::vector<TurnaroundSample>& samples, GroupBy by,
                                             Instant from, Instant to, const TurnaroundPolicy& policy);

}  // namespace countyread::worklist
