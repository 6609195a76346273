// 3D frame times on this machine (Mesa llvmpipe under xvfb-run, no GPU): a 512 x 512 x 300
// chest-like CT in a 1024 x 1024 viewport, both mappers, bone (shaded composite) and MIP, full
// quality and the interactive quality used while dragging (the viewer itself takes the CPU
// mapper on a software OpenGL; both are measured here). Printed, not judged: set
// COUNTYREAD_VOLUME_BENCH=1 to run it (it needs about 0.5 GB and takes a while on a CPU);
// COUNTYREAD_VOLUME_BENCH=NX,NY,NZ picks another size.
#include <gtest/gtest.h>
#include <vtkRenderWindow.h>

#include <QVBoxLayout>
#include <QWidget>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "tests/viewer/GuiTestUtil.h"
#include "tests/viewer/VolumePhantom.h"
#include "viewer/core/VolumePresets.h"
#include "viewer/ui/VolumeRenderWidget.h"

using namespace countyread;
using namespace countyread::viewer;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Renders one frame and waits until OpenGL has finished it (ms).
double frame(VolumeRenderWidget& view) {
    const auto start = Clock::now();
    view.render();
    view.renderWindow()->WaitForCompletion();
    return msSince(start);
}

struct Times {
    double mean = 0, max = 0;
};

// `frames` frames, each after turning the camera 6 degrees.
Times turning(VolumeRenderWidget& view, int frames) {
    std::vector<double> ms;
    for (int i = 0; i < frames; ++i) {
        view.scene().rotate(6.0, 0.0);
        ms.push_back(frame(view));
    }
    return {std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size(),
            *std::max_element(ms.begin(), ms.end())};
}

}  // namespace

TEST(VolumeRenderBench, FrameTimesOfA512x512x300CtAt1024x1024) {
    const char* setting = std::getenv("COUNTYREAD_VOLUME_BENCH");
    if (!setting || !*setting || std::string(setting) == "0")
        GTEST_SKIP() << "set COUNTYREAD_VOLUME_BENCH=1 to measure 3D frame times";
    int nx = 512, ny = 512, nz = 300;
    if (std::sscanf(setting, "%d,%d,%d", &nx, &ny, &nz) != 3) nx = 512, ny = 512, nz = 300;
    constexpr int kViewport = 1024, kFrames = 4;

    auto start = Clock::now();
    auto volume = std::make_shared<const Volume>(test::chestPhantom(nx, ny, nz));
    std::printf("[3D bench] volume %dx%dx%d (%.0f MiB of voxels) built in %.0f ms\n", nx, ny, nz,
                volume->bytes() / 1048576.0, msSince(start));
    for (RenderPath path : {RenderPath::Gpu, RenderPath::Cpu}) {
        QWidget host;
        auto* layout = new QVBoxLayout(&host);
        layout->setContentsMargins(0, 0, 0, 0);
        auto* view = new VolumeRenderWidget(&host);
        layout->addWidget(view);
        host.resize(kViewport, kViewport);
        view->scene().setRenderPath(path, true);  // the GPU ray caster even on llvmpipe
        host.show();
        test::waitExposed(host);
        start = Clock::now();
        view->scene().setVolume(volume);
        const double first = frame(*view);
        const double setup = msSince(start);
        ASSERT_EQ(view->scene().renderPath(), path) << view->scene().renderPathNote();
        std::printf(
            "[3D bench] %s mapper on %s, viewport %dx%d: first frame %.0f ms (upload / "
            "gradients included)\n",
            renderPathName(path), view->scene().glRenderer().c_str(), view->width(), view->height(),
            std::max(first, setup));
        for (const char* key : {"bone", "mip"}) {
            view->scene().applyPreset(VolumePresets::find(key));
            frame(*view);  // transfer function tables
            const Times full = turning(*view, kFrames);
            view->scene().setInteractive(true);
            frame(*view);
            const Times coarse = turning(*view, kFrames);
            view->scene().setInteractive(false);
            std::printf(
                "[3D bench] %s %-4s full quality %6.0f ms/frame (max %4.0f, %4.1f fps)"
                " | interactive %5.0f ms/frame (max %4.0f, %4.1f fps)\n",
                renderPathName(path), key, full.mean, full.max, 1000.0 / full.mean, coarse.mean,
                coarse.max, 1000.0 / coarse.mean);
        }
        // Something was drawn: the chest's front (sternum, skin) fills the middle.
        view->scene().resetCamera();
        const RgbImage image = view->capture();
        test::keepCapture(image, std::string("volume-bench-") + renderPathName(path));
        EXPECT_GT(image.meanGrey(kViewport / 2 - 100, kViewport / 2 - 100, 200, 200), 10.0);
    }
}
