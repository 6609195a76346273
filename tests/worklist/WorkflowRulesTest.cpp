// Pure rules of the reading workflow: clock, states, priorities, turnaround limits.
#include <gtest/gtest.h>

#include <set>

#include "worklist/Clock.h"
#include "worklist/PriorityRules.h"
#include "worklist/TurnaroundPolicy.h"

using namespace countyread::worklist;
using namespace std::chrono;

namespace {
Instant at(int y, unsigned mo, unsigned d, int h, int mi = 0, int s = 0) {
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}
WorkItem item(const std::string& modality, Priority p, Instant received) {
    WorkItem w;
    w.study_uid = "1.2.3";
    w.modality = modality;
    w.priority = p;
    w.received_at = received;
    return w;
}
}  // namespace

TEST(Clock, FakeClockIsSetAndAdvancedByTheTest) {
    FakeClock clock(at(2024, 5, 1, 0));
    EXPECT_EQ(clock.now(), at(2024, 5, 1, 0));
    clock.advance(minutes{90});
    EXPECT_EQ(clock.now(), at(2024, 5, 1, 1, 30));
    clock.set(at(2025, 1, 1, 12));
    EXPECT_EQ(clock.now(), at(2025, 1, 1, 12));
    const Clock& any = clock;
    EXPECT_EQ(any.now(), at(2025, 1, 1, 12));
    // The system clock is a real clock: after 2024, in whole seconds.
    EXPECT_GT(SystemClock{}.now(), at(2024, 1, 1, 0));
}

TEST(Clock, Iso8601RoundTripsAndReadsTheServersTimestamps) {
    EXPECT_EQ(toIso8601(at(2024, 2, 29, 23, 59, 58)), "2024-02-29T23:59:58Z");
    EXPECT_EQ(parseIso8601("2024-02-29T23:59:58Z"), at(2024, 2, 29, 23, 59, 58));
    EXPECT_EQ(parseIso8601("2024-05-01T08:30:00.123Z"), at(2024, 5, 1, 8, 30));  // dicom::nowIso8601
    EXPECT_EQ(parseIso8601("2024-05-01T08:30:00+08:00"), at(2024, 5, 1, 0, 30));
    EXPECT_FALSE(parseIso8601(""));
    EXPECT_FALSE(parseIso8601("t1"));
    EXPECT_FALSE(parseIso8601("2024-02-30T00:00:00Z"));
    EXPECT_FALSE(parseIso8601("2024-05-01T08:30:00"));  // no zone: ambiguous
    EXPECT_FALSE(parseIso8601("2024-05-01T08:30:00Zjunk"));
}

TEST(ReadingStates, EveryNameRoundTrips) {
    for (auto s : {ReadingState::Received, ReadingState::Assigned, ReadingState::InReading,
                   ReadingState::Signed, ReadingState::Delivered, ReadingState::ReturnedForRescan,
                   ReadingState::Cancelled, ReadingState::Amended})
        EXPECT_EQ(readingStateFromString(toString(s)), s) << toString(s);
    EXPECT_EQ(toString(ReadingState::ReturnedForRescan), "returned");
    EXPECT_EQ(toString(ReadingState::Cancelled), "cancelled");
    EXPECT_EQ(toString(ReadingState::Amended), "amended");
}

