// WorklistQuery::turnaround: the dashboard's turnaround figures from kept days (turnaround_days)
// and the items around them, against samples() + turnaroundStats() on every index backend.
#include <gtest/gtest.h>

#include "tests/support/TestDatabase.h"
#include "worklist/Roster.h"
#include "worklist/WorklistQuery.h"
#include "worklist/WorklistStore.h"

using namespace countyread;
using namespace countyread::worklist;
using namespace std::chrono;

namespace {

const Instant day0 = shanghaiTime(2024, 5, 6, 0);  // a Beijing midnight (2024-05-05T16:00:00Z)

void expectSameStats(const std::vector<TurnaroundStats>& got, const std::vector<TurnaroundStats>& want,
                     const std::string& what) {
    ASSERT_EQ(got.size(), want.size()) << what;
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].group, want[i].group) << what;
        EXPECT_EQ(got[i].signed_count, want[i].signed_count) << what << " " << want[i].group;
        EXPECT_EQ(got[i].late_unsigned, want[i].late_unsigned) << what << " " << want[i].group;
        EXPECT_EQ(got[i].median, want[i].median) << what << " " << want[i].group;
        EXPECT_EQ(got[i].p90, want[i].p90) << what << " " << want[i].group;
        EXPECT_EQ(got[i].within_limit, want[i].within_limit) << what << " " << want[i].group;
        EXPECT_DOUBLE_EQ(got[i].share_within_limit, want[i].share_within_limit) << what << " " << want[i].group;
    }
}

}  // namespace

class WorklistQueryTest : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override {
        COUNTYREAD_USE_BACKEND(tdb);
        db = tdb.open();
        store = std::make_unique<WorklistStore>(db);
        query = std::make_unique<WorklistQuery>(db);
        // Ten Beijing days, six items a day: two townships, two readers, DX and CT, every priority;
        // on days 0, 3, 6 and 9 the last item is still unread (day 3's is then cancelled, day 6's
        // returned for rescan: neither counts).
        for (int d = 0; d < 10; ++d)
            for (int i = 0; i < 6; ++i) {
                Priority p = i == 0 ? Priority::Emergency : i == 1 ? Priority::Urgent : Priority::Routine;
                Instant received = day0 + days{d} + hours{2 + 3 * i} + minutes{d};
                bool unread = i == 5 && d % 3 == 0;
                add(uid(d, i), i % 2 ? "wenan" : "dazhuang", i % 3 == 0 ? "CT" : "DX", p, received,
                    unread ? std::nullopt : std::optional<minutes>(minutes{10 + 17 * i + 7 * d}),
                    (i + d) % 2 ? "li" : "wang");
            }
        store->cancel(uid(3, 5), "dazhuang", "duplicate", at(day0 + days{3} + hours{20}));
        store->assign(uid(6, 5), "li", "auto-assign", at(day0 + days{6} + hours{18}));
        store->returnForRescan(uid(6, 5), "li", "motion", at(day0 + days{6} + hours{19}));
    }

    static std::string uid(int d, int i) { return "1.2.156." + std::to_string(d) + "." + std::to_string(i); }
    static std::string at(Instant t) { return isoMillis(t); }

    void add(const std::string& study, const std::string& township, const std::string& modality, Priority p,
             Instant received, std::optional<minutes> tat, const std::string& reader) {
        store->ensureItem(study, township, modality, p, at(received));
        Instant beijing = received + hours{8};
        store->setSchedule(study, {at(received + hours{2}), at(received + minutes{96}), at(beijing).substr(0, 10)});
        if (!tat) return;
        store->assign(study, reader, "auto-assign", at(received + minutes{1}));
        store->markSigned(study, reader, study + ".9", at(received + *tat));
    }

    int64_t keptDays() {
        auto q = db->prepare("SELECT COUNT(*) FROM turnaround_days");
        return q.step() ? q.integer(0) : -1;
    }

    // turnaround() must give, grouping by grouping, what samples() + turnaroundStats() give.
    TurnaroundReport expectSameAsSamples(const std::string& from, const std::string& to, const std::string& township,
                                         const std::string& now) {
        auto report = query->turnaround(from, to, township, now, policy);
        auto samples = query->samples(from, to, township);
        EXPECT_EQ(report.items, samples.size());
        auto lo = *parseIso8601(from), hi = std::min(*parseIso8601(to), *parseIso8601(now));
        expectSameStats(report.by_township, turnaroundStats(samples, GroupBy::Township, lo, hi, policy), "township");
        expectSameStats(report.by_radiologist, turnaroundStats(samples, GroupBy::Radiologist, lo, hi, policy),
                        "radiologist");
        expectSameStats(report.by_modality, turnaroundStats(samples, GroupBy::Modality, lo, hi, policy), "modality");
        expectSameStats(report.by_priority, turnaroundStats(samples, GroupBy::Priority, lo, hi, policy), "priority");
        for (auto& s : samples) s.township = "all";
        expectSameStats(report.overall, turnaroundStats(samples, GroupBy::Township, lo, hi, policy), "overall");
        return report;
    }

    test::TestDatabase tdb{GetParam()};
    std::shared_ptr<dicom::Database> db;
    std::unique_ptr<WorklistStore> store;
    std::unique_ptr<WorklistQuery> query;
    TurnaroundPolicy policy;
    // Day 9 is today: days 0..7 ended a day or more before now and are kept.
    const std::string from = at(day0), to = at(day0 + days{10}), now = at(day0 + days{9} + hours{20});
};

