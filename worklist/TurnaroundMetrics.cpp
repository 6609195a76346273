#include "worklist/TurnaroundMetrics.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace countyread::worklist {

Seconds percentile(std::vector<Seconds>& values, double p) {
    if (values.empty()) return Seconds{0};
    auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size()) / 100.0 - 1e-9));
    rank = std::clamp<std::size_t>(rank, 1, values.size());
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank - 1), values.end());
    return values[rank - 1];
}

namespace {
const std::string& groupOf(const TurnaroundSample& s, GroupBy by, std::string& scratch) {
    switch (by) {
        case GroupBy::Township: return s.township;
        case GroupBy::Radiologist: return s.radiologist;
        case GroupBy::Modality: return s.modality;
        case GroupBy::Priority: break;
    }
    scratch = toString(s.priority);
    return scratch;
}
}  // namespace

std::vector<TurnaroundStats> turnaroundStats(const std::vector<TurnaroundSample>& samples, GroupBy by,
                                             Instant from, Instant to, const TurnaroundPolicy& policy) {
    struct Acc {
        std::vector<Seconds> tat;
        std::size_t late_unsigned = 0, within = 0;
    };
    std::map<std::string, Acc> groups;
    std::string scratch;
    for (const auto& s : samples) {
        if (s.received_at < from || s.received_at >= to) continue;
        Acc& acc = groups[groupOf(s, by, scratch)];
        Instant deadline = s.received_at + policy.limit(s.priority, s.modality);
        if (s.signed_at) {
            acc.tat.push_back(*s.signed_at - s.received_at);
            if (*s.signed_at <= deadline) ++acc.within;
        } else if (deadline < to) {
            ++acc.late_unsigned;
        }
    }
    std::vector<TurnaroundStats> out;
    out.reserve(groups.size());
    for (auto& [group, acc] : groups) {
        TurnaroundStats st;
        st.group = group;
        st.signed_count = acc.tat.size();
        st.late_unsigned = acc.late_unsigned;
        st.within_limit = acc.within;
        std::size_t denominator = st.signed_count + st.late_unsigned;
        st.share_within_limit = denominator ? static_cast<double>(acc.within) / static_cast<double>(denominator) : 0;
        st.median = percentile(acc.tat, 50);
        st.p90 = percentile(acc.tat, 90);
        out.push_back(std::move(st));
    }
    return out;
}

}  // namespace countyread::worklist
