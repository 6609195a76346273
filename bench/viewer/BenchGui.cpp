#include "BenchGui.h"

#include <vtkRenderWindow.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QVBoxLayout>
#include <QWidget>
#include <QWindow>
#include <algorithm>
#include <chrono>
#include <cmath>

#include "viewer/core/InstanceFetcher.h"
#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/ProgressiveLoader.h"

namespace countyread::bench {

void waitExposed(QWidget& w) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 5000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (w.windowHandle() && w.windowHandle()->isExposed()) break;
    }
    for (int i = 0; i < 10; ++i) QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

FrameTimes summarise(std::vector<double> ms) {
    FrameTimes t;
    if (ms.empty()) return t;
    std::sort(ms.begin(), ms.end());
    double sum = 0;
    for (double v : ms) sum += v;
    t.frames = static_cast<int>(ms.size());
    t.mean_ms = sum / ms.size();
    t.p95_ms = ms[std::min(ms.size() - 1, static_cast<std::size_t>(ms.size() * 0.95))];
    t.max_ms = ms.back();
    return t;
}

// Time from start to the first image on screen and to the whole series loaded, with the
// workstation's progressive loader reading the local cache.
std::pair<double, double> openSeries(const BenchSeries& series, viewer::InstanceCache& cache,
                                     int threads, viewer::ImageViewport& viewport) {
    viewer::ProgressiveLoader loader;
    viewer::StudyRow row;
    row.study_uid = series.study_uid;
    row.modality = series.rows.front().modality;
    double first = -1, all = -1;
    const auto start = Clock::now();
    QObject::connect(&loader, &viewer::ProgressiveLoader::firstImage, [&] {
        viewport.setStudy(loader.study());
        viewport.render();
        viewport.renderWindow()->WaitForCompletion();
        first = msSince(start);
    });
    QObject::connect(&loader, &viewer::ProgressiveLoader::updated, [&](int, int) {
        if (first >= 0) viewport.updateStudy(loader.study());
    });
    QObject::connect(&loader, &viewer::ProgressiveLoader::finished, [&] {
        viewport.updateStudy(loader.study());
        viewport.render();
        viewport.renderWindow()->WaitForCompletion();
        all = msSince(start);
    });
    loader.start(
        row, series.rows,
        [&cache]() -> std::unique_ptr<viewer::InstanceFetcher> {
            return std::make_unique<viewer::CachedInstanceFetcher>(cache, nullptr);
        },
        threads);
    while (all < 0) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QCoreApplication::processEvents();
    return {first, all};
}

FrameTimes dragWindow(viewer::ImageViewport& viewport, int frames) {
    std::vector<double> ms;
    const viewer::WindowLevel start = viewport.window();
    for (int i = 0; i < frames; ++i) {
        // A mouse drag: width and centre change a little every frame.
        const auto t = Clock::now();
        viewport.setWindow(start.dragged(3 * (i % 20) - 30, 2 * (i % 15) - 15, 4.0));
        viewport.renderWindow()->WaitForCompletion();
        ms.push_back(msSince(t));
    }
    viewport.setWindow(start);
    return summarise(ms);
}

FrameTimes redraw(viewer::ImageViewport& viewport, int frames) {
    std::vector<double> ms;
    for (int i = 0; i < frames; ++i) {
        const auto t = Clock::now();
        viewport.render();
        viewport.renderWindow()->WaitForCompletion();
        ms.push_back(msSince(t));
    }
    return summarise(ms);
}

FrameTimes scroll(viewer::ImageViewport& viewport) {
    std::vector<double> ms;
    const int n = viewport.sliceCount();
    for (int i = 0; i < n; ++i) {
        const auto t = Clock::now();
        viewport.showSlice(i);
        viewport.renderWindow()->WaitForCompletion();
        ms.push_back(msSince(t));
    }
    return summarise(ms);
}

}  // namespace

GuiFigures runGui(const BenchSeries& ct, const BenchSeries& dr, viewer::InstanceCache& cache,
                  int threads, int size) {
    GuiFigures out;
    QWidget host;
    auto* layout = new QVBoxLayout(&host);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* viewport = new viewer::ImageViewport(true, &host);
    layout->addWidget(viewport);
    host.resize(size, size);
    host.show();
    waitExposed(host);
    out.viewport = viewport->width();

    // Warm up the GL context and shaders on a throw-away open (not counted).
    viewport->setRenderPath(viewer::RenderPath::Gpu);
    openSeries(dr, cache, threads, *viewport);

    std::tie(out.dr_first_ms, std::ignore) = openSeries(dr, cache, threads, *viewport);
    const long long uploads = viewport->sliceView().gpuPixelUploads();
    out.wl_dr_gpu = dragWindow(*viewport, 60);
    out.gpu_uploads_during_wl = viewport->sliceView().gpuPixelUploads() - uploads;
    viewport->setRenderPath(viewer::RenderPath::Cpu);
    out.wl_dr_cpu = dragWindow(*viewport, 60);

    viewport->setRenderPath(viewer::RenderPath::Gpu);
    std::tie(out.ct_first_ms, out.ct_all_ms) = openSeries(ct, cache, threads, *viewport);
    out.wl_ct_gpu = dragWindow(*viewport, 60);
    out.redraw_gpu = redraw(*viewport, 60);
    viewport->setOverlaysVisible(false);
    out.redraw_no_overlays_gpu = redraw(*viewport, 60);
    viewport->setOverlaysVisible(true);
    out.scroll_gpu = scroll(*viewport);
    viewport->setRenderPath(viewer::RenderPath::Cpu);
    out.wl_ct_cpu = dragWindow(*viewport, 60);
    out.scroll_cpu = scroll(*viewport);
    viewport->setRenderPath(viewer::RenderPath::Gpu);
    if (const viewer::LoadedStudy* study = viewport->study())
        out.volumes = measureVolumeWindows(*study);
    viewport->clear();
    return out;
}

}  // namespace countyread::bench
