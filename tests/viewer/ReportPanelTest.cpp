// The report editor in the workstation window against the fake server: the study's template
// pre-selected and applied, never over typed text without asking; phrases inserted at the
// cursor; key images from the image shown posted as a KOS; verifying another radiologist's
// preliminary; addenda to a signed report.
#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QListWidget>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextEdit>

#include "dicom/sr/KeyObjectSelection.h"
#include "dicom/sr/ReportSr.h"
#include "tests/support/TestSupport.h"
#include "tests/viewer/DemoStudy.h"
#include "tests/viewer/FakeServer.h"
#include "tests/viewer/GuiTestUtil.h"
#include "tests/viewer/ReportFixtures.h"
#include "tests/viewer/TestPki.h"
#include "viewer/core/LoadedStudy.h"
#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/MainWindow.h"
#include "viewer/ui/ReportPanel.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

class ReportEditorWindow : public ::testing::Test {
protected:
    void SetUp() override {
        test::addDemoCtStudy(server_);
        server_.setCertificate(identity_.certificate_pem);
        client_.login(test::FakeServer::kUser, test::FakeServer::kPassword);
        window_ = std::make_unique<MainWindow>(client_, text_);
        window_->setErrorSink([this](const QString& title, const QString& message) {
            errors_.push_back((title + ": " + message).toStdString());
        });
        window_->resize(1280, 900);
        window_->show();
        test::waitExposed(*window_);
        ASSERT_TRUE(window_->refreshWorklist());  // the rows give the modality
        panel()->setConfirm([this](const QString& question) {
            questions_.push_back(question.toStdString());
            return answer_;
        });
        panel()->setKeyPath(QString::fromStdString(identity_.key_pem.string()));
        panel()->setKeyPassword(QStringLiteral("pw"));
    }

    ReportPanel* panel() { return window_->reportPanel(); }

    void open() {
        ASSERT_TRUE(window_->openStudy(test::kDemoStudyUid));
        ASSERT_TRUE(window_->waitUntilLoaded());
    }

    dicom::Bytes otherReport(const std::string& author, bool preliminary) {
        dicom::ReportContent c;
        c.findings = "左侧基底节区见小片低密度影。";
        c.impression = "腔隙性脑梗死。";
        c.recommendations = "建议MRI检查。";
        c.critical_finding = true;
        c.author = {"wang", author, "县人民医院放射科"};
        c.preliminary = preliminary;
        return test::demoReportSr(server_, c);
    }

    QPushButton* button(const QString& label) {
        for (auto* b : panel()->findChildren<QPushButton*>()) {
            if (b->text() == label) return b;
        }
        return nullptr;
    }

    // Gives `field` the keyboard focus the way a click would (with a fallback for a window
    // manager-less X server that does not activate windows).
    void focus(QWidget* field) {
        window_->activateWindow();
        field->setFocus(Qt::MouseFocusReason);
        QApplication::processEvents();
        if (!field->hasFocus()) {
            QFocusEvent in(QEvent::FocusIn, Qt::MouseFocusReason);
            QApplication::sendEvent(field, &in);
        }
    }

    void pressEnter(QWidget* w) {
        QKeyEvent press(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
        QApplication::sendEvent(w, &press);
    }

    void doubleClick(QListWidget* list, int row) {
        QWidget* vp = list->viewport();
        const QPoint at = list->visualItemRect(list->item(row)).center();
        const QPointF local(at), global(vp->mapToGlobal(at));
        for (QEvent::Type type : {QEvent::MouseButtonPress, QEvent::MouseButtonRelease,
                                  QEvent::MouseButtonDblClick, QEvent::MouseButtonRelease}) {
            QMouseEvent e(type, local, global, Qt::LeftButton,
                          type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton,
                          Qt::NoModifier);
            QApplication::sendEvent(vp, &e);
        }
    }

    test::TempDir dir_{"viewer-report-panel"};
    test::TestIdentity identity_ = test::makeTestIdentity(dir_.path(), "li", "pw");
    test::FakeServer server_;
    ServerClient client_{ServerUrl::parse(server_.url())};
    UiText text_{Language::Chinese};
    std::unique_ptr<MainWindow> window_;
    std::vector<std::string> errors_;
    std::vector<std::string> questions_;
    bool answer_ = false;
};

}  // namespace

