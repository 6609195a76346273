// The workstation window against the fake server: double-click opens, sign and send posts a
// signed report and refreshes the worklist; failures reach the error sink with the server's text.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPlainTextEdit>

#include "dicom/sr/ReportSr.h"
#include "tests/support/TestSupport.h"
#include "tests/viewer/DemoStudy.h"
#include "tests/viewer/GuiTestUtil.h"
#include "tests/viewer/TestPki.h"
#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/MainWindow.h"
#include "viewer/ui/ReportPanel.h"
#include "viewer/ui/WorklistTable.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

class Workstation : public ::testing::Test {
protected:
    void SetUp() override {
        test::addDemoCtStudy(server_);
        client_.login(test::FakeServer::kUser, test::FakeServer::kPassword);
        window_ = std::make_unique<MainWindow>(client_, text_);
        window_->setErrorSink([this](const QString& title, const QString& message) {
            errors_.push_back((title + ": " + message).toStdString());
        });
        window_->resize(1280, 800);
        window_->show();
        test::waitExposed(*window_);
        ASSERT_TRUE(window_->refreshWorklist());
    }

    int rowOf(const std::string& uid) {
        const auto& studies = window_->worklist()->studies();
        for (int i = 0; i < static_cast<int>(studies.size()); ++i) {
            if (studies[i].study_uid == uid) return i;
        }
        return -1;
    }

    void typeReport(const QString& findings, const QString& impression) {
        auto edits = window_->reportPanel()->findChildren<QPlainTextEdit*>();
        ASSERT_EQ(edits.size(), 2);
        edits[0]->setPlainText(findings);
        edits[1]->setPlainText(impression);
    }

    test::FakeServer server_;
    ServerClient client_{ServerUrl::parse(server_.url())};
    UiText text_{Language::Chinese};
    std::unique_ptr<MainWindow> window_;
    std::vector<std::string> errors_;
};

}  // namespace

TEST_F(Workstation, WorklistShowsChineseRowsMostUrgentFirst) {
    auto* table = window_->worklist();
    ASSERT_EQ(table->rowCount(), 2);
    EXPECT_EQ(table->item(0, 0)->text(), QString::fromUtf8("王秀英"));
    EXPECT_EQ(table->item(0, 3)->text(), QString::fromUtf8("青山镇卫生院"));
    EXPECT_EQ(table->item(0, 4)->text(), QString::fromUtf8("已分配"));
    EXPECT_EQ(table->item(0, 6)->text(), QString::fromUtf8("加急"));
    EXPECT_EQ(table->item(1, 0)->text(), QString::fromUtf8("张伟"));
    EXPECT_EQ(window_->windowTitle(), QString::fromUtf8("CountyRead 县域影像诊断"));
}

TEST_F(Workstation, DoubleClickOpensTheStudy) {
    const int row = rowOf(test::kDemoStudyUid);
    ASSERT_GE(row, 0);
    emit window_->worklist()->cellDoubleClicked(row, 0);
    // Loading is progressive: the study fills in on background threads.
    ASSERT_TRUE(window_->waitUntilLoaded());
    ASSERT_NE(window_->currentStudy(), nullptr);
    EXPECT_EQ(window_->currentStudy()->images.size(), 5u);
    EXPECT_EQ(window_->viewport()->sliceIndex(), 2);
    EXPECT_EQ(window_->hangingProtocol(), "ct-head");  // 头颅CT平扫
    EXPECT_EQ(server_.openedStudies(), std::vector<std::string>{test::kDemoStudyUid});
    // The refreshed worklist shows the new state.
    EXPECT_EQ(window_->worklist()->item(rowOf(test::kDemoStudyUid), 4)->text(),
              QString::fromUtf8("阅片中"));
    EXPECT_TRUE(errors_.empty());
}

TEST_F(Workstation, SignAndSendPostsAVerifiableReport) {
    test::TempDir dir("viewer-window");
    auto identity = test::makeTestIdentity(dir.path(), "li", "pw");
    server_.setCertificate(identity.certificate_pem);
    ASSERT_TRUE(window_->openStudy(test::kDemoStudyUid));
    ASSERT_TRUE(window_->waitUntilLoaded());
    typeReport(QString::fromUtf8("左侧基底节区见小片低密度影。"),
               QString::fromUtf8("腔隙性脑梗死。"));
    window_->reportPanel()->setKeyPath(QString::fromStdString(identity.key_pem.string()));
    window_->reportPanel()->setKeyPassword(QStringLiteral("pw"));
    window_->signAndSend();
    EXPECT_TRUE(errors_.empty()) << (errors_.empty() ? "" : errors_.front());
    ASSERT_EQ(server_.postedReports().size(), 1u);
    auto parsed = dicom::parseReportSr(server_.postedReports()[0]);
    EXPECT_EQ(parsed.findings, "左侧基底节区见小片低密度影。");
    EXPECT_EQ(parsed.impression, "腔隙性脑梗死。");
    EXPECT_EQ(parsed.patient_name, "王秀英");
    EXPECT_TRUE(window_->reportPanel()->reportText().findings.empty());  // cleared after success
}

