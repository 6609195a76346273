#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "dicom/archive/Archive.h"
#include "dicom/archive/FileBlobStore.h"
#include "dicom/archive/SqlArchiveIndex.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestDatabase.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::dicom;
namespace fs = std::filesystem;

// The archive contract: the same body runs on every index backend (SQLite, PostgreSQL).
class ArchiveTest : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override {
        COUNTYREAD_USE_BACKEND(tdb);
        open();
    }
    // (Re)starts the archive as a process would: new database handle, new blob store.
    void open() {
        archive.reset();
        blobs.reset();  // the earlier "process" is gone, and with it the lock on its staging
        db = tdb.open();
        blobs = std::make_shared<FileBlobStore>(tmp / "instances");
        archive = std::make_unique<Archive>(blobs, std::make_shared<SqlArchiveIndex>(db));
    }
    // Writes a fixture into the staging area as the listener would.
    fs::path stage(test::FixtureSpec spec) {
        auto f = archive->newStagingFile();
        test::writeFixture(f, spec);
        return f;
    }
    test::TestDatabase tdb{GetParam()};
    test::TempDir tmp;
    std::shared_ptr<Database> db;
    std::shared_ptr<FileBlobStore> blobs;
    std::unique_ptr<Archive> archive;
};

INSTANTIATE_TEST_SUITE_P(Backends, ArchiveTest, test::allBackends(), test::backendName);

