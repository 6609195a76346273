#include <gtest/gtest.h>

#include <thread>

#include "tests/support/TestDatabase.h"
#include "worklist/AuditLog.h"
#include "worklist/DeliveryQueue.h"
#include "worklist/PasswordHasher.h"

using namespace countyread;
using namespace countyread::worklist;

// The audit and delivery contract: the same body runs on every index backend.
class AuditAndDelivery : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override {
        COUNTYREAD_USE_BACKEND(tdb);
        db = tdb.open();
    }
    test::TestDatabase tdb{GetParam()};
    std::shared_ptr<dicom::Database> db;
};

INSTANTIATE_TEST_SUITE_P(Backends, AuditAndDelivery, test::allBackends(), test::backendName);

TEST_P(AuditAndDelivery, AuditTrailIsAppendOnly) {
    AuditLog audit(db);
    audit.record("li", "study_opened", "1.2.3");
    audit.record("li", "report_signed", "1.2.3", "sop 9");
    audit.record("admin", "login", "");
    auto all = audit.entries();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[1].action, "report_signed");
    EXPECT_EQ(audit.entries("1.2.3").size(), 2u);
    EXPECT_THROW(db->exec("UPDATE audit_log SET actor = 'mallory'"), dicom::DatabaseError);
    EXPECT_THROW(db->exec("DELETE FROM audit_log"), dicom::DatabaseError);
    if (db->dialect() == dicom::Dialect::PostgreSQL)
        EXPECT_THROW(db->exec("TRUNCATE audit_log"), dicom::DatabaseError);
    EXPECT_EQ(audit.entries().size(), 3u);
}

TEST_P(AuditAndDelivery, DeliveryQueueIsIdempotentAndRetriesLater) {
    DeliveryQueue q(db);
    q.enqueue("1.2.3", "9.8.7", "wenan");
    q.enqueue("1.2.3", "9.8.7", "wenan");  // same report, same township: once
    auto due = q.due("9999-12-31T00:00:00Z");
    ASSERT_EQ(due.size(), 1u);
    q.failed(due[0].id, "connection refused", "2999-01-01T00:00:00.000Z");
    EXPECT_TRUE(q.due("2026-11-24T12:00:00Z").empty()) << "not due before its retry time";
    auto later = q.due("2999-01-01T00:00:01Z");
    ASSERT_EQ(later.size(), 1u);
    EXPECT_EQ(later[0].attempts, 1);
    EXPECT_EQ(later[0].last_error, "connection refused");
    q.succeeded(later[0].id, "2999-01-01T00:00:02Z");
    EXPECT_TRUE(q.due("9999-12-31T00:00:00Z").empty()) << "never resent once delivered";
    auto hist = q.forStudy("1.2.3");
    ASSERT_EQ(hist.size(), 1u);
    EXPECT_EQ(hist[0].state, "delivered");
    EXPECT_EQ(hist[0].attempts, 2);
}

TEST_P(AuditAndDelivery, QueueSurvivesReopen) {
    {
        DeliveryQueue q(db);
        q.enqueue("1.2.3", "9.8.7", "wenan");
    }
    db.reset();
    db = tdb.open();
    DeliveryQueue q2(db);
    EXPECT_EQ(q2.due("9999-12-31T00:00:00Z").size(), 1u);
}

TEST_P(AuditAndDelivery, ConcurrentEnqueuesFromSeveralServersQueueOnce) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            DeliveryQueue q(tdb.open());
            for (int k = 0; k < 10; ++k) q.enqueue("1.2.3", "9.8." + std::to_string(k), "wenan");
        });
    }
    for (auto& th : threads) th.join();
    DeliveryQueue q(db);
    EXPECT_EQ(q.due("9999-12-31T00:00:00Z").size(), 10u);
    EXPECT_EQ(q.forStudy("1.2.3").size(), 10u);
}

TEST_P(AuditAndDelivery, OnlyOneServerClaimsADueDelivery) {
    DeliveryQueue a(db), b(tdb.open());
    a.enqueue("1.2.3", "9.8.7", "wenan");
    auto id = a.due("9999-12-31T00:00:00Z").at(0).id;
    const std::string now = "2999-01-01T00:00:00.000Z", lease = "2999-01-01T00:02:00.000Z";
    EXPECT_TRUE(b.claim(id, now, lease));
    EXPECT_FALSE(a.claim(id, now, lease)) << "taken by the other server";
    EXPECT_TRUE(a.due(now).empty()) << "not due again while the lease runs";
    EXPECT_TRUE(a.claim(id, "2999-01-01T00:02:00.001Z", "2999-01-01T00:04:00.000Z"))
        << "a lease that ran out (its server died mid-send) can be taken over";
    a.succeeded(id, "2999-01-01T00:02:01.000Z");
    EXPECT_FALSE(b.claim(id, "9999-12-31T00:00:00Z", "9999-12-31T00:02:00Z")) << "delivered";
}

TEST(Backoff, GrowsAndIsCapped) {
    EXPECT_EQ(DeliveryQueue::backoff(0).count(), 2);
    EXPECT_EQ(DeliveryQueue::backoff(1).count(), 4);
    EXPECT_EQ(DeliveryQueue::backoff(20).count(), 300);
}

TEST(Passwords, HashVerifiesOnlyTheRightPassword) {
    auto h = hashPassword("正确的密码");
    EXPECT_EQ(h.rfind("$argon2id$", 0), 0u) << h;
    EXPECT_TRUE(verifyPassword(h, "正确的密码"));
    EXPECT_FALSE(verifyPassword(h, "wrong"));
    EXPECT_FALSE(verifyPassword("", ""));
    EXPECT_NE(hashPassword("x"), hashPassword("x")) << "salted";
    EXPECT_EQ(randomToken().size(), 64u);
    EXPECT_NE(randomToken(), randomToken());
}
