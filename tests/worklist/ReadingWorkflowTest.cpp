// The in-memory workflow: transitions, queue order, claims, load bookkeeping, escalation.
#include <gtest/gtest.h>

#include "worklist/ReadingWorkflow.h"

using namespace countyread::worklist;
using namespace std::chrono;

namespace {
const Instant kMonday10 = shanghaiTime(2024, 5, 6, 10, 0);

class ReadingWorkflowTest : public ::testing::Test {
protected:
    void SetUp() override {
        engine.addRadiologist({"li", "李明", {"DX", "CR", "CT"}, {}, {"wenan"}, 0});
        engine.addRadiologist({"wang", "王芳", {"DX", "CT"}, {}, {}, 0});
        for (auto id : {"li", "wang"}) roster.addWeekly(id, Monday, "08:00", "17:30");
        flow.setListener([this](const WorkItem& i, ReadingState from, const std::string& actor) {
            log.push_back(i.study_uid + ":" + toString(from) + "->" + toString(i.state) + "@" + actor);
        });
    }
    const WorkItem& receive(const std::string& uid, const std::string& modality,
                            Priority p = Priority::Routine, const std::string& township = "wenan") {
        WorkItem w;
        w.study_uid = uid;
        w.modality = modality;
        w.priority = p;
        w.township = township;
        return flow.receive(w);
    }
    static std::vector<std::string> uids(const std::vector<const WorkItem*>& items) {
        std::vector<std::string> out;
        for (auto* i : items) out.push_back(i->study_uid);
        return out;
    }

    FakeClock clock{kMonday10};
    TurnaroundPolicy policy;
    Roster roster;
    AssignmentEngine engine{&roster};
    ReadingWorkflow flow{clock, policy, engine};
    std::vector<std::string> log;
};
}  // namespace

TEST_F(ReadingWorkflowTest, HappyPathKeepsTimesLoadAndTransitions) {
    receive("1", "CT");
    EXPECT_EQ(flow.find("1")->received_at, kMonday10);
    clock.advance(minutes{1});
    auto d = flow.autoAssign("1");
    ASSERT_TRUE(d);
    EXPECT_EQ(*d.radiologist, "li");  // contracted to wenan
    EXPECT_EQ(engine.load("li"), 3);
    clock.advance(minutes{2});
    ASSERT_TRUE(flow.open("1", "li"));
    EXPECT_EQ(flow.find("1")->state, ReadingState::InReading);
    EXPECT_EQ(flow.find("1")->opened_at, kMonday10 + minutes{3});
    EXPECT_EQ(engine.load("li"), 3);  // opening does not change the load
    clock.advance(minutes{10});
    flow.sign("1", "li");
    EXPECT_EQ(engine.load("li"), 0);
    EXPECT_EQ(flow.find("1")->signed_at, kMonday10 + minutes{13});
    EXPECT_EQ(flow.locks().holder("1", clock.now()), "");  // signing gives the lock back
    flow.deliver("1");
    flow.amend("1", "li");
    flow.deliver("1");
    EXPECT_EQ(flow.find("1")->state, ReadingState::Delivered);
    EXPECT_EQ(log, (std::vector<std::string>{
                       "1:received->received@wenan", "1:received->assigned@auto-assign",
                       "1:assigned->in_reading@li", "1:in_reading->signed@li",
                       "1:signed->delivered@delivery", "1:delivered->amended@li",
                       "1:amended->delivered@delivery"}));
    flow.forget("1");
    EXPECT_EQ(flow.find("1"), nullptr);
}

