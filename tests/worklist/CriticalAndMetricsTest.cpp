// Critical-finding acknowledgement delays and turnaround statistics.
#include <gtest/gtest.h>

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
