// Window/level and MONOCHROME1 through the real render path: SliceView in a VtkNativeWidget
// (native X11 window + vtkXOpenGLRenderWindow), read back from the render window.
#include <gtest/gtest.h>

#include <QVBoxLayout>
#include <QWidget>

#include "tests/viewer/GuiTestUtil.h"
#include "viewer/render/SliceView.h"
#include "viewer/ui/VtkNativeWidget.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

class SlicePixels : public ::testing::Test {
protected:
    void SetUp() override {
        host_ = std::make_unique<QWidget>();
        auto* layout = new QVBoxLayout(host_.get());
        layout->setContentsMargins(0, 0, 0, 0);
        widget_ = new VtkNativeWidget(host_.get());
        layout->addWidget(widget_);
        host_->resize(400, 300);
        view_.addTo(widget_->renderWindow());
        view_.setOverlaysVisible(false);
        host_->show();
        test::waitExposed(*host_);
    }

    // 200 x 200 image in a 400 x 300 viewport: fitted to the height, it covers x 50..350.
    RgbImage show(std::shared_ptr<dicom::ImageFrame> frame, WindowLevel window) {
        view_.setFrame(frame, true);
        view_.setWindow(window);
        view_.fitToViewport();
        RgbImage image = widget_->capture();
        EXPECT_EQ(image.width, 400);
        EXPECT_EQ(image.height, 300);
        return image;
    }
    static double left(const RgbImage& i) { return i.meanGrey(80, 100, 80, 100); }
    static double right(const RgbImage& i) { return i.meanGrey(240, 100, 80, 100); }
    static double background(const RgbImage& i) { return i.meanGrey(0, 0, 40, 300); }

    std::unique_ptr<QWidget> host_;
    VtkNativeWidget* widget_ = nullptr;
    SliceView view_;
};

}  // namespace

TEST_F(SlicePixels, NarrowWindowMakesHalvesBlackAndWhite) {
    auto image = show(test::halvesFrame(200, 200, 100, 300), {200, 200});
    EXPECT_NEAR(left(image), 0.0, 2.0);
    EXPECT_NEAR(right(image), 255.0, 2.0);
    EXPECT_NEAR(background(image), 0.0, 1.0);
    // The image is fitted: its left edge is at x = 50 (±2 px of interpolation).
    EXPECT_LT(image.meanGrey(45, 100, 3, 100), 1.0);
}

TEST_F(SlicePixels, WideWindowGivesQuarterGreys) {
    auto image = show(test::halvesFrame(200, 200, 100, 300), {200, 400});
    EXPECT_NEAR(left(image), 64.0, 3.0);
    EXPECT_NEAR(right(image), 191.0, 3.0);
}

TEST_F(SlicePixels, Monochrome1IsInverted) {
    auto image = show(test::halvesFrame(200, 200, 100, 300, false, true), {200, 200});
    EXPECT_NEAR(left(image), 255.0, 2.0);
    EXPECT_NEAR(right(image), 0.0, 2.0);
    auto wide = show(test::halvesFrame(200, 200, 100, 300, false, true), {200, 400});
    EXPECT_NEAR(left(wide), 191.0, 3.0);
    EXPECT_NEAR(right(wide), 64.0, 3.0);
    EXPECT_NEAR(background(wide), 0.0, 1.0);  // background stays black
}

TEST_F(SlicePixels, WindowIsInModalityUnits) {
    // stored 100 / 300 with slope 2, intercept -100 -> modality 100 / 500
    auto frame = test::halvesFrame(200, 200, 100, 300, false, false, 2.0, -100.0);
    auto image = show(frame, {300, 800});
    EXPECT_NEAR(left(image), 64.0, 3.0);
    EXPECT_NEAR(right(image), 191.0, 3.0);
    EXPECT_DOUBLE_EQ(view_.storedWindow().center, 200.0);
    EXPECT_DOUBLE_EQ(view_.storedWindow().width, 400.0);
}

TEST_F(SlicePixels, SignedCtValues) {
    // stored -500 / 500 (VTK_SHORT), HU = stored - 1024
    auto frame = test::halvesFrame(200, 200, -500, 500, true, false, 1.0, -1024.0);
    auto image = show(frame, {-1024, 2000});
    EXPECT_NEAR(left(image), 64.0, 3.0);
    EXPECT_NEAR(right(image), 191.0, 3.0);
}

TEST_F(SlicePixels, ChineseOverlayRendersDistinctGlyphs) {
    // Missing glyphs would all draw as the same empty box: two different characters must differ.
    view_.setOverlaysVisible(true);
    view_.setFrame(nullptr, true);
    view_.setOverlayText(SliceView::Corner::TopLeft, "李");
    RgbImage li = widget_->capture();
    view_.setOverlayText(SliceView::Corner::TopLeft, "明");
    RgbImage ming = widget_->capture();
    ASSERT_EQ(li.rgb.size(), ming.rgb.size());
    int ink_li = 0, ink_ming = 0, different = 0;
    for (int y = 0; y < 40; ++y) {
        for (int x = 0; x < 40; ++x) {
            int a = li.pixel(x, y)[0], b = ming.pixel(x, y)[0];
            ink_li += a > 128;
            ink_ming += b > 128;
            different += std::abs(a - b) > 100;
        }
    }
    EXPECT_GT(ink_li, 20);
    EXPECT_GT(ink_ming, 20);
    EXPECT_GT(different, 20);
}
