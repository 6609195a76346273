// Critical-finding acknowledgement delays and turnaround statistics.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "worklist/CriticalFinding.h"
#include "worklist/TurnaroundMetrics.h"

using namespace countyread::worklist;
using namespace std::chrono;

namespace {
const Instant t0 = sys_days{year{2024} / 5 / 6} + hours{2};

TurnaroundSample sample(const std::string& township, const std::string& radiologist,
                        const std::string& modality, Priority p, minutes received, std::optional<minutes> tat) {
    TurnaroundSample s{township, radiologist, modality, p, t0 + received, std::nullopt};
    if (tat) s.signed_at = s.received_at + *tat;
    return s;
}
}  // namespace

TEST(CriticalFinding, AcknowledgementDelay) {
    CriticalFinding f{"1.2.3", "大量气胸", t0, "li", std::nullopt, ""};
    EXPECT_FALSE(ackDelay(f).has_value());
    EXPECT_EQ(ackDelay(f, t0 + minutes{7}), minutes{7});  // still waiting
    EXPECT_FALSE(ackLate(f, t0 + minutes{15}));
    EXPECT_TRUE(ackLate(f, t0 + minutes{15} + seconds{1}));
    EXPECT_THROW(acknowledge(f, "dr-wenan", t0 - seconds{1}), WorkflowError);
    acknowledge(f, "dr-wenan", t0 + minutes{12});
    EXPECT_EQ(ackDelay(f), minutes{12});
    EXPECT_EQ(ackDelay(f, t0 + hours{5}), minutes{12});  // the clock stopped at the acknowledgement
    EXPECT_FALSE(ackLate(f, t0 + hours{5}));
    EXPECT_TRUE(ackLate(f, t0 + hours{5}, minutes{10}));  // a stricter hospital limit
    EXPECT_EQ(f.acknowledged_by, "dr-wenan");
    EXPECT_THROW(acknowledge(f, "someone-else", t0 + minutes{13}), WorkflowError);
}

TEST(TurnaroundMetrics, NearestRankPercentiles) {
    std::vector<Seconds> v = {Seconds{4}, Seconds{1}, Seconds{3}, Seconds{2}};
    EXPECT_EQ(percentile(v, 50), Seconds{2});
    EXPECT_EQ(percentile(v, 90), Seconds{4});
    std::vector<Seconds> ten;
    for (int i = 10; i >= 1; --i) ten.push_back(Seconds{i});
    EXPECT_EQ(percentile(ten, 90), Seconds{9});  // rank ceil(0.9 * 10) = 9, no rounding drift
    EXPECT_EQ(percentile(ten, 50), Seconds{5});
    EXPECT_EQ(percentile(ten, 100), Seconds{10});
    std::vector<Seconds> none;
    EXPECT_EQ(percentile(none, 50), Seconds{0});
}

