#include "worklist/TurnaroundMetrics.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <tuple>

namespace countyread::worklist {

namespace {

std::size_t nearestRank(std::size_t n, double p) {
    auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(n) / 100.0 - 1e-9));
    return std::clamp<std::size_t>(rank, 1, n);
}

// Buffers reused from one grouping to the next (a year's items would otherwise cost fresh memory
// for every grouping).
struct Scratch {
    std::vector<std::int64_t> flat;
    std::vector<std::uint32_t> counts;
};

// The median and p90 of [begin, end) (reordered), as percentile() gives them. A large group whose
// values span less than a few days is counted value by value instead of partitioned.
std::pair<Seconds, Seconds> medianAndP90(std::int64_t* begin, std::int64_t* end, Scratch& scratch) {
    if (begin == end) return {Seconds{0}, Seconds{0}};
    const auto n = static_cast<std::size_t>(end - begin);
    const std::size_t r50 = nearestRank(n, 50) - 1, r90 = nearestRank(n, 90) - 1;
    constexpr std::size_t kLarge = 1 << 15;
    constexpr std::int64_t kSpan = 1 << 19;
    if (n >= kLarge) {
        auto [lo, hi] = std::minmax_element(begin, end);
        if (*hi - *lo < kSpan) {
            const std::int64_t base = *lo;
            auto& counts = scratch.counts;
            counts.assign(static_cast<std::size_t>(*hi - base) + 1, 0);
            for (auto* v = begin; v != end; ++v) ++counts[static_cast<std::size_t>(*v - base)];
            std::int64_t median = base, p90 = base;
            std::size_t seen = 0, v = 0;
            for (; v < counts.size(); ++v) {  // the value at 0-based rank r: seen <= r < seen + counts[v]
                if (seen + counts[v] > r50) break;
                seen += counts[v];
            }
            median = base + static_cast<std::int64_t>(v);
            for (; v < counts.size(); ++v) {
                if (seen + counts[v] > r90) break;
                seen += counts[v];
            }
            p90 = base + static_cast<std::int64_t>(v);
            return {Seconds{median}, Seconds{p90}};
        }
    }
    std::nth_element(begin, begin + static_cast<std::ptrdiff_t>(r50), end);
    const Seconds median{begin[r50]};
    // Everything after the median's place is not below it: the p90 is found among those.
    std::nth_element(begin + static_cast<std::ptrdiff_t>(std::min(r50, r90)), begin + static_cast<std::ptrdiff_t>(r90), end);
    return {median, Seconds{begin[r90]}};
}

// What an item is to the figures of a period [from, to).
enum Outcome : std::uint8_t {
    kOutside = 0,     // received outside the period
    kOpen,            // unsigned, its deadline not yet passed at `to`
    kLateUnsigned,    // unsigned, its deadline passed before `to`
    kSignedLate,      // signed after its deadline
    kSignedInTime,    // signed by its deadline
};

Outcome outcomeOf(std::int64_t received, std::int64_t tat, std::int64_t limit, std::int64_t from, std::int64_t to,
                  std::int64_t unsigned_marker) {
    if (received < from || received >= to) return kOutside;
    if (tat == unsigned_marker) return received + limit < to ? kLateUnsigned : kOpen;
    return tat <= limit ? kSignedInTime : kSignedLate;
}

