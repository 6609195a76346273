// The technician's window under a real X server (xvfb-run): a study goes from 排队中 to
// 已送达 to 报告已出, checked in the widget state and in the screenshot's pixels; a critical
// finding raises the red banner once; the report opens and prints.
#include <gtest/gtest.h>

#include <QApplication>
#include <QImage>
#include <QPrinter>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "dicom/model/DicomFile.h"
#include "dicom/sr/ReportSr.h"
#include "sender/Outbox.h"
#include "sender/ReportInbox.h"
#include "sender/ui/ReportDialog.h"
#include "sender/ui/StudyTableModel.h"
#include "sender/ui/TechnicianWindow.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::sender;
using namespace countyread::sender::ui;
namespace fs = std::filesystem;

namespace {

void deliverAll(Outbox& outbox) {
    while (auto item = outbox.claim()) {
        outbox.markAttempt(item->sop_uid);
        outbox.markDelivered(item->sop_uid, item->transfer_syntax, item->size);
    }
}

// The state cell's colour as drawn: a point inside the cell, right of the text.
QColor stateCellPixel(TechnicianWindow& w, int row, const QImage& shot) {
    auto& table = w.table();
    QRect cell = table.visualRect(w.model().index(row, StudyTableModel::StateCol));
    QPoint p = table.viewport()->mapTo(&w, QPoint(cell.right() - 4, cell.center().y()));
    return shot.pixelColor(p * shot.devicePixelRatio());
}

QImage screenshot(TechnicianWindow& w, const std::string& name) {
    w.table().clearSelection();
    QApplication::processEvents();
    QImage shot = w.grab().toImage();
    if (const char* dir = std::getenv("COUNTYREAD_SCREENSHOT_DIR"))
        shot.save(QString::fromStdString((fs::path(dir) / name).string()));
    return shot;
}

bool near(QColor a, QColor b) {
    return std::abs(a.red() - b.red()) <= 8 && std::abs(a.green() - b.green()) <= 8 &&
           std::abs(a.blue() - b.blue()) <= 8;
}

}  // namespace

