// Per-study status: queued -> sending -> delivered (with the county's receipt time) -> report
// ready, from the outbox and the county's HTTP API; reports also arrive by DICOM.
#include <gtest/gtest.h>

#include "dicom/model/DicomFile.h"
#include "dicom/net/StoreClient.h"
#include "dicom/sr/EncapsulatedPdf.h"
#include "dicom/sr/ReportSr.h"
#include "sender/CountyStatusPoller.h"
#include "sender/GatewayService.h"
#include "sender/Outbox.h"
#include "sender/ReportInbox.h"
#include "sender/StatusReport.h"
#include "tests/sender/FakeCountyApi.h"
#include "tests/sender/SenderTestUtil.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::sender;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

dicom::Bytes reportFor(const fs::path& instance, bool critical) {
    auto info = dicom::readInstanceInfo(instance);
    dicom::ReportContent c;
    c.findings = "左侧基底节区见片状低密度影。";
    c.impression = "左侧基底节区腔隙性脑梗死。";
    c.author = {"li", "李明", "县人民医院放射科"};
    c.critical_finding = critical;
    return dicom::buildReportSr(info, {info}, c);
}

}  // namespace

TEST(CountyStatus, AStudyGoesFromQueuedToReportReady) {
    test::TempDir tmp;
    test::FixtureSpec spec;
    spec.patient_name_utf8 = "王芳";
    spec.study_uid = "1.2.826.0.1.3680043.10.7.1";
    test::writeFixture(tmp / "1.dcm", spec);
    spec.sop_uid = "";
    test::writeFixture(tmp / "2.dcm", spec);
    Outbox outbox(tmp / "outbox");
    outbox.add(tmp / "1.dcm", Outbox::Storage::Copy, Priority::Routine, "t");
    outbox.add(tmp / "2.dcm", Outbox::Storage::Copy, Priority::Routine, "t");
    auto phase = [&] { return outbox.study(spec.study_uid)->phase; };
    EXPECT_EQ(phase(), StudyPhase::Queued);

    auto a = outbox.claim();
    outbox.markAttempt(a->sop_uid);
    EXPECT_EQ(phase(), StudyPhase::Sending);
    outbox.markDelivered(a->sop_uid, a->transfer_syntax, a->size);
    EXPECT_EQ(progressText(*outbox.study(spec.study_uid)), "1/2 (50%)");
    auto b = outbox.claim();
    outbox.markAttempt(b->sop_uid);
    outbox.markDelivered(b->sop_uid, b->transfer_syntax, b->size);
    EXPECT_EQ(phase(), StudyPhase::Delivered);
    EXPECT_EQ(phaseLabelZh(phase()), "已送达");

    test::FakeCountyApi api("wenan", "demo");
    ReportInbox inbox(outbox);
    CountyStatusPoller poller(outbox, inbox, {api.url(), "wenan", "demo", 1s, 5});
    api.setStudy(spec.study_uid, {"2026-11-24T08:00:01.000Z", "assigned", "", "", {}});
    api.setStudy("1.2.3.not.ours", {"2026-11-24T08:00:02.000Z", "received", "", "", {}});
    std::string error;
    ASSERT_TRUE(poller.pollOnce(&error)) << error;
    auto s = outbox.study(spec.study_uid);
    EXPECT_EQ(s->county_received_at, "2026-11-24T08:00:01.000Z");
    EXPECT_EQ(s->county_state, "assigned");
    EXPECT_EQ(s->phase, StudyPhase::Delivered);
    EXPECT_EQ(outbox.studies().size(), 1u);  // other townships' studies are not ours to show

    api.setStudy(spec.study_uid, {"2026-11-24T08:00:01.000Z", "signed", "2026-11-24T09:30:00.000Z",
                                  "li", reportFor(tmp / "1.dcm", true)});
    ASSERT_TRUE(poller.pollOnce(&error)) << error;
    s = outbox.study(spec.study_uid);
    EXPECT_EQ(s->phase, StudyPhase::ReportReady);
    EXPECT_EQ(phaseLabelZh(s->phase), "报告已出");
    EXPECT_EQ(s->signed_by, "li");
    EXPECT_TRUE(s->critical);
    EXPECT_FALSE(s->critical_acknowledged);
    EXPECT_TRUE(fs::exists(s->report_file));
    EXPECT_NE(s->report_text.find("诊断意见：左侧基底节区腔隙性脑梗死。"), std::string::npos);
    ASSERT_TRUE(poller.pollOnce(&error));
    EXPECT_EQ(api.reportDownloads(), 1);  // fetched once
    outbox.acknowledgeCritical(spec.study_uid);
    EXPECT_TRUE(outbox.study(spec.study_uid)->critical_acknowledged);
}