// One row per group with an item in the period, sorted by name. visit(fn) calls
// fn(group, outcome, tat) for every item in the period (group < names.size(); tat is read for
// signed items only), the same way each time it is called.
template <typename Visit>
std::vector<TurnaroundStats> grouped(const std::vector<std::string>& names, Visit&& visit, Scratch& scratch) {
    const std::size_t groups = names.size();
    std::vector<std::size_t> present(groups), signed_count(groups), within(groups), late(groups);
    visit([&](std::size_t g, std::uint8_t o, std::int64_t) {
        ++present[g];
        if (o == kLateUnsigned) ++late[g];
        if (o >= kSignedLate) ++signed_count[g];
        if (o == kSignedInTime) ++within[g];
    });
    // The signed items' turnaround times, group by group, in one array.
    std::vector<std::size_t> start(groups + 1, 0);
    for (std::size_t g = 0; g < groups; ++g) start[g + 1] = start[g] + signed_count[g];
    auto& flat = scratch.flat;
    flat.resize(start[groups]);
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    visit([&](std::size_t g, std::uint8_t o, std::int64_t tat) {
        if (o >= kSignedLate) flat[next[g]++] = tat;
    });

    std::vector<TurnaroundStats> out;
    for (std::size_t g = 0; g < groups; ++g) {
        if (!present[g]) continue;
        TurnaroundStats st;
        st.group = names[g];
        st.signed_count = signed_count[g];
        st.late_unsigned = late[g];
        st.within_limit = within[g];
        std::size_t denominator = st.signed_count + st.late_unsigned;
        st.share_within_limit = denominator ? static_cast<double>(st.within_limit) / static_cast<double>(denominator) : 0;
        std::tie(st.median, st.p90) = medianAndP90(flat.data() + start[g], flat.data() + start[g + 1], scratch);
        out.push_back(std::move(st));
    }
    std::sort(out.begin(), out.end(), [](const TurnaroundStats& a, const TurnaroundStats& b) { return a.group < b.group; });
    return out;
}

const std::vector<std::string>& priorityNames() {
    static const std::vector<std::string> names{toString(Priority::Routine), toString(Priority::Urgent),
                                                toString(Priority::Emergency)};
    return names;
}
std::uint8_t priorityIndex(Priority p) { return p == Priority::Emergency ? 2 : p == Priority::Urgent ? 1 : 0; }
Priority priorityOfIndex(std::uint8_t i) { return i == 2 ? Priority::Emergency : i == 1 ? Priority::Urgent : Priority::Routine; }

// Turnaround limits per (modality id, priority index), looked up once per name.
std::vector<std::array<std::int64_t, 3>> limitTable(const std::vector<std::string>& modalities,
                                                    const TurnaroundPolicy& policy) {
    std::vector<std::array<std::int64_t, 3>> out(modalities.size());
    for (std::size_t m = 0; m < modalities.size(); ++m)
        for (std::uint8_t p = 0; p < 3; ++p) out[m][p] = policy.limit(priorityOfIndex(p), modalities[m]).count();
    return out;
}

}  // namespace

Seconds percentile(std::vector<Seconds>& values, double p) {
    if (values.empty()) return Seconds{0};
    auto rank = nearestRank(values.size(), p);
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank - 1), values.end());
    return values[rank - 1];
}

std::vector<TurnaroundStats> turnaroundStats(const std::vector<TurnaroundSample>& samples, GroupBy by,
                                             Instant from, Instant to, const TurnaroundPolicy& policy) {
    constexpr std::int64_t kUnsignedTat = INT64_MIN;
    std::vector<std::string> names;
    std::map<std::string, std::uint32_t, std::less<>> ids;
    std::map<std::string, std::array<std::int64_t, 3>, std::less<>> limits;  // per modality and priority
    std::vector<std::uint32_t> key(samples.size());
    std::vector<std::int64_t> tat(samples.size(), kUnsignedTat);
    std::vector<std::uint8_t> outcome(samples.size(), kOutside);
    const std::int64_t f = from.time_since_epoch().count(), t = to.time_since_epoch().count();
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const auto& s = samples[i];
        std::int64_t received = s.received_at.time_since_epoch().count();
        if (received < f || received >= t) continue;
        std::string_view group = by == GroupBy::Township      ? std::string_view(s.township)
                                 : by == GroupBy::Radiologist ? std::string_view(s.radiologist)
                                 : by == GroupBy::Modality    ? std::string_view(s.modality)
                                                              : std::string_view(priorityNames()[priorityIndex(s.priority)]);
        auto id = ids.find(group);
        if (id == ids.end()) {
            id = ids.emplace(std::string(group), static_cast<std::uint32_t>(names.size())).first;
            names.emplace_back(group);
        }
        key[i] = id->second;
        auto limit = limits.find(s.modality);
        if (limit == limits.end()) {
            std::array<std::int64_t, 3> per_priority{};
            for (std::uint8_t p = 0; p < 3; ++p) per_priority[p] = policy.limit(priorityOfIndex(p), s.modality).count();
            limit = limits.emplace(s.modality, per_priority).first;
        }
        if (s.signed_at) tat[i] = (*s.signed_at - s.received_at).count();
        outcome[i] = outcomeOf(received, tat[i], limit->second[priorityIndex(s.priority)], f, t, kUnsignedTat);
    }
    Scratch scratch;
    return grouped(
        names,
        [&](auto&& fn) {
            for (std::size_t i = 0; i < samples.size(); ++i)
                if (outcome[i] != kOutside) fn(key[i], outcome[i], tat[i]);
        },
        scratch);
}

