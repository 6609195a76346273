// The GPU path uploads the 16-bit pixels once per frame: dragging the window/level, inverting
// or zooming never re-uploads them (counted by GpuImageProp), and the shader really draws; each
// frame reaches the X window.
#include <gtest/gtest.h>

#include <vtkRenderWindow.h>

#include <QCoreApplication>
#include <QImage>
#include <QPixmap>
#include <QScreen>
#include <QVBoxLayout>
#include <QWidget>
#include <tuple>

#include "tests/viewer/GuiTestUtil.h"
#include "viewer/render/DirectRenderWindow.h"
#include "viewer/render/ShaderLibrary.h"
#include "viewer/render/SliceView.h"
#include "viewer/ui/VtkNativeWidget.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

class GpuUpload : public ::testing::Test {
protected:
    void SetUp() override {
        host_ = std::make_unique<QWidget>();
        auto* layout = new QVBoxLayout(host_.get());
        layout->setContentsMargins(0, 0, 0, 0);
        widget_ = new VtkNativeWidget(host_.get());
        layout->addWidget(widget_);
        host_->resize(300, 300);
        view_.addTo(widget_->renderWindow());
        view_.setOverlaysVisible(false);
        host_->show();
        test::waitExposed(*host_);
    }
    std::unique_ptr<QWidget> host_;
    VtkNativeWidget* widget_ = nullptr;
    SliceView view_;
};

}  // namespace

TEST_F(GpuUpload, WindowChangesNeverReuploadPixels) {
    ASSERT_EQ(view_.renderPath(), RenderPath::Gpu) << view_.renderPathNote();
    auto frame = test::halvesFrame(512, 512, 0, 1000);
    view_.setFrame(frame, true);
    view_.fitToViewport();
    widget_->capture();
    ASSERT_FALSE(view_.checkGpuFailure()) << view_.renderPathNote();
    EXPECT_EQ(view_.gpuPixelUploads(), 1);
    double last_right = -1;
    for (int i = 0; i < 10; ++i) {
        // Window centre moves up: the right half (1000) gets darker every step.
        view_.setWindow({500.0 + 50.0 * i, 1200.0});
        RgbImage image = widget_->capture();
        const double right = image.meanGrey(200, 100, 60, 100);
        if (last_right >= 0) {
            EXPECT_LT(right, last_right);
        }
        last_right = right;
    }
    view_.setInvert(true);
    widget_->capture();
    view_.setInvert(false);
    view_.setLinearInterpolation(false);
    widget_->capture();
    EXPECT_EQ(view_.gpuPixelUploads(), 1);
    // A new frame is one more upload; showing the same frame again is none.
    view_.setFrame(test::halvesFrame(512, 512, 0, 10), false);
    widget_->capture();
    EXPECT_EQ(view_.gpuPixelUploads(), 2);
}

TEST_F(GpuUpload, SwitchingPathsShowsTheSamePixels) {
    auto frame = test::halvesFrame(300, 300, 0, 1000);
    for (int y = 0; y < 300; ++y)
        for (int x = 0; x < 300; ++x) frame->pixels[y * 300 + x] = static_cast<uint16_t>(x * 3 + y);
    frame->stored_max = 1200;
    view_.setFrame(frame, true);
    view_.setWindow({600, 1200});
    view_.fitToViewport();
    view_.setRenderPath(RenderPath::Gpu);
    RgbImage gpu = widget_->capture();
    view_.setRenderPath(RenderPath::Cpu);
    RgbImage cpu = widget_->capture();
    ASSERT_EQ(gpu.rgb.size(), cpu.rgb.size());
    double sum = 0;
    int worst = 0;
    for (std::size_t i = 0; i < gpu.rgb.size(); ++i) {
        const int d = std::abs(int(gpu.rgb[i]) - int(cpu.rgb[i]));
        sum += d;
        worst = std::max(worst, d);
    }
    EXPECT_LT(sum / gpu.rgb.size(), 1.0);  // mean difference below one grey level
    EXPECT_LE(worst, 4);
    // The ramp is really drawn: left darker than right.
    EXPECT_LT(gpu.meanGrey(20, 100, 20, 20), gpu.meanGrey(260, 100, 20, 20) - 100);
}

// What reaches the X window itself (read from the X server, not from VTK's framebuffer) after
// plain renders: DirectRenderWindow's single blit and swap deliver the whole picture, and the
// next frame replaces it.
TEST_F(GpuUpload, EachFrameReachesTheXWindow) {
    auto* window = DirectRenderWindow::SafeDownCast(widget_->renderWindow());
    ASSERT_NE(window, nullptr);
    view_.setFrame(test::halvesFrame(300, 300, 0, 1000), true);
    view_.fitToViewport();
    const auto onScreen = [&] {
        widget_->renderWindow()->WaitForCompletion();
        QCoreApplication::processEvents();
        const QImage image = widget_->screen()->grabWindow(widget_->winId()).toImage();
        // Mean grey of the left and right thirds, middle rows.
        auto mean = [&](int x0, int x1) {
            double sum = 0;
            int n = 0;
            for (int y = image.height() / 3; y < 2 * image.height() / 3; ++y)
                for (int x = x0; x < x1; ++x, ++n) sum += qGray(image.pixel(x, y));
            return n ? sum / n : -1.0;
        };
        return std::make_pair(mean(10, image.width() / 3), mean(2 * image.width() / 3,
                                                               image.width() - 10));
    };
    const long long before = window->directFrames();
    view_.setWindow({500, 1000});  // 0 -> black, 1000 -> white
    widget_->render();
    auto [left, right] = onScreen();
    EXPECT_LT(left, 10);
    EXPECT_GT(right, 245);
    view_.setWindow({1500, 1000});  // both below the window: black
    widget_->render();
    std::tie(left, right) = onScreen();
    EXPECT_LT(left, 10);
    EXPECT_LT(right, 10);
    view_.setInvert(true);  // and now both white
    widget_->render();
    std::tie(left, right) = onScreen();
    EXPECT_GT(left, 245);
    EXPECT_GT(right, 245);
    EXPECT_EQ(window->directFrames(), before + 3);
}

TEST(ShaderLibrary, FindsTheWindowLevelShadersAndNamesTheSearchPathOtherwise) {
    EXPECT_NE(ShaderLibrary::load("window_level.frag").find("windowLower"), std::string::npos);
    EXPECT_NE(ShaderLibrary::load("window_level.vert").find("WCDCMatrix"), std::string::npos);
    try {
        ShaderLibrary::load("no_such_shader.frag");
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("no_such_shader.frag"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("shaders"), std::string::npos);
    }
}
