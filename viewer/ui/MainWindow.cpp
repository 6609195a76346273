#include "viewer/ui/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

#include "viewer/core/HangingProtocol.h"
#include "viewer/core/InstanceFetcher.h"
#include "viewer/core/OverlayText.h"
#include "viewer/core/PersonName.h"
#include "viewer/core/PresentationStateSync.h"
#include "viewer/core/ReportSubmitter.h"
#include "viewer/core/ServerError.h"
#include "viewer/core/VolumeBuilder.h"
#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/MprWindow.h"
#include "viewer/ui/ProgressiveLoader.h"
#include "viewer/ui/ReportPanel.h"
#include "viewer/ui/SeriesStrip.h"
#include "viewer/ui/ViewerToolBar.h"
#include "viewer/ui/VolumeWindow.h"
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
    left_layout->addWidget(worklist_, 3);
    auto* refresh = new QPushButton(text_(UiText::Refresh), left);
    left_layout->addWidget(refresh);
    left_layout->addWidget(
        new QLabel(QStringLiteral("<b>%1</b>").arg(text_(UiText::Series)), left));
    series_ = new SeriesStrip(text_, left);
    left_layout->addWidget(series_, 2);

    viewport_ = new ImageViewport(text_.chinese(), this);
    report_ = new ReportPanel(text_, this);
    tools_ = new ViewerToolBar(text_, *viewport_, this);
    addToolBar(Qt::TopToolBarArea, tools_);
    loader_ = new ProgressiveLoader(this);

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
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(220);
    progress_->setFormat(QStringLiteral("%v/%m ") + text_(UiText::ImagesLoaded));
    progress_->hide();
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(slice_status_);

    connect(tools_, &ViewerToolBar::saveAnnotationsRequested, this, [this] { saveAnnotations(); });
    connect(tools_, &ViewerToolBar::mprRequested, this, [this] { openMpr(); });
    connect(tools_, &ViewerToolBar::deleteAnnotationRequested, this, [this] {
        if (viewport_->annotations().deleteNear(std::nullopt)) viewport_->render();
    });
    auto* save_shortcut = new QAction(this);
    save_shortcut->setShortcut(QKeySequence::Save);
    connect(save_shortcut, &QAction::triggered, this, [this] { saveAnnotations(); });
    addAction(save_shortcut);
    auto* volume_action = new QAction(text_(UiText::VolumeRendering), this);
    volume_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    volume_action->setToolTip(text_(UiText::VolumeRendering) + QStringLiteral(" (Ctrl+3)"));
    connect(volume_action, &QAction::triggered, this, [this] { open3D(); });
    tools_->addAction(volume_action);
    viewport_->setTextPrompt([this](bool optional) -> std::optional<std::string> {
        bool ok = false;
        const QString text =
            QInputDialog::getText(this, text_(UiText::ToolText), text_(UiText::AnnotationText),
                                  QLineEdit::Normal, QString(), &ok);
        if (!ok) return std::nullopt;
        if (text.isEmpty() && !optional) return std::nullopt;
        return text.toStdString();
    });

    connect(loader_, &ProgressiveLoader::firstImage, this, [this] { showFirstImage(); });
    connect(loader_, &ProgressiveLoader::updated, this,
            [this](int done, int total) { loadingUpdated(done, total); });
    connect(loader_, &ProgressiveLoader::finished, this, [this] { loadingFinished(); });
    connect(loader_, &ProgressiveLoader::thumbnailReady, series_,
            [this](const SeriesThumbnail& t) { series_->setThumbnail(t); });
    connect(series_, &SeriesStrip::seriesActivated, this, [this](const std::string& uid) {
        const LoadedStudy* study = viewport_->study();
        if (!study) return;
        for (int i = 0; i < static_cast<int>(study->images.size()); ++i) {
            if (study->images[i].instance.series_uid != uid) continue;
            const auto [first, last] = viewport_->seriesRange(i);
            const std::string& modality = study->images[i].instance.modality;
            const bool volume = modality == "CT" || modality == "MR" || modality == "PT";
            viewport_->showSlice(volume ? first + (last - first) / 2 : first);
            viewport_->setFocus();
            break;
        }
    });

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
    loader_->cancel();
    std::vector<InstanceRow> instances;
    try {
        BusyCursor busy;
        instances = client_.instances(row.study_uid);
    } catch (const std::exception& e) {
        showError(text_(UiText::LoadFailed), QString::fromUtf8(e.what()));
        return false;
    }
    opening_ = row;
    study_.reset();
    viewport_->clear();
    series_->setSeries(ProgressiveLoader::seriesOf(instances));
    statusBar()->showMessage(text_(UiText::Loading));
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->show();
    // Each loading thread gets its own HTTP connection (resuming this session) and reads
    // through the local cache.
    const ServerUrl url = client_.url();
    const UserSession session = client_.session();
    InstanceCache* cache = cache_;
    loader_->start(
        row, std::move(instances),
        [url, session, cache]() -> std::unique_ptr<InstanceFetcher> {
            auto server = std::make_unique<ServerInstanceFetcher>(url, session);
            if (!cache) return server;
            return std::make_unique<CachedInstanceFetcher>(*cache, std::move(server));
        },
        loading_threads_);
    // Recording the opening (state -> in_reading) may be refused, e.g. for a study already
    // signed: the images are still shown for review, with the server's reason as a note.
    QString open_note;
    try {
        client_.openStudy(row.study_uid);
    } catch (const std::exception& e) {
        open_note = QString::fromUtf8(e.what());
        qWarning("countyread-viewer: open %s: %s", row.study_uid.c_str(), e.what());
    }
    report_->setSignEnabled(true);
    report_->setStatus(open_note);
    if (!open_note.isEmpty()) statusBar()->showMessage(open_note);
    refreshWorklist();  // the study is now in_reading
    return true;
}