TEST_F(Workstation, ServerRefusalIsShownWithItsMessage) {
    test::TempDir dir("viewer-window");
    auto identity = test::makeTestIdentity(dir.path(), "li", "pw");
    server_.setCertificate(identity.certificate_pem);
    server_.setReportCheck([](const dicom::Bytes&) {
        return std::make_pair(422,
                              std::string(R"({"error":"签名验证失败 signature does not verify"})"));
    });
    ASSERT_TRUE(window_->openStudy(test::kDemoStudyUid));
    ASSERT_TRUE(window_->waitUntilLoaded());
    typeReport(QStringLiteral("findings"), QStringLiteral("impression"));
    window_->reportPanel()->setKeyPath(QString::fromStdString(identity.key_pem.string()));
    window_->reportPanel()->setKeyPassword(QStringLiteral("pw"));
    window_->signAndSend();
    ASSERT_EQ(errors_.size(), 1u);
    EXPECT_NE(errors_[0].find("签名验证失败 signature does not verify"), std::string::npos)
        << errors_[0];
    // The text stays so the radiologist can retry.
    EXPECT_EQ(window_->reportPanel()->reportText().impression, "impression");
}

TEST_F(Workstation, EmptyReportIsNotSent) {
    ASSERT_TRUE(window_->openStudy(test::kDemoStudyUid));
    ASSERT_TRUE(window_->waitUntilLoaded());
    window_->signAndSend();
    ASSERT_EQ(errors_.size(), 1u);
    EXPECT_TRUE(server_.postedReports().empty());
}

TEST_F(Workstation, ADeliveredStudyCanStillBeViewed) {
    server_.setState(test::kDemoStudyUid, "delivered");
    ASSERT_TRUE(window_->openStudy(test::kDemoStudyUid));
    ASSERT_TRUE(window_->waitUntilLoaded());
    ASSERT_NE(window_->currentStudy(), nullptr);
    EXPECT_EQ(window_->viewport()->sliceCount(), 5);
    EXPECT_TRUE(errors_.empty());
    EXPECT_TRUE(server_.openedStudies().empty());
}

TEST_F(Workstation, AnnotationsAreSavedAsGspsAndComeBackWhenReopened) {
    ASSERT_TRUE(window_->openStudy(test::kDemoStudyUid));
    ASSERT_TRUE(window_->waitUntilLoaded());
    ImageViewport* viewport = window_->viewport();
    viewport->setTool(Tool::Length);
    auto& t = viewport->sliceView().transform();
    const Point2 a = t.imageToScreen({10, 64}), b = t.imageToScreen({118, 64});
    auto send = [&](QEvent::Type type, Point2 p, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent e(type, QPointF(p.x, p.y), QPointF(viewport->mapToGlobal(QPoint(p.x, p.y))),
                      button, buttons, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport, &e);
    };
    send(QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton);
    send(QEvent::MouseMove, b, Qt::NoButton, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::NoButton);
    ASSERT_EQ(viewport->annotations().store().count(), 1u);
    EXPECT_TRUE(viewport->annotations().store().modified());
    ASSERT_TRUE(window_->saveAnnotations()) << (errors_.empty() ? "" : errors_.front());
    EXPECT_FALSE(viewport->annotations().store().modified());
    ASSERT_EQ(server_.postedPresentationStates().size(), 1u);

    // Reopening shows the measurement again, on the same slice, with its value.
    ASSERT_TRUE(window_->openStudy(test::kDemoStudyUid));
    ASSERT_TRUE(window_->waitUntilLoaded());
    ASSERT_EQ(viewport->annotations().store().count(), 1u);
    const auto labels = viewport->sliceView().annotationLayer().labels();
    ASSERT_EQ(labels.size(), 1u);
    EXPECT_NE(labels[0].find(" mm"), std::string::npos) << labels[0];
    EXPECT_TRUE(errors_.empty());
}

TEST_F(Workstation, SavingOnAServerWithoutTheEndpointExplainsWhy) {
    server_.setPresentationStatesSupported(false);
    ASSERT_TRUE(window_->openStudy(test::kDemoStudyUid));
    ASSERT_TRUE(window_->waitUntilLoaded());
    EXPECT_FALSE(window_->saveAnnotations());
    ASSERT_EQ(errors_.size(), 1u);
    EXPECT_NE(errors_[0].find("presentation-states"), std::string::npos) << errors_[0];
}