TEST(TechnicianWindowGui, StudyGoesFromQueuedToDeliveredToReportReady) {
    test::TempDir tmp;
    test::FixtureSpec ct;
    ct.patient_name_utf8 = "王芳";
    ct.patient_id = "P0124";
    ct.study_uid = "1.2.826.0.1.3680043.10.9.1";
    test::writeFixture(tmp / "ct1.dcm", ct);
    ct.sop_uid.clear();
    test::writeFixture(tmp / "ct2.dcm", ct);
    test::FixtureSpec dx;
    dx.patient_name_utf8 = "张伟";
    dx.modality = "DX";
    dx.study_uid = "1.2.826.0.1.3680043.10.9.2";
    test::writeFixture(tmp / "dx.dcm", dx);

    Outbox outbox(tmp / "outbox");
    outbox.add(tmp / "dx.dcm", Outbox::Storage::Copy, Priority::Routine, "DR01");
    outbox.add(tmp / "ct1.dcm", Outbox::Storage::Copy, Priority::Emergency, "CT01");
    outbox.add(tmp / "ct2.dcm", Outbox::Storage::Copy, Priority::Emergency, "CT01");

    TechnicianWindow w(tmp / "outbox", QStringLiteral("问安镇卫生院"));
    w.resize(1200, 420);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    QSignalSpy critical(&w, &TechnicianWindow::criticalFinding);

    auto& m = w.model();
    ASSERT_EQ(m.rowCount(), 2);
    const int ct_row = m.rowOf(ct.study_uid);
    EXPECT_EQ(ct_row, 0);  // emergencies first
    EXPECT_EQ(m.index(ct_row, StudyTableModel::PriorityCol).data().toString(), "急诊");
    EXPECT_EQ(m.index(ct_row, StudyTableModel::PatientCol).data().toString(), "王芳");
    EXPECT_EQ(m.index(ct_row, StudyTableModel::StateCol).data().toString(), "排队中");
    EXPECT_EQ(m.index(ct_row, StudyTableModel::ProgressCol).data().toString(), "0/2 (0%)");
    EXPECT_TRUE(near(stateCellPixel(w, ct_row, screenshot(w, "1-queued.png")),
                     StudyTableModel::phaseColor(StudyPhase::Queued)));

    // One of two instances acknowledged by the county: 发送中.
    auto first = outbox.claim();
    ASSERT_EQ(first->study_uid, ct.study_uid);
    outbox.markAttempt(first->sop_uid);
    outbox.markDelivered(first->sop_uid, first->transfer_syntax, first->size);
    w.refresh();
    EXPECT_EQ(m.index(ct_row, StudyTableModel::StateCol).data().toString(), "发送中");
    EXPECT_EQ(m.index(ct_row, StudyTableModel::ProgressCol).data().toString(), "1/2 (50%)");
    EXPECT_TRUE(near(stateCellPixel(w, ct_row, screenshot(w, "2-sending.png")),
                     StudyTableModel::phaseColor(StudyPhase::Sending)));

    deliverAll(outbox);
    outbox.updateCounty({ct.study_uid, "2026-11-24T08:15:00.000Z", "assigned", "", ""});
    w.refresh();
    EXPECT_EQ(m.index(ct_row, StudyTableModel::StateCol).data().toString(), "已送达");
    EXPECT_FALSE(m.index(ct_row, StudyTableModel::ReceivedCol).data().toString().isEmpty());
    EXPECT_TRUE(near(stateCellPixel(w, ct_row, screenshot(w, "3-delivered.png")),
                     StudyTableModel::phaseColor(StudyPhase::Delivered)));
    EXPECT_FALSE(w.criticalBannerVisible());
    EXPECT_EQ(w.openReport(ct.study_uid), nullptr);  // nothing to open yet

    // The signed report comes back with a critical finding.
    auto info = dicom::readInstanceInfo(tmp / "ct1.dcm");
    dicom::ReportContent content;
    content.findings = "右侧额颞部见新月形高密度影。";
    content.impression = "右侧急性硬膜下血肿。";
    content.author = {"li", "李明", "县人民医院放射科"};
    content.critical_finding = true;
    ReportInbox inbox(outbox);
    ASSERT_TRUE(inbox.accept(dicom::buildReportSr(info, {info}, content), ct.study_uid));
    w.refresh();
    w.refresh();  // alerted once only
    EXPECT_EQ(m.index(ct_row, StudyTableModel::StateCol).data().toString(), "报告已出（危急值）");
    EXPECT_TRUE(w.criticalBannerVisible());
    EXPECT_TRUE(w.criticalBannerText().contains("危急值：王芳"));
    EXPECT_EQ(critical.count(), 1);
    EXPECT_TRUE(w.summaryText().contains("报告已出 1 个"));
    auto shot = screenshot(w, "4-report-ready.png");
    EXPECT_TRUE(near(stateCellPixel(w, ct_row, shot),
                     StudyTableModel::phaseColor(StudyPhase::ReportReady)));
    // The banner is red where nothing is written (its right margin).
    QWidget* banner = w.findChild<QWidget*>("criticalBanner");
    ASSERT_NE(banner, nullptr);
    QPoint in_banner = banner->mapTo(&w, QPoint(banner->width() / 2, 3));
    EXPECT_TRUE(
        near(shot.pixelColor(in_banner * shot.devicePixelRatio()), QColor(0xC6, 0x28, 0x28)));

    auto* dialog = w.openReport(ct.study_uid);
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->html().contains("右侧急性硬膜下血肿"));
    EXPECT_TRUE(dialog->html().contains("危急值"));
    QPrinter printer(QPrinter::ScreenResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(QString::fromStdString((tmp / "report.pdf").string()));
    dialog->printTo(printer);
    EXPECT_GT(fs::file_size(tmp / "report.pdf"), 1000u);
    if (const char* dir = std::getenv("COUNTYREAD_SCREENSHOT_DIR"))
        dialog->grab().save(QString::fromStdString((fs::path(dir) / "5-report.png").string()));
    dialog->close();

    w.acknowledgeCritical();
    EXPECT_FALSE(w.criticalBannerVisible());
    EXPECT_TRUE(outbox.study(ct.study_uid)->critical_acknowledged);
    EXPECT_EQ(m.index(m.rowOf(dx.study_uid), StudyTableModel::StateCol).data().toString(),
              "已送达");
}

TEST(TechnicianWindowGui, WaitsForTheGatewayWithoutCreatingAnOutbox) {
    test::TempDir tmp;
    TechnicianWindow w(tmp / "not-yet", QStringLiteral("问安镇卫生院"));
    w.show();
    EXPECT_TRUE(w.summaryText().contains("等待影像网关启动"));
    EXPECT_FALSE(fs::exists(tmp / "not-yet"));
    EXPECT_EQ(w.model().rowCount(), 0);
}