INSTANTIATE_TEST_SUITE_P(Backends, WorklistQueryTest, test::allBackends(), test::backendName);

TEST_P(WorklistQueryTest, TurnaroundGivesTheSamplesFiguresAndKeepsSettledDays) {
    EXPECT_EQ(keptDays(), 0);
    auto r = expectSameAsSamples(from, to, "", now);
    EXPECT_EQ(r.items, 58u);  // 60 items, less the cancelled and the returned one
    ASSERT_EQ(r.overall.size(), 1u);
    EXPECT_EQ(r.overall[0].group, "all");
    EXPECT_EQ(r.overall[0].signed_count, 56u);
    ASSERT_EQ(r.by_township.size(), 2u);
    EXPECT_EQ(r.by_township[0].group, "dazhuang");
    EXPECT_EQ(r.by_township[1].group, "wenan");
    EXPECT_EQ(r.by_township[1].signed_count + r.by_township[1].late_unsigned, 28u);  // days 0 and 9: wenan's unread
    EXPECT_EQ(keptDays(), 8);  // days 0..7
    {
        auto q = db->prepare("SELECT day, range_start, range_end, items FROM turnaround_days ORDER BY day");
        ASSERT_TRUE(q.step());
        EXPECT_EQ(q.text(0), "2024-05-06");
        EXPECT_EQ(q.text(1), "2024-05-05T16:00:00.000Z");
        EXPECT_EQ(q.text(2), "2024-05-06T16:00:00.000Z");
        EXPECT_EQ(q.integer(3), 6);
    }
    // Again, from the kept days (and this process's decoded copy of them).
    auto again = expectSameAsSamples(from, to, "", now);
    EXPECT_EQ(again.overall[0].median, r.overall[0].median);
    // A township's own figures, and a period that does not start or end at midnight.
    expectSameAsSamples(from, to, "wenan", now);
    expectSameAsSamples(at(day0 + hours{5}), at(day0 + days{9} + hours{3}), "", now);
    // Nothing is kept when the days are not settled yet.
    expectSameAsSamples(from, to, "", at(day0 + days{1} + hours{3}));
    EXPECT_EQ(keptDays(), 8);
}

