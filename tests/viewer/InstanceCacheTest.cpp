// InstanceCache: size limit, least-recently-used eviction, persistence across restarts, and
// file names that cannot escape the folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/support/TestSupport.h"
#include "viewer/core/InstanceCache.h"

using namespace countyread;
using namespace countyread::viewer;
namespace fs = std::filesystem;

namespace {
InstanceCache::Bytes bytes(std::size_t n, unsigned char v) { return InstanceCache::Bytes(n, v); }
}  // namespace

TEST(InstanceCache, StoresAndReturnsTheBytes) {
    test::TempDir dir;
    InstanceCache cache(dir.path() / "c", 10000);
    EXPECT_FALSE(cache.get("1.2.3"));
    ASSERT_TRUE(cache.put("1.2.3", bytes(100, 7)));
    auto got = cache.get("1.2.3");
    ASSERT_TRUE(got);
    EXPECT_EQ(*got, bytes(100, 7));
    EXPECT_EQ(cache.sizeBytes(), 100u);
    EXPECT_TRUE(fs::exists(dir.path() / "c" / "1.2.3.dcm"));
    // Replacing keeps one copy.
    ASSERT_TRUE(cache.put("1.2.3", bytes(50, 8)));
    EXPECT_EQ(cache.sizeBytes(), 50u);
    EXPECT_EQ(cache.count(), 1u);
}

TEST(InstanceCache, EvictsTheLeastRecentlyUsedBeyondTheLimit) {
    test::TempDir dir;
    InstanceCache cache(dir.path(), 300);
    cache.put("1.1", bytes(100, 1));
    cache.put("1.2", bytes(100, 2));
    cache.put("1.3", bytes(100, 3));
    EXPECT_TRUE(cache.get("1.1"));  // 1.1 is now the most recent; 1.2 the least
    cache.put("1.4", bytes(100, 4));
    EXPECT_FALSE(cache.contains("1.2"));
    EXPECT_FALSE(fs::exists(dir.path() / "1.2.dcm"));
    EXPECT_TRUE(cache.contains("1.1"));
    EXPECT_LE(cache.sizeBytes(), 300u);
    EXPECT_EQ(cache.lruOrder(), (std::vector<std::string>{"1.3", "1.1", "1.4"}));
    // Something larger than the whole cache is not stored and evicts nothing.
    EXPECT_FALSE(cache.put("1.5", bytes(301, 5)));
    EXPECT_EQ(cache.count(), 3u);
}

TEST(InstanceCache, SurvivesARestartAndEvictsToANewLimit) {
    test::TempDir dir;
    {
        InstanceCache cache(dir.path(), 1000);
        cache.put("2.1", bytes(200, 1));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        cache.put("2.2", bytes(200, 2));
    }
    std::ofstream(dir.path() / ".tmp-deadbeef") << "interrupted";
    InstanceCache reopened(dir.path(), 300);  // smaller limit: the older file goes
    EXPECT_EQ(reopened.count(), 1u);
    EXPECT_TRUE(reopened.contains("2.2"));
    EXPECT_FALSE(fs::exists(dir.path() / ".tmp-deadbeef"));
    EXPECT_EQ(*reopened.get("2.2"), bytes(200, 2));
}

TEST(InstanceCache, OddUidsBecomeSafeFileNames) {
    EXPECT_EQ(InstanceCache::fileNameFor("1.2.840.10008"), "1.2.840.10008.dcm");
    const std::string evil = InstanceCache::fileNameFor("../../etc/passwd");
    EXPECT_EQ(evil.find('/'), std::string::npos);
    EXPECT_EQ(evil.find(".."), std::string::npos);
    EXPECT_NE(evil, InstanceCache::fileNameFor("../../etc/passwe"));
    test::TempDir dir;
    InstanceCache cache(dir.path(), 1000);
    ASSERT_TRUE(cache.put("../x", bytes(10, 1)));
    EXPECT_EQ(*cache.get("../x"), bytes(10, 1));
    EXPECT_FALSE(fs::exists(dir.path().parent_path() / "x.dcm"));
}

TEST(InstanceCache, AFileChangedBehindItsBackIsAMiss) {
    test::TempDir dir;
    InstanceCache cache(dir.path(), 1000);
    cache.put("3.1", bytes(100, 1));
    std::ofstream(dir.path() / "3.1.dcm", std::ios::trunc) << "short";
    EXPECT_FALSE(cache.get("3.1"));
    EXPECT_FALSE(cache.contains("3.1"));
}