TEST_F(ReportEditorWindow, TheStudysTemplateIsPreselectedAndNeverReplacesTypedText) {
    server_.setReportTemplates(test::reportTemplatesJson());
    open();
    EXPECT_EQ(server_.templateQueries().back(), test::kDemoStudyUid);
    EXPECT_EQ(panel()->mode(), ReportPanel::Mode::NewReport);
    // A head CT: the CT template, applied to the empty editor.
    EXPECT_EQ(panel()->templatePicker()->currentText(), QString::fromUtf8("头颅CT平扫"));
    EXPECT_EQ(panel()->findingsEdit()->toPlainText(),
              QString::fromUtf8("脑实质密度均匀，脑室系统未见扩张。"));
    EXPECT_EQ(panel()->recommendationsEdit()->toPlainText(),
              QString::fromUtf8("必要时MRI进一步检查。"));
    ASSERT_EQ(panel()->phraseList()->count(), 2);
    EXPECT_EQ(panel()->phraseList()->item(0)->text(),
              QString::fromUtf8("左侧基底节区见小片低密度影"));
    EXPECT_TRUE(questions_.empty());

    // Typed text: choosing another template asks first; "no" keeps the text.
    panel()->findingsEdit()->setPlainText(QStringLiteral("typed"));
    answer_ = false;
    emit panel()->templatePicker()->activated(2);  // the user picks 胸部CT平扫
    ASSERT_EQ(questions_.size(), 1u);
    EXPECT_NE(questions_[0].find("胸部CT平扫"), std::string::npos) << questions_[0];
    EXPECT_EQ(panel()->findingsEdit()->toPlainText(), QStringLiteral("typed"));
    EXPECT_EQ(panel()->phraseList()->item(0)->text(), QString::fromUtf8("右肺上叶见磨玻璃结节"));
    answer_ = true;
    EXPECT_TRUE(panel()->applyTemplate(2));
    EXPECT_EQ(panel()->findingsEdit()->toPlainText(), QString::fromUtf8("双肺野清晰。"));
    EXPECT_EQ(panel()->recommendationsEdit()->toPlainText(), QString());

    // The recommendations reach the signed SR.
    panel()->recommendationsEdit()->setPlainText(QString::fromUtf8("三个月后复查胸部CT。"));
    window_->signAndSend();
    EXPECT_TRUE(errors_.empty()) << (errors_.empty() ? "" : errors_.front());
    ASSERT_EQ(server_.postedReports().size(), 1u);
    auto parsed = dicom::parseReportSr(server_.postedReports()[0]);
    EXPECT_EQ(parsed.recommendations, "三个月后复查胸部CT。");
    EXPECT_EQ(parsed.impression, "胸部CT平扫未见明显异常。");
}

TEST_F(ReportEditorWindow, PhrasesGoInAtTheCursorOfTheFocusedField) {
    server_.setReportTemplates(test::reportTemplatesJson());
    open();
    QPlainTextEdit* findings = panel()->findingsEdit();
    findings->setPlainText(QString::fromUtf8("脑实质。中线居中。"));
    QTextCursor cursor = findings->textCursor();
    cursor.setPosition(4);  // after "脑实质。"
    findings->setTextCursor(cursor);
    focus(findings);
    QListWidget* phrases = panel()->phraseList();
    phrases->setCurrentRow(0);
    pressEnter(phrases);  // Enter on 左侧基底节区见小片低密度影
    EXPECT_EQ(findings->toPlainText(),
              QString::fromUtf8("脑实质。左侧基底节区见小片低密度影中线居中。"));

    // The impression focused, a double-click inserts there, at its cursor.
    QPlainTextEdit* impression = panel()->impressionEdit();
    impression->setPlainText(QString::fromUtf8("考虑"));
    impression->moveCursor(QTextCursor::End);
    focus(impression);
    doubleClick(phrases, 1);
    EXPECT_EQ(impression->toPlainText(), QString::fromUtf8("考虑中线结构居中"));
    EXPECT_EQ(findings->toPlainText(),
              QString::fromUtf8("脑实质。左侧基底节区见小片低密度影中线居中。"));
}