TEST_P(WorklistQueryTest, AKeptDayIsDroppedWhenOneOfItsItemsChanges) {
    auto before = expectSameAsSamples(from, to, "", now);
    ASSERT_EQ(keptDays(), 8);
    // Day 0's unread item is read at last: its day is dropped, then built again with it.
    store->assign(uid(0, 5), "li", "auto-assign", at(day0 + days{8}));
    EXPECT_EQ(keptDays(), 8);  // an assignment changes no figure
    store->markSigned(uid(0, 5), "li", "x.9", at(day0 + days{8} + hours{1}));
    EXPECT_EQ(keptDays(), 7);
    auto after = expectSameAsSamples(from, to, "", now);
    EXPECT_EQ(keptDays(), 8);
    EXPECT_EQ(after.overall[0].signed_count, before.overall[0].signed_count + 1);
    EXPECT_EQ(after.overall[0].late_unsigned + 1, before.overall[0].late_unsigned);
    // A study that arrives with a time inside a kept day (another server's clock) drops that day.
    store->ensureItem("1.2.156.late", "wenan", "DX", Priority::Routine, at(day0 + days{2} + hours{5}));
    EXPECT_EQ(keptDays(), 7);
    auto late = expectSameAsSamples(from, to, "", now);
    EXPECT_EQ(late.items, after.items + 1);
    // A change of priority moves the item's limit: the day is built again.
    ItemSchedule s{at(day0 + days{4} + hours{3}), at(day0 + days{4} + hours{2}), "2024-05-10"};
    store->setPriority(uid(4, 2), Priority::Emergency, "set:admin", s, at(day0 + days{9}));
    EXPECT_EQ(keptDays(), 7);
    auto moved = expectSameAsSamples(from, to, "", now);
    ASSERT_EQ(moved.by_priority.size(), 3u);
    EXPECT_EQ(moved.by_priority[0].group, "emergency");
    EXPECT_EQ(moved.by_priority[0].signed_count, late.by_priority[0].signed_count + 1);
    // A day kept in a text this version cannot read is built again instead of believed.
    db->exec("UPDATE turnaround_days SET facts = 'TF1 garbage', digest = 'x' WHERE day = '2024-05-07'");
    expectSameAsSamples(from, to, "", now);
    auto q = db->prepare("SELECT facts FROM turnaround_days WHERE day = '2024-05-07'");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.text(0).rfind("TF1 2 2 2 6 1\n", 0), 0u) << q.text(0);
}

TEST_P(WorklistQueryTest, DailyVolumeKeepsSettledDays) {
    // Counted from reading_items: nothing is settled a day before the first item.
    auto counted = query->dailyVolume("2024-05-06", "2024-05-15", "", at(day0 - days{1}));
    EXPECT_EQ(keptDays(), 0);
    ASSERT_EQ(counted.size(), 10u);
    EXPECT_EQ(counted[0].day, "2024-05-06");
    EXPECT_EQ(counted[0].received, 6);
    EXPECT_EQ(counted[0].signed_count, 5);  // its last item is unread
    EXPECT_EQ(counted[1].signed_count, 6);
    EXPECT_EQ(counted[3].received, 6);      // cancelled and returned items are received all the same
    EXPECT_EQ(counted[3].signed_count, 5);
    auto same = [&](const std::vector<DayVolume>& got, const std::vector<DayVolume>& want) {
        ASSERT_EQ(got.size(), want.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            EXPECT_EQ(got[i].day, want[i].day);
            EXPECT_EQ(got[i].received, want[i].received) << want[i].day;
            EXPECT_EQ(got[i].signed_count, want[i].signed_count) << want[i].day;
        }
    };
    // Days 0..7 kept, 8 and 9 counted; a range wider than the data gives the same days.
    same(query->dailyVolume("2024-05-06", "2024-05-15", "", now), counted);
    EXPECT_EQ(keptDays(), 8);
    same(query->dailyVolume("2024-05-01", "2024-05-20", "", now), counted);
    EXPECT_EQ(keptDays(), 13);  // and the five empty days before, 05-01 .. 05-05
    same(query->dailyVolume("2024-05-06", "2024-05-15", "", now), counted);
    // A township's own volumes are counted.
    auto wenan = query->dailyVolume("2024-05-06", "2024-05-15", "wenan", now);
    ASSERT_EQ(wenan.size(), 10u);
    EXPECT_EQ(wenan[0].received, 3);
    // Day 0's unread item is signed: the day is dropped and built again with it.
    store->assign(uid(0, 5), "li", "auto-assign", at(day0 + days{8}));
    store->markSigned(uid(0, 5), "li", "x.9", at(day0 + days{8} + hours{1}));
    EXPECT_EQ(keptDays(), 12);
    auto after = query->dailyVolume("2024-05-06", "2024-05-15", "", now);
    EXPECT_EQ(keptDays(), 13);
    EXPECT_EQ(after[0].signed_count, 6);
    // An item moved to another day (its schedule set again) drops both days.
    store->setSchedule(uid(2, 0), {at(day0), at(day0), "2024-05-09"});
    EXPECT_EQ(keptDays(), 11);
    auto moved = query->dailyVolume("2024-05-06", "2024-05-15", "", now);
    EXPECT_EQ(moved[2].received, 5);
    EXPECT_EQ(moved[3].received, 7);
    same(moved, query->dailyVolume("2024-05-06", "2024-05-15", "", at(day0 - days{1})));
}

