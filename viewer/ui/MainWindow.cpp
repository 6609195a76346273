#include "viewer/ui/MainWindow.h"

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

#include "viewer/core/OverlayText.h"
#include "viewer/core/PersonName.h"
#include "viewer/core/ReportSubmitter.h"
#include "viewer/core/StudyLoader.h"
#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/ReportPanel.h"
#include "viewer/ui/WorklistTable.h"

namespace countyread::viewer {
namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

class BusyCursor {
public:
    BusyCursor() { QApplication::setOverrideCursor(Qt::WaitCursor); }
    ~BusyCursor() { QApplication::restoreOverrideCursor(); }
};

}  // namespace

MainWindow::MainWindow(ServerClient& client, const UiText& text, QWidget* parent)
    : QMainWindow(parent), client_(client), text_(text) {
    setWindowTitle(text_(UiText::WindowTitle));

    auto* left = new QWidget(this);
    auto* left_layout = new QVBoxLayout(left);
    left_layout->setContentsMargins(4, 4, 4, 4);
    auto* left_title = new QLabel(QStringLiteral("<b>%1</b>").arg(text_(UiText::Worklist)), left);
    left_layout->addWidget(left_title);
    worklist_ = new WorklistTable(text_, left);
    left_layout->addWidget(worklist_, 1);
    auto* refresh = new QPushButton(text_(UiText::Refresh), left);
    left_layout->addWidget(refresh);

    viewport_ = new ImageViewport(text_.chinese(), this);
    report_ = new ReportPanel(text_, this);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(viewport_);
    splitter->addWidget(report_);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({470, 640, 310});
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    slice_status_ = new QLabel(this);
    statusBar()->addPermanentWidget(slice_status_);

    connect(refresh, &QPushButton::clicked, this, [this] { refreshWorklist(); });
    connect(worklist_, &WorklistTable::studyActivated, this,
            [this](const StudyRow& row) { openStudy(row); });
    connect(report_, &ReportPanel::signRequested, this, [this] { signAndSend(); });
    connect(viewport_, &ImageViewport::sliceChanged, this, [this] { updateStatus(); });
    connect(viewport_, &ImageViewport::windowChanged, this, [this] { updateStatus(); });
}

MainWindow::~MainWindow() = default;

void MainWindow::showError(const QString& title, const QString& message) {
    if (error_sink_) {
        error_sink_(title, message);
    } else {
        QMessageBox::critical(this, title, message);
    }
}

bool MainWindow::refreshWorklist() {
    try {
        BusyCursor busy;
        worklist_->setStudies(client_.studies());
        if (study_) worklist_->select(study_->study.study_uid);
        return true;
    } catch (const std::exception& e) {
        showError(text_(UiText::Worklist), QString::fromUtf8(e.what()));
        return false;
    }
}

bool MainWindow::openStudy(const std::string& study_uid) {
    for (const StudyRow& row : worklist_->studies()) {
        if (row.study_uid == study_uid) return openStudy(row);
    }
    StudyRow row;  // not in the list (e.g. filtered): open it anyway by its UID
    row.study_uid = study_uid;
    return openStudy(row);
}

