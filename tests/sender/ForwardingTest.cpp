// Forwarding from the outbox to an in-process county (the project's StoreListener with an
// archive-like handler): compression and its fallback, DIMSE priority, queue order, retries.
#include <gtest/gtest.h>

#include "sender/Forwarder.h"
#include "sender/Outbox.h"
#include "tests/sender/FaultProxy.h"
#include "tests/sender/SenderTestData.h"
#include "tests/sender/SenderTestUtil.h"
#include "tests/sender/TestCounty.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::sender;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr const char* kJpegLsLossless = "1.2.840.10008.1.2.4.80";
constexpr const char* kExplicitLe = "1.2.840.10008.1.2.1";

ForwarderOptions options(int county_port, bool compress = true, int associations = 2) {
    ForwarderOptions o;
    o.county = {"127.0.0.1", county_port, "WENAN", "COUNTY", 5};
    o.associations = associations;
    o.compress = compress;
    o.backoff_initial = 50ms;
    o.backoff_max = 400ms;
    o.seed = 11;
    return o;
}

bool drained(Outbox& outbox) { return outbox.pendingCount() == 0 && outbox.inFlightCount() == 0; }

void addAll(Outbox& outbox, const std::vector<fs::path>& files, Priority p = Priority::Routine) {
    for (const auto& f : files) outbox.add(f, Outbox::Storage::Copy, p, "test");
}

}  // namespace

TEST(Forwarding, DeliversEveryInstanceAsJpegLsWhenTheCountyAcceptsIt) {
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 6, .ct_size = 128, .dr_size = 256, .second_ct_series = true});
    test::TestCounty county(tmp / "county");
    county.start(test::freePort());
    Outbox outbox(tmp / "outbox");
    addAll(outbox, set.files);
    Forwarder forwarder(outbox, options(county.port()));
    forwarder.start();
    ASSERT_TRUE(test::waitUntil([&] { return drained(outbox); }, 60s));
    forwarder.stop();

    auto got = county.received();
    ASSERT_EQ(got.size(), set.files.size());
    for (const auto& [sop, original] : set.by_sop) {
        ASSERT_TRUE(got.count(sop)) << sop;
        EXPECT_EQ(got[sop].transfer_syntax, kJpegLsLossless);
        EXPECT_EQ(got[sop].receptions, 1);
        EXPECT_TRUE(test::decodedPixels(got[sop].file) == test::decodedPixels(original)) << sop;
    }
    auto stats = forwarder.stats();
    EXPECT_EQ(stats.delivered, static_cast<int64_t>(set.files.size()));
    EXPECT_EQ(stats.compressed, stats.delivered);
    EXPECT_LT(stats.wire_bytes * 10, stats.original_bytes * 7);  // at least 30% saved
    std::cout << "  " << stats.original_bytes << " bytes stored, " << stats.wire_bytes
              << " on the wire\n";
    for (const auto& s : outbox.studies()) {
        EXPECT_EQ(s.phase, StudyPhase::Delivered) << s.study_uid;
        EXPECT_EQ(s.delivered, s.instances);
        EXPECT_FALSE(s.delivered_at.empty());
    }
}

TEST(Forwarding, ACountyThatRefusesJpegLsReceivesTheOriginalSyntax) {
    if (!test::haveProgram("storescp")) GTEST_SKIP() << "DCMTK storescp not installed";
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 3, .ct_size = 64, .dr_size = 128, .second_ct_series = false});
    fs::create_directories(tmp / "county");
    const int port = test::freePort();
    // storescp without +x options accepts uncompressed transfer syntaxes only.
    test::Process scp(
        {"storescp", "-aet", "COUNTY", "-od", (tmp / "county").string(), std::to_string(port)},
        tmp / "storescp.log");
    ASSERT_TRUE(test::waitForTcp(port, 10s));
    Outbox outbox(tmp / "outbox");
    addAll(outbox, set.files);
    Forwarder forwarder(outbox, options(port, /*compress=*/true));
    forwarder.start();
    ASSERT_TRUE(test::waitUntil([&] { return drained(outbox); }, 60s));
    forwarder.stop();
    EXPECT_EQ(forwarder.stats().compressed, 0);
    EXPECT_EQ(forwarder.stats().delivered, static_cast<int64_t>(set.files.size()));
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(tmp / "county")) {
        ++n;
        EXPECT_EQ(test::transferSyntaxOf(e.path()), kExplicitLe) << e.path();
        auto sop = test::sopInstanceOf(e.path());
        ASSERT_TRUE(set.by_sop.count(sop));
        EXPECT_TRUE(test::decodedPixels(e.path()) == test::decodedPixels(set.by_sop[sop]));
    }
    EXPECT_EQ(n, set.files.size());
}