TEST(CountyStatus, LogsInAgainWhenTheSessionExpiresAndSaysWhenThePasswordIsWrong) {
    test::TempDir tmp;
    Outbox outbox(tmp / "outbox");
    ReportInbox inbox(outbox);
    test::FakeCountyApi api("wenan", "demo");
    CountyStatusPoller poller(outbox, inbox, {api.url(), "wenan", "demo", 1s, 5});
    std::string error;
    ASSERT_TRUE(poller.pollOnce(&error)) << error;
    api.expireSessions();
    ASSERT_TRUE(poller.pollOnce(&error)) << error;
    EXPECT_EQ(api.logins(), 2);

    CountyStatusPoller wrong(outbox, inbox, {api.url(), "wenan", "oops", 1s, 5});
    EXPECT_FALSE(wrong.pollOnce(&error));
    EXPECT_NE(error.find("refused"), std::string::npos) << error;
    CountyStatusPoller down(
        outbox, inbox,
        {"http://127.0.0.1:" + std::to_string(test::freePort()), "wenan", "demo", 1s, 2});
    EXPECT_FALSE(down.pollOnce(&error));
    EXPECT_NE(error.find("cannot reach"), std::string::npos) << error;
}

TEST(CountyStatus, ReportsDeliveredByTheCountyOverDicomAreAttached) {
    test::TempDir tmp;
    test::FixtureSpec spec;
    spec.study_uid = "1.2.826.0.1.3680043.10.7.2";
    test::writeFixture(tmp / "ct.dcm", spec);
    GatewayConfig c;
    c.aet = "WENAN";
    c.port = test::freePort();
    c.data_dir = tmp / "outbox";
    c.log_file.clear();
    c.county_aet = "COUNTY";
    c.county_port = test::freePort();  // not needed here
    c.modalities = {"CT01"};           // the county is admitted anyway
    GatewayService gateway(c);
    gateway.start();
    dicom::StoreClient modality({"127.0.0.1", c.port, "CT01", "WENAN", 10});
    ASSERT_TRUE(modality.send({tmp / "ct.dcm"})[0].ok);
    dicom::StoreClient stranger({"127.0.0.1", c.port, "OTHER", "WENAN", 10});
    EXPECT_THROW(stranger.send({tmp / "ct.dcm"}), std::exception);

    dicom::writeFileBytes(tmp / "report.dcm", reportFor(tmp / "ct.dcm", false));
    dicom::StoreClient county({"127.0.0.1", c.port, "COUNTY", "WENAN", 10});
    auto out = county.send({tmp / "report.dcm"});
    ASSERT_TRUE(out[0].ok) << out[0].message;
    auto s = gateway.outbox().study(spec.study_uid);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->phase, StudyPhase::ReportReady);
    EXPECT_FALSE(s->critical);
    EXPECT_NE(s->report_text.find("检查所见："), std::string::npos);
    EXPECT_EQ(gateway.outbox().pendingCount(), 1u);  // the report itself is not forwarded back
    gateway.stop();
}

TEST(CountyStatus, ThePrintedReportArrivingByDicomIsKeptAsAPdf) {
    test::TempDir tmp;
    test::FixtureSpec spec;
    spec.patient_name_utf8 = "王芳";
    spec.study_uid = "1.2.826.0.1.3680043.10.7.2";
    test::writeFixture(tmp / "1.dcm", spec);
    Outbox outbox(tmp / "outbox");
    outbox.add(tmp / "1.dcm", Outbox::Storage::Copy, Priority::Routine, "t");
    ReportInbox inbox(outbox);
    const std::string pdf_text = "%PDF-1.4\n% a printed report\n%%EOF\n";
    dicom::EncapsulatedPdfSpec pdf_spec;
    pdf_spec.study = dicom::readInstanceInfo(tmp / "1.dcm");
    pdf_spec.document_title = "医学影像诊断报告";
    auto part10 = dicom::buildEncapsulatedPdf(pdf_spec, dicom::Bytes(pdf_text.begin(), pdf_text.end()));
    dicom::writeFileBytes(tmp / "pdf.dcm", part10);
    auto uid = inbox.acceptFile(tmp / "pdf.dcm");
    ASSERT_TRUE(uid);
    EXPECT_EQ(*uid, spec.study_uid);
    auto saved = outbox.reportsDir() / (spec.study_uid + ".pdf");
    ASSERT_TRUE(fs::exists(saved));
    EXPECT_EQ(test::readText(saved), pdf_text);
    EXPECT_FALSE(fs::exists(tmp / "pdf.dcm"));
    // A PDF for a study this gateway never sent is not kept.
    pdf_spec.study.study_uid = "1.2.826.0.1.3680043.10.7.99";
    dicom::writeFileBytes(tmp / "other.dcm", dicom::buildEncapsulatedPdf(pdf_spec, dicom::Bytes(pdf_text.begin(), pdf_text.end())));
    EXPECT_FALSE(inbox.acceptFile(tmp / "other.dcm"));
    EXPECT_FALSE(fs::exists(outbox.reportsDir() / "1.2.826.0.1.3680043.10.7.99.pdf"));
}