TEST(ReadingStates, TransitionTableIsExactlyTheWorkflow) {
    using S = ReadingState;
    const std::vector<S> all = {S::Received, S::Assigned,          S::InReading, S::Signed,
                                S::Delivered, S::ReturnedForRescan, S::Cancelled, S::Amended};
    const std::set<std::pair<S, S>> allowed = {
        {S::Received, S::Assigned},       {S::Received, S::Cancelled},
        {S::Received, S::ReturnedForRescan},
        {S::Assigned, S::InReading},      {S::Assigned, S::Assigned},
        {S::Assigned, S::Received},       {S::Assigned, S::ReturnedForRescan},
        {S::Assigned, S::Cancelled},      {S::Assigned, S::Signed},  // the server signs unopened
        {S::InReading, S::Signed},        {S::InReading, S::ReturnedForRescan},
        {S::InReading, S::Assigned},      {S::InReading, S::Received},
        {S::InReading, S::Cancelled},
        {S::Signed, S::Delivered},        {S::Signed, S::Amended},
        {S::Delivered, S::Amended},
        {S::Amended, S::Delivered},       {S::Amended, S::Amended},
        {S::ReturnedForRescan, S::Received},
    };
    int allowed_count = 0;
    for (auto from : all)
        for (auto to : all) {
            bool expected = allowed.count({from, to}) != 0;
            EXPECT_EQ(transitionAllowed(from, to), expected) << toString(from) << " -> " << toString(to);
            allowed_count += transitionAllowed(from, to);
        }
    EXPECT_EQ(allowed_count, 20);
    // Nothing leaves cancelled; nothing goes back from signed to reading.
    EXPECT_FALSE(transitionAllowed(S::Cancelled, S::Received));
    EXPECT_FALSE(transitionAllowed(S::Signed, S::InReading));
    EXPECT_FALSE(transitionAllowed(S::Delivered, S::Signed));
}

TEST(Priorities, DimsePriorityMapsHighToUrgentOnly) {
    EXPECT_EQ(priorityFromDimse(kDimsePriorityHigh), Priority::Urgent);
    EXPECT_EQ(priorityFromDimse(kDimsePriorityMedium), Priority::Routine);
    EXPECT_EQ(priorityFromDimse(kDimsePriorityLow), Priority::Routine);
    EXPECT_EQ(priorityFromDimse(0x0007), Priority::Routine);  // not a DIMSE value
}

TEST(Priorities, RulesOverrideDimseAndTheCallingAeBeatsTheTownship) {
    PriorityRules rules;
    EXPECT_EQ(rules.resolve(kDimsePriorityHigh, "wenan", "WENAN_DR"), Priority::Urgent);
    rules.setTownshipRule("wenan", Priority::Emergency);  // 文安 sends only its ER
    EXPECT_EQ(rules.resolve(kDimsePriorityMedium, "wenan", "WENAN_DR"), Priority::Emergency);
    EXPECT_EQ(rules.resolve(kDimsePriorityLow, "wenan", ""), Priority::Emergency);
    EXPECT_EQ(rules.resolve(kDimsePriorityMedium, "dazhuang", "DZ_CT"), Priority::Routine);
    rules.setCallingAeRule("WENAN_HEALTHCHECK", Priority::Routine);  // check-ups are never urgent
    EXPECT_EQ(rules.resolve(kDimsePriorityHigh, "wenan", "WENAN_HEALTHCHECK"), Priority::Routine);
    EXPECT_EQ(rules.resolve(kDimsePriorityMedium, "wenan", "WENAN_DR"), Priority::Emergency);
    rules.clearTownshipRule("wenan");
    EXPECT_EQ(rules.resolve(kDimsePriorityMedium, "wenan", "WENAN_DR"), Priority::Routine);
}

TEST(Turnaround, DefaultLimitsFollowTheTable) {
    TurnaroundPolicy p;
    for (auto m : {"CR", "DX", "DR"}) {
        EXPECT_EQ(p.limit(Priority::Emergency, m), minutes{30}) << m;
        EXPECT_EQ(p.limit(Priority::Urgent, m), minutes{60}) << m;
        EXPECT_EQ(p.limit(Priority::Routine, m), hours{2}) << m;
    }
    EXPECT_EQ(p.limit(Priority::Emergency, "CT"), minutes{60});
    EXPECT_EQ(p.limit(Priority::Urgent, "CT"), hours{2});
    EXPECT_EQ(p.limit(Priority::Routine, "CT"), hours{4});
    EXPECT_EQ(p.limit(Priority::Routine, "MR"), hours{24});
    EXPECT_EQ(p.limit(Priority::Emergency, "MR"), minutes{60});
    EXPECT_EQ(modalityClass("DX"), ModalityClass::Radiography);
    EXPECT_EQ(modalityClass("US"), ModalityClass::Other);
}