TEST(Forwarding, EmergencyStudiesCarryDimsePriorityHigh) {
    test::TempDir tmp;
    test::FixtureSpec routine, urgent;
    routine.patient_name_utf8 = "常规";
    urgent.patient_name_utf8 = "急诊";
    auto routine_sop = test::writeFixture(tmp / "r.dcm", routine);
    auto urgent_sop = test::writeFixture(tmp / "u.dcm", urgent);
    test::TestCounty county(tmp / "county");
    county.start(test::freePort());
    Outbox outbox(tmp / "outbox");
    outbox.add(tmp / "r.dcm", Outbox::Storage::Copy, Priority::Routine, "t");
    outbox.add(tmp / "u.dcm", Outbox::Storage::Copy, Priority::Emergency, "t");
    Forwarder forwarder(outbox, options(county.port(), false, 1));
    forwarder.start();
    ASSERT_TRUE(test::waitUntil([&] { return drained(outbox); }, 30s));
    forwarder.stop();
    auto got = county.received();
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[urgent_sop].priority, 1);   // HIGH
    EXPECT_EQ(got[routine_sop].priority, 0);  // MEDIUM
}

TEST(Forwarding, AnEmergencyArrivingBehindABacklogIsSentNext) {
    test::TempDir tmp;
    test::FixtureSpec spec;
    spec.study_uid = "1.2.826.0.1.3680043.10.1.1";
    std::vector<fs::path> routine;
    for (int i = 0; i < 20; ++i) {
        spec.sop_uid = spec.study_uid + "." + std::to_string(i + 1);
        spec.instance_number = i + 1;
        routine.push_back(tmp / ("r" + std::to_string(i) + ".dcm"));
        test::writeFixture(routine.back(), spec);
    }
    test::FixtureSpec e;
    e.study_uid = "1.2.826.0.1.3680043.10.1.2";
    e.sop_uid = e.study_uid + ".1";
    test::writeFixture(tmp / "e.dcm", e);

    test::TestCounty county(tmp / "county");
    county.setDelay(60ms);  // a slow county keeps the backlog waiting
    county.start(test::freePort());
    Outbox outbox(tmp / "outbox");
    addAll(outbox, routine);
    Forwarder forwarder(outbox, options(county.port(), false, 1));
    forwarder.start();
    ASSERT_TRUE(test::waitUntil([&] { return county.distinct() >= 3; }, 20s));
    outbox.add(tmp / "e.dcm", Outbox::Storage::Copy, Priority::Emergency, "t");
    ASSERT_TRUE(test::waitUntil([&] { return drained(outbox); }, 30s));
    forwarder.stop();
    auto got = county.received();
    ASSERT_EQ(got.size(), 21u);
    int routine_before = 0;
    for (int i = 0; i < 20; ++i)
        if (got[spec.study_uid + "." + std::to_string(i + 1)].first_at < got[e.sop_uid].first_at)
            ++routine_before;
    EXPECT_LE(routine_before, 6) << "the emergency waited behind the routine backlog";
    EXPECT_EQ(got[e.sop_uid].priority, 1);
}