// --- TurnaroundFacts ------------------------------------------------------------------------------

std::uint32_t TurnaroundFacts::Names::intern(std::string_view name) {
    auto it = ids.find(name);
    if (it != ids.end()) return it->second;
    auto id = static_cast<std::uint32_t>(list.size());
    list.emplace_back(name);
    ids.emplace(list.back(), id);
    return id;
}

void TurnaroundFacts::add(const TurnaroundSample& s) {
    add(s.township, s.radiologist, s.modality, s.priority, s.received_at, s.signed_at);
}

void TurnaroundFacts::add(std::string_view township, std::string_view radiologist, std::string_view modality,
                          Priority priority, Instant received_at, std::optional<Instant> signed_at) {
    township_.push_back(townships_.intern(township));
    radiologist_.push_back(radiologists_.intern(radiologist));
    modality_.push_back(modalities_.intern(modality));
    priority_.push_back(priorityIndex(priority));
    received_.push_back(received_at.time_since_epoch().count());
    tat_.push_back(signed_at ? (*signed_at - received_at).count() : kUnsigned);
}

void TurnaroundFacts::reserve(std::size_t items) {
    received_.reserve(items);
    tat_.reserve(items);
    township_.reserve(items);
    radiologist_.reserve(items);
    modality_.reserve(items);
    priority_.reserve(items);
}

void TurnaroundFacts::append(const TurnaroundFacts& other) {
    auto map = [](const Names& from, Names& to) {
        std::vector<std::uint32_t> ids;
        for (const auto& name : from.list) ids.push_back(to.intern(name));
        return ids;
    };
    auto townships = map(other.townships_, townships_), radiologists = map(other.radiologists_, radiologists_),
         modalities = map(other.modalities_, modalities_);
    for (std::size_t i = 0; i < other.size(); ++i) {
        township_.push_back(townships[other.township_[i]]);
        radiologist_.push_back(radiologists[other.radiologist_[i]]);
        modality_.push_back(modalities[other.modality_[i]]);
    }
    priority_.insert(priority_.end(), other.priority_.begin(), other.priority_.end());
    received_.insert(received_.end(), other.received_.begin(), other.received_.end());
    tat_.insert(tat_.end(), other.tat_.begin(), other.tat_.end());
}

// The text form: a header "TF1 <townships> <radiologists> <modalities> <items> <w>\n", the names
// as <length>:<bytes>, then one fixed-width record per item in base-64 digits: received_at - base
// (5 digits, offset by 2^29), turnaround (6 digits, offset by 2^35; 64^6 - 1 = unsigned), the
// township, radiologist and modality numbers (w digits each) and the priority (1 digit).
namespace {
constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/";
constexpr std::int64_t kReceivedBias = std::int64_t{1} << 29, kTatBias = std::int64_t{1} << 35;
constexpr std::int64_t kTatNone = (std::int64_t{1} << 36) - 1;

void putDigits(std::string& out, std::int64_t value, int width) {
    for (int d = width - 1; d >= 0; --d) out += kDigits[(value >> (6 * d)) & 63];
}

// The value of each base-64 digit; 0xFF for characters outside the alphabet.
const std::array<std::uint8_t, 256>& digitValues() {
    static const auto table = [] {
        std::array<std::uint8_t, 256> t{};
        t.fill(0xFF);
        for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kDigits[i])] = static_cast<std::uint8_t>(i);
        return t;
    }();
    return table;
}

