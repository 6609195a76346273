#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/support/TestDatabase.h"
#include "worklist/WorklistStore.h"

using namespace countyread;
using namespace countyread::worklist;

// The worklist contract: the same body runs on every index backend (SQLite, PostgreSQL).
class WorklistStoreTest : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override {
        COUNTYREAD_USE_BACKEND(tdb);
        db = tdb.open();
        store = std::make_unique<WorklistStore>(db);
    }
    test::TestDatabase tdb{GetParam()};
    std::shared_ptr<dicom::Database> db;
    std::unique_ptr<WorklistStore> store;
};

INSTANTIATE_TEST_SUITE_P(Backends, WorklistStoreTest, test::allBackends(), test::backendName);

TEST_P(WorklistStoreTest, ItemIsCreatedOnceAndWalksThroughItsStates) {
    auto [item, created] = store->ensureItem("1.2.3", "wenan", "CT", Priority::Routine, "t1");
    EXPECT_TRUE(created);
    EXPECT_EQ(item.state, ReadingState::Received);
    EXPECT_FALSE(store->ensureItem("1.2.3", "wenan", "CT", Priority::Routine, "t1b").second);

    store->assign("1.2.3", "li", "auto-assign", "t2");
    store->markOpened("1.2.3", "li", "t3");
    store->markOpened("1.2.3", "li", "t3b");  // re-opening is not a new transition
    store->markSigned("1.2.3", "li", "9.9.9", "t4");
    store->markDelivered("1.2.3", "t5");
    auto done = store->find("1.2.3");
    ASSERT_TRUE(done);
    EXPECT_EQ(done->state, ReadingState::Delivered);
    EXPECT_EQ(done->assigned_to, "li");
    EXPECT_EQ(done->assigned_at, "t2");
    EXPECT_EQ(done->opened_at, "t3");
    EXPECT_EQ(done->signed_at, "t4");
    EXPECT_EQ(done->signed_by, "li");
    EXPECT_EQ(done->report_sop_uid, "9.9.9");
    EXPECT_EQ(done->delivered_at, "t5");
    auto tr = store->transitions("1.2.3");
    ASSERT_EQ(tr.size(), 5u);
    EXPECT_EQ(tr[0].to, "received");
    EXPECT_EQ(tr[1].actor, "auto-assign");
    EXPECT_EQ(tr[3].from, "in_reading");
    EXPECT_EQ(tr[3].to, "signed");
    EXPECT_EQ(tr[3].actor, "li");
}

TEST_P(WorklistStoreTest, IllegalTransitionsAreRefused) {
    store->ensureItem("1.2.4", "wenan", "DX", Priority::Routine, "t1");
    EXPECT_THROW(store->markSigned("1.2.4", "li", "9", "t2"), WorkflowError);
    EXPECT_THROW(store->markDelivered("1.2.4", "t2"), WorkflowError);
    EXPECT_THROW(store->assign("9.9.9", "li", "x", "t"), WorkflowError);
    EXPECT_EQ(store->find("1.2.4")->state, ReadingState::Received);
}

TEST_P(WorklistStoreTest, OpenLoadCountsAssignedAndInReading) {
    for (auto uid : {"1.1", "1.2", "1.3"})
        store->ensureItem(uid, "wenan", "DX", Priority::Routine, "t");
    store->assign("1.1", "li", "x", "t");
    store->assign("1.2", "li", "x", "t");
    store->assign("1.3", "wang", "x", "t");
    store->markOpened("1.2", "li", "t");
    store->markSigned("1.2", "li", "s", "t");
    auto load = store->openLoad();
    EXPECT_EQ(load["li"], 1);
    EXPECT_EQ(load["wang"], 1);
}

TEST_P(WorklistStoreTest, EmergencyItemsComeFirst) {
    store->ensureItem("1.1", "wenan", "DX", Priority::Routine, "t1");
    store->ensureItem("1.2", "wenan", "CT", Priority::Emergency, "t2");
    auto all = store->all();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].study_uid, "1.2");
}

// Servers sharing one database receive the first instances of a study at the same moment:
// exactly one of them creates the reading item.
TEST_P(WorklistStoreTest, ItemIsCreatedExactlyOnceByConcurrentServers) {
    std::vector<std::unique_ptr<WorklistStore>> servers;
    for (int i = 0; i < 3; ++i) servers.push_back(std::make_unique<WorklistStore>(tdb.open()));
    std::atomic<int> created{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
        threads.emplace_back([&, t] {
            for (int k = 0; k < 10; ++k) {
                auto uid = "1.9." + std::to_string(k);
                if (servers[t % 3]->ensureItem(uid, "wenan", "CT", Priority::Routine, "t").second)
                    ++created;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(created, 10);
    EXPECT_EQ(store->all().size(), 10u);
    for (int k = 0; k < 10; ++k)
        EXPECT_EQ(store->transitions("1.9." + std::to_string(k)).size(), 1u);
}