TEST(Forwarding, KeepsRetryingWithBackoffWhileTheCountyIsDown) {
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 2, .ct_size = 64, .dr_size = 64, .second_ct_series = false});
    const int port = test::freePort();
    Outbox outbox(tmp / "outbox");
    addAll(outbox, set.files);
    Forwarder forwarder(outbox, options(port));
    forwarder.start();
    ASSERT_TRUE(test::waitUntil([&] { return forwarder.stats().connect_failures >= 4; }, 10s));
    EXPECT_EQ(outbox.pendingCount(), set.files.size());
    for (const auto& s : outbox.studies()) EXPECT_EQ(s.phase, StudyPhase::Queued);  // not "sending"

    test::TestCounty county(tmp / "county");
    county.start(port);  // the county comes back
    ASSERT_TRUE(test::waitUntil([&] { return drained(outbox); }, 30s));
    forwarder.stop();
    EXPECT_EQ(county.distinct(), set.files.size());
    EXPECT_EQ(county.identicalDuplicates(), 0);
}

TEST(Forwarding, TransientRefusalsAreRetriedPermanentOnesKeptForTheAdmin) {
    test::TempDir tmp;
    test::FixtureSpec a, b;
    auto sop_a = test::writeFixture(tmp / "a.dcm", a);
    auto sop_b = test::writeFixture(tmp / "b.dcm", b);
    test::TestCounty county(tmp / "county");
    county.start(test::freePort());
    Outbox outbox(tmp / "outbox");

    county.failNext(2, 0xA700);  // out of resources: try again later
    outbox.add(tmp / "a.dcm", Outbox::Storage::Copy, Priority::Routine, "t");
    Forwarder forwarder(outbox, options(county.port(), false, 1));
    forwarder.start();
    ASSERT_TRUE(test::waitUntil([&] { return drained(outbox); }, 20s));
    EXPECT_EQ(county.distinct(), 1u);
    EXPECT_EQ(forwarder.stats().retries, 2);

    county.failNext(1, 0xC000);  // cannot understand: asking again will not help
    outbox.add(tmp / "b.dcm", Outbox::Storage::Copy, Priority::Routine, "t");
    ASSERT_TRUE(test::waitUntil(
        [&] { return outbox.inFlightCount() == 0 && outbox.pendingCount() == 0; }, 20s));
    bool found = false;
    for (const auto& st : outbox.studies())
        if (st.rejected == 1) {
            found = true;
            EXPECT_EQ(st.phase, StudyPhase::Failed);
            EXPECT_NE(st.last_error.find("C000"), std::string::npos);
        }
    EXPECT_TRUE(found);
    EXPECT_EQ(county.distinct(), 1u);

    EXPECT_EQ(outbox.requeueRejected(), 1);  // the admin fixed the county
    ASSERT_TRUE(test::waitUntil([&] { return county.distinct() == 2; }, 20s));
    forwarder.stop();
    EXPECT_TRUE(county.received().count(sop_b));
}

TEST(Forwarding, ThrottlingHoldsTheConfiguredRateAcrossAssociations) {
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 6, .ct_size = 128, .dr_size = 256, .second_ct_series = true});
    test::TestCounty county(tmp / "county");
    county.start(test::freePort());
    test::FaultProxyOptions po;  // a clean proxy, only to count the bytes on the line
    po.upstream_port = county.port();
    test::FaultProxy line(po);
    Outbox outbox(tmp / "outbox");
    addAll(outbox, set.files);
    auto o = options(line.port(), /*compress=*/false, /*associations=*/3);
    o.rate_bytes_per_s = 300'000;  // 2.4 Mbit/s for the gateway, whatever the line could do
    Forwarder forwarder(outbox, o);
    auto t0 = std::chrono::steady_clock::now();
    forwarder.start();
    ASSERT_TRUE(test::waitUntil([&] { return drained(outbox); }, 60s));
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    forwarder.stop();
    double rate = static_cast<double>(line.bytesUpstream()) / seconds;
    std::cout << "  " << line.bytesUpstream() << " bytes in " << seconds << " s = " << rate / 1000
              << " kB/s (limit 300 kB/s)\n";
    EXPECT_EQ(county.distinct(), set.files.size());
    EXPECT_LT(rate, 300'000 * 1.15);
    EXPECT_GT(rate, 300'000 * 0.6);
}