bool getNumber(const char*& p, const char* end, char stop, std::size_t& value) {
    auto r = std::from_chars(p, end, value);
    if (r.ec != std::errc() || r.ptr == end || *r.ptr != stop) return false;
    p = r.ptr + 1;
    return true;
}
}  // namespace

std::string TurnaroundFacts::encode(Instant base) const {
    const std::int64_t b = base.time_since_epoch().count();
    std::size_t most = std::max({townships_.list.size(), radiologists_.list.size(), modalities_.list.size(), std::size_t{1}});
    int w = 1;
    while ((std::size_t{1} << (6 * w)) < most) ++w;
    std::string out = "TF1 " + std::to_string(townships_.list.size()) + " " + std::to_string(radiologists_.list.size()) +
                      " " + std::to_string(modalities_.list.size()) + " " + std::to_string(size()) + " " +
                      std::to_string(w) + "\n";
    for (const Names* names : {&townships_, &radiologists_, &modalities_})
        for (const auto& name : names->list) out += std::to_string(name.size()) + ":" + name;
    out.reserve(out.size() + size() * static_cast<std::size_t>(12 + 3 * w));
    for (std::size_t i = 0; i < size(); ++i) {
        std::int64_t received = received_[i] - b;
        if (received < -kReceivedBias || received >= kReceivedBias) return {};
        std::int64_t tat = kTatNone;
        if (tat_[i] != kUnsigned) {
            if (tat_[i] < -kTatBias || tat_[i] >= kTatBias - 1) return {};
            tat = tat_[i] + kTatBias;
        }
        putDigits(out, received + kReceivedBias, 5);
        putDigits(out, tat, 6);
        putDigits(out, township_[i], w);
        putDigits(out, radiologist_[i], w);
        putDigits(out, modality_[i], w);
        putDigits(out, priority_[i], 1);
    }
    return out;
}

bool TurnaroundFacts::appendEncoded(std::string_view text, Instant base) {
    const char* p = text.data();
    const char* end = p + text.size();
    if (text.substr(0, 4) != "TF1 ") return false;
    p += 4;
    std::size_t counts[3], items = 0, w = 0;
    if (!getNumber(p, end, ' ', counts[0]) || !getNumber(p, end, ' ', counts[1]) || !getNumber(p, end, ' ', counts[2]) ||
        !getNumber(p, end, ' ', items) || !getNumber(p, end, '\n', w) || w < 1 || w > 5)
        return false;
    // Names: local number -> ours.
    Names* dims[3] = {&townships_, &radiologists_, &modalities_};
    std::vector<std::uint32_t> local[3];
    for (int d = 0; d < 3; ++d) {
        if (counts[d] > text.size()) return false;
        local[d].reserve(counts[d]);
        for (std::size_t k = 0; k < counts[d]; ++k) {
            std::size_t length = 0;
            if (!getNumber(p, end, ':', length) || length > static_cast<std::size_t>(end - p)) return false;
            local[d].push_back(dims[d]->intern(std::string_view(p, length)));
            p += length;
        }
    }
    const std::size_t record = 12 + 3 * w;
    if (static_cast<std::size_t>(end - p) != items * record) return false;
    const std::size_t before = size();
    const std::int64_t b = base.time_since_epoch().count();
    const auto& values = digitValues();
    unsigned bad = 0;  // any character outside the alphabet sets a bit above 63
    auto digits = [&](std::size_t width) {
        std::int64_t v = 0;
        for (std::size_t d = 0; d < width; ++d) {
            unsigned x = values[static_cast<unsigned char>(*p++)];
            bad |= x;
            v = (v << 6) | (x & 63);
        }
        return v;
    };
    for (std::size_t i = 0; i < items; ++i) {
        std::int64_t received = digits(5), tat = digits(6);
        auto township = static_cast<std::size_t>(digits(w)), radiologist = static_cast<std::size_t>(digits(w)),
             modality = static_cast<std::size_t>(digits(w));
        auto priority = digits(1);
        if ((bad & ~63u) || township >= counts[0] || radiologist >= counts[1] || modality >= counts[2] || priority > 2) {
            for (auto* v : {&received_, &tat_}) v->resize(before);
            for (auto* v : {&township_, &radiologist_, &modality_}) v->resize(before);
            priority_.resize(before);
            return false;
        }
        received_.push_back(received - kReceivedBias + b);
        tat_.push_back(tat == kTatNone ? kUnsigned : tat - kTatBias);
        township_.push_back(local[0][township]);
        radiologist_.push_back(local[1][radiologist]);
        modality_.push_back(local[2][modality]);
        priority_.push_back(static_cast<std::uint8_t>(priority));
    }
    return true;
}