TEST_F(ReadingWorkflowTest, InvalidTransitionsAreRejectedAndChangeNothing) {
    receive("1", "DX");
    EXPECT_THROW(flow.sign("1", "li"), WorkflowError);  // assigned to nobody
    EXPECT_THROW(flow.deliver("1"), WorkflowError);
    EXPECT_THROW(flow.amend("1", "li"), WorkflowError);
    EXPECT_THROW(flow.release("1", "admin"), WorkflowError);  // already in the pool
    EXPECT_THROW(flow.resend("1"), WorkflowError);            // not returned
    EXPECT_THROW(flow.assign("1", "ghost", "admin"), WorkflowError);
    EXPECT_THROW(flow.sign("nope", "li"), WorkflowError);
    EXPECT_THROW(receive("1", "DX"), WorkflowError);  // duplicate
    EXPECT_EQ(flow.find("1")->state, ReadingState::Received);
    EXPECT_EQ(flow.poolSize(), 1u);
    flow.assign("1", "li", "admin");
    flow.open("1", "li");
    flow.sign("1", "li");
    EXPECT_THROW(flow.assign("1", "wang", "admin"), WorkflowError);  // signed reports are not reassigned
    EXPECT_THROW(flow.cancel("1", "admin"), WorkflowError);
    EXPECT_THROW(flow.returnForRescan("1", "li"), WorkflowError);
    flow.deliver("1");
    EXPECT_THROW(flow.deliver("1"), WorkflowError);
    EXPECT_EQ(flow.find("1")->state, ReadingState::Delivered);
    receive("2", "DX");
    flow.cancel("2", "wenan");
    EXPECT_THROW(flow.assign("2", "li", "admin"), WorkflowError);
    EXPECT_THROW(flow.resend("2"), WorkflowError);
    EXPECT_EQ(flow.poolSize(), 0u);
    EXPECT_EQ(engine.load("li"), 0);
}

TEST_F(ReadingWorkflowTest, SignedOnlyByTheAssignee) {
    receive("1", "DX");
    flow.assign("1", "li", "admin");
    EXPECT_THROW(flow.sign("1", "wang"), WorkflowError);
    flow.sign("1", "li");  // from assigned: the server accepts a report without an explicit open
    EXPECT_EQ(flow.find("1")->signed_by, "li");
}

TEST_F(ReadingWorkflowTest, EmergencyJumpsTheQueueThenDeadlineOrder) {
    receive("routine-dx", "DX");                 // deadline 10:00 + 2 h
    clock.advance(minutes{1});
    receive("urgent-ct", "CT", Priority::Urgent);  // 10:01 + 2 h: later than routine-dx
    clock.advance(minutes{1});
    receive("urgent-dx", "DX", Priority::Urgent);  // 10:02 + 1 h
    clock.advance(minutes{40});
    receive("emergency-ct", "CT", Priority::Emergency);  // 10:42 + 1 h: after urgent-dx, still first
    EXPECT_EQ(uids(flow.pool()),
              (std::vector<std::string>{"emergency-ct", "urgent-dx", "routine-dx", "urgent-ct"}));
    // The same order inside a radiologist's own queue.
    for (auto uid : {"routine-dx", "urgent-ct", "urgent-dx", "emergency-ct"}) flow.assign(uid, "wang", "admin");
    EXPECT_EQ(flow.next("wang")->study_uid, "emergency-ct");
    EXPECT_EQ(flow.queue("wang").size(), 4u);
    EXPECT_EQ(engine.load("wang"), 3 + 1 + 3 + 1);
    // A township raising the priority moves the item up.
    flow.setPriority("routine-dx", Priority::Emergency, "wenan");
    EXPECT_EQ(flow.next("wang")->study_uid, "routine-dx");  // emergency, deadline 10:30
    // orderPool sorts any list the same way.
    std::vector<const WorkItem*> list = {flow.find("urgent-ct"), flow.find("emergency-ct"),
                                         flow.find("urgent-dx")};
    orderPool(list, policy);
    EXPECT_EQ(uids(list), (std::vector<std::string>{"emergency-ct", "urgent-dx", "urgent-ct"}));
}

