#include "viewer/ui/ImageViewport.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>
#include <algorithm>

#include "viewer/core/OverlayText.h"

namespace countyread::viewer {

ImageViewport::ImageViewport(bool chinese_overlays, QWidget* parent)
    : VtkNativeWidget(parent), chinese_(chinese_overlays) {
    view_.addTo(renderWindow());
    setCursor(Qt::CrossCursor);
}

void ImageViewport::setStudy(std::shared_ptr<const LoadedStudy> study,
                             std::optional<WindowLevel> window) {
    study_ = std::move(study);
    if (!study_ || study_->images.empty()) {
        clear();
        return;
    }
    index_ = std::clamp(study_->initial_index, 0, sliceCount() - 1);
    view_.setFrame(study_->images[index_].pixels, /*reset_window=*/true);
    if (window) view_.setWindow(*window);
    view_.fitToViewport();
    updateOverlays();
    emit sliceChanged(index_, sliceCount());
    emit windowChanged(view_.window().center, view_.window().width);
    update();
}

void ImageViewport::clear() {
    study_.reset();
    index_ = 0;
    view_.setFrame(nullptr, true);
    for (int c = 0; c < 4; ++c) view_.setOverlayText(static_cast<SliceView::Corner>(c), "");
    update();
}

int ImageViewport::sliceCount() const {
    return study_ ? static_cast<int>(study_->images.size()) : 0;
}

void ImageViewport::showSlice(int index) {
    if (!study_ || study_->images.empty()) return;
    index = std::clamp(index, 0, sliceCount() - 1);
    if (index == index_) return;
    // Series keep their own default window only when the radiologist moves to another series.
    const bool other_series =
        study_->images[index].instance.series_uid != study_->images[index_].instance.series_uid;
    index_ = index;
    view_.setFrame(study_->images[index_].pixels, other_series);
    updateOverlays();
    emit sliceChanged(index_, sliceCount());
    if (other_series) emit windowChanged(view_.window().center, view_.window().width);
    render();
}

void ImageViewport::setWindow(const WindowLevel& modality) {
    view_.setWindow(modality);
    updateOverlays();
    emit windowChanged(modality.center, modality.width);
    render();
}

double ImageViewport::dragScale() const {
    const dicom::ImageFrame* f = view_.frame();
    if (!f) return 1.0;
    // The frame's dynamic range (or, for flat images, its default window width): constant
    // during a drag, so the same motion always moves the window by the same amount.
    double range = (f->stored_max - f->stored_min) * std::abs(f->rescale_slope);
    if (range < 1.0) range = f->window_width;
    return dragScaleFor(range);
}

void ImageViewport::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        dragging_ = true;
        drag_last_ = event->position().toPoint();
        event->accept();
        return;
    }
    VtkNativeWidget::mousePressEvent(event);
}

void ImageViewport::mouseMoveEvent(QMouseEvent* event) {
    if (!dragging_ || !view_.frame()) return;
    const QPoint p = event->position().toPoint();
    const QPoint d = p - drag_last_;
    drag_last_ = p;
    if (d.isNull()) return;
    setWindow(view_.window().dragged(d.x(), d.y(), dragScale()));
}

void ImageViewport::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) dragging_ = false;
}

void ImageViewport::wheelEvent(QWheelEvent* event) {
    // One notch (120) = one slice; wheel down (negative delta) goes to the next slice.
    wheel_remainder_ += event->angleDelta().y();
    const int steps = wheel_remainder_ / 120;
    wheel_remainder_ -= steps * 120;
    if (steps != 0) showSlice(index_ - steps);
    event->accept();
}

void ImageViewport::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_PageDown:
        case Qt::Key_Down:
        case Qt::Key_Right:
            showSlice(index_ + 1);
            break;
        case Qt::Key_PageUp:
        case Qt::Key_Up:
        case Qt::Key_Left:
            showSlice(index_ - 1);
            break;
        case Qt::Key_Home:
            showSlice(0);
            break;
        case Qt::Key_End:
            showSlice(sliceCount() - 1);
            break;
        case Qt::Key_R:
            if (const auto* f = view_.frame()) setWindow({f->window_center, f->window_width});
            break;
        default:
            VtkNativeWidget::keyPressEvent(event);
            return;
    }
    event->accept();
}

void ImageViewport::viewportResized() { view_.fitToViewport(); }

void ImageViewport::updateOverlays() {
    if (!study_ || study_->images.empty()) return;
    const LoadedImage& image = study_->images[index_];
    OverlayText::Input in;
    in.study = &study_->study;
    in.attributes = &study_->attributes;
    in.instance = &image.instance;
    in.frame = image.pixels.get();
    in.index = index_;
    in.count = sliceCount();
    in.window = view_.window();
    in.chinese = chinese_;
    OverlayText text = OverlayText::build(in);
    view_.setOverlayText(SliceView::Corner::TopLeft, text.top_left);
    view_.setOverlayText(SliceView::Corner::TopRight, text.top_right);
    view_.setOverlayText(SliceView::Corner::BottomLeft, text.bottom_left);
    view_.setOverlayText(SliceView::Corner::BottomRight, text.bottom_right);
}

}  // namespace countyread::viewer