TEST(TurnaroundMetrics, GroupedMedianP90AndShareWithinLimit) {
    TurnaroundPolicy policy;  // routine DX 2 h, routine CT 4 h, emergency CT 1 h
    std::vector<TurnaroundSample> s = {
        sample("wenan", "li", "DX", Priority::Routine, minutes{0}, minutes{30}),
        sample("wenan", "li", "DX", Priority::Routine, minutes{10}, minutes{60}),
        sample("wenan", "wang", "DX", Priority::Routine, minutes{20}, minutes{150}),  // late
        sample("dazhuang", "wang", "CT", Priority::Routine, minutes{30}, minutes{90}),
        sample("dazhuang", "wang", "CT", Priority::Emergency, minutes{40}, minutes{60}),  // exactly on time
        sample("dazhuang", "", "CT", Priority::Emergency, minutes{50}, std::nullopt),  // unsigned, overdue
        sample("dazhuang", "", "DX", Priority::Routine, minutes{60}, std::nullopt),    // unsigned, in time
        sample("wenan", "li", "DX", Priority::Routine, minutes{-60}, minutes{5}),      // before the period
    };
    auto from = t0, to = t0 + hours{2};
    auto by_township = turnaroundStats(s, GroupBy::Township, from, to, policy);
    ASSERT_EQ(by_township.size(), 2u);
    EXPECT_EQ(by_township[0].group, "dazhuang");
    EXPECT_EQ(by_township[0].signed_count, 2u);
    EXPECT_EQ(by_township[0].late_unsigned, 1u);  // the emergency CT, due 03:50 < 04:00
    EXPECT_EQ(by_township[0].within_limit, 2u);
    EXPECT_DOUBLE_EQ(by_township[0].share_within_limit, 2.0 / 3.0);
    EXPECT_EQ(by_township[0].median, minutes{60});
    EXPECT_EQ(by_township[0].p90, minutes{90});
    EXPECT_EQ(by_township[1].group, "wenan");
    EXPECT_EQ(by_township[1].signed_count, 3u);  // the item before the period is left out
    EXPECT_EQ(by_township[1].median, minutes{60});
    EXPECT_EQ(by_township[1].p90, minutes{150});
    EXPECT_EQ(by_township[1].within_limit, 2u);

    auto by_priority = turnaroundStats(s, GroupBy::Priority, from, to, policy);
    ASSERT_EQ(by_priority.size(), 2u);
    EXPECT_EQ(by_priority[0].group, "emergency");
    EXPECT_DOUBLE_EQ(by_priority[0].share_within_limit, 0.5);
    EXPECT_EQ(by_priority[1].group, "routine");
    EXPECT_EQ(by_priority[1].within_limit, 3u);
    EXPECT_DOUBLE_EQ(by_priority[1].share_within_limit, 0.75);

    auto by_radiologist = turnaroundStats(s, GroupBy::Radiologist, from, to, policy);
    ASSERT_EQ(by_radiologist.size(), 3u);  // "", li, wang
    EXPECT_EQ(by_radiologist[1].group, "li");
    EXPECT_EQ(by_radiologist[1].signed_count, 2u);
    EXPECT_EQ(by_radiologist[1].median, minutes{30});
    EXPECT_EQ(by_radiologist[2].group, "wang");
    EXPECT_EQ(by_radiologist[2].signed_count, 3u);
    EXPECT_EQ(by_radiologist[2].median, minutes{90});
    EXPECT_DOUBLE_EQ(by_radiologist[2].share_within_limit, 2.0 / 3.0);

    auto by_modality = turnaroundStats(s, GroupBy::Modality, from, to, policy);
    ASSERT_EQ(by_modality.size(), 2u);
    EXPECT_EQ(by_modality[0].group, "CT");
    EXPECT_EQ(by_modality[1].group, "DX");
    EXPECT_EQ(by_modality[1].signed_count, 3u);
    EXPECT_EQ(by_modality[1].late_unsigned, 0u);  // due 05:00, after the period's end
    EXPECT_TRUE(turnaroundStats(s, GroupBy::Township, t0 + hours{10}, t0 + hours{11}, policy).empty());
}

namespace {
void expectSameStats(const std::vector<TurnaroundStats>& got, const std::vector<TurnaroundStats>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].group, want[i].group);
        EXPECT_EQ(got[i].signed_count, want[i].signed_count) << want[i].group;
        EXPECT_EQ(got[i].late_unsigned, want[i].late_unsigned) << want[i].group;
        EXPECT_EQ(got[i].median, want[i].median) << want[i].group;
        EXPECT_EQ(got[i].p90, want[i].p90) << want[i].group;
        EXPECT_EQ(got[i].within_limit, want[i].within_limit) << want[i].group;
        EXPECT_DOUBLE_EQ(got[i].share_within_limit, want[i].share_within_limit) << want[i].group;
    }
}

// Nearest rank by sorting, the definition the figures follow.
Seconds sortedRank(std::vector<Seconds> v, double p) {
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()) / 100.0 - 1e-9));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

std::vector<TurnaroundSample> mixedSamples() {
    return {
        sample("wenan", "li", "DX", Priority::Routine, minutes{0}, minutes{30}),
        sample("wenan", "li", "DX", Priority::Routine, minutes{10}, minutes{60}),
        sample("问安镇", "wang", "DX", Priority::Urgent, minutes{20}, minutes{150}),
        sample("dazhuang", "wang", "CT", Priority::Routine, minutes{30}, minutes{90}),
        sample("dazhuang", "wang", "CT", Priority::Emergency, minutes{40}, minutes{60}),
        sample("dazhuang", "", "CT", Priority::Emergency, minutes{50}, std::nullopt),
        sample("dazhuang", "", "DX", Priority::Routine, minutes{60}, std::nullopt),
        sample("wenan", "li", "MR", Priority::Routine, minutes{-60}, minutes{5}),
        sample("a:b 2", "li", "DX", Priority::Urgent, minutes{70}, minutes{-3}),  // signed before received
    };
}
}  // namespace