TEST_F(ReadingWorkflowTest, OpeningClaimsLocksAndRefusesOthers) {
    receive("1", "DX", Priority::Routine, "dazhuang");
    // Opening from the pool claims the item.
    auto first = flow.open("1", "wang");
    ASSERT_TRUE(first);
    EXPECT_EQ(flow.find("1")->assigned_to, "wang");
    EXPECT_EQ(flow.find("1")->state, ReadingState::InReading);
    EXPECT_EQ(engine.load("wang"), 1);
    auto second = flow.open("1", "li");
    EXPECT_FALSE(second);
    EXPECT_EQ(second.reason, "assigned to wang");
    EXPECT_EQ(second.lock.holder, "wang");
    // wang steps away; the lock expires, but the item stays wang's until released or reassigned.
    clock.advance(minutes{20});
    EXPECT_EQ(flow.locks().holder("1", clock.now()), "");
    EXPECT_FALSE(flow.open("1", "li"));
    EXPECT_TRUE(flow.open("1", "wang"));  // wang renews by opening again
    // The administrator forces it over to li, lock included.
    flow.forceReassign("1", "li", "admin");
    EXPECT_EQ(flow.find("1")->assigned_to, "li");
    EXPECT_EQ(flow.find("1")->state, ReadingState::Assigned);
    EXPECT_EQ(flow.locks().holder("1", clock.now()), "li");
    EXPECT_EQ(engine.load("wang"), 0);
    EXPECT_EQ(engine.load("li"), 1);
    EXPECT_FALSE(flow.open("1", "wang"));
    EXPECT_TRUE(flow.open("1", "li"));
    EXPECT_FALSE(flow.open("1", "nobody-special"));
    // A non-radiologist cannot claim from the pool.
    receive("2", "DX");
    auto clerk = flow.open("2", "clerk");
    EXPECT_FALSE(clerk);
    EXPECT_EQ(flow.find("2")->state, ReadingState::Received);
    EXPECT_EQ(flow.locks().holder("2", clock.now()), "");
}

TEST_F(ReadingWorkflowTest, ReleaseReturnResendAndCancel) {
    receive("1", "CT");
    flow.assign("1", "li", "admin");
    flow.open("1", "li");
    flow.release("1", "li");  // in_reading -> received
    EXPECT_EQ(flow.find("1")->assigned_to, "");
    EXPECT_EQ(engine.load("li"), 0);
    EXPECT_EQ(flow.poolSize(), 1u);
    flow.assign("1", "wang", "admin");
    flow.returnForRescan("1", "wang");  // motion artefacts
    EXPECT_EQ(flow.find("1")->state, ReadingState::ReturnedForRescan);
    EXPECT_EQ(engine.load("wang"), 0);
    EXPECT_EQ(flow.poolSize(), 0u);
    clock.advance(hours{1});
    flow.resend("1");  // the township re-sent: the turnaround clock restarts
    EXPECT_EQ(flow.find("1")->state, ReadingState::Received);
    EXPECT_EQ(flow.find("1")->received_at, kMonday10 + hours{1});
    EXPECT_EQ(policy.deadline(*flow.find("1")), kMonday10 + hours{5});
    flow.assign("1", "li", "admin");
    flow.cancel("1", "wenan");
    EXPECT_EQ(flow.find("1")->state, ReadingState::Cancelled);
    EXPECT_EQ(engine.load("li"), 0);
    EXPECT_TRUE(flow.unread().empty());
    receive("2", "DX");
    EXPECT_THROW(flow.forget("2"), WorkflowError);  // still open
}

TEST_F(ReadingWorkflowTest, AutoAssignLeavesItemsInThePoolWhenNobodyIsOnDuty) {
    clock.set(shanghaiTime(2024, 5, 6, 20, 0));  // Monday evening: no shift
    receive("1", "DX");
    auto d = flow.autoAssign("1");
    EXPECT_FALSE(d);
    EXPECT_NE(d.reason.find("none on duty"), std::string::npos) << d.reason;
    EXPECT_EQ(flow.find("1")->state, ReadingState::Received);
    EXPECT_EQ(flow.poolSize(), 1u);
    flow.assign("1", "li", "admin");
    EXPECT_THROW(flow.autoAssign("1"), WorkflowError);  // not in the pool any more
}

