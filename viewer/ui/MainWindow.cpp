#include "viewer/ui/MainWindow.h"

#include <QApplication>
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

#include "viewer/core/InstanceFetcher.h"
#include "viewer/core/OverlayText.h"
#include "viewer/core/PersonName.h"
#include "viewer/core/PresentationStateSync.h"
#include "viewer/core/ReportSubmitter.h"
#include "viewer/core/ServerError.h"
#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/MprWindow.h"
#include "viewer/ui/PriorsList.h"
#include "viewer/ui/ProgressiveLoader.h"
#include "viewer/ui/ReportPanel.h"
#include "viewer/ui/SeriesStrip.h"
#include "viewer/ui/ViewerToolBar.h"
#include "viewer/ui/ViewportGrid.h"
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
    worklist_title_ = new QLabel(left);
    left_layout->addWidget(worklist_title_);
    worklist_ = new WorklistTable(text_, left);
    left_layout->addWidget(worklist_, 3);
    refresh_ = new QPushButton(text_(UiText::Refresh), left);
    left_layout->addWidget(refresh_);
    series_title_ = new QLabel(left);
    left_layout->addWidget(series_title_);
    series_ = new SeriesStrip(text_, left);
    left_layout->addWidget(series_, 2);
    priors_title_ = new QLabel(left);
    left_layout->addWidget(priors_title_);
    priors_ = new PriorsList(text_, left);
    left_layout->addWidget(priors_, 1);

    grid_ = new ViewportGrid(text_.chinese(), this);
    report_ = new ReportPanel(text_, this);
    report_->setClient(&client_);
    tools_ = new ViewerToolBar(text_, *grid_->active(), this);
    addToolBar(Qt::TopToolBarArea, tools_);
    loader_ = new ProgressiveLoader(this);
    prior_loader_ = new ProgressiveLoader(this);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(grid_);
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
    progress_->hide();
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(slice_status_);

    connect(tools_, &ViewerToolBar::saveAnnotationsRequested, this, [this] { saveAnnotations(); });
    connect(tools_, &ViewerToolBar::mprRequested, this, [this] { openMpr(); });
    connect(tools_, &ViewerToolBar::deleteAnnotationRequested, this, [this] {
        if (viewport()->annotations().deleteNear(std::nullopt)) viewport()->render();
    });
    auto* save_shortcut = new QAction(this);
    save_shortcut->setShortcut(QKeySequence::Save);
    connect(save_shortcut, &QAction::triggered, this, [this] { saveAnnotations(); });
    addAction(save_shortcut);
    volume_action_ = new QAction(this);
    volume_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    connect(volume_action_, &QAction::triggered, this, [this] { open3D(); });
    tools_->addAction(volume_action_);
    for (int i = 0; i < ViewportGrid::kMaxViewports; ++i) {
        ImageViewport* view = grid_->viewport(i);
        view->setTextPrompt([this](bool optional) -> std::optional<std::string> {
            bool ok = false;
            const QString text =
                QInputDialog::getText(this, text_(UiText::ToolText), text_(UiText::AnnotationText),
                                      QLineEdit::Normal, QString(), &ok);
            if (!ok) return std::nullopt;
            if (text.isEmpty() && !optional) return std::nullopt;
            return text.toStdString();
        });
        connect(view, &ImageViewport::sliceChanged, this, [this, view] {
            if (view == viewport()) updateStatus();
        });
        connect(view, &ImageViewport::windowChanged, this, [this, view] {
            if (view == viewport()) updateStatus();
        });
    }
    connect(grid_, &ViewportGrid::activeChanged, this, [this](ImageViewport* view) {
        tools_->setViewport(*view);
        const LoadedStudy* shown = view->study();
        if (shown && !shown->empty() && shown == study_.get())
            series_->markCurrent(shown->images[view->sliceIndex()].instance.series_uid);
        updateStatus();
    });

    connect(loader_, &ProgressiveLoader::firstImage, this, [this] { showFirstImage(); });
    connect(loader_, &ProgressiveLoader::updated, this,
            [this](int done, int total) { loadingUpdated(done, total); });
    connect(loader_, &ProgressiveLoader::finished, this, [this] { loadingFinished(); });
    connect(loader_, &ProgressiveLoader::thumbnailReady, series_,
            [this](const SeriesThumbnail& t) { series_->setThumbnail(t); });
    for (auto signal : {&ProgressiveLoader::firstImage, &ProgressiveLoader::finished})
        connect(prior_loader_, signal, this, [this] { placePrior(); });
    connect(prior_loader_, &ProgressiveLoader::updated, this, [this] { placePrior(); });
    connect(series_, &SeriesStrip::seriesActivated, this,
            [this](const std::string& uid) { showSeries(uid); });
    connect(priors_, &PriorsList::priorActivated, this,
            [this](const StudyRow& prior) { openPrior(prior); });

    connect(refresh_, &QPushButton::clicked, this, [this] { refreshWorklist(); });
    connect(worklist_, &WorklistTable::studyActivated, this,
            [this](const StudyRow& row) { openStudy(row); });
    connect(report_, &ReportPanel::signRequested, this, [this] { signAndSend(); });
    connect(report_, &ReportPanel::keyImageRequested, this, [this] {
        ImageViewport* view = annotationViewport();
        const LoadedStudy* shown = view ? view->study() : nullptr;
        if (shown && !shown->empty())
            report_->addKeyImage(shown->images[view->sliceIndex()].instance);
    });
    buildLayoutMenu();
    buildLanguageMenu();
    retranslate(text_);
}

