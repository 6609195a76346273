// The outbox: durable before acknowledged, priority order, per-instance state across restarts.
#include <dcmtk/dcmdata/dcuid.h>
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "sender/LocalDb.h"
#include "sender/Outbox.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::sender;
namespace fs = std::filesystem;

namespace {

std::string newUid() {
    char buf[100];
    return dcmGenerateUniqueIdentifier(buf, SITE_INSTANCE_UID_ROOT);
}

struct Study {
    std::string uid;
    std::vector<fs::path> files;
    std::vector<std::string> sops;
};

Study makeStudy(const fs::path& dir, int n, const std::string& name, short fill = 100) {
    fs::create_directories(dir);
    Study s;
    s.uid = newUid();
    test::FixtureSpec spec;
    spec.patient_name_utf8 = name;
    spec.fill = fill;
    spec.study_uid = s.uid;
    spec.series_uid = newUid();
    for (int i = 0; i < n; ++i) {
        spec.sop_uid = newUid();
        spec.instance_number = i + 1;
        auto f = dir / (std::to_string(i + 1) + ".dcm");
        test::writeFixture(f, spec);
        s.files.push_back(f);
        s.sops.push_back(spec.sop_uid);
    }
    return s;
}

}  // namespace

TEST(Outbox, CopyIsDurableAndIndexedBeforeAddReturns) {
    test::TempDir tmp;
    auto study = makeStudy(tmp / "in", 2, "张伟");
    Outbox outbox(tmp / "outbox");
    auto r = outbox.add(study.files[0], Outbox::Storage::Copy, Priority::Routine, "test");
    EXPECT_TRUE(r.queued);
    EXPECT_EQ(r.sop_uid, study.sops[0]);
    EXPECT_TRUE(fs::exists(tmp / "outbox" / "objects" / (study.sops[0] + ".dcm")));
    // The index row is committed: a second connection (another process) sees it.
    LocalDb reader(Outbox::databasePath(tmp / "outbox"), LocalDb::Mode::ReadOnly);
    EXPECT_EQ(reader.queryInt("SELECT COUNT(*) FROM instances WHERE state='queued'"), 1);
    auto studies = readStudyStatus(reader);
    ASSERT_EQ(studies.size(), 1u);
    EXPECT_EQ(studies[0].patient_name, "张伟");
    EXPECT_EQ(studies[0].phase, StudyPhase::Queued);
    EXPECT_EQ(phaseLabelZh(studies[0].phase), "排队中");
}

TEST(Outbox, IdenticalResendIsOneInstanceChangedContentIsQueuedAgain) {
    test::TempDir tmp;
    auto study = makeStudy(tmp / "in", 1, "王芳");
    Outbox outbox(tmp / "outbox");
    outbox.add(study.files[0], Outbox::Storage::Copy, Priority::Routine, "test");
    auto item = outbox.claim();
    ASSERT_TRUE(item);
    outbox.markDelivered(item->sop_uid, item->transfer_syntax, item->size);
    EXPECT_EQ(outbox.pendingCount(), 0u);

    // The modality sends it again, unchanged: nothing to forward.
    auto again = outbox.add(study.files[0], Outbox::Storage::Copy, Priority::Routine, "test");
    EXPECT_FALSE(again.queued);
    EXPECT_EQ(outbox.pendingCount(), 0u);

    // A corrected version with the same SOP Instance UID: forwarded again.
    test::FixtureSpec spec;
    spec.study_uid = study.uid;
    spec.sop_uid = study.sops[0];
    spec.fill = 7;
    test::writeFixture(tmp / "changed.dcm", spec);
    auto changed =
        outbox.add(tmp / "changed.dcm", Outbox::Storage::Copy, Priority::Routine, "test");
    EXPECT_TRUE(changed.queued);
    EXPECT_EQ(outbox.pendingCount(), 1u);
    EXPECT_EQ(outbox.studies().size(), 1u);
}

