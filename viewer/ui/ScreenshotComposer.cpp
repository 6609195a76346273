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
    if (capture.width > 0 && capture.height > 0) {
        QImage gl(capture.rgb.data(), capture.width, capture.height, capture.width * 3,
                  QImage::Format_RGB888);
        QPainter painter(&out.image);
        painter.drawImage(out.viewport, gl);
    }
    return out;
}

}  // namespace countyread::viewer
