// ImageViewport's mouse handling: tools on the left button, pan on the middle, zoom on the
// right, the wheel for slices (Ctrl: zoom), the probe and the MPR crosshair.
#include <QMouseEvent>
#include <QWheelEvent>
#include <cmath>

#include "viewer/core/PixelProbe.h"
#include "viewer/ui/ImageViewport.h"

namespace countyread::viewer {

void ImageViewport::mousePressEvent(QMouseEvent* event) {
    const Qt::MouseButton b = event->button();
    if (b != Qt::LeftButton && b != Qt::MiddleButton && b != Qt::RightButton) {
        VtkNativeWidget::mousePressEvent(event);
        return;
    }
    drag_button_ = b;
    drag_tool_ = b == Qt::LeftButton ? tool_ : (b == Qt::MiddleButton ? Tool::Pan : Tool::Zoom);
    drag_last_ = event->position().toPoint();
    drag_anchor_ = devicePoint(event->position());
    if (b == Qt::LeftButton && annotations_.press(drag_anchor_)) {
        render();
        event->accept();
        return;
    }
    if (drag_tool_ == Tool::Probe) updateProbe(drag_anchor_);
    if (drag_tool_ == Tool::Crosshair) {
        const Point2 p = view_.transform().toPixel(drag_anchor_);
        emit crosshairPicked(p.x, p.y);
    }
    event->accept();
}

void ImageViewport::mouseMoveEvent(QMouseEvent* event) {
    const Point2 device = devicePoint(event->position());
    last_mouse_ = device;
    if (probe_enabled_) updateProbe(device);
    if ((drag_button_ == Qt::LeftButton || drag_button_ == Qt::NoButton) &&
        annotations_.move(device)) {
        render();
        return;
    }
    if (drag_button_ == Qt::NoButton || !view_.frame()) return;
    const QPoint p = event->position().toPoint();
    const QPoint d = p - drag_last_;
    drag_last_ = p;
    if (d.isNull()) return;
    const double dpr = devicePixelRatioF();
    switch (drag_tool_) {
        case Tool::WindowLevel:
            setWindow(view_.window().dragged(d.x(), d.y(), dragScale()));
            break;
        case Tool::Pan:
            view_.transform().panBy(d.x() * dpr, d.y() * dpr);
            view_.setFitted(false);
            viewTransformChanged();
            break;
        case Tool::Crosshair: {
            const Point2 pixel = view_.transform().toPixel(device);
            emit crosshairPicked(pixel.x, pixel.y);
            break;
        }
        case Tool::Zoom:
            // Dragging up zooms in, about the point where the drag started.
            view_.transform().zoomBy(std::exp(-d.y() * 0.01), drag_anchor_);
            view_.setFitted(false);
            viewTransformChanged();
            break;
        default:
            break;
    }
}

void ImageViewport::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != drag_button_) return;
    drag_button_ = Qt::NoButton;
    if (event->button() == Qt::LeftButton && annotations_.release(devicePoint(event->position())))
        render();
}

void ImageViewport::updateProbe(Point2 screen) {
    // The stored values, never the display-enhanced ones.
    const auto original = study_ && !study_->images.empty() ? originalFrame(index_) : nullptr;
    const dicom::ImageFrame* f = original.get();
    std::optional<PixelProbe> probe;
    if (f) probe = PixelProbe::at(*f, view_.transform().toPixel(screen));
    std::string text;
    if (probe) {
        std::string modality = study_ ? study_->images[index_].instance.modality : "";
        text = probe->text(modality, chinese_);
    }
    view_.overlays().setProbe(text, screen, view_.transform().viewportHeight());
    emit probeChanged(QString::fromStdString(text));
    render();
}

void ImageViewport::wheelEvent(QWheelEvent* event) {
    // One notch (120) = one slice; wheel down (negative delta) goes to the next slice.
    // With Ctrl: zoom about the mouse, 10 % per notch.
    wheel_remainder_ += event->angleDelta().y();
    const int steps = wheel_remainder_ / 120;
    wheel_remainder_ -= steps * 120;
    if (steps != 0) {
        if (event->modifiers() & Qt::ControlModifier) {
            view_.transform().zoomBy(std::pow(1.1, steps), devicePoint(event->position()));
            view_.setFitted(false);
            viewTransformChanged();
        } else {
            showSlice(index_ - steps);
        }
    }
    event->accept();
}

Point2 ImageViewport::devicePoint(const QPointF& p) const {
    const double dpr = devicePixelRatioF();
    return {p.x() * dpr, p.y() * dpr};
}

}  // namespace countyread::viewer
