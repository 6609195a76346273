#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "dicom/archive/Archive.h"
#include "dicom/archive/FileBlobStore.h"
#include "dicom/archive/SqliteArchiveIndex.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::dicom;
namespace fs = std::filesystem;

class ArchiveTest : public ::testing::Test {
protected:
    void SetUp() override { open(); }
    void open() {
        archive.reset();
        db = std::make_shared<SqliteDb>((tmp / "index.sqlite").string());
        blobs = std::make_shared<FileBlobStore>(tmp / "instances");
        archive = std::make_unique<Archive>(blobs, std::make_shared<SqliteArchiveIndex>(db));
    }
    // Writes a fixture into the staging area as the listener would.
    fs::path stage(test::FixtureSpec spec) {
        auto f = archive->newStagingFile();
        test::writeFixture(f, spec);
        return f;
    }
    test::TempDir tmp;
    std::shared_ptr<SqliteDb> db;
    std::shared_ptr<FileBlobStore> blobs;
    std::unique_ptr<Archive> archive;
};

TEST_F(ArchiveTest, IngestStoresFileAndIndexesStudySeriesInstance) {
    test::FixtureSpec spec;
    spec.study_uid = "1.2.3.4";
    spec.sop_uid = "1.2.3.4.1";
    auto f = stage(spec);
    auto info = readInstanceInfo(f);
    auto r = archive->ingest(f, info, "WENAN");
    EXPECT_EQ(r.outcome, IndexOutcome::Added);
    EXPECT_FALSE(fs::exists(f)) << "staging file must be moved into the store";
    EXPECT_TRUE(fs::exists(tmp / "instances" / "1.2.3.4" / "1.2.3.4.1.dcm"));
    auto study = archive->index().findStudy("1.2.3.4");
    ASSERT_TRUE(study);
    EXPECT_EQ(study->info.patient_name, "张伟");
    EXPECT_EQ(study->instance_count, 1);
    EXPECT_EQ(study->source_ae, "WENAN");
    auto bytes = archive->readInstance("1.2.3.4.1");
    EXPECT_EQ(readInstanceInfo(bytes).sop_instance_uid, "1.2.3.4.1");
}

TEST_F(ArchiveTest, IdenticalDuplicateIsNotStoredTwice) {
    test::FixtureSpec spec;
    spec.study_uid = "1.2.3.5";
    spec.sop_uid = "1.2.3.5.1";
    auto f1 = stage(spec);
    archive->ingest(f1, readInstanceInfo(f1), "WENAN");
    // Rebuild the exact same file (same UIDs, same content).
    auto f2 = archive->newStagingFile();
    fs::copy_file(tmp / "instances" / "1.2.3.5" / "1.2.3.5.1.dcm", f2);
    auto r = archive->ingest(f2, readInstanceInfo(f2), "WENAN");
    EXPECT_EQ(r.outcome, IndexOutcome::IdenticalDuplicate);
    EXPECT_EQ(archive->index().findStudy("1.2.3.5")->instance_count, 1);
    EXPECT_FALSE(fs::exists(f2));
}

TEST_F(ArchiveTest, DifferentContentWithSameUidReplacesAndKeepsOneRow) {
    test::FixtureSpec spec;
    spec.study_uid = "1.2.3.6";
    spec.sop_uid = "1.2.3.6.1";
    auto f1 = stage(spec);
    archive->ingest(f1, readInstanceInfo(f1), "WENAN");
    spec.patient_name_utf8 = "张伟伟";  // corrected name re-sent by the township
    auto f2 = stage(spec);
    auto r = archive->ingest(f2, readInstanceInfo(f2), "WENAN");
    EXPECT_EQ(r.outcome, IndexOutcome::Replaced);
    EXPECT_EQ(archive->index().findStudy("1.2.3.6")->instance_count, 1);
    EXPECT_EQ(readInstanceInfo(archive->readInstance("1.2.3.6.1")).patient_name, "张伟伟");
}

TEST_F(ArchiveTest, InvalidUidIsRefusedAndNothingIsWritten) {
    test::FixtureSpec spec;
    auto f = stage(spec);
    auto info = readInstanceInfo(f);
    info.sop_instance_uid = "../../escape";
    EXPECT_THROW(archive->ingest(f, info, "WENAN"), DicomError);
    EXPECT_FALSE(fs::exists(f));
    EXPECT_TRUE(archive->index().studies().empty());
}

TEST_F(ArchiveTest, IndexSurvivesReopenAndStagingLeftoversAreCleaned) {
    test::FixtureSpec spec;
    spec.study_uid = "1.2.3.7";
    for (int i = 1; i <= 3; ++i) {
        spec.sop_uid = "1.2.3.7." + std::to_string(i);
        spec.instance_number = i;
        auto f = stage(spec);
        archive->ingest(f, readInstanceInfo(f), "WENAN");
    }
    // A transfer interrupted by a crash leaves a partial file in staging.
    std::ofstream(blobs->stagingDir() / "interrupted.part") << "partial";
    open();
    EXPECT_FALSE(fs::exists(blobs->stagingDir() / "interrupted.part"));
    auto instances = archive->index().instancesOfStudy("1.2.3.7");
    ASSERT_EQ(instances.size(), 3u);
    EXPECT_EQ(instances[0].info.instance_number, 1);
    EXPECT_EQ(instances[2].info.instance_number, 3);
}

TEST_F(ArchiveTest, MigrationsAreRecordedOnce) {
    open();
    auto q = db->prepare("SELECT COUNT(*) FROM schema_migrations_archive");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.integer(0), 1);
}

TEST_F(ArchiveTest, ConcurrentIngestIsGroupCommittedAndLosesNothing) {
    auto index = std::make_shared<SqliteArchiveIndex>(db);
    Archive shared(blobs, index);
    constexpr int kThreads = 8, kEach = 25;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            test::FixtureSpec spec;
            spec.study_uid = "1.2.3.9." + std::to_string(t + 1);
            for (int i = 1; i <= kEach; ++i) {
                spec.sop_uid = spec.study_uid + "." + std::to_string(i);
                auto f = shared.newStagingFile();
                test::writeFixture(f, spec);
                shared.ingest(f, readInstanceInfo(f), "WENAN");
            }
        });
    }
    for (auto& th : threads) th.join();
    int total = 0;
    for (auto& s : index->studies()) total += s.instance_count;
    EXPECT_EQ(total, kThreads * kEach);
    EXPECT_LE(index->commitCount(), kThreads * kEach);
    std::cout << "[ group commit ] " << kThreads * kEach << " instances in " << index->commitCount()
              << " transactions\n";
}
