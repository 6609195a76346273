#include <gtest/gtest.h>

#include "tests/support/TestSupport.h"
#include "worklist/WorklistStore.h"

using namespace countyread;
using namespace countyread::worklist;

class WorklistStoreTest : public ::testing::Test {
protected:
    test::TempDir tmp;
    std::shared_ptr<dicom::SqliteDb> db =
        std::make_shared<dicom::SqliteDb>((tmp / "w.sqlite").string());
    WorklistStore store{db};
};

TEST_F(WorklistStoreTest, ItemIsCreatedOnceAndWalksThroughItsStates) {
    auto [item, created] = store.ensureItem("1.2.3", "wenan", "CT", Priority::Routine, "t1");
    EXPECT_TRUE(created);
    EXPECT_EQ(item.state, ReadingState::Received);
    EXPECT_FALSE(store.ensureItem("1.2.3", "wenan", "CT", Priority::Routine, "t1b").second);

    store.assign("1.2.3", "li", "auto-assign", "t2");
    store.markOpened("1.2.3", "li", "t3");
    store.markOpened("1.2.3", "li", "t3b");  // re-opening is not a new transition
    store.markSigned("1.2.3", "li", "9.9.9", "t4");
    store.markDelivered("1.2.3", "t5");
    auto done = store.find("1.2.3");
    ASSERT_TRUE(done);
    EXPECT_EQ(done->state, ReadingState::Delivered);
    EXPECT_EQ(done->assigned_to, "li");
    EXPECT_EQ(done->assigned_at, "t2");
    EXPECT_EQ(done->opened_at, "t3");
    EXPECT_EQ(done->signed_at, "t4");
    EXPECT_EQ(done->signed_by, "li");
    EXPECT_EQ(done->report_sop_uid, "9.9.9");
    EXPECT_EQ(done->delivered_at, "t5");
    auto tr = store.transitions("1.2.3");
    ASSERT_EQ(tr.size(), 5u);
    EXPECT_EQ(tr[0].to, "received");
    EXPECT_EQ(tr[1].actor, "auto-assign");
    EXPECT_EQ(tr[3].from, "in_reading");
    EXPECT_EQ(tr[3].to, "signed");
    EXPECT_EQ(tr[3].actor, "li");
}

TEST_F(WorklistStoreTest, IllegalTransitionsAreRefused) {
    store.ensureItem("1.2.4", "wenan", "DX", Priority::Routine, "t1");
    EXPECT_THROW(store.markSigned("1.2.4", "li", "9", "t2"), WorkflowError);
    EXPECT_THROW(store.markDelivered("1.2.4", "t2"), WorkflowError);
    EXPECT_THROW(store.assign("9.9.9", "li", "x", "t"), WorkflowError);
    EXPECT_EQ(store.find("1.2.4")->state, ReadingState::Received);
}

TEST_F(WorklistStoreTest, OpenLoadCountsAssignedAndInReading) {
    for (auto uid : {"1.1", "1.2", "1.3"}) store.ensureItem(uid, "wenan", "DX", Priority::Routine, "t");
    store.assign("1.1", "li", "x", "t");
    store.assign("1.2", "li", "x", "t");
    store.assign("1.3", "wang", "x", "t");
    store.markOpened("1.2", "li", "t");
    store.markSigned("1.2", "li", "s", "t");
    auto load = store.openLoad();
    EXPECT_EQ(load["li"], 1);
    EXPECT_EQ(load["wang"], 1);
}

TEST_F(WorklistStoreTest, EmergencyItemsComeFirst) {
    store.ensureItem("1.1", "wenan", "DX", Priority::Routine, "t1");
    store.ensureItem("1.2", "wenan", "CT", Priority::Emergency, "t2");
    auto all = store.all();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].study_uid, "1.2");
}