bool MainWindow::openStudy(const StudyRow& row) {
    statusBar()->showMessage(text_(UiText::Loading));
    std::shared_ptr<LoadedStudy> loaded;
    try {
        BusyCursor busy;
        StudyLoader loader(client_);
        loaded = std::make_shared<LoadedStudy>(loader.load(row, [this](int done, int total) {
            statusBar()->showMessage(
                QStringLiteral("%1 %2/%3").arg(text_(UiText::Loading)).arg(done).arg(total));
            QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        }));
    } catch (const std::exception& e) {
        statusBar()->clearMessage();
        showError(text_(UiText::LoadFailed), QString::fromUtf8(e.what()));
        return false;
    }
    // Recording the opening (state -> in_reading) may be refused, e.g. for a study already
    // signed: the images are still shown for review, with the server's reason as a note.
    QString open_note;
    try {
        client_.openStudy(row.study_uid);
    } catch (const std::exception& e) {
        open_note = QString::fromUtf8(e.what());
        qWarning("countyread-viewer: open %s: %s", row.study_uid.c_str(), e.what());
    }
    for (const auto& w : loaded->warnings) qWarning("countyread-viewer: %s", w.c_str());
    study_ = loaded;
    viewport_->setStudy(study_, initial_window_);
    report_->setSignEnabled(true);
    const auto& a = study_->attributes;
    const std::string name = PersonName::display(
        row.patient_name.empty() ? a.patient_name : row.patient_name, text_.chinese());
    report_->setStudyLabel(
        QStringLiteral("%1  %2  %3\n%4")
            .arg(qs(name), qs(row.modality.empty() ? a.modality : row.modality),
                 qs(OverlayText::formatDate(a.study_date)),
                 qs(row.study_description.empty() ? a.study_description : row.study_description)));
    statusBar()->showMessage(QStringLiteral("%1: %2").arg(text_(UiText::Loaded), qs(name)), 5000);
    report_->setStatus(open_note);
    if (!open_note.isEmpty()) statusBar()->showMessage(open_note);
    if (study_->empty()) showError(text_(UiText::LoadFailed), text_(UiText::NoImages));
    refreshWorklist();  // the study is now in_reading
    updateStatus();
    return true;
}

void MainWindow::updateStatus() {
    if (!study_ || study_->empty()) {
        slice_status_->clear();
        return;
    }
    const std::string modality = study_->images[viewport_->sliceIndex()].instance.modality;
    slice_status_->setText(
        QStringLiteral("%1/%2   %3")
            .arg(viewport_->sliceIndex() + 1)
            .arg(viewport_->sliceCount())
            .arg(qs(OverlayText::windowLabel(viewport_->window(), modality, text_.chinese()))));
}

void MainWindow::signAndSend() {
    if (!study_) {
        showError(text_(UiText::ReportFailed), text_(UiText::NoStudyOpen));
        return;
    }
    ReportText text = report_->reportText();
    if (text.findings.empty() || text.impression.empty()) {
        showError(text_(UiText::ReportFailed), text_(UiText::EmptyReport));
        return;
    }
    QString key_path = report_->keyPath();
    if (key_path.isEmpty()) {
        key_path = QFileDialog::getOpenFileName(this, text_(UiText::ChooseKey), QString(),
                                                QStringLiteral("PEM (*.pem *.key);;* (*)"));
        if (key_path.isEmpty()) return;
        report_->setKeyPath(key_path);
    }
    SigningKey key;
    key.key_pem = key_path.toStdString();
    key.password = report_->keyPassword().toStdString();
    if (!report_->certificatePath().isEmpty()) {
        QFile file(report_->certificatePath());
        if (!file.open(QIODevice::ReadOnly)) {
            showError(text_(UiText::ReportFailed), file.errorString());
            return;
        }
        key.certificate_pem = file.readAll().toStdString();
    }
    try {
        BusyCursor busy;
        ReportSubmitter submitter(client_);
        auto answer = submitter.submit(study_->attributes, study_->instances, text, key,
                                       report_->criticalFinding());
        const QString message = QStringLiteral("%1\nHTTP %2 %3")
                                    .arg(text_(UiText::ReportSent))
                                    .arg(answer.status)
                                    .arg(qs(answer.body));
        report_->setStatus(message);
        if (!error_sink_) QMessageBox::information(this, text_(UiText::Report), message);
        report_->clearReport();
    } catch (const std::exception& e) {
        report_->setStatus(
            QStringLiteral("%1: %2").arg(text_(UiText::ReportFailed), QString::fromUtf8(e.what())));
        showError(text_(UiText::ReportFailed), QString::fromUtf8(e.what()));
    }
    refreshWorklist();
}

}  // namespace countyread::viewer