TEST_P(ArchiveTest, IngestStoresFileAndIndexesStudySeriesInstance) {
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

TEST_P(ArchiveTest, IdenticalDuplicateIsNotStoredTwice) {
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

TEST_P(ArchiveTest, DifferentContentWithSameUidReplacesAndKeepsOneRow) {
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

TEST_P(ArchiveTest, InvalidUidIsRefusedAndNothingIsWritten) {
    test::FixtureSpec spec;
    auto f = stage(spec);
    auto info = readInstanceInfo(f);
    info.sop_instance_uid = "../../escape";
    EXPECT_THROW(archive->ingest(f, info, "WENAN"), DicomError);
    EXPECT_FALSE(fs::exists(f));
    EXPECT_TRUE(archive->index().studies().empty());
}

TEST_P(ArchiveTest, IndexSurvivesReopenAndStagingLeftoversAreCleaned) {
    test::FixtureSpec spec;
    spec.study_uid = "1.2.3.7";
    for (int i = 1; i <= 3; ++i) {
        spec.sop_uid = "1.2.3.7." + std::to_string(i);
        spec.instance_number = i;
        auto f = stage(spec);
        archive->ingest(f, readInstanceInfo(f), "WENAN");
    }
    // A transfer interrupted by a crash leaves a partial file in staging.
    auto crashed_staging = blobs->stagingDir();
    std::ofstream(crashed_staging / "interrupted.part") << "partial";
    open();
    EXPECT_FALSE(fs::exists(blobs->stagingDir() / "interrupted.part"));
    EXPECT_FALSE(fs::exists(crashed_staging / "interrupted.part"));
    EXPECT_FALSE(fs::exists(crashed_staging)) << "the staging folder of a dead process is removed";
    EXPECT_TRUE(fs::is_directory(blobs->stagingDir()));
    auto instances = archive->index().instancesOfStudy("1.2.3.7");
    ASSERT_EQ(instances.size(), 3u);
    EXPECT_EQ(instances[0].info.instance_number, 1);
    EXPECT_EQ(instances[2].info.instance_number, 3);
}

TEST_P(ArchiveTest, MigrationsAreRecordedOnce) {
    open();
    open();  // a second start applies nothing again
    auto q = db->prepare("SELECT COUNT(*), MIN(version) FROM schema_migrations_archive");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.integer(0),
              static_cast<int64_t>(migrationsFor(archiveMigrations(), db->dialect()).size()));
    EXPECT_EQ(q.integer(1), 1);
}

TEST_P(ArchiveTest, ConcurrentIngestIsGroupCommittedAndLosesNothing) {
    auto index = std::make_shared<SqlArchiveIndex>(db);
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
    std::cout << "[ group commit ] " << test::backendName({GetParam(), 0}) << ": "
              << kThreads * kEach << " instances in " << index->commitCount() << " transactions, "
              << db->retryCount() << " retried\n";
}

// Two archive "processes" (own database handle, own blob store, own group commit) on one
// database and one storage folder receive overlapping instances of the same studies at once.
TEST_P(ArchiveTest, TwoProcessesOnOneDatabaseAndFolderLoseAndDuplicateNothing) {
    struct Node {
        std::shared_ptr<Database> db;
        std::shared_ptr<FileBlobStore> blobs;
        std::shared_ptr<SqlArchiveIndex> index;
        std::unique_ptr<Archive> archive;
    };
    std::vector<Node> nodes(2);
    for (auto& n : nodes) {
        n.db = tdb.open();
        n.blobs = std::make_shared<FileBlobStore>(tmp / "instances");
        n.index = std::make_shared<SqlArchiveIndex>(n.db);
        n.archive = std::make_unique<Archive>(n.blobs, n.index);
    }
    ASSERT_NE(nodes[0].blobs->stagingDir(), nodes[1].blobs->stagingDir());
    // 3 studies x 20 instances; node 0 gets instances 1-14, node 1 gets 7-20 of each study.
    constexpr int kStudies = 3, kEach = 20;
    auto sop = [](int study, int i) {
        return "1.2.3.20." + std::to_string(study) + "." + std::to_string(i);
    };
    std::vector<std::thread> threads;
    for (int n = 0; n < 2; ++n) {
        for (int half = 0; half < 2; ++half) {  // two associations per node
            threads.emplace_back([&, n, half] {
                auto& archive = *nodes[n].archive;
                for (int study = 1; study <= kStudies; ++study) {
                    for (int i = n == 0 ? 1 : 7; i <= (n == 0 ? 14 : kEach); ++i) {
                        if (i % 2 != half) continue;
                        test::FixtureSpec spec;
                        spec.study_uid = "1.2.3.20." + std::to_string(study);
                        spec.series_uid = spec.study_uid + ".1";
                        spec.sop_uid = sop(study, i);
                        spec.instance_number = i;
                        auto f = archive.newStagingFile();
                        test::writeFixture(f, spec);
                        archive.ingest(f, readInstanceInfo(f), "WENAN");
                    }
                }
            });
        }
    }
    for (auto& t : threads) t.join();
    SqlArchiveIndex check(tdb.open());
    ASSERT_EQ(check.studies().size(), static_cast<size_t>(kStudies));
    for (int study = 1; study <= kStudies; ++study) {
        auto uid = "1.2.3.20." + std::to_string(study);
        auto instances = check.instancesOfStudy(uid);
        ASSERT_EQ(instances.size(), static_cast<size_t>(kEach)) << uid;
        for (int i = 1; i <= kEach; ++i) {
            EXPECT_EQ(instances[i - 1].info.sop_instance_uid, sop(study, i));
            EXPECT_TRUE(blobs->exists(instances[i - 1].blob_key));
        }
        EXPECT_EQ(check.findStudy(uid)->instance_count, kEach) << uid;
    }
    std::cout << "[ two nodes ] " << test::backendName({GetParam(), 0}) << ": "
              << nodes[0].index->commitCount() + nodes[1].index->commitCount() << " transactions, "
              << nodes[0].db->retryCount() + nodes[1].db->retryCount() << " retried\n";
}

TEST_P(ArchiveTest, SweepRemovesOldFilesNoRowReferencesAndNothingElse) {
    test::FixtureSpec spec;
    spec.study_uid = "1.2.3.9";
    spec.sop_uid = "1.2.3.9.1";
    auto f = stage(spec);
    archive->ingest(f, readInstanceInfo(f), "WENAN");
    auto indexed = tmp / "instances" / "1.2.3.9" / "1.2.3.9.1.dcm";
    // Files committed by a process that died before its row was committed: one long ago, one
    // just now (another server may be about to commit its row).
    auto old_orphan = tmp / "instances" / "1.2.3.9" / "1.2.3.9.2.dcm";
    auto young_orphan = tmp / "instances" / "1.2.3.8" / "1.2.3.8.1.dcm";
    fs::create_directories(young_orphan.parent_path());
    test::writeFixture(old_orphan, spec);
    test::writeFixture(young_orphan, spec);
    fs::last_write_time(old_orphan, fs::file_time_type::clock::now() - std::chrono::hours(1));
    fs::last_write_time(indexed, fs::file_time_type::clock::now() - std::chrono::hours(1));
    EXPECT_EQ(archive->sweepOrphans(std::chrono::minutes(10)), 1);
    EXPECT_FALSE(fs::exists(old_orphan));
    EXPECT_TRUE(fs::exists(young_orphan));
    EXPECT_TRUE(fs::exists(indexed));
    EXPECT_EQ(archive->readInstance("1.2.3.9.1").size(), fs::file_size(indexed));
    EXPECT_EQ(archive->sweepOrphans(std::chrono::minutes(10)), 0);
}
