#include "viewer/ui/ViewportGrid.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "viewer/ui/ImageViewport.h"

namespace countyread::viewer {
namespace {

using Display = ViewportSpec::Display;

bool volumeModality(const std::string& m) { return m == "CT" || m == "MR" || m == "PT"; }

// Slice normal and position along it of a frame (nullopt without geometry).
std::optional<std::pair<std::array<double, 3>, double>> slicePosition(
    const dicom::ImageFrame* f) {
    if (!f || !f->image_position || !f->image_orientation) return std::nullopt;
    const auto& o = *f->image_orientation;
    std::array<double, 3> n{o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5],
                            o[0] * o[4] - o[1] * o[3]};
    const double length = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    if (length < 1e-6) return std::nullopt;
    for (auto& c : n) c /= length;
    const auto& p = *f->image_position;
    return std::make_pair(n, p[0] * n[0] + p[1] * n[1] + p[2] * n[2]);
}

MprPlane planeOf(Display d) {
    switch (d) {
        case Display::MprCoronal:
            return MprPlane::Coronal;
        case Display::MprSagittal:
            return MprPlane::Sagittal;
        default:
            return MprPlane::Axial;
    }
}

}  // namespace

ViewportGrid::ViewportGrid(bool chinese_overlays, QWidget* parent) : QWidget(parent) {
    layout_ = new QGridLayout(this);
    layout_->setContentsMargins(0, 0, 0, 0);
    layout_->setSpacing(2);
    for (int i = 0; i < kMaxViewports; ++i) {
        auto* frame = new QFrame(this);
        frame->setObjectName(QStringLiteral("viewportFrame%1").arg(i));
        auto* inner = new QVBoxLayout(frame);
        inner->setContentsMargins(2, 2, 2, 2);
        auto* view = new ImageViewport(chinese_overlays, frame);
        view->setMinimumSize(64, 64);
        view->setObjectName(QStringLiteral("imageViewport%1").arg(i));
        view->installEventFilter(this);
        inner->addWidget(view);
        frames_[static_cast<std::size_t>(i)] = frame;
        viewports_[static_cast<std::size_t>(i)] = view;
        connect(view, &ImageViewport::sliceChanged, this, [this, i] { syncFrom(i); });
    }
    relayout();
}

int ViewportGrid::indexOf(const ImageViewport* viewport) const {
    for (int i = 0; i < kMaxViewports; ++i)
        if (viewports_[static_cast<std::size_t>(i)] == viewport) return i;
    return -1;
}

void ViewportGrid::setGrid(int rows, int columns) {
    rows = std::max(1, rows);
    columns = std::max(1, columns);
    if (rows * columns > kMaxViewports) columns = std::max(1, kMaxViewports / rows);
    rows_ = rows;
    columns_ = columns;
    relayout();
    if (active_ >= count()) setActive(0);
}

void ViewportGrid::relayout() {
    for (auto* frame : frames_) layout_->removeWidget(frame);
    for (int i = 0; i < kMaxViewports; ++i) {
        QFrame* frame = frames_[static_cast<std::size_t>(i)];
        if (i < count()) {
            layout_->addWidget(frame, i / columns_, i % columns_);
            frame->show();
        } else {
            frame->hide();
        }
    }
    for (int r = 0; r < 2; ++r) layout_->setRowStretch(r, r < rows_ ? 1 : 0);
    for (int c = 0; c < 4; ++c) layout_->setColumnStretch(c, c < columns_ ? 1 : 0);
    highlight();
}

void ViewportGrid::setActive(int index) {
    index = std::clamp(index, 0, count() - 1);
    if (index == active_) return;
    active_ = index;
    highlight();
    emit activeChanged(active());
}

void ViewportGrid::highlight() {
    for (int i = 0; i < kMaxViewports; ++i) {
        const bool on = i == active_ && count() > 1;
        frames_[static_cast<std::size_t>(i)]->setStyleSheet(
            QStringLiteral("QFrame#viewportFrame%1 { background: %2; }")
                .arg(i)
                .arg(on ? QStringLiteral("#2a82da") : QStringLiteral("#202020")));
    }
}

bool ViewportGrid::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::FocusIn) {
        const int i = indexOf(qobject_cast<ImageViewport*>(watched));
        if (i >= 0 && i < count()) setActive(i);
    }
    return QWidget::eventFilter(watched, event);
}

void ViewportGrid::clearAll() {
    for (int i = 0; i < kMaxViewports; ++i) assign(i, GridCell{});
}

void ViewportGrid::assign(int index, GridCell cell) {
    cells_[static_cast<std::size_t>(index)] = std::move(cell);
    has_position_[static_cast<std::size_t>(index)] = false;
    ImageViewport* view = viewport(index);
    view->setFrameProvider(nullptr);
    view->setCrosshair(std::nullopt);
    view->clear();
}

