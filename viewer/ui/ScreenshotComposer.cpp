#include "viewer/ui/ScreenshotComposer.h"

#include <QPainter>
#include <QPixmap>
#include <QWidget>

#include "viewer/ui/VtkNativeWidget.h"

namespace countyread::viewer {

ScreenshotComposer::Result ScreenshotComposer::compose(QWidget& window, VtkNativeWidget& viewport) {
    Result out;
    RgbImage capture = viewport.capture();
    out.image = window.grab().toImage().convertToFormat(QImage::Format_RGB888);
    const qreal dpr = out.image.devicePixelRatio();
    const QPoint origin = viewport.mapTo(&window, QPoint(0, 0));
    out.viewport = QRect(qRound(origin.x() * dpr), qRound(origin.y() * dpr),
                         qRound(viewport.width() * dpr), qRound(viewport.height() * dpr));
    out.image.setDevicePixelRatio(1.0);
    QPainter painter(&out.image);
    const auto paint = [&painter](const RgbImage& image, const QRect& where) {
        if (image.width <= 0 || image.height <= 0) return;
        QImage gl(image.rgb.data(), image.width, image.height, image.width * 3,
                  QImage::Format_RGB888);
        painter.drawImage(where, gl);
    };
    paint(capture, out.viewport);
    // The other viewports of a layout (the grid) are painted as well.
    for (VtkNativeWidget* other : window.findChildren<VtkNativeWidget*>()) {
        if (other == &viewport || !other->isVisible() || other->window() != &window) continue;
        const QPoint at = other->mapTo(&window, QPoint(0, 0));
        paint(other->capture(), QRect(qRound(at.x() * dpr), qRound(at.y() * dpr),
                                      qRound(other->width() * dpr), qRound(other->height() * dpr)));
    }
    return out;
}

}  // namespace countyread::viewer
