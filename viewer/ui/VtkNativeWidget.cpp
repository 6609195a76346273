#include "viewer/ui/VtkNativeWidget.h"

#include <vtkRenderWindow.h>

#include <QGuiApplication>
#include <QResizeEvent>

#include "viewer/render/DirectRenderWindow.h"
#include "viewer/render/RenderCapture.h"

namespace countyread::viewer {

VtkNativeWidget::VtkNativeWidget(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_NativeWindow);
    setAttribute(Qt::WA_PaintOnScreen);
    setAttribute(Qt::WA_NoSystemBackground);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAttribute(Qt::WA_DontCreateNativeAncestors);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(64, 64);
    // VTK's X11 window with a single blit into the window at the end of a frame (see
    // DirectRenderWindow); no multisampling: images are drawn pixel for pixel.
    window_ = vtkSmartPointer<DirectRenderWindow>::New();
    window_->SetMultiSamples(0);
}

VtkNativeWidget::~VtkNativeWidget() {
    // Release the GL context while the X11 window still exists (QWidget destroys it later).
    if (bound_) window_->Finalize();
}

vtkRenderWindow* VtkNativeWidget::renderWindow() const { return window_; }

bool VtkNativeWidget::bindWindow() {
    if (bound_) return true;
    if (QGuiApplication::platformName() != QLatin1String("xcb")) {
        qWarning("countyread-viewer: the VTK viewport needs the xcb (X11) platform, not '%s'",
                 qPrintable(QGuiApplication::platformName()));
        return false;
    }
    // Share Qt's Xlib connection: the window Qt just created is then known to VTK's requests
    // without waiting for Qt's connection to be flushed.
    if (auto* x11 = qGuiApp->nativeInterface<QNativeInterface::QX11Application>()) {
        window_->SetDisplayId(x11->display());
    }
    window_->SetWindowId(reinterpret_cast<void*>(winId()));
    bound_ = true;
    syncSize();
    return true;
}

void VtkNativeWidget::syncSize() {
    const qreal dpr = devicePixelRatioF();
    const int w = qMax(1, qRound(width() * dpr));
    const int h = qMax(1, qRound(height() * dpr));
    int* current = window_->GetSize();
    if (current[0] != w || current[1] != h) window_->SetSize(w, h);
}

void VtkNativeWidget::render() {
    if (!isVisible() || !bindWindow()) return;
    syncSize();
    window_->Render();
    afterRender();
}

RgbImage VtkNativeWidget::capture() {
    if (!isVisible() || !bindWindow()) return {};
    syncSize();
    RgbImage image = RenderCapture::capture(window_);
    afterRender();
    return image;
}

void VtkNativeWidget::paintEvent(QPaintEvent*) { render(); }

void VtkNativeWidget::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (!bound_) return;
    syncSize();
    viewportResized();
    update();
}

void VtkNativeWidget::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (bindWindow()) viewportResized();
}

}  // namespace countyread::viewer
