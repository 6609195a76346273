#pragma once
// Turnaround statistics (报告及时率): signed_at - received_at, grouped by township,
// radiologist, modality or priority, over the items received in a period [from, to).
//
// Percentiles are nearest-rank: the p-th percentile of n sorted values is value number
// ceil(p/100 * n) (1-based), so the median of {1,2,3,4} is 2 and always an observed value.
// "Within limit" counts items signed no later than their deadline (TurnaroundPolicy). The share
// is taken over the signed items plus the unsigned ones whose deadline had passed by `to`
// (they are late whatever happens next); unsigned items still inside their limit are left out.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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

// The same facts as a list of TurnaroundSample, in columns with the names interned: a provincial
// year is ~1,000,000 items but a few thousand names, and the dashboard's figures over it must not
// cost a string per item. encode() writes the facts as compact ASCII text (times relative to a
// base instant) and appendEncoded() reads such a text back; WorklistQuery keeps settled days of
// items that way (turnaround_days).
class TurnaroundFacts {
public:
    void add(const TurnaroundSample& s);
    void add(std::string_view township, std::string_view radiologist, std::string_view modality,
             Priority priority, Instant received_at, std::optional<Instant> signed_at);
    void append(const TurnaroundFacts& other);
    void reserve(std::size_t items);
    std::size_t size() const { return received_.size(); }

    // "" when a time lies too far from `base` to be written (then keep the facts elsewhere).
    std::string encode(Instant base) const;
    // Adds the facts of an encode(base) text; false, adding nothing, for any other text.
    bool appendEncoded(std::string_view text, Instant base);

private:
    friend struct TurnaroundFactsAccess;
    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    struct Names {
        std::vector<std::string> list;
        std::unordered_map<std::string, std::uint32_t, NameHash, std::equal_to<>> ids;
        std::uint32_t intern(std::string_view name);
    };
    static constexpr std::int64_t kUnsigned = INT64_MIN;  // in tat_
    Names townships_, radiologists_, modalities_;
    std::vector<std::int64_t> received_;  // seconds since the epoch
    std::vector<std::int64_t> tat_;       // signed_at - received_at in seconds, or kUnsigned
    std::vector<std::uint32_t> township_, radiologist_, modality_;
    std::vector<std::uint8_t> priority_;
};

// Every grouping the dashboard shows, from one set of facts.
struct TurnaroundReport {
    std::size_t items = 0;  // the facts given, whether or not received in [from, to)
    std::vector<TurnaroundStats> by_township, by_radiologist, by_modality, by_priority;
    std::vector<TurnaroundStats> overall;  // one row, group "all", when any item is in [from, to)
    const std::vector<TurnaroundStats>& groups(GroupBy by) const;
};

// For each grouping, exactly what turnaroundStats() gives over the same items as samples.
TurnaroundReport turnaroundReport(const TurnaroundFacts& facts, Instant from, Instant to,
                                  const TurnaroundPolicy& policy);
// The same over the items of several sets of facts together (null entries are skipped).
TurnaroundReport turnaroundReport(const std::vector<const TurnaroundFacts*>& facts, Instant from, Instant to,
                                  const TurnaroundPolicy& policy);

}  // namespace countyread::worklist
