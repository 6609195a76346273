// MainWindow: the MPR and 3D windows and MPR viewports of the grid, all over one Volume per
// series (SeriesVolumeCache).
#include <QApplication>
#include <QStatusBar>

#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/MainWindow.h"
#include "viewer/ui/MprWindow.h"
#include "viewer/ui/ViewportGrid.h"
#include "viewer/ui/VolumeWindow.h"

namespace countyread::viewer {
namespace {

class BusyCursor {
public:
    BusyCursor() { QApplication::setOverrideCursor(Qt::WaitCursor); }
    ~BusyCursor() { QApplication::restoreOverrideCursor(); }
};

std::vector<std::shared_ptr<const dicom::ImageFrame>> seriesFrames(const LoadedStudy& study,
                                                                   const std::string& uid) {
    std::vector<std::shared_ptr<const dicom::ImageFrame>> frames;
    for (const auto& image : study.images)
        if (image.instance.series_uid == uid && image.pixels) frames.push_back(image.pixels);
    return frames;
}

}  // namespace

SeriesVolumeCache::Result MainWindow::volumeOfActiveSeries(QString* title) {
    ImageViewport* view = viewport();
    const LoadedStudy* shown = view->study();
    const GridCell& cell = grid_->cell(grid_->activeIndex());
    const LoadedStudy* source = cell.source == ViewportSpec::Source::Prior && prior_study_
                                    ? prior_study_.get()
                                    : study_.get();
    std::string series;
    if (cell.display != ViewportSpec::Display::Stack) {
        series = cell.series_uid;  // an MPR viewport: its series
    } else if (shown && !shown->empty()) {
        series = shown->images[view->sliceIndex()].instance.series_uid;
    }
    if (!source || source->empty() || series.empty()) {
        *title = text_(UiText::NoStudyOpen);
        return {nullptr, {}};
    }
    BusyCursor busy;
    return volumes_.get(series, seriesFrames(*source, series), text_.chinese());
}

bool MainWindow::openMpr() {
    QString missing;
    auto built = volumeOfActiveSeries(&missing);
    if (!built.volume) {
        if (!missing.isEmpty()) {
            showError(text_(UiText::Mpr), missing);
        } else {
            showError(text_(UiText::MprUnavailable), QString::fromStdString(built.reason));
        }
        return false;
    }
    if (!built.volume->note.empty())
        qWarning("countyread-viewer: MPR: %s", built.volume->note.c_str());
    const LoadedStudy& source = viewport()->study() ? *viewport()->study() : *study_;
    delete mpr_;
    mpr_ = new MprWindow(built.volume, source, text_, viewport()->renderPath(), this);
    mpr_->setAttribute(Qt::WA_DeleteOnClose, false);
    mpr_->show();
    return true;
}

bool MainWindow::open3D() {
    QString missing;
    auto built = volumeOfActiveSeries(&missing);
    if (!built.volume) {
        if (!missing.isEmpty()) {
            showError(text_(UiText::VolumeRendering), missing);
        } else {
            showError(text_(UiText::VolumeUnavailable), QString::fromStdString(built.reason));
        }
        return false;
    }
    if (!built.volume->note.empty())
        qWarning("countyread-viewer: 3D: %s", built.volume->note.c_str());
    const LoadedStudy& source = viewport()->study() ? *viewport()->study() : *study_;
    delete volume_window_;
    volume_window_ = new VolumeWindow(built.volume, source, text_, viewport()->renderPath(), this);
    volume_window_->setAttribute(Qt::WA_DeleteOnClose, false);
    volume_window_->show();
    return true;
}

void MainWindow::buildMprCells() {
    // MPR viewports of the protocol (CT head: coronal; CT: coronal + sagittal) once their
    // series has loaded; a series that is not a volume shows as a stack instead.
    for (int i = 0; i < grid_->count(); ++i) {
        GridCell& cell = grid_->cell(i);
        if (cell.display == ViewportSpec::Display::Stack || cell.shown) continue;
        std::string series = cell.series_uid;
        if (series.empty() && !study_->empty())
            series = study_->images[static_cast<std::size_t>(study_->initial_index)]
                         .instance.series_uid;
        SeriesVolumeCache::Result built;
        {
            BusyCursor busy;
            built = volumes_.get(series, seriesFrames(*study_, series), text_.chinese());
        }
        if (!built.volume) {
            statusBar()->showMessage(
                QStringLiteral("%1: %2").arg(text_(UiText::MprUnavailable),
                                             QString::fromStdString(built.reason)),
                8000);
            cell.display = ViewportSpec::Display::Stack;
            placeCurrent();
            continue;
        }
        cell.series_uid = series;
        const UiText::Key name = cell.display == ViewportSpec::Display::MprCoronal ? UiText::MprCoronal
                                 : cell.display == ViewportSpec::Display::MprSagittal
                                     ? UiText::MprSagittal
                                     : UiText::MprAxial;
        grid_->showMpr(i, std::make_shared<const MprReslicer>(built.volume), *study_,
                       text_(name));
        grid_->viewport(i)->setRenderPath(grid_->viewport(0)->renderPath());
        applyCellPreset(i);
    }
}

}  // namespace countyread::viewer
