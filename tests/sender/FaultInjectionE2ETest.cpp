// A rural line at its worst: 100 faults (drops mid-PDU, resets, stalls) injected by a proxy
// between the gateway and the county while a multi-series CT + DR set is forwarded with
// compression over three associations. Every instance must reach the county exactly once with
// pixel data identical to what the modality produced.
#include <gtest/gtest.h>

#include "sender/Forwarder.h"
#include "sender/Outbox.h"
#include "tests/sender/FaultProxy.h"
#include "tests/sender/SenderTestData.h"
#include "tests/sender/SenderTestUtil.h"
#include "tests/sender/TestCounty.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::sender;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST(FaultInjectionE2E, HundredFaultsEveryInstanceOnceWithIdenticalPixels) {
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 30, .ct_size = 256, .dr_size = 512, .second_ct_series = true});
    test::TestCounty county(tmp / "county");
    county.start(test::freePort());
    test::FaultProxyOptions po;
    po.upstream_port = county.port();
    po.seed = 20261124;
    po.max_faults = 100;
    po.mean_bytes_between_faults = 24 * 1024;
    po.min_stall = 100ms;
    po.max_stall = 2500ms;                // beyond the gateway's 2 s timeout now and then
    po.response_fault_probability = 0.1;  // the county stored it, the gateway never heard
    test::FaultProxy proxy(po);

    Outbox outbox(tmp / "outbox");
    for (const auto& f : set.files)
        outbox.add(f, Outbox::Storage::Copy, Priority::Routine, "ct/dr");
    ForwarderOptions fo;
    fo.county = {"127.0.0.1", proxy.port(), "WENAN", "COUNTY", 2};
    fo.associations = 3;
    fo.compress = true;
    fo.backoff_initial = 50ms;
    fo.backoff_max = 500ms;
    fo.seed = 5;
    Forwarder forwarder(outbox, fo);
    auto t0 = std::chrono::steady_clock::now();
    forwarder.start();
    ASSERT_TRUE(test::waitUntil(
        [&] { return outbox.pendingCount() == 0 && outbox.inFlightCount() == 0; }, 400s))
        << county.distinct() << " of " << set.files.size() << " delivered, " << proxy.faults()
        << " faults";
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    forwarder.stop();
    auto stats = forwarder.stats();

    // The faults happened, all of them, while instances were arriving.
    EXPECT_EQ(proxy.faults(), 100);
    auto got = county.received();
    auto first_delivery = std::chrono::steady_clock::time_point::max();
    for (const auto& [sop, r] : got) first_delivery = std::min(first_delivery, r.first_at);
    EXPECT_LT(first_delivery, proxy.lastFaultAt()) << "faults only before the first delivery";

    // Exactly once, byte-identical pixels.
    ASSERT_EQ(got.size(), set.files.size());
    for (const auto& [sop, original] : set.by_sop) {
        ASSERT_TRUE(got.count(sop)) << sop << " never arrived";
        EXPECT_TRUE(test::decodedPixels(got[sop].file) == test::decodedPixels(original)) << sop;
    }
    EXPECT_EQ(county.replaced(), 0) << "a re-send differed from the first copy";
    // A fault loses at most the one instance in flight on its connection.
    EXPECT_LE(county.identicalDuplicates(), proxy.faults());
    EXPECT_GT(proxy.lostResponses(), 0);
    EXPECT_GE(county.identicalDuplicates(), 1) << "no acknowledgement was ever lost";
    EXPECT_EQ(stats.delivered, static_cast<int64_t>(set.files.size()));
    for (const auto& s : outbox.studies()) EXPECT_EQ(s.phase, StudyPhase::Delivered);

    std::cout << "  " << set.files.size() << " instances (" << set.bytes / 1024 << " KB) in "
              << seconds << " s through " << proxy.connections()
              << " connections; faults: " << proxy.drops() << " drops, " << proxy.resets()
              << " resets, " << proxy.stalls() << " stalls (" << proxy.lostResponses()
              << " swallowed responses); county saw " << county.totalReceptions() << " C-STOREs, "
              << county.identicalDuplicates() << " identical re-sends kept once; "
              << stats.lost_connections << " lost connections, " << stats.connect_failures
              << " failed connects; " << stats.wire_bytes / 1024 << " KB on the wire for "
              << stats.original_bytes / 1024 << " KB stored\n";
}
