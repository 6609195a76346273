#include "viewer/ui/VolumeRenderWidget.h"

#include <vtkRenderWindow.h>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QTimer>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace countyread::viewer {

namespace {
constexpr int kSettleMs = 250;      // full quality this long after the last wheel turn
constexpr double kWheelZoom = 1.1;  // per wheel notch
constexpr double kKeyRotateDegrees = 15.0;
}  // namespace

VolumeRenderWidget::VolumeRenderWidget(QWidget* parent) : VtkNativeWidget(parent) {
    scene_.addTo(renderWindow());
    settle_ = new QTimer(this);
    settle_->setSingleShot(true);
    settle_->setInterval(kSettleMs);
    connect(settle_, &QTimer::timeout, this, [this] {
        if (drag_button_ != Qt::NoButton) return;
        scene_.setInteractive(false);
        render();
    });
}

VolumeRenderWidget::~VolumeRenderWidget() = default;

void VolumeRenderWidget::setPreset(int index) {
    if (index == scene_.presetIndex()) return;
    scene_.applyPreset(index);
    if (scene_.presetIndex() != index) return;  // out of range
    render();
    emit presetChanged(index);
}

void VolumeRenderWidget::resetView() {
    scene_.resetCamera();
    render();
}

double VolumeRenderWidget::degreesPerPixel() const {
    // vtkInteractorStyleTrackballCamera: 20 / size * MotionFactor (10) degrees per pixel.
    const int size = std::max(1, std::min(width(), height()));
    return 200.0 / size;
}

void VolumeRenderWidget::mousePressEvent(QMouseEvent* event) {
    const Qt::MouseButton b = event->button();
    if (b != Qt::LeftButton && b != Qt::MiddleButton && b != Qt::RightButton) {
        VtkNativeWidget::mousePressEvent(event);
        return;
    }
    drag_button_ = b;
    drag_last_ = event->position().toPoint();
    scene_.setInteractive(true);
    event->accept();
}

void VolumeRenderWidget::mouseMoveEvent(QMouseEvent* event) {
    if (drag_button_ == Qt::NoButton) return;
    const QPoint p = event->position().toPoint();
    const QPoint d = p - drag_last_;
    drag_last_ = p;
    if (d.isNull()) return;
    switch (drag_button_) {
        case Qt::LeftButton:
            // Dragging right turns the patient to the right; dragging up tips the head back.
            scene_.rotate(-d.x() * degreesPerPixel(), d.y() * degreesPerPixel());
            break;
        case Qt::MiddleButton: {
            const double dpr = devicePixelRatioF();
            scene_.pan(d.x() * dpr, d.y() * dpr);
            break;
        }
        case Qt::RightButton:
            scene_.zoom(std::exp(-d.y() * 0.01));  // dragging up zooms in
            break;
        default:
            break;
    }
    update();  // renders at the next paint: moves that arrive meanwhile are merged
    event->accept();
}

void VolumeRenderWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != drag_button_) return;
    drag_button_ = Qt::NoButton;
    scene_.setInteractive(false);
    render();
    event->accept();
}

void VolumeRenderWidget::wheelEvent(QWheelEvent* event) {
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0.0) return;
    scene_.zoom(std::pow(kWheelZoom, notches));
    interacted();
    event->accept();
}

void VolumeRenderWidget::keyPressEvent(QKeyEvent* event) {
    const int key = event->key();
    const bool plain = !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier));
    if (plain && key >= Qt::Key_1 && key <= Qt::Key_9) {
        setPreset(key - Qt::Key_1);
        return;
    }
    switch (plain ? key : 0) {
        case Qt::Key_R:
            resetView();
            return;
        case Qt::Key_Left:
            scene_.rotate(kKeyRotateDegrees, 0);
            break;
        case Qt::Key_Right:
            scene_.rotate(-kKeyRotateDegrees, 0);
            break;
        case Qt::Key_Up:
            scene_.rotate(0, -kKeyRotateDegrees);
            break;
        case Qt::Key_Down:
            scene_.rotate(0, kKeyRotateDegrees);
            break;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            scene_.zoom(kWheelZoom);
            break;
        case Qt::Key_Minus:
            scene_.zoom(1.0 / kWheelZoom);
            break;
        default:
            VtkNativeWidget::keyPressEvent(event);
            return;
    }
    render();
}

void VolumeRenderWidget::interacted() {
    scene_.setInteractive(true);
    render();
    settle_->start();
}

void VolumeRenderWidget::afterRender() {
    // The scene picks its mapper at the first frame with a volume (see VolumeScene).
    if (path_reported_ || !scene_.volume()) return;
    path_reported_ = true;
    if (!scene_.renderPathNote().empty())
        qInfo("countyread-viewer: 3D: %s", scene_.renderPathNote().c_str());
    emit renderPathChanged();
}

}  // namespace countyread::viewer