bool MainWindow::loading() const { return loader_->loading(); }

bool MainWindow::waitUntilLoaded(int timeout_ms) {
    QElapsedTimer timer;
    timer.start();
    while (loader_->loading() && timer.elapsed() < timeout_ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    QCoreApplication::processEvents();
    return !loader_->loading();
}

void MainWindow::showFirstImage() {
    study_ = loader_->study();
    viewport_->setStudy(study_, initial_window_);
    if (!viewport_->study()) return;
    applyHangingProtocol();
    series_->markCurrent(study_->images[viewport_->sliceIndex()].instance.series_uid);
    const StudyRow& row = opening_;
    const auto& a = study_->attributes;
    const std::string name = PersonName::display(
        row.patient_name.empty() ? a.patient_name : row.patient_name, text_.chinese());
    report_->setStudyLabel(
        QStringLiteral("%1  %2  %3\n%4")
            .arg(qs(name), qs(row.modality.empty() ? a.modality : row.modality),
                 qs(OverlayText::formatDate(a.study_date)),
                 qs(row.study_description.empty() ? a.study_description : row.study_description)));
    updateStatus();
}

void MainWindow::loadingUpdated(int done, int total) {
    progress_->setRange(0, std::max(total, 1));
    progress_->setValue(done);
    if (study_ && viewport_->study()) {
        study_ = loader_->study();
        viewport_->updateStudy(study_);
        updateStatus();
    }
}

void MainWindow::loadingFinished() {
    progress_->hide();
    study_ = loader_->study();
    if (study_ && !study_->empty()) {
        viewport_->updateStudy(study_);
    }
    for (const auto& w : loader_->warnings()) qWarning("countyread-viewer: %s", w.c_str());
    const StudyRow& row = opening_;
    const std::string name = PersonName::display(
        row.patient_name.empty() && study_ ? study_->attributes.patient_name : row.patient_name,
        text_.chinese());
    statusBar()->showMessage(QStringLiteral("%1: %2").arg(text_(UiText::Loaded), qs(name)), 5000);
    if (!study_ || study_->empty()) {
        showError(text_(UiText::LoadFailed), text_(UiText::NoImages));
    } else {
        loadPresentationStates();
    }
    updateStatus();
}

void MainWindow::loadPresentationStates() {
    PresentationStateSync sync(client_);
    auto loaded = sync.load(*study_);
    for (const auto& w : loaded.warnings)
        qWarning("countyread-viewer: presentation state %s", w.c_str());
    if (loaded.annotations.empty()) return;
    AnnotationStore& store = viewport_->annotations().store();
    for (auto& [key, a] : loaded.annotations) store.add(key, std::move(a));
    store.markSaved();
    viewport_->annotations().refresh();
    viewport_->render();
}

bool MainWindow::saveAnnotations() {
    if (!study_ || study_->empty()) {
        showError(text_(UiText::SaveAnnotations), text_(UiText::NoStudyOpen));
        return false;
    }
    const SliceView& view = viewport_->sliceView();
    DisplaySettings display;
    display.window = std::make_pair(view.window().center, view.window().width);
    display.rotation = view.transform().rotationQuarterTurns() * 90;
    display.horizontal_flip = view.transform().flipped();
    display.inverse = view.displayInverted();
    try {
        BusyCursor busy;
        PresentationStateSync sync(client_);
        const std::string uid = sync.save(viewport_->annotations().store(), *study_, display,
                                          client_.session().name, text_.chinese());
        viewport_->annotations().store().markSaved();
        statusBar()->showMessage(
            QStringLiteral("%1: %2").arg(text_(UiText::SaveAnnotations), qs(uid)), 5000);
        return true;
    } catch (const ServerError& e) {
        QString message = QString::fromUtf8(e.what());
        if (PresentationStateSync::endpointMissing(e.status())) {
            message = text_(UiText::SaveUnsupported).arg(message);
        }
        showError(text_(UiText::SaveAnnotations), message);
    } catch (const std::exception& e) {
        showError(text_(UiText::SaveAnnotations), QString::fromUtf8(e.what()));
    }
    return false;
}

void MainWindow::updateStatus() {
    const LoadedStudy* shown = viewport_->study();
    if (!shown || shown->empty()) {
        slice_status_->clear();
        return;
    }
    const std::string modality = shown->images[viewport_->sliceIndex()].instance.modality;
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

namespace countyread::viewer {

bool MainWindow::openMpr() {
    const LoadedStudy* shown = viewport_->study();
    if (!shown || shown->empty()) {
        showError(text_(UiText::Mpr), text_(UiText::NoStudyOpen));
        return false;
    }
    const auto [first, last] = viewport_->seriesRange(viewport_->sliceIndex());
    std::vector<std::shared_ptr<const dicom::ImageFrame>> frames;
    for (int i = first; i <= last; ++i) frames.push_back(shown->images[i].pixels);
    VolumeBuilder::Result built;
    {
        BusyCursor busy;
        built = VolumeBuilder::build(frames, text_.chinese());
    }
    if (!built.volume) {
        showError(text_(UiText::MprUnavailable), qs(built.reason));
        return false;
    }
    if (!built.volume->note.empty()) {
        qWarning("countyread-viewer: MPR: %s", built.volume->note.c_str());
    }
    delete mpr_;
    mpr_ = new MprWindow(std::make_shared<const Volume>(std::move(*built.volume)), *shown, text_,
                         viewport_->renderPath(), this);
    mpr_->setAttribute(Qt::WA_DeleteOnClose, false);
    mpr_->show();
    return true;
}

}  // namespace countyread::viewer

namespace countyread::viewer {

void MainWindow::applyHangingProtocol() {
    // The study as the protocol engine sees it: modality, body part, description, series.
    StudyFacts facts;
    facts.study_uid = study_->study.study_uid;
    facts.modality = opening_.modality.empty() ? study_->attributes.modality : opening_.modality;
    facts.body_part = study_->attributes.body_part;
    facts.description = opening_.study_description.empty() ? study_->attributes.study_description
                                                           : opening_.study_description;
    for (const auto& s : ProgressiveLoader::seriesOf(study_->instances))
        facts.series.push_back({s.series_uid, s.description, s.instances});
    // Built-in protocols, then the user's own from hanging-protocols.json in the settings
    // folder ($XDG_CONFIG_HOME/countyread). Priors are not listed by the server yet.
    HangingProtocolEngine engine;
    const QString config = qEnvironmentVariableIsEmpty("XDG_CONFIG_HOME")
                               ? QDir::homePath() + QStringLiteral("/.config")
                               : qEnvironmentVariable("XDG_CONFIG_HOME");
    QFile user_file(config + QStringLiteral("/countyread/hanging-protocols.json"));
    if (user_file.open(QIODevice::ReadOnly)) {
        try {
            for (auto& p : HangingProtocolEngine::fromJson(user_file.readAll().toStdString()))
                engine.put(std::move(p));
        } catch (const std::exception& e) {
            qWarning("countyread-viewer: %s: %s", qPrintable(user_file.fileName()), e.what());
        }
    }
    const auto protocol = engine.match(facts, std::nullopt);
    protocol_id_ = protocol ? protocol->id : std::string();
    if (!protocol) return;
    const auto viewports = HangingProtocolEngine::assign(*protocol, facts, std::nullopt);
    // One image viewport for now: it takes the protocol's first (stack) viewport's window,
    // unless a window was asked for, or a built-in protocol meets a file with its own window.
    const auto* frame = viewport_->sliceView().frame();
    const bool file_window = frame && frame->window_from_file;
    if (!viewports.empty() && !viewports.front().preset.empty() && !initial_window_ &&
        (protocol->user_defined || !file_window)) {
        const auto presets = viewport_->presets();
        for (std::size_t i = 0; i < presets.size(); ++i) {
            if (presets[i].key == viewports.front().preset) {
                viewport_->applyPreset(static_cast<int>(i) + 1);
                break;
            }
        }
    }
    statusBar()->showMessage(
        QString::fromStdString(text_.chinese() ? protocol->name_zh : protocol->name_en), 4000);
}

}  // namespace countyread::viewer

namespace countyread::viewer {

bool MainWindow::open3D() {
    const LoadedStudy* shown = viewport_->study();
    if (!shown || shown->empty()) {
        showError(text_(UiText::VolumeRendering), text_(UiText::NoStudyOpen));
        return false;
    }
    const auto [first, last] = viewport_->seriesRange(viewport_->sliceIndex());
    std::vector<std::shared_ptr<const dicom::ImageFrame>> frames;
    for (int i = first; i <= last; ++i) frames.push_back(shown->images[i].pixels);
    VolumeBuilder::Result built;
    {
        BusyCursor busy;
        built = VolumeBuilder::build(frames, text_.chinese());
    }
    if (!built.volume) {
        showError(text_(UiText::VolumeUnavailable), qs(built.reason));
        return false;
    }
    if (!built.volume->note.empty()) {
        qWarning("countyread-viewer: 3D: %s", built.volume->note.c_str());
    }
    delete volume_window_;
    volume_window_ = new VolumeWindow(std::make_shared<const Volume>(std::move(*built.volume)),
                                      *shown, text_, viewport_->renderPath(), this);
    volume_window_->setAttribute(Qt::WA_DeleteOnClose, false);
    volume_window_->show();
    return true;
}

}  // namespace countyread::viewer