std::vector<int> ViewportGrid::place(ViewportSpec::Source source,
                                     const std::shared_ptr<const LoadedStudy>& study) {
    std::vector<int> placed;
    if (!study || study->empty()) return placed;
    for (int i = 0; i < count(); ++i) {
        GridCell& c = cells_[static_cast<std::size_t>(i)];
        if (c.source != source || c.display != Display::Stack) continue;
        ImageViewport* view = viewport(i);
        if (c.shown) {
            if (view->study() && view->study()->study.study_uid == study->study.study_uid)
                view->updateStudy(study);
            continue;
        }
        // The series' images arrived so far: show its middle (CT) or first image.
        int first = -1, last = -1;
        for (int k = 0; k < static_cast<int>(study->images.size()); ++k) {
            if (!c.series_uid.empty() && study->images[k].instance.series_uid != c.series_uid)
                continue;
            if (first < 0) first = k;
            last = k;
            if (c.series_uid.empty()) break;
        }
        if (first < 0) continue;
        view->setStudy(study);
        if (!c.series_uid.empty()) {
            const auto& initial = study->images[static_cast<std::size_t>(study->initial_index)];
            int target = first;
            if (initial.instance.series_uid == c.series_uid) {
                target = study->initial_index;
            } else if (volumeModality(study->images[first].instance.modality)) {
                target = first + (last - first) / 2;
            }
            view->showSlice(target);
        }
        c.shown = true;
        placed.push_back(i);
    }
    return placed;
}

void ViewportGrid::showMpr(int index, std::shared_ptr<const MprReslicer> reslicer,
                           const LoadedStudy& source, const QString& plane_name) {
    GridCell& c = cells_[static_cast<std::size_t>(index)];
    const MprPlane plane = planeOf(c.display);
    c.mpr = std::move(reslicer);
    auto study = std::make_shared<LoadedStudy>();
    study->study = source.study;
    study->attributes = source.attributes;
    const int slices = c.mpr->sliceCount(plane);
    for (int k = 0; k < slices; ++k) {
        LoadedImage image;
        image.instance.series_uid = "mpr-" + c.series_uid + "-" + std::to_string(index);
        image.instance.sop_instance_uid = image.instance.series_uid;
        image.instance.series_description = (plane_name + QStringLiteral(" MPR")).toStdString();
        image.instance.modality = "CT";
        image.instance.instance_number = k + 1;
        image.frame = k;
        study->images.push_back(image);
    }
    study->initial_index = slices / 2;
    ImageViewport* view = viewport(index);
    std::shared_ptr<const MprReslicer> keep = c.mpr;
    view->setFrameProvider([keep, plane](int k) -> std::shared_ptr<const dicom::ImageFrame> {
        return keep->slice(plane, k);
    });
    view->setStudy(study);
    c.shown = true;
}

void ViewportGrid::syncFrom(int index) {
    const auto i = static_cast<std::size_t>(index);
    ImageViewport* view = viewport(index);
    const auto position = slicePosition(view->sliceView().frame());
    const bool had = has_position_[i];
    const double before = last_position_[i];
    if (position) {
        last_position_[i] = position->second;
        has_position_[i] = true;
    }
    if (!sync_ || syncing_ || !position || !had || cells_[i].display != Display::Stack) return;
    const LoadedStudy* from = view->study();
    if (!from || !volumeModality(from->images[view->sliceIndex()].instance.modality)) return;
    syncing_ = true;
    for (int j = 0; j < count(); ++j) {
        if (j == index || cells_[static_cast<std::size_t>(j)].display != Display::Stack) continue;
        ImageViewport* other = viewport(j);
        const LoadedStudy* study = other->study();
        if (!study || study->empty()) continue;
        const auto here = slicePosition(other->sliceView().frame());
        if (!here || !volumeModality(study->images[other->sliceIndex()].instance.modality))
            continue;
        const auto& n = position->first;
        const auto& m = here->first;
        if (n[0] * m[0] + n[1] * m[1] + n[2] * m[2] < 0.99) continue;  // same orientation
        // Same study: the same patient position; a prior: moved by the same distance.
        const bool same_study = study->study.study_uid == from->study.study_uid;
        const double target = same_study ? position->second
                                         : here->second + (position->second - before);
        const auto [first, last] = other->seriesRange(other->sliceIndex());
        int best = other->sliceIndex();
        double best_distance = std::abs(here->second - target);
        for (int k = first; k <= last; ++k) {
            const auto p = slicePosition(study->images[static_cast<std::size_t>(k)].pixels.get());
            if (!p) continue;
            const double d = std::abs(p->second - target);
            if (d < best_distance) {
                best_distance = d;
                best = k;
            }
        }
        if (best != other->sliceIndex()) other->showSlice(best);
    }
    syncing_ = false;
}

}  // namespace countyread::viewer
