#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "dicom/archive/FileBlobStore.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::dicom;
namespace fs = std::filesystem;

// Several processes share one storage folder: each stages in its own folder, and a starting
// process removes only the staging folders of processes that are gone.
TEST(FileBlobStore, StagingOfLiveStoresIsKeptAndOfDeadOnesRemoved) {
    test::TempDir tmp;
    auto root = tmp / "instances";
    auto a = std::make_unique<FileBlobStore>(root);
    std::ofstream(a->stagingDir() / "in-flight.part") << "a transfer in progress";
    fs::create_directories(root / ".incoming");
    std::ofstream(root / ".incoming" / "old-layout.part") << "left by an earlier version";

    FileBlobStore b(root);
    EXPECT_NE(a->stagingDir(), b.stagingDir());
    EXPECT_EQ(a->stagingDir().parent_path(), root / ".incoming");
    EXPECT_TRUE(fs::exists(a->stagingDir() / "in-flight.part")) << "a is alive: keep its work";
    EXPECT_FALSE(fs::exists(root / ".incoming" / "old-layout.part"));

    auto a_staging = a->stagingDir();
    a.reset();  // a's process ends (or crashes): its lock is gone
    FileBlobStore c(root);
    EXPECT_FALSE(fs::exists(a_staging));
    EXPECT_TRUE(fs::is_directory(b.stagingDir()));
    EXPECT_TRUE(fs::is_directory(c.stagingDir()));
    for (const auto& e : fs::directory_iterator(root / ".incoming"))
        EXPECT_TRUE(e.is_directory()) << "only staging folders in .incoming: " << e.path();
}

TEST(FileBlobStore, CommitMovesTheStagedFileUnderItsKey) {
    test::TempDir tmp;
    FileBlobStore store(tmp / "instances");
    auto staged = store.stagingDir() / "x.part";
    std::ofstream(staged) << "DICM";
    store.commit(staged, "1.2.3/1.2.3.4.dcm");
    EXPECT_FALSE(fs::exists(staged));
    EXPECT_TRUE(store.exists("1.2.3/1.2.3.4.dcm"));
    EXPECT_EQ(store.read("1.2.3/1.2.3.4.dcm").size(), 4u);
    EXPECT_FALSE(FileBlobStore::validKey("../etc/passwd"));
    EXPECT_FALSE(FileBlobStore::validKey(".incoming/x"));
}