ImageViewport* MainWindow::viewport() const { return grid_->active(); }

void MainWindow::setRenderPath(RenderPath path) {
    for (int i = 0; i < ViewportGrid::kMaxViewports; ++i) grid_->viewport(i)->setRenderPath(path);
}

ImageViewport* MainWindow::annotationViewport() const {
    // The active viewport when it shows the current study's images, else the first that does.
    const auto shows_current = [this](int i) {
        const GridCell& c = grid_->cell(i);
        const LoadedStudy* shown = grid_->viewport(i)->study();
        return c.source == ViewportSpec::Source::Current &&
               c.display == ViewportSpec::Display::Stack && shown && study_ &&
               shown->study.study_uid == study_->study.study_uid;
    };
    if (shows_current(grid_->activeIndex())) return grid_->active();
    for (int i = 0; i < grid_->count(); ++i)
        if (shows_current(i)) return grid_->viewport(i);
    return nullptr;
}

void MainWindow::showSeries(const std::string& uid) {
    const int active = grid_->activeIndex();
    ImageViewport* view = grid_->active();
    const LoadedStudy* study = study_.get();
    if (!study) return;
    GridCell& cell = grid_->cell(active);
    if (cell.source == ViewportSpec::Source::Current &&
        cell.display == ViewportSpec::Display::Stack && view->study() == study) {
        // Same study in this viewport: move to the series (annotations stay).
        for (int i = 0; i < static_cast<int>(study->images.size()); ++i) {
            if (study->images[i].instance.series_uid != uid) continue;
            const auto [first, last] = view->seriesRange(i);
            const std::string& modality = study->images[i].instance.modality;
            const bool volume = modality == "CT" || modality == "MR" || modality == "PT";
            view->showSlice(volume ? first + (last - first) / 2 : first);
            cell.series_uid = uid;
            break;
        }
    } else {
        GridCell c;
        c.series_uid = uid;
        grid_->assign(active, c);
        placeCurrent();
    }
    series_->markCurrent(uid);
    view->setFocus();
}

