// Zoom, pan, rotate, flip, invert, presets, probe and cine in the real viewport, checked on
// rendered pixels: a bright marker block must appear where ViewTransform says it is.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QWidget>

#include "tests/viewer/GuiTestUtil.h"
#include "viewer/ui/ImageViewport.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

// 100 x 100 CT slices (0.5 mm pixels), -1000 HU everywhere except a 10 x 10 block of +1000 HU
// at columns 10..19, rows 20..29.
std::shared_ptr<LoadedStudy> markerStudy(int slices = 1) {
    auto study = std::make_shared<LoadedStudy>();
    study->study.modality = "CT";
    for (int s = 0; s < slices; ++s) {
        auto f = test::halvesFrame(100, 100, 24, 24, true, false, 1.0, -1024.0);
        f->row_spacing = f->column_spacing = 0.5;
        f->spacing_source = dicom::SpacingSource::PixelSpacing;
        f->image_orientation = std::array<double, 6>{1, 0, 0, 0, 1, 0};
        for (int y = 20; y < 30; ++y)
            for (int x = 10; x < 20; ++x) f->pixels[y * 100 + x] = 2024;
        f->stored_max = 2024;
        f->window_center = 0;
        f->window_width = 2000;
        LoadedImage image;
        image.instance.series_uid = "1.2.3";
        image.instance.sop_instance_uid = "1.2.3." + std::to_string(s);
        image.instance.modality = "CT";
        image.pixels = f;
        study->images.push_back(image);
    }
    return study;
}

class ViewingTools : public ::testing::TestWithParam<RenderPath> {
protected:
    void SetUp() override {
        host_ = std::make_unique<QWidget>();
        auto* layout = new QVBoxLayout(host_.get());
        layout->setContentsMargins(0, 0, 0, 0);
        viewport_ = new ImageViewport(true, host_.get());
        layout->addWidget(viewport_);
        host_->resize(400, 300);
        host_->show();
        test::waitExposed(*host_);
        viewport_->setRenderPath(GetParam());
        viewport_->setOverlaysVisible(false);
        viewport_->setStudy(markerStudy(5));
    }
    // Grey at the screen position of the marker block's centre, per ViewTransform.
    double markerGrey() {
        const auto& t = viewport_->sliceView().transform();
        const Point2 s = t.toScreen({14.5 * 0.5, 24.5 * 0.5});
        RgbImage image = viewport_->capture();
        const int half = std::max(1, static_cast<int>(t.zoomFactor() * 3));
        return image.meanGrey(int(s.x) - half, int(s.y) - half, 2 * half, 2 * half);
    }
    double screenGrey(int x, int y) { return viewport_->capture().meanGrey(x - 2, y - 2, 4, 4); }
    void key(int k, Qt::KeyboardModifiers m = Qt::NoModifier) {
        QKeyEvent e(QEvent::KeyPress, k, m);
        QCoreApplication::sendEvent(viewport_, &e);
    }
    void mouse(QEvent::Type type, QPoint p, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent e(type, QPointF(p), QPointF(viewport_->mapToGlobal(p)), button, buttons,
                      Qt::NoModifier);
        QCoreApplication::sendEvent(viewport_, &e);
    }
    void drag(QPoint from, QPoint to, Qt::MouseButton button) {
        mouse(QEvent::MouseButtonPress, from, button, button);
        mouse(QEvent::MouseMove, to, Qt::NoButton, button);
        mouse(QEvent::MouseButtonRelease, to, button, Qt::NoButton);
    }

    std::unique_ptr<QWidget> host_;
    ImageViewport* viewport_ = nullptr;
};

}  // namespace

TEST_P(ViewingTools, MarkerIsWhereTheTransformSaysAfterEveryViewChange) {
    // Fitted: 300 px for 50 mm -> 3 px per image pixel; block centre at x 50 + 3*15 = 95.
    EXPECT_DOUBLE_EQ(viewport_->sliceView().transform().zoomFactor(), 3.0);
    EXPECT_GT(markerGrey(), 250);
    EXPECT_GT(screenGrey(95, 75), 250);
    EXPECT_LT(screenGrey(305, 75), 5);  // the mirrored place is dark
    key(Qt::Key_H);                     // flip horizontal
    EXPECT_GT(screenGrey(305, 75), 250);
    EXPECT_LT(screenGrey(95, 75), 5);
    EXPECT_GT(markerGrey(), 250);
    key(Qt::Key_H);
    key(Qt::Key_BracketRight);  // rotate clockwise: top-left quadrant -> top-right
    EXPECT_EQ(viewport_->sliceView().transform().rotationQuarterTurns(), 1);
    EXPECT_GT(markerGrey(), 250);
    EXPECT_GT(screenGrey(273, 47), 250);  // (-34.5, -24.5) px from the centre -> (24.5, -34.5)
    key(Qt::Key_V);                       // flip vertical after the rotation
    EXPECT_GT(markerGrey(), 250);
    key(Qt::Key_A);  // 1:1
    EXPECT_NEAR(viewport_->sliceView().transform().zoomFactor(), 1.0, 1e-9);
    EXPECT_GT(markerGrey(), 250);
    key(Qt::Key_Plus);
    EXPECT_NEAR(viewport_->sliceView().transform().zoomFactor(), 1.25, 1e-9);
    EXPECT_GT(markerGrey(), 250);
    key(Qt::Key_R, Qt::ControlModifier);  // reset: fitted, upright, unflipped
    EXPECT_DOUBLE_EQ(viewport_->sliceView().transform().zoomFactor(), 3.0);
    EXPECT_GT(screenGrey(95, 75), 250);
}