TEST(Outbox, EmergencyStudiesJumpTheQueue) {
    test::TempDir tmp;
    auto routine = makeStudy(tmp / "a", 3, "甲");
    auto urgent = makeStudy(tmp / "b", 2, "乙");
    auto later = makeStudy(tmp / "c", 2, "丙");
    Outbox outbox(tmp / "outbox");
    for (auto& f : routine.files) outbox.add(f, Outbox::Storage::Copy, Priority::Routine, "t");
    for (auto& f : urgent.files) outbox.add(f, Outbox::Storage::Copy, Priority::Emergency, "t");
    for (auto& f : later.files) outbox.add(f, Outbox::Storage::Copy, Priority::Routine, "t");

    std::vector<std::string> order;
    while (auto item = outbox.claim()) {
        order.push_back(item->study_uid);
        if (item->study_uid == urgent.uid) {
            EXPECT_EQ(item->priority, Priority::Emergency);
        }
    }
    ASSERT_EQ(order.size(), 7u);
    EXPECT_EQ(order[0], urgent.uid);
    EXPECT_EQ(order[1], urgent.uid);
    EXPECT_EQ(order[2], routine.uid);  // then arrival order
    EXPECT_EQ(order[6], later.uid);

    // Raising a queued study's priority later works the same way.
    Outbox second(tmp / "outbox2");
    for (auto& f : routine.files) second.add(f, Outbox::Storage::Copy, Priority::Routine, "t");
    for (auto& f : later.files) second.add(f, Outbox::Storage::Copy, Priority::Routine, "t");
    second.setStudyPriority(later.uid, Priority::Emergency);
    auto first = second.claim();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->study_uid, later.uid);
    EXPECT_EQ(first->priority, Priority::Emergency);
}

TEST(Outbox, ClaimSkipsInFlightAndScheduledInstances) {
    test::TempDir tmp;
    auto study = makeStudy(tmp / "in", 3, "李娜");
    Outbox outbox(tmp / "outbox");
    for (auto& f : study.files) outbox.add(f, Outbox::Storage::Copy, Priority::Routine, "t");
    auto a = outbox.claim();
    auto b = outbox.claim();
    auto c = outbox.claim();
    ASSERT_TRUE(a && b && c);
    EXPECT_NE(a->sop_uid, b->sop_uid);
    EXPECT_NE(b->sop_uid, c->sop_uid);
    EXPECT_FALSE(outbox.claim());
    EXPECT_EQ(outbox.inFlightCount(), 3u);

    outbox.markRetry(a->sop_uid, "county busy", INT64_MAX);  // much later
    outbox.markRetry(b->sop_uid, "link down", 0);            // at once
    auto again = outbox.claim();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->sop_uid, b->sop_uid);
    EXPECT_FALSE(outbox.claim());
    outbox.markRejected(c->sop_uid, "county refused with status 0xC000");
    EXPECT_EQ(outbox.requeueRejected(study.uid), 1);
    auto requeued = outbox.claim();
    ASSERT_TRUE(requeued);
    EXPECT_EQ(requeued->sop_uid, c->sop_uid);
}

TEST(Outbox, MaxAttemptsLeavesTriedInstancesOut) {
    test::TempDir tmp;
    auto study = makeStudy(tmp / "in", 1, "赵敏");
    Outbox outbox(tmp / "outbox");
    outbox.add(study.files[0], Outbox::Storage::Copy, Priority::Routine, "t");
    for (int i = 0; i < 2; ++i) {
        auto item = outbox.claim(2);
        ASSERT_TRUE(item) << i;
        EXPECT_EQ(item->attempts, i + 1);
        outbox.markAttempt(item->sop_uid);
        outbox.markRetry(item->sop_uid, "lost", 0);
    }
    EXPECT_FALSE(outbox.claim(2));
    EXPECT_EQ(outbox.claimableCount(2), 0u);
    outbox.resetAttempts();
    EXPECT_TRUE(outbox.claim(2));
}