std::function<std::unique_ptr<InstanceFetcher>()> MainWindow::fetcherFactory() const {
    // Each loading thread gets its own HTTP connection (resuming this session) and reads
    // through the local cache.
    const ServerUrl url = client_.url();
    const UserSession session = client_.session();
    InstanceCache* cache = cache_;
    return [url, session, cache]() -> std::unique_ptr<InstanceFetcher> {
        auto server = std::make_unique<ServerInstanceFetcher>(url, session);
        if (!cache) return server;
        return std::make_unique<CachedInstanceFetcher>(*cache, std::move(server));
    };
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
    prior_loader_->cancel();
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
    prior_study_.reset();
    prior_row_ = StudyRow{};
    instances_ = instances;
    volumes_.clear();
    protocol_.reset();
    protocol_id_.clear();
    grid_->clearAll();
    grid_->setGrid(1, 1);
    grid_->setActive(0);
    series_->setSeries(ProgressiveLoader::seriesOf(instances));
    listPriors(row);
    statusBar()->showMessage(text_(UiText::Loading));
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->show();
    loader_->start(row, std::move(instances), fetcherFactory(), loading_threads_);
    // Recording the opening (state -> in_reading) may be refused, e.g. for a study already
    // signed: the images are still shown for review, with the server's reason as a note.
    QString open_note;
    try {
        client_.openStudy(row.study_uid);
    } catch (const std::exception& e) {
        open_note = QString::fromUtf8(e.what());
        qWarning("countyread-viewer: open %s: %s", row.study_uid.c_str(), e.what());
    }
    report_->setStudy(row.study_uid, row.modality);
    report_->setSignEnabled(true);
    report_->setStatus(open_note);
    if (!open_note.isEmpty()) statusBar()->showMessage(open_note);
    refreshWorklist();  // the study is now in_reading
    return true;
}

bool MainWindow::loading() const { return loader_->loading() || prior_loader_->loading(); }

bool MainWindow::waitUntilLoaded(int timeout_ms) {
    QElapsedTimer timer;
    timer.start();
    while (loading() && timer.elapsed() < timeout_ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    QCoreApplication::processEvents();
    return !loading();
}

void MainWindow::showFirstImage() {
    study_ = loader_->study();
    if (!study_ || study_->empty()) return;
    applyHangingProtocol();  // the layout and what each viewport shows
    placeCurrent();
    const ImageViewport* view = viewport();
    if (view->study() == study_.get())
        series_->markCurrent(study_->images[view->sliceIndex()].instance.series_uid);
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
    if (study_) {
        study_ = loader_->study();
        placeCurrent();
        updateStatus();
    }
}

void MainWindow::loadingFinished() {
    progress_->hide();
    study_ = loader_->study();
    if (study_ && !study_->empty()) {
        placeCurrent();
        buildMprCells();
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
    // Every viewport showing the current study's images gets them (each draws those of its
    // image); saving writes the active one's.
    for (int i = 0; i < grid_->count(); ++i) {
        ImageViewport* view = grid_->viewport(i);
        const GridCell& c = grid_->cell(i);
        if (c.source != ViewportSpec::Source::Current ||
            c.display != ViewportSpec::Display::Stack || view->study() != study_.get())
            continue;
        AnnotationStore& store = view->annotations().store();
        for (const auto& [key, a] : loaded.annotations) store.add(key, a);
        store.markSaved();
        view->annotations().refresh();
        view->render();
    }
}

bool MainWindow::saveAnnotations() {
    ImageViewport* viewport = annotationViewport();
    if (!study_ || study_->empty() || !viewport) {
        showError(text_(UiText::SaveAnnotations), text_(UiText::NoStudyOpen));
        return false;
    }
    const SliceView& view = viewport->sliceView();
    DisplaySettings display;
    display.window = std::make_pair(view.window().center, view.window().width);
    display.rotation = view.transform().rotationQuarterTurns() * 90;
    display.horizontal_flip = view.transform().flipped();
    display.inverse = view.displayInverted();
    try {
        BusyCursor busy;
        PresentationStateSync sync(client_);
        const std::string uid = sync.save(viewport->annotations().store(), *study_, display,
                                          client_.session().name, text_.chinese());
        viewport->annotations().store().markSaved();
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
    const ImageViewport* view = viewport();
    const LoadedStudy* shown = view->study();
    if (!shown || shown->empty()) {
        slice_status_->clear();
        return;
    }
    const std::string modality = shown->images[view->sliceIndex()].instance.modality;
    const bool prior = grid_->cell(grid_->activeIndex()).source == ViewportSpec::Source::Prior;
    slice_status_->setText(
        QStringLiteral("%1%2/%3   %4")
            .arg(prior ? text_(UiText::PriorLabel) + QStringLiteral(" ") : QString())
            .arg(view->sliceIndex() + 1)
            .arg(view->sliceCount())
            .arg(qs(OverlayText::windowLabel(view->window(), modality, text_.chinese()))));
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
