// Window/level and MONOCHROME1 through the real render paths (GPU shader and CPU vtkImageSlice):
// SliceView in a VtkNativeWidget (native X11 window + vtkXOpenGLRenderWindow, Mesa llvmpipe
// under xvfb-run), read back from the render window. Every test runs on both paths.
#include <gtest/gtest.h>

#include <QVBoxLayout>
#include <QWidget>

#include "tests/viewer/GuiTestUtil.h"
#include "viewer/render/SliceView.h"
#include "viewer/ui/VtkNativeWidget.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

class SlicePixels : public ::testing::TestWithParam<RenderPath> {
protected:
    void SetUp() override {
        view_.setRenderPath(GetParam());
        ASSERT_EQ(view_.renderPath(), GetParam()) << view_.renderPathNote();
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
        EXPECT_FALSE(view_.checkGpuFailure()) << view_.renderPathNote();
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

TEST_P(SlicePixels, NarrowWindowMakesHalvesBlackAndWhite) {
    auto image = show(test::halvesFrame(200, 200, 100, 300), {200, 200});
    EXPECT_NEAR(left(image), 0.0, 2.0);
    EXPECT_NEAR(right(image), 255.0, 2.0);
    EXPECT_NEAR(background(image), 0.0, 1.0);
    // The image is fitted: its left edge is at x = 50 (±2 px of interpolation).
    EXPECT_LT(image.meanGrey(45, 100, 3, 100), 1.0);
}

TEST_P(SlicePixels, WideWindowGivesQuarterGreys) {
    auto image = show(test::halvesFrame(200, 200, 100, 300), {200, 400});
    EXPECT_NEAR(left(image), 64.0, 3.0);
    EXPECT_NEAR(right(image), 191.0, 3.0);
}

TEST_P(SlicePixels, Monochrome1IsInverted) {
    auto image = show(test::halvesFrame(200, 200, 100, 300, false, true), {200, 200});
    EXPECT_NEAR(left(image), 255.0, 2.0);
    EXPECT_NEAR(right(image), 0.0, 2.0);
    auto wide = show(test::halvesFrame(200, 200, 100, 300, false, true), {200, 400});
    EXPECT_NEAR(left(wide), 191.0, 3.0);
    EXPECT_NEAR(right(wide), 64.0, 3.0);
    EXPECT_NEAR(background(wide), 0.0, 1.0);  // background stays black
}

TEST_P(SlicePixels, WindowIsInModalityUnits) {
    // stored 100 / 300 with slope 2, intercept -100 -> modality 100 / 500
    auto frame = test::halvesFrame(200, 200, 100, 300, false, false, 2.0, -100.0);
    auto image = show(frame, {300, 800});
    EXPECT_NEAR(left(image), 64.0, 3.0);
    EXPECT_NEAR(right(image), 191.0, 3.0);
    EXPECT_DOUBLE_EQ(view_.storedWindow().center, 200.0);
    EXPECT_DOUBLE_EQ(view_.storedWindow().width, 400.0);
}

TEST_P(SlicePixels, SignedCtValues) {
    // stored -500 / 500 (VTK_SHORT), HU = stored - 1024
    auto frame = test::halvesFrame(200, 200, -500, 500, true, false, 1.0, -1024.0);
    auto image = show(frame, {-1024, 2000});
    EXPECT_NEAR(left(image), 64.0, 3.0);
    EXPECT_NEAR(right(image), 191.0, 3.0);
}

TEST_P(SlicePixels, ChineseOverlayRendersDistinctGlyphs) {
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

TEST_P(SlicePixels, BandsShowTheExpectedGreyLevels) {
    // Five vertical bands of known CT values; each shows the grey the DICOM window predicts.
    const int values[5] = {-1000, -100, 40, 80, 1000};  // HU
    auto f = test::halvesFrame(200, 200, 0, 0, true, false, 1.0, -1024.0);
    for (int y = 0; y < 200; ++y)
        for (int x = 0; x < 200; ++x)
            f->pixels[y * 200 + x] = static_cast<std::uint16_t>(values[x / 40] + 1024);
    f->stored_min = 24;
    f->stored_max = 2024;
    const WindowLevel brain{40, 80};
    auto image = show(f, brain);
    for (int band = 0; band < 5; ++band) {
        const double expected = brain.greyOf(values[band]);
        // band b spans image x 40b..40b+39 -> screen 50 + 60b .. 50 + 60b + 59 (1.5 px per px)
        EXPECT_NEAR(image.meanGrey(50 + 60 * band + 15, 100, 30, 100), expected, 3.0)
            << "band " << band << " (" << values[band] << " HU)";
    }
}

TEST_P(SlicePixels, UserInvertFlipsGreysAndKeepsBackgroundBlack) {
    view_.setInvert(true);
    auto image = show(test::halvesFrame(200, 200, 100, 300), {200, 400});
    EXPECT_NEAR(left(image), 191.0, 3.0);
    EXPECT_NEAR(right(image), 64.0, 3.0);
    EXPECT_NEAR(background(image), 0.0, 1.0);
    // MONOCHROME1 inverted again by the user shows like MONOCHROME2.
    auto twice = show(test::halvesFrame(200, 200, 100, 300, false, true), {200, 400});
    EXPECT_NEAR(left(twice), 64.0, 3.0);
    view_.setInvert(false);
}

TEST_P(SlicePixels, NegativeSlopeKeepsHighValuesWhite) {
    // stored 100 / 300 with slope -1, intercept 1000 -> modality 900 / 700: left is brighter.
    auto frame = test::halvesFrame(200, 200, 100, 300, false, false, -1.0, 1000.0);
    auto image = show(frame, {800, 400});
    EXPECT_NEAR(left(image), 191.0, 3.0);
    EXPECT_NEAR(right(image), 64.0, 3.0);
}

TEST_P(SlicePixels, OddWidthRowsAreNotSheared) {
    // 201 columns: 402-byte rows are not 4-byte aligned; a wrong unpack alignment shears them.
    auto image = show(test::halvesFrame(201, 200, 100, 300), {200, 200});
    EXPECT_NEAR(image.meanGrey(80, 40, 60, 20), 0.0, 2.0);   // top rows, left half
    EXPECT_NEAR(image.meanGrey(80, 240, 60, 20), 0.0, 2.0);  // bottom rows, left half
    EXPECT_NEAR(image.meanGrey(260, 240, 60, 20), 255.0, 2.0);
}

TEST_P(SlicePixels, HotIronTableColoursTheWindow) {
    view_.setColorTable(ColorTable::make(ColorTable::Kind::HotIron));
    auto image = show(test::halvesFrame(200, 200, 100, 300), {200, 400});
    view_.setColorTable(ColorTable());
    // t = 0.25 -> red 0.75, green 0, blue 0; t = 0.75 -> red 1, green 1, blue 0.25
    const auto* l = image.pixel(120, 150);
    const auto* r = image.pixel(280, 150);
    EXPECT_NEAR(l[0], 191, 4);
    EXPECT_LT(l[1], 4);
    EXPECT_NEAR(r[0], 255, 2);
    EXPECT_NEAR(r[1], 255, 4);
    EXPECT_NEAR(r[2], 64, 4);
}

INSTANTIATE_TEST_SUITE_P(BothPaths, SlicePixels,
                         ::testing::Values(RenderPath::Gpu, RenderPath::Cpu),
                         [](const ::testing::TestParamInfo<RenderPath>& info) {
                             return std::string(renderPathName(info.param));
                         });