TEST_F(ReportEditorWindow, KeyImagesFromTheImageShownArePostedAsAKos) {
    open();
    QPushButton* add = button(QString::fromUtf8("添加关键图像"));  // the Chinese translation
    ASSERT_NE(add, nullptr);
    const LoadedStudy* study = window_->currentStudy();
    ASSERT_NE(study, nullptr);
    window_->viewport()->showSlice(0);
    add->click();
    window_->viewport()->showSlice(3);
    add->click();
    add->click();  // the same image again: listed once
    ASSERT_EQ(panel()->keyImages().size(), 2u);
    EXPECT_EQ(panel()->keyImageList()->count(), 2);
    const std::string first = study->images[0].instance.sop_instance_uid;
    const std::string fourth = study->images[3].instance.sop_instance_uid;
    EXPECT_EQ(panel()->keyImages()[0].sop_instance_uid, first);
    EXPECT_EQ(panel()->keyImages()[1].sop_instance_uid, fourth);
    // Add a third and remove it again.
    window_->viewport()->showSlice(4);
    add->click();
    panel()->removeKeyImage(2);
    EXPECT_EQ(panel()->keyImageList()->count(), 2);

    panel()->findingsEdit()->setPlainText(QString::fromUtf8("左侧基底节区见小片低密度影。"));
    panel()->impressionEdit()->setPlainText(QString::fromUtf8("腔隙性脑梗死。"));
    window_->signAndSend();
    EXPECT_TRUE(errors_.empty()) << (errors_.empty() ? "" : errors_.front());
    ASSERT_EQ(server_.postedKeyImages().size(), 1u);
    ASSERT_EQ(server_.postedReports().size(), 1u);
    auto kos = dicom::parseKeyObjectSelection(server_.postedKeyImages()[0]);
    ASSERT_EQ(kos.images.size(), 2u);
    EXPECT_EQ(kos.images[0].sop_instance_uid, first);
    EXPECT_EQ(kos.images[1].sop_instance_uid, fourth);
    EXPECT_EQ(kos.study.study_uid, test::kDemoStudyUid);
    EXPECT_TRUE(panel()->keyImages().empty());  // cleared with the signed report
}

TEST_F(ReportEditorWindow, VerifyingAPreliminaryKeepsItsAuthor) {
    const dicom::Bytes preliminary = otherReport("王芳", true);
    server_.setPreliminary(test::kDemoStudyUid, preliminary);
    open();
    ASSERT_EQ(panel()->mode(), ReportPanel::Mode::Verify);
    EXPECT_EQ(panel()->signButton()->text(), QString::fromUtf8("审核并签名"));
    // The preliminary's text is loaded for the senior to edit.
    EXPECT_EQ(panel()->findingsEdit()->toPlainText(),
              QString::fromUtf8("左侧基底节区见小片低密度影。"));
    EXPECT_EQ(panel()->recommendationsEdit()->toPlainText(), QString::fromUtf8("建议MRI检查。"));
    EXPECT_TRUE(panel()->criticalFinding());
    panel()->impressionEdit()->setPlainText(QString::fromUtf8("左侧基底节区腔隙性脑梗死。"));
    window_->signAndSend();
    EXPECT_TRUE(errors_.empty()) << (errors_.empty() ? "" : errors_.front());
    ASSERT_EQ(server_.postedReports().size(), 1u);
    auto parsed = dicom::parseReportSr(server_.postedReports()[0]);
    EXPECT_EQ(parsed.observer_name, "王芳");  // 报告医生 kept
    EXPECT_EQ(parsed.verifier_name, "李明");  // the user verifies (审核医生)
    EXPECT_EQ(parsed.verification_flag, "VERIFIED");
    EXPECT_EQ(parsed.predecessor_sop_uid, dicom::readInstanceInfo(preliminary).sop_instance_uid);
    EXPECT_EQ(parsed.impression, "左侧基底节区腔隙性脑梗死。");
    EXPECT_TRUE(parsed.critical_finding);
}

