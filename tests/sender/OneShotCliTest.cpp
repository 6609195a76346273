// countyread-send's one-shot command line: the contract the demo and technicians rely on.
#include <dcmtk/dcmdata/dctk.h>
#include <gtest/gtest.h>

#include <fstream>

#include "tests/sender/SenderTestData.h"
#include "tests/sender/TestCounty.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> sendArgs(int port, std::vector<std::string> extra) {
    std::vector<std::string> a = {test::binPath("countyread-send").string(),
                                  "--host",
                                  "127.0.0.1",
                                  "--port",
                                  std::to_string(port),
                                  "--aet",
                                  "WENAN",
                                  "--called-aet",
                                  "COUNTY"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
}

int countLines(const std::string& out, const std::string& prefix) {
    int n = 0;
    size_t pos = 0;
    while ((pos = out.find("\n" + prefix, pos)) != std::string::npos) {
        ++n;
        ++pos;
    }
    return n;
}

}  // namespace

TEST(OneShotCli, SendsFoldersWithOneLinePerFileAndSavesBytes) {
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 5, .ct_size = 128, .dr_size = 256, .second_ct_series = true});
    test::TestCounty county(tmp / "county");
    county.start(test::freePort());
    auto r = test::run(sendArgs(county.port(), {"--compress", (tmp / "in").string()}), 120s);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(countLines(r.output, "OK     "), static_cast<int>(set.files.size())) << r.output;
    EXPECT_NE(r.output.find(std::to_string(set.files.size()) + " sent, 0 failed"),
              std::string::npos);
    EXPECT_NE(r.output.find("compressed with JPEG-LS lossless, saved"), std::string::npos)
        << r.output;
    EXPECT_EQ(county.distinct(), set.files.size());
}

TEST(OneShotCli, ReportsFilesThatAreNotDicomAndExitsOne) {
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 1, .ct_size = 64, .dr_size = 64, .second_ct_series = false});
    std::ofstream(tmp / "in" / "readme.txt") << "not an image";
    test::TestCounty county(tmp / "county");
    county.start(test::freePort());
    auto r = test::run(sendArgs(county.port(), {(tmp / "in").string()}), 120s);
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("FAILED " + (tmp / "in" / "readme.txt").string()), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find(std::to_string(set.files.size()) + " sent, 1 failed"),
              std::string::npos);
}

TEST(OneShotCli, UnreachableCountyExitsThreeAndNoFilesExitsTwo) {
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 1, .ct_size = 64, .dr_size = 64, .second_ct_series = false});
    auto r = test::run(sendArgs(test::freePort(), {"--retries", "1", (tmp / "in").string()}), 60s);
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_NE(r.output.find("cannot open association"), std::string::npos);
    fs::create_directories(tmp / "empty");
    r = test::run(sendArgs(test::freePort(), {(tmp / "empty").string()}), 60s);
    EXPECT_EQ(r.exit_code, 2) << r.output;
}

TEST(OneShotCli, ASecondRunWithTheSameOutboxSkipsWhatWasDelivered) {
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 3, .ct_size = 64, .dr_size = 64, .second_ct_series = false});
    test::TestCounty county(tmp / "county");
    county.start(test::freePort());
    auto args =
        sendArgs(county.port(), {"--outbox", (tmp / "outbox").string(), (tmp / "in").string()});
    auto first = test::run(args, 120s);
    ASSERT_EQ(first.exit_code, 0) << first.output;
    auto second = test::run(args, 120s);
    EXPECT_EQ(second.exit_code, 0) << second.output;
    EXPECT_EQ(countLines(second.output, "OK     "), static_cast<int>(set.files.size()));
    EXPECT_NE(second.output.find("already delivered"), std::string::npos);
    EXPECT_EQ(county.totalReceptions(), static_cast<int>(set.files.size()));  // nothing re-sent
}