TEST_P(ViewingTools, MiddleDragPansAndCtrlWheelZoomsAboutTheMouse) {
    drag({200, 150}, {230, 160}, Qt::MiddleButton);
    EXPECT_GT(screenGrey(125, 85), 250);  // moved by (30, 10)
    EXPECT_LT(screenGrey(95, 75), 5);
    const Point2 anchor{125, 85};
    const Point2 world = viewport_->sliceView().transform().toWorld(anchor);
    QWheelEvent e(QPointF(125, 85), QPointF(viewport_->mapToGlobal(QPoint(125, 85))), QPoint(),
                  QPoint(0, 240), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(viewport_, &e);
    EXPECT_NEAR(viewport_->sliceView().transform().zoomFactor(), 3.0 * 1.21, 1e-9);
    const Point2 after = viewport_->sliceView().transform().toWorld(anchor);
    EXPECT_NEAR(after.x, world.x, 1e-9);
    EXPECT_NEAR(after.y, world.y, 1e-9);
    EXPECT_GT(markerGrey(), 250);
    EXPECT_EQ(viewport_->sliceIndex(), 0);  // Ctrl+wheel did not scroll
    // Right drag up zooms in.
    drag({200, 150}, {200, 100}, Qt::RightButton);
    EXPECT_NEAR(viewport_->sliceView().transform().zoomFactor(), 3.0 * 1.21 * std::exp(0.5), 1e-6);
}

TEST_P(ViewingTools, PresetsInvertAndProbe) {
    key(Qt::Key_4);  // lung -600/1500: -1000 HU -> grey 17, +1000 HU -> white
    EXPECT_DOUBLE_EQ(viewport_->window().center, -600);
    EXPECT_DOUBLE_EQ(viewport_->window().width, 1500);
    EXPECT_NEAR(screenGrey(250, 200), 255.0 * (-1000 + 1350) / 1500.0, 3);
    key(Qt::Key_I);
    EXPECT_TRUE(viewport_->invert());
    EXPECT_NEAR(screenGrey(250, 200), 255.0 - 255.0 * 350 / 1500.0, 3);
    EXPECT_LT(markerGrey(), 3);
    key(Qt::Key_R);  // the file's window
    EXPECT_DOUBLE_EQ(viewport_->window().width, 2000);
    QString probe;
    QObject::connect(viewport_, &ImageViewport::probeChanged, [&](const QString& t) { probe = t; });
    viewport_->setTool(Tool::Probe);
    mouse(QEvent::MouseMove, {95, 75}, Qt::NoButton, Qt::NoButton);
    EXPECT_EQ(probe.toStdString(), "(15, 25)  1000 HU");
    mouse(QEvent::MouseMove, {250, 200}, Qt::NoButton, Qt::NoButton);
    EXPECT_EQ(probe.toStdString(), "(66, 66)  -1000 HU");
}

TEST_P(ViewingTools, CinePlaysThroughTheSeriesAndStops) {
    EXPECT_EQ(viewport_->sliceIndex(), 0);
    viewport_->cine().setFramesPerSecond(50);
    key(Qt::Key_Space);
    EXPECT_TRUE(viewport_->cinePlaying());
    std::vector<int> seen;
    QObject::connect(viewport_, &ImageViewport::sliceChanged,
                     [&](int i, int) { seen.push_back(i); });
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 400) QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    key(Qt::Key_Space);
    EXPECT_FALSE(viewport_->cinePlaying());
    ASSERT_GE(seen.size(), 5u);
    // Looping 0..4: every index appears, and after 4 comes 0.
    for (int i = 0; i < 5; ++i) EXPECT_NE(std::find(seen.begin(), seen.end(), i), seen.end());
}

TEST_P(ViewingTools, EnhancementChangesTheDisplayButNotTheValues) {
    QString probe;
    QObject::connect(viewport_, &ImageViewport::probeChanged, [&](const QString& t) { probe = t; });
    viewport_->setProbeEnabled(true);
    RgbImage before = viewport_->capture();
    key(Qt::Key_D);
    EXPECT_TRUE(viewport_->enhanced());
    RgbImage after = viewport_->capture();
    ASSERT_EQ(before.rgb.size(), after.rgb.size());
    double diff = 0;
    for (std::size_t i = 0; i < before.rgb.size(); ++i)
        diff += std::abs(int(before.rgb[i]) - int(after.rgb[i]));
    EXPECT_GT(diff / before.rgb.size(), 0.2);  // the display changed
    mouse(QEvent::MouseMove, {95, 75}, Qt::NoButton, Qt::NoButton);
    EXPECT_EQ(probe.toStdString(), "(15, 25)  1000 HU");  // the stored value did not
    EXPECT_EQ(viewport_->study()->images[0].pixels->storedValue(15, 25), 2024);
    key(Qt::Key_D);
    EXPECT_FALSE(viewport_->enhanced());
}

INSTANTIATE_TEST_SUITE_P(BothPaths, ViewingTools,
                         ::testing::Values(RenderPath::Gpu, RenderPath::Cpu),
                         [](const ::testing::TestParamInfo<RenderPath>& info) {
                             return std::string(renderPathName(info.param));
                         });