// --- The report -----------------------------------------------------------------------------------

struct TurnaroundFactsAccess {
    static TurnaroundReport report(const std::vector<const TurnaroundFacts*>& facts, Instant from, Instant to,
                                   const TurnaroundPolicy& policy) {
        TurnaroundReport r;
        const std::int64_t lo = from.time_since_epoch().count(), hi = to.time_since_epoch().count();
        // One numbering of the names over every part.
        TurnaroundFacts::Names names[3];
        struct Part {
            const TurnaroundFacts* f;
            std::vector<std::uint32_t> ids[3];  // the part's name number -> ours
            std::vector<std::uint8_t> outcome;
        };
        std::vector<Part> parts;
        for (const TurnaroundFacts* f : facts) {
            if (!f) continue;
            r.items += f->size();
            Part& part = parts.emplace_back(Part{f, {}, {}});
            const TurnaroundFacts::Names* theirs[3] = {&f->townships_, &f->radiologists_, &f->modalities_};
            for (int d = 0; d < 3; ++d)
                for (const auto& name : theirs[d]->list) part.ids[d].push_back(names[d].intern(name));
            const auto limits = limitTable(f->modalities_.list, policy);
            part.outcome.resize(f->size());
            for (std::size_t i = 0; i < f->size(); ++i)
                part.outcome[i] = outcomeOf(f->received_[i], f->tat_[i], limits[f->modality_[i]][f->priority_[i]], lo,
                                            hi, TurnaroundFacts::kUnsigned);
        }
        // visit(fn) for a grouping: fn(group, outcome, tat) for every item in the period.
        auto by = [&](auto group) {
            return [&parts, group](auto&& fn) {
                for (const Part& part : parts)
                    for (std::size_t i = 0; i < part.outcome.size(); ++i)
                        if (part.outcome[i] != kOutside) fn(group(part, i), part.outcome[i], part.f->tat_[i]);
            };
        };
        Scratch scratch;
        r.by_township = grouped(names[0].list, by([](const Part& p, std::size_t i) { return p.ids[0][p.f->township_[i]]; }),
                                scratch);
        r.by_radiologist = grouped(
            names[1].list, by([](const Part& p, std::size_t i) { return p.ids[1][p.f->radiologist_[i]]; }), scratch);
        r.by_modality = grouped(names[2].list, by([](const Part& p, std::size_t i) { return p.ids[2][p.f->modality_[i]]; }),
                                scratch);
        r.by_priority = grouped(priorityNames(), by([](const Part& p, std::size_t i) { return p.f->priority_[i]; }), scratch);
        static const std::vector<std::string> all{"all"};
        r.overall = grouped(all, by([](const Part&, std::size_t) { return 0; }), scratch);
        return r;
    }
};

TurnaroundReport turnaroundReport(const TurnaroundFacts& facts, Instant from, Instant to,
                                  const TurnaroundPolicy& policy) {
    return TurnaroundFactsAccess::report({&facts}, from, to, policy);
}

TurnaroundReport turnaroundReport(const std::vector<const TurnaroundFacts*>& facts, Instant from, Instant to,
                                  const TurnaroundPolicy& policy) {
    return TurnaroundFactsAccess::report(facts, from, to, policy);
}

const std::vector<TurnaroundStats>& TurnaroundReport::groups(GroupBy by) const {
    switch (by) {
        case GroupBy::Township: return by_township;
        case GroupBy::Radiologist: return by_radiologist;
        case GroupBy::Modality: return by_modality;
        case GroupBy::Priority: break;
    }
    return by_priority;
}

}  // namespace countyread::worklist