TEST_F(ReportEditorWindow, OwnPreliminaryWaitsAndAJuniorSignsPreliminaries) {
    // The server refuses a junior's single-level report: the panel ticks "preliminary".
    server_.setReportCheck([](const dicom::Bytes& sr) {
        if (dicom::parseReportSr(sr).verification_flag != "UNVERIFIED")
            return std::make_pair(
                422,
                std::string(
                    R"({"error":"reports by li need a senior's verification: sign it as preliminary"})"));
        return std::make_pair(
            201,
            std::string(
                R"({"sop_instance_uid":"9.8","kind":"preliminary","state":"assigned","verifier":"zhao"})"));
    });
    open();
    panel()->findingsEdit()->setPlainText(QString::fromUtf8("双肺纹理增多。"));
    panel()->impressionEdit()->setPlainText(QString::fromUtf8("支气管炎。"));
    EXPECT_FALSE(panel()->preliminary());
    window_->signAndSend();
    ASSERT_EQ(errors_.size(), 1u);
    EXPECT_TRUE(panel()->preliminary());
    window_->signAndSend();
    ASSERT_EQ(server_.postedReports().size(), 2u);
    auto parsed = dicom::parseReportSr(server_.postedReports()[1]);
    EXPECT_EQ(parsed.verification_flag, "UNVERIFIED");
    EXPECT_TRUE(parsed.verifier_name.empty());
    EXPECT_EQ(parsed.observer_name, "李明");

    // Reopened with the user's own preliminary pending: read-only, nothing to sign.
    server_.setPreliminary(test::kDemoStudyUid, server_.postedReports()[1]);
    open();
    EXPECT_EQ(panel()->mode(), ReportPanel::Mode::AwaitingVerification);
    EXPECT_TRUE(panel()->findingsEdit()->isReadOnly());
    EXPECT_FALSE(panel()->signButton()->isEnabled());
}

TEST_F(ReportEditorWindow, AddendumNeedsTheCorrectionAndNamesTheCurrentReport) {
    const dicom::Bytes current = otherReport("李明", false);
    server_.setCurrentReport(test::kDemoStudyUid, current);
    server_.setState(test::kDemoStudyUid, "signed");
    open();
    ASSERT_EQ(panel()->mode(), ReportPanel::Mode::Addendum);
    EXPECT_TRUE(panel()->currentReportView()->isVisible());
    EXPECT_TRUE(panel()->currentReportView()->isReadOnly());
    EXPECT_TRUE(
        panel()->currentReportView()->toPlainText().contains(QString::fromUtf8("腔隙性脑梗死。")));
    EXPECT_TRUE(panel()->addendumEdit()->isVisible());
    EXPECT_EQ(panel()->signButton()->text(), QString::fromUtf8("签名并发送补充报告"));

    // Without the correction text: the button refuses, and so does signing.
    int sign_requests = 0;
    QObject::connect(panel(), &ReportPanel::signRequested, [&] { ++sign_requests; });
    panel()->signButton()->click();
    EXPECT_EQ(sign_requests, 0);
    window_->signAndSend();
    EXPECT_EQ(errors_.size(), 1u);
    EXPECT_TRUE(server_.postedReports().empty());

    panel()->impressionEdit()->setPlainText(QString::fromUtf8("腔隙性脑梗死；右侧额叶小软化灶。"));
    panel()->addendumEdit()->setPlainText(QString::fromUtf8("补充：右侧额叶见小软化灶。"));
    window_->signAndSend();
    ASSERT_EQ(server_.postedReports().size(), 1u);
    auto parsed = dicom::parseReportSr(server_.postedReports()[0]);
    EXPECT_EQ(parsed.predecessor_sop_uid, dicom::readInstanceInfo(current).sop_instance_uid);
    EXPECT_EQ(parsed.addendum, "补充：右侧额叶见小软化灶。");
    EXPECT_EQ(parsed.impression, "腔隙性脑梗死；右侧额叶小软化灶。");
    EXPECT_EQ(parsed.observer_name, "李明");
}