TEST(Outbox, StateSurvivesARestartAndDeliveredIsNeverClaimedAgain) {
    test::TempDir tmp;
    auto study = makeStudy(tmp / "in", 4, "孙丽");
    {
        Outbox outbox(tmp / "outbox");
        for (auto& f : study.files) outbox.add(f, Outbox::Storage::Copy, Priority::Routine, "t");
        for (int i = 0; i < 2; ++i) {
            auto item = outbox.claim();
            outbox.markAttempt(item->sop_uid);
            outbox.markDelivered(item->sop_uid, item->transfer_syntax, item->size);
        }
        auto in_flight = outbox.claim();  // claimed, never answered: the process dies
        ASSERT_TRUE(in_flight);
        outbox.markAttempt(in_flight->sop_uid);
    }
    Outbox reopened(tmp / "outbox");
    EXPECT_EQ(reopened.pendingCount(), 2u);
    std::set<std::string> claimed;
    while (auto item = reopened.claim()) claimed.insert(item->sop_uid);
    EXPECT_EQ(claimed, (std::set<std::string>{study.sops[2], study.sops[3]}));
    auto s = reopened.study(study.uid);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->delivered, 2);
    EXPECT_EQ(s->instances, 4);
    EXPECT_EQ(s->phase, StudyPhase::Sending);
}

TEST(Outbox, RecoveryEmptiesStagingAndAdoptsCompleteOrphans) {
    test::TempDir tmp;
    auto study = makeStudy(tmp / "in", 2, "刘洋");
    { Outbox outbox(tmp / "outbox"); }
    // A crash left a half-received staging file and a fully stored file without its row.
    std::ofstream(tmp / "outbox" / "incoming" / "scp-1.part") << "half a dataset";
    fs::copy_file(study.files[1], tmp / "outbox" / "objects" / (study.sops[1] + ".dcm"));
    std::ofstream(tmp / "outbox" / "objects" / "x.dcm.tmp123") << "partial copy";
    Outbox outbox(tmp / "outbox");
    EXPECT_TRUE(fs::is_empty(tmp / "outbox" / "incoming"));
    EXPECT_FALSE(fs::exists(tmp / "outbox" / "objects" / "x.dcm.tmp123"));
    EXPECT_EQ(outbox.pendingCount(), 1u);
    auto item = outbox.claim();
    ASSERT_TRUE(item);
    EXPECT_EQ(item->sop_uid, study.sops[1]);
}

TEST(Outbox, RefusesWhatCannotBeForwarded) {
    test::TempDir tmp;
    Outbox outbox(tmp / "outbox");
    std::ofstream(tmp / "not-dicom.txt") << "hello";
    EXPECT_THROW(outbox.add(tmp / "not-dicom.txt", Outbox::Storage::Copy, Priority::Routine, "t"),
                 std::runtime_error);
    test::FixtureSpec spec;
    spec.sop_uid = "../../etc/passwd";
    test::writeFixture(tmp / "evil.dcm", spec);
    EXPECT_THROW(outbox.add(tmp / "evil.dcm", Outbox::Storage::Copy, Priority::Routine, "t"),
                 std::runtime_error);
    EXPECT_EQ(outbox.pendingCount(), 0u);
    EXPECT_TRUE(fs::is_empty(tmp / "outbox" / "objects"));
}

TEST(Outbox, ReferenceLeavesTheFileWhereItIs) {
    test::TempDir tmp;
    auto study = makeStudy(tmp / "in", 1, "张伟");
    Outbox outbox(tmp / "outbox");
    outbox.add(study.files[0], Outbox::Storage::Reference, Priority::Routine, "t");
    EXPECT_TRUE(fs::is_empty(tmp / "outbox" / "objects"));
    auto item = outbox.claim();
    ASSERT_TRUE(item);
    EXPECT_EQ(fs::canonical(item->path), fs::canonical(study.files[0]));
}

TEST(Outbox, DeliveredFilesArePurgedAfterTheRetentionPeriodRowsStay) {
    test::TempDir tmp;
    auto study = makeStudy(tmp / "in", 2, "周杰");
    Outbox outbox(tmp / "outbox");
    for (auto& f : study.files) outbox.add(f, Outbox::Storage::Copy, Priority::Routine, "t");
    auto item = outbox.claim();
    outbox.markDelivered(item->sop_uid, item->transfer_syntax, item->size);
    EXPECT_EQ(outbox.purgeDelivered(1), 0);  // delivered just now
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_EQ(outbox.purgeDelivered(0), 1);
    EXPECT_FALSE(fs::exists(item->path));
    EXPECT_EQ(outbox.study(study.uid)->delivered, 1);  // the log of what was sent stays
    EXPECT_EQ(outbox.pendingCount(), 1u);              // the queued one is untouched
    EXPECT_EQ(outbox.purgeDelivered(0), 0);
}
