#include "tests/viewer/GuiTestUtil.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QWindow>
#include <algorithm>

namespace countyread::test {

std::shared_ptr<dicom::ImageFrame> halvesFrame(int width, int height, int left, int right,
                                               bool is_signed, bool monochrome1, double slope,
                                               double intercept) {
    auto f = std::make_shared<dicom::ImageFrame>();
    f->width = width;
    f->height = height;
    f->is_signed = is_signed;
    f->monochrome1 = monochrome1;
    f->rescale_slope = slope;
    f->rescale_intercept = intercept;
    f->pixels.resize(static_cast<std::size_t>(width) * height);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            int v = x < width / 2 ? left : right;
            f->pixels[static_cast<std::size_t>(y) * width + x] = static_cast<std::uint16_t>(v);
        }
    }
    f->stored_min = std::min(left, right);
    f->stored_max = std::max(left, right);
    f->window_center = (left + right) / 2.0 * slope + intercept;
    f->window_width = std::max(std::abs(right - left) * slope, 1.0);
    return f;
}

void waitExposed(QWidget& widget) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 5000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QWindow* w = widget.windowHandle();
        if (w && w->isExposed()) break;
    }
    for (int i = 0; i < 5; ++i) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

void keepCapture(const viewer::RgbImage& image, const std::string& name) {
    const QByteArray folder = qgetenv("COUNTYREAD_KEEP_CAPTURES");
    if (folder.isEmpty() || image.width <= 0) return;
    QImage q(image.rgb.data(), image.width, image.height, image.width * 3, QImage::Format_RGB888);
    q.save(QString::fromUtf8(folder) + "/" + QString::fromStdString(name) + ".png");
}

}  // namespace countyread::test