TEST_P(WorklistQueryTest, QueueCountsFollowEveryChangeOfState) {
    // The counts queueCounts keeps against a count of the items themselves.
    auto counted = [&](const std::string& township) {
        std::string sql = "SELECT state, priority, COUNT(*) FROM reading_items WHERE complete = 1";
        if (!township.empty()) sql += " AND township = ?";
        auto q = db->prepare(sql + " GROUP BY state, priority ORDER BY state, priority");
        if (!township.empty()) q.bind(1, township);
        std::vector<QueueCount> out;
        while (q.step()) out.push_back({q.text(0), q.text(1), q.integer(2)});
        return out;
    };
    auto expectCounted = [&](const std::string& township) {
        auto got = query->queueCounts(township), want = counted(township);
        ASSERT_EQ(got.size(), want.size()) << township;
        for (std::size_t i = 0; i < got.size(); ++i) {
            EXPECT_EQ(got[i].state, want[i].state);
            EXPECT_EQ(got[i].priority, want[i].priority);
            EXPECT_EQ(got[i].count, want[i].count) << want[i].state << " " << want[i].priority;
        }
    };
    auto all = query->queueCounts();
    ASSERT_EQ(all.size(), 6u);
    EXPECT_EQ(all[0].state, "cancelled");
    EXPECT_EQ(all[0].count, 1);
    EXPECT_EQ(all[1].state, "received");
    EXPECT_EQ(all[1].priority, "routine");
    EXPECT_EQ(all[1].count, 2);  // days 0 and 9
    EXPECT_EQ(all[2].state, "returned");
    EXPECT_EQ(all[3].state, "signed");
    EXPECT_EQ(all[3].priority, "emergency");
    EXPECT_EQ(all[3].count, 10);
    EXPECT_EQ(all[4].priority, "routine");
    EXPECT_EQ(all[4].count, 36);
    EXPECT_EQ(all[5].priority, "urgent");
    EXPECT_EQ(all[5].count, 10);
    expectCounted("");
    expectCounted("wenan");
    // Assigned, opened, signed, delivered, re-prioritised, re-sent, amended.
    store->assign(uid(9, 5), "li", "auto-assign", at(day0 + days{9} + hours{18}));
    store->markOpened(uid(9, 5), "li", at(day0 + days{9} + hours{18}));
    expectCounted("");
    store->markSigned(uid(9, 5), "li", "y.9", at(day0 + days{9} + hours{19}));
    store->markDelivered(uid(9, 5), at(day0 + days{9} + hours{19}));
    store->markDelivered(uid(9, 4), at(day0 + days{9} + hours{19}));
    store->setPriority(uid(0, 5), Priority::Urgent, "set:wenan", {}, at(day0 + days{9}));
    store->noteInstance({uid(6, 5), "wenan", "", "DX"}, at(day0 + days{9} + hours{19}), true);  // re-sent, arriving
    store->markAmended(uid(1, 1), "li", "z.9", at(day0 + days{9}));
    expectCounted("");
    expectCounted("wenan");
    expectCounted("dazhuang");
    // A new study still arriving is not counted until it is complete.
    store->noteInstance({"1.2.156.new", "wenan", "", "CT"}, at(day0 + days{9} + hours{19}), true);
    expectCounted("");
    EXPECT_TRUE(store->markComplete("1.2.156.new", at(day0 + days{9} + hours{20}), {}, at(day0 + days{9} + hours{20})));
    expectCounted("");
    // wenan's received items: day 0's (now urgent) and the new study; the re-sent one is arriving.
    int64_t received = 0;
    for (const auto& c : query->queueCounts("wenan"))
        if (c.state == "received") received += c.count;
    EXPECT_EQ(received, 2);
}