TEST_F(ReadingWorkflowTest, EscalationAtExactlyEightyPercent) {
    receive("dx", "DX");  // routine DX: 2 h limit, 80% = 96 min
    flow.assign("dx", "li", "admin");
    clock.advance(minutes{95} + seconds{59});
    EXPECT_TRUE(flow.escalations().empty());
    clock.advance(seconds{1});  // exactly 96 min
    auto e = flow.escalations();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].study_uid, "dx");
    EXPECT_EQ(e[0].level, RiskLevel::AtRisk);
    EXPECT_DOUBLE_EQ(e[0].fraction_used, 0.8);
    EXPECT_EQ(e[0].deadline, kMonday10 + hours{2});
    // wang is on duty with a lower load than li (1): re-route to wang.
    EXPECT_EQ(e[0].action, EscalationAction::Reroute);
    EXPECT_EQ(e[0].suggested, "wang");
    EXPECT_EQ(e[0].assigned_to, "li");
    clock.advance(minutes{24});  // exactly the deadline
    e = flow.escalations();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].level, RiskLevel::Overdue);
    // Signed items are not escalated however late.
    flow.sign("dx", "li");
    clock.advance(hours{3});
    EXPECT_TRUE(flow.escalations().empty());
}

TEST_F(ReadingWorkflowTest, EscalationFlagsAdminsWhenNobodyCanTakeOver) {
    receive("ct", "CT", Priority::Emergency);  // 60 min
    flow.assign("ct", "li", "admin");
    receive("other", "CT");
    flow.assign("other", "wang", "admin");
    receive("more", "DX");
    flow.assign("more", "wang", "admin");  // wang: 4 units, li: 3
    clock.advance(minutes{50});
    auto e = flow.escalations();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].action, EscalationAction::AdminAttention);
    EXPECT_EQ(e[0].suggested, "");
    EXPECT_NE(e[0].reason.find("lower load"), std::string::npos) << e[0].reason;
    // In reading: the reader is left alone while at risk, admins are told once overdue.
    flow.open("ct", "li");
    e = flow.escalations();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].action, EscalationAction::WaitForReader);
    clock.advance(minutes{10});
    e = flow.escalations();
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].level, RiskLevel::Overdue);
    EXPECT_EQ(e[0].action, EscalationAction::AdminAttention);
}

TEST_F(ReadingWorkflowTest, EscalationReroutesAwayFromAnAssigneeWhoWentOffDuty) {
    clock.set(shanghaiTime(2024, 5, 6, 16, 0));
    roster.addWeekly("yang", Monday, "17:00", "08:00");
    engine.addRadiologist({"yang", "杨", {"DX"}, {}, {}, 0});
    receive("dx", "DX");
    flow.assign("dx", "li", "admin");
    for (auto uid : {"y1", "y2"}) {  // yang will be busier than li
        receive(uid, "DX");
        flow.assign(uid, "yang", "admin");
    }
    clock.set(shanghaiTime(2024, 5, 6, 17, 45));  // 1 h 45 min: at risk; li and wang went home
    auto e = flow.escalations();
    ASSERT_FALSE(e.empty());
    EXPECT_EQ(e[0].study_uid, "dx");
    EXPECT_EQ(e[0].action, EscalationAction::Reroute);
    EXPECT_EQ(e[0].suggested, "yang");
    EXPECT_NE(e[0].reason.find("li is off duty"), std::string::npos) << e[0].reason;
    // In the pool with nobody on duty for CT: admins are told.
    receive("ct", "CT");
    clock.advance(hours{4});
    bool flagged = false;
    for (const auto& x : flow.escalations())
        if (x.study_uid == "ct") {
            flagged = true;
            EXPECT_EQ(x.action, EscalationAction::AdminAttention);
            EXPECT_EQ(x.assigned_to, "");
        }
    EXPECT_TRUE(flagged);
}