TEST(Turnaround, OverridesByModalityBeatClassAndNothingExceeds24Hours) {
    TurnaroundPolicy p;
    p.setClassLimit(Priority::Routine, ModalityClass::Radiography, hours{3});
    p.setLimit(Priority::Routine, "CR", minutes{150});
    EXPECT_EQ(p.limit(Priority::Routine, "DX"), hours{3});
    EXPECT_EQ(p.limit(Priority::Routine, "CR"), minutes{150});
    EXPECT_EQ(p.limit(Priority::Emergency, "CR"), minutes{30});  // other priorities untouched
    EXPECT_THROW(p.setLimit(Priority::Routine, "MR", hours{25}), std::invalid_argument);
    EXPECT_THROW(p.setClassLimit(Priority::Routine, ModalityClass::Other, Seconds{0}), std::invalid_argument);
    EXPECT_NO_THROW(p.setLimit(Priority::Routine, "MR", hours{24}));
}

TEST(Turnaround, DeadlineAndFractionUsed) {
    TurnaroundPolicy p;
    auto received = at(2024, 5, 1, 2);
    auto ct = item("CT", Priority::Emergency, received);
    EXPECT_EQ(p.deadline(ct), at(2024, 5, 1, 3));
    EXPECT_DOUBLE_EQ(p.fractionUsed(ct, received), 0.0);
    EXPECT_DOUBLE_EQ(p.fractionUsed(ct, at(2024, 5, 1, 2, 45)), 0.75);
    EXPECT_DOUBLE_EQ(p.fractionUsed(ct, at(2024, 5, 1, 4)), 2.0);
    EXPECT_DOUBLE_EQ(p.fractionUsed(ct, at(2024, 5, 1, 1)), 0.0);  // clock before receipt
    ct.signed_at = at(2024, 5, 1, 2, 30);  // the clock stops at the signature
    EXPECT_DOUBLE_EQ(p.fractionUsed(ct, at(2024, 5, 2, 0)), 0.5);
    auto dr = item("DX", Priority::Routine, received);
    EXPECT_EQ(p.deadline(dr), at(2024, 5, 1, 4));
    EXPECT_TRUE(p.usedAtLeast(dr, at(2024, 5, 1, 3, 36), 4, 5));  // exactly 80% of 2 h
    EXPECT_FALSE(p.usedAtLeast(dr, at(2024, 5, 1, 3, 35, 59), 4, 5));
}

TEST(Turnaround, ExplicitPriorityChangeMovesTheDeadline) {
    TurnaroundPolicy p;
    auto w = item("DX", Priority::Routine, at(2024, 5, 1, 2));
    EXPECT_EQ(p.deadline(w), at(2024, 5, 1, 4));
    w.priority = Priority::Emergency;
    EXPECT_EQ(p.deadline(w), at(2024, 5, 1, 2, 30));
}

TEST(WorkItems, AreBuiltFromStoredReadingItems) {
    ReadingItem r;
    r.study_uid = "1.2.3";
    r.township = "wenan";
    r.modality = "CT";
    r.priority = Priority::Urgent;
    r.state = ReadingState::Signed;
    r.assigned_to = "li";
    r.received_at = "2024-05-01T00:00:00.000Z";
    r.signed_at = "2024-05-01T01:00:00.000Z";
    auto w = workItemFrom(r, "HEAD");
    EXPECT_EQ(w.received_at, at(2024, 5, 1, 0));
    EXPECT_EQ(w.signed_at, at(2024, 5, 1, 1));
    EXPECT_FALSE(w.opened_at.has_value());
    EXPECT_EQ(w.body_part, "HEAD");
    EXPECT_EQ(w.state, ReadingState::Signed);
    r.received_at = "";
    EXPECT_THROW(workItemFrom(r), WorkflowError);
}
