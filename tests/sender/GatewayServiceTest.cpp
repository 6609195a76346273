// The gateway service's local side: modalities and the export folder feed the outbox, and a
// modality hears "stored" only once the instance is in it.
#include <gtest/gtest.h>

#include <fstream>

#include "dicom/net/StoreClient.h"
#include "sender/ForwardClient.h"
#include "sender/GatewayService.h"
#include "sender/GatewayStoreHandler.h"
#include "sender/LocalDb.h"
#include "sender/Outbox.h"
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

GatewayConfig config(const fs::path& dir, int listen_port, int county_port) {
    GatewayConfig c;
    c.aet = "WENAN";
    c.port = listen_port;
    c.data_dir = dir / "outbox";
    c.log_file.clear();
    c.county_port = county_port;
    c.county_aet = "COUNTY";
    c.calling_aet = "WENAN";
    c.timeout_s = 5;
    c.backoff_initial_ms = 50;
    c.backoff_max_ms = 300;
    c.emergency_keywords = {"急诊"};
    return c;
}

size_t rowsIn(const fs::path& outbox_dir) {
    LocalDb db(Outbox::databasePath(outbox_dir), LocalDb::Mode::ReadOnly);
    return static_cast<size_t>(db.queryInt("SELECT COUNT(*) FROM instances").value_or(0));
}

}  // namespace

TEST(GatewayService, AModalityHearsStoredOnlyOnceTheInstanceIsInTheOutbox) {
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 4, .ct_size = 64, .dr_size = 128, .second_ct_series = true});
    const int county_port = test::freePort();  // nothing listens: the county is unreachable
    GatewayService gateway(config(tmp.path(), test::freePort(), county_port));
    gateway.start();
    const int listen_port = gateway.config().port;

    // The CT sends over its own association, one C-STORE per file.
    dicom::StoreClient modality({"127.0.0.1", listen_port, "CT01", "WENAN", 10});
    size_t acknowledged = 0;
    modality.send(set.files, [&](const dicom::SendOutcome& o) {
        EXPECT_TRUE(o.ok) << o.file << ": " << o.message;
        if (!o.ok) return;
        ++acknowledged;
        // Acknowledged means indexed: a second connection already sees the row.
        EXPECT_GE(rowsIn(tmp / "outbox"), acknowledged);
        EXPECT_TRUE(fs::exists(tmp / "outbox" / "objects" / (o.sop_instance_uid + ".dcm")));
    });
    EXPECT_EQ(acknowledged, set.files.size());
    EXPECT_EQ(gateway.outbox().pendingCount(), set.files.size());
    EXPECT_TRUE(fs::is_empty(tmp / "outbox" / "incoming"));

    // Now the county comes up: everything goes through.
    test::TestCounty county(tmp / "county");
    county.start(county_port);
    ASSERT_TRUE(test::waitUntil([&] { return county.distinct() == set.files.size(); }, 30s));
    gateway.stop();
}

TEST(GatewayService, PriorityHighFromTheModalityOrAKeywordMakesAnEmergency) {
    test::TempDir tmp;
    GatewayService gateway(config(tmp.path(), test::freePort(), test::freePort()));
    gateway.start();
    test::FixtureSpec plain, high;
    test::writeFixture(tmp / "plain.dcm", plain);
    test::writeFixture(tmp / "high.dcm", high);

    ForwardClientOptions o;
    o.peer = {"127.0.0.1", gateway.config().port, "DR01", "WENAN", 10};
    ForwardClient modality(o);
    modality.open({{"1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1"}});
    auto send = [&](const fs::path& f, uint16_t priority) {
        auto r = modality.send(f, "1.2.840.10008.5.1.4.1.1.2", test::sopInstanceOf(f),
                               "1.2.840.10008.1.2.1", priority);
        EXPECT_EQ(r.outcome, ForwardSendResult::Outcome::Stored) << r.message;
    };
    send(tmp / "plain.dcm", kDimsePriorityMedium);
    send(tmp / "high.dcm", kDimsePriorityHigh);
    modality.release();
    int emergencies = 0, routine = 0;
    for (const auto& s : gateway.outbox().studies())
        (s.priority == Priority::Emergency ? emergencies : routine)++;
    EXPECT_EQ(emergencies, 1);
    EXPECT_EQ(routine, 1);
    gateway.stop();
}

TEST(GatewayService, TheWatchedExportFolderIsImportedOnceFilesAreComplete) {
    test::TempDir tmp;
    auto cfg = config(tmp.path(), 0, test::freePort());
    cfg.watch_folder = tmp / "export";
    cfg.watch_interval_ms = 100;
    GatewayService gateway(cfg);
    gateway.start();
    test::FixtureSpec spec;
    spec.patient_name_utf8 = "急诊 患者";
    fs::create_directories(tmp / "staging");
    auto sop = test::writeFixture(tmp / "staging" / "1.dcm", spec);
    test::writeFixture(tmp / "export" / "2.dcm.part", {});  // still being written
    std::ofstream(tmp / "export" / "notes.txt") << "not an image";
    fs::rename(tmp / "staging" / "1.dcm", tmp / "export" / "1.dcm");
    ASSERT_TRUE(test::waitUntil([&] { return gateway.outbox().pendingCount() == 1; }, 10s));
    ASSERT_TRUE(test::waitUntil([&] { return !fs::exists(tmp / "export" / "1.dcm"); }, 10s));
    EXPECT_TRUE(fs::exists(tmp / "outbox" / "objects" / (sop + ".dcm")));
    EXPECT_TRUE(fs::exists(tmp / "export" / "2.dcm.part"));
    ASSERT_TRUE(test::waitUntil(
        [&] { return fs::exists(tmp / "export" / "rejected" / "notes.txt"); }, 10s));
    EXPECT_TRUE(fs::exists(tmp / "export" / "rejected" / "notes.txt.txt"));
    gateway.stop();
}

TEST(GatewayService, EmergencyKeywordsMatchTheStudyDescription) {
    EmergencyRule rule{{"急诊", "STAT"}};
    EXPECT_TRUE(rule.matches("急诊头颅CT平扫"));
    EXPECT_TRUE(rule.matches("CT head stat"));
    EXPECT_FALSE(rule.matches("头颅CT平扫"));
    EXPECT_FALSE(rule.matches(""));
    EXPECT_FALSE(EmergencyRule{}.matches("急诊"));
}