TEST(TurnaroundMetrics, MedianAndP90AreExactInSmallAndLargeGroups) {
    // Groups small and large (a large one is counted value by value when its values span little),
    // their times in falling order, which a selection that forgets its first answer gets wrong.
    std::vector<TurnaroundSample> s;
    std::map<std::string, std::vector<Seconds>> times;
    auto add = [&](const std::string& group, int count, int step) {
        for (int i = count; i >= 1; --i) {
            auto tat = seconds{(static_cast<long>(i) * 7919 % count) * step + (i % 3)};
            TurnaroundSample x{group, "li", "DX", Priority::Routine, t0 + seconds{i % 1000}, std::nullopt};
            x.signed_at = x.received_at + tat;
            s.push_back(x);
            times[group].push_back(tat);
        }
    };
    add("one", 1, 1);
    add("two", 2, 60);
    add("seven", 7, 600);
    add("thousand", 1000, 13);
    add("big, narrow", 40000, 3);       // values within a few days
    add("big, wide", 40000, 100000);    // values over years
    TurnaroundPolicy policy;
    auto stats = turnaroundStats(s, GroupBy::Township, t0 - hours{1}, t0 + hours{1}, policy);
    ASSERT_EQ(stats.size(), times.size());
    for (const auto& st : stats) {
        EXPECT_EQ(st.signed_count, times[st.group].size()) << st.group;
        EXPECT_EQ(st.median, sortedRank(times[st.group], 50)) << st.group;
        EXPECT_EQ(st.p90, sortedRank(times[st.group], 90)) << st.group;
    }
    TurnaroundFacts facts;
    for (const auto& x : s) facts.add(x);
    expectSameStats(turnaroundReport(facts, t0 - hours{1}, t0 + hours{1}, policy).by_township, stats);
}

TEST(TurnaroundMetrics, ReportGivesEveryGroupingAsTurnaroundStats) {
    TurnaroundPolicy policy;
    auto s = mixedSamples();
    // The facts in two parts whose names come in different orders.
    TurnaroundFacts first, second;
    for (std::size_t i = 0; i < s.size(); ++i) (i % 2 ? first : second).add(s[i]);
    for (auto [from, to] : {std::pair{t0, t0 + hours{2}}, std::pair{t0 - hours{2}, t0 + minutes{45}}}) {
        auto r = turnaroundReport({&first, nullptr, &second}, from, to, policy);
        EXPECT_EQ(r.items, s.size());
        for (GroupBy by : {GroupBy::Township, GroupBy::Radiologist, GroupBy::Modality, GroupBy::Priority})
            expectSameStats(r.groups(by), turnaroundStats(s, by, from, to, policy));
        auto all = s;
        for (auto& x : all) x.township = "all";
        expectSameStats(r.overall, turnaroundStats(all, GroupBy::Township, from, to, policy));
    }
    auto r = turnaroundReport(first, t0, t0 + hours{2}, policy);
    ASSERT_EQ(r.overall.size(), 1u);
    EXPECT_EQ(r.overall[0].group, "all");
    EXPECT_TRUE(turnaroundReport(first, t0 + hours{10}, t0 + hours{11}, policy).overall.empty());
}

TEST(TurnaroundMetrics, FactsKeepTheirFiguresThroughTheirTextForm) {
    TurnaroundPolicy policy;
    auto s = mixedSamples();
    TurnaroundFacts facts;
    for (const auto& x : s) facts.add(x);
    const Instant base = t0 - hours{2};
    auto text = facts.encode(base);
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.rfind("TF1 4 3 3 9 1\n", 0), 0u) << text;  // townships, readers, modalities, items, digits
    TurnaroundFacts back;
    ASSERT_TRUE(back.appendEncoded(text, base));
    ASSERT_TRUE(back.appendEncoded(text, base));  // twice: the names are shared
    EXPECT_EQ(back.size(), 2 * s.size());
    auto twice = s;
    twice.insert(twice.end(), s.begin(), s.end());
    auto r = turnaroundReport(back, t0, t0 + hours{2}, policy);
    for (GroupBy by : {GroupBy::Township, GroupBy::Radiologist, GroupBy::Modality, GroupBy::Priority})
        expectSameStats(r.groups(by), turnaroundStats(twice, by, t0, t0 + hours{2}, policy));
    // Anything else is refused and adds nothing.
    std::string bad_digit = text;
    bad_digit[bad_digit.size() - 3] = '!';
    for (const std::string& other : {std::string(), std::string("TF1 x"), std::string("TF2") + text.substr(3),
                                      text.substr(0, text.size() - 1), text + "0", bad_digit})
        EXPECT_FALSE(back.appendEncoded(other, base)) << other;
    EXPECT_EQ(back.size(), 2 * s.size());
    // Times too far from the base to be written: no text.
    TurnaroundFacts far;
    far.add("wenan", "li", "DX", Priority::Routine, t0 + years{30}, t0 + years{30} + minutes{5});
    EXPECT_EQ(far.encode(t0), "");
    TurnaroundFacts none;
    EXPECT_EQ(none.encode(t0), "TF1 0 0 0 0 1\n");
    ASSERT_TRUE(back.appendEncoded(none.encode(t0), t0));
    EXPECT_EQ(back.size(), 2 * s.size());
}
