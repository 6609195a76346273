// The gateway process killed with kill -9: once right after the modality heard "stored" (the
// county unreachable), once in the middle of forwarding. After each restart it resumes; the
// county ends with every instance once, and only what was in flight at the kill went twice.
#include <gtest/gtest.h>

#include <fstream>

#include "dicom/net/StoreClient.h"
#include "sender/LocalDb.h"
#include "sender/Outbox.h"
#include "tests/sender/FaultProxy.h"
#include "tests/sender/SenderTestData.h"
#include "tests/sender/SenderTestUtil.h"
#include "tests/sender/TestCounty.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST(CrashRecoveryE2E, KilledWhileForwardingNothingLostNothingDuplicated) {
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 30, .ct_size = 256, .dr_size = 512, .second_ct_series = true});
    test::TestCounty county(tmp / "county");
    county.start(test::freePort());
    test::FaultProxyOptions po;
    po.upstream_port = county.port();
    po.rate_bytes_per_s = 1'000'000;  // slow enough to catch the gateway mid-transfer
    test::FaultProxy line(po);
    line.setRefusing(true);  // the county is unreachable at first

    const int gateway_port = test::freePort();
    const int associations = 3;
    std::ofstream(tmp / "township.toml") << "[gateway]\n"
                                         << "aet = \"WENAN\"\n"
                                         << "port = " << gateway_port << "\n"
                                         << "data_dir = \"outbox\"\n"
                                         << "log_file = \"logs/gateway.log\"\n"
                                         << "[county]\n"
                                         << "host = \"127.0.0.1\"\n"
                                         << "port = " << line.port() << "\n"
                                         << "aet = \"COUNTY\"\n"
                                         << "associations = " << associations << "\n"
                                         << "compress = true\n"
                                         << "timeout_s = 5\n"
                                         << "backoff_initial_ms = 50\n"
                                         << "backoff_max_ms = 300\n";
    const std::vector<std::string> serve = {test::binPath("countyread-send").string(), "serve",
                                            "--config", (tmp / "township.toml").string()};
    int run = 0;
    auto startGateway = [&] {
        auto p = std::make_unique<test::Process>(
            serve, tmp / ("gateway-" + std::to_string(++run) + ".log"));
        EXPECT_TRUE(p->waitForOutput("gateway ready", 20s)) << p->output();
        return p;
    };

    // 1. The modality sends; every instance acknowledged; kill -9 at once.
    auto gateway = startGateway();
    dicom::StoreClient modality({"127.0.0.1", gateway_port, "CT01", "WENAN", 20});
    auto outcomes = modality.send(set.files);
    for (const auto& o : outcomes) ASSERT_TRUE(o.ok) << o.file << ": " << o.message;
    gateway->stop(SIGKILL);
    EXPECT_EQ(county.distinct(), 0u);

    // 2. The county is reachable again; kill -9 in the middle of forwarding.
    line.setRefusing(false);
    gateway = startGateway();
    ASSERT_TRUE(test::waitUntil([&] { return county.distinct() >= set.files.size() / 3; }, 120s));
    gateway->stop(SIGKILL);
    const size_t at_kill = county.distinct();
    std::cout << "  killed with " << at_kill << " of " << set.files.size() << " delivered\n";
    EXPECT_LT(at_kill, set.files.size()) << "the kill came too late to test anything";

    // 3. Restart: it resumes and finishes.
    gateway = startGateway();
    ASSERT_TRUE(test::waitUntil([&] { return county.distinct() == set.files.size(); }, 180s))
        << county.distinct() << " of " << set.files.size();
    ASSERT_TRUE(test::waitUntil(
        [&] {
            sender::LocalDb db(sender::Outbox::databasePath(tmp / "outbox"),
                               sender::LocalDb::Mode::ReadOnly);
            return db.queryInt("SELECT COUNT(*) FROM instances WHERE state<>'delivered'") == 0;
        },
        30s));
    EXPECT_EQ(gateway->stop(SIGTERM), 0);

    auto got = county.received();
    ASSERT_EQ(got.size(), set.files.size());
    for (const auto& [sop, original] : set.by_sop) {
        ASSERT_TRUE(got.count(sop)) << sop;
        EXPECT_TRUE(test::decodedPixels(got[sop].file) == test::decodedPixels(original)) << sop;
    }
    EXPECT_EQ(county.replaced(), 0);
    // Only instances on the wire when the process died may have gone twice.
    EXPECT_LE(county.identicalDuplicates(), associations);
    std::cout << "  county saw " << county.totalReceptions() << " C-STOREs for " << got.size()
              << " instances (" << county.identicalDuplicates() << " identical re-sends)\n";
    auto log = test::readText(tmp / "logs" / "gateway.log");
    EXPECT_NE(log.find("waiting to be forwarded"), std::string::npos);
    EXPECT_NE(log.find("delivered "), std::string::npos);
}
