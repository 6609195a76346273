// viewer_bench: how fast the reading workstation is on a PC without a GPU (Mesa llvmpipe).
// Run by hand, under Xvfb for the on-screen part:
//   xvfb-run -a -s "-screen 0 1280x1280x24" build/bin/viewer_bench [--slices 300] [--threads 2]
// Prints the figures, the targets and the GPU/CPU window-level ratios. Not a test.
#include <CLI/CLI.hpp>
#include <QApplication>
#include <chrono>
#include <clocale>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "BenchData.h"
#include "BenchGui.h"
#include "BenchMemory.h"
#include "dicom/image/ImageLoader.h"
#include "dicom/model/DicomFile.h"
#include "viewer/core/InstanceCache.h"
#include "viewer/core/StudyStreamer.h"
#include "viewer/core/MprReslicer.h"
#include "viewer/core/SeriesVolumeCache.h"

using namespace countyread;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}
double mib(std::int64_t bytes) { return bytes / (1024.0 * 1024.0); }
const char* verdict(bool ok) { return ok ? "ok" : "MISSED"; }

struct LoadFigures {
    double first_ms = 0, all_ms = 0, volume_ms = 0;
    double reslice_ms = 0;
    std::int64_t voxel_bytes = 0, frames_rss = 0, frames_peak = 0, volume_rss = 0;
    std::int64_t volume_peak = 0, volume_owned = 0;
    std::size_t mpr_pixels = 0;
    std::string volume_note;
};

// Decoding from the local cache without any display: the loader's own speed and memory.
LoadFigures loadOnly(const bench::BenchSeries& ct, viewer::InstanceCache& cache, int threads) {
    LoadFigures f;
    bench::BenchMemory::trim();
    const std::int64_t base = bench::BenchMemory::residentBytes();
    bench::BenchMemory::resetPeak();
    std::vector<viewer::LoadedImage> images;
    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
    const auto start = Clock::now();
    viewer::StudyStreamer streamer(
        ct.rows, "CT", [&cache]() -> std::unique_ptr<viewer::InstanceFetcher> {
            return std::make_unique<viewer::CachedInstanceFetcher>(cache, nullptr);
        });
    viewer::StudyStreamer::Callbacks c;
    c.images = [&](std::vector<viewer::LoadedImage> batch,
                   std::shared_ptr<const dicom::InstanceInfo>) {
        std::lock_guard lock(mutex);
        if (images.empty()) f.first_ms = msSince(start);
        for (auto& i : batch) images.push_back(std::move(i));
    };
    c.finished = [&] {
        std::lock_guard lock(mutex);
        f.all_ms = msSince(start);
        finished = true;
        done.notify_all();
    };
    streamer.start(std::move(c), threads);
    {
        std::unique_lock lock(mutex);
        done.wait(lock, [&] { return finished; });
    }
    streamer.cancel();
    for (const auto& i : images)
        f.voxel_bytes += static_cast<std::int64_t>(i.pixels->pixels.size() * 2);
    f.frames_peak = bench::BenchMemory::peakBytes() - base;
    bench::BenchMemory::trim();
    f.frames_rss = bench::BenchMemory::residentBytes() - base;

    // MPR as the main window does it: the series' Volume from the cache, then the middle
    // image of each plane, thin and as a 10-slice MIP slab. The peak counts from before the
    // loading began, so it covers the frames, the Volume and the resliced images together.
    std::vector<std::shared_ptr<const dicom::ImageFrame>> frames;
    for (const auto& i : images) frames.push_back(i.pixels);
    const auto t = Clock::now();
    viewer::SeriesVolumeCache volumes;
    auto built = volumes.get(ct.rows.front().series_uid, frames, false);
    f.volume_ms = msSince(t);
    f.volume_note = built.volume ? built.volume->note : built.reason;
    if (built.volume) {
        f.volume_owned = static_cast<std::int64_t>(built.volume->ownedBytes());
        const viewer::MprReslicer mpr(built.volume);
        const auto r = Clock::now();
        for (auto plane :
             {viewer::MprPlane::Axial, viewer::MprPlane::Coronal, viewer::MprPlane::Sagittal}) {
            const int middle = mpr.sliceCount(plane) / 2;
            f.mpr_pixels += mpr.slice(plane, middle)->pixels.size();
            f.mpr_pixels += mpr.slice(plane, middle, 10, viewer::SlabMode::Mip)->pixels.size();
        }
        f.reslice_ms = msSince(r);
    }
    f.volume_peak = bench::BenchMemory::peakBytes() - base;
    bench::BenchMemory::trim();
    f.volume_rss = bench::BenchMemory::residentBytes() - base;
    return f;
}

void printFrames(const char* what, const bench::FrameTimes& gpu, const bench::FrameTimes& cpu) {
    std::printf("  %-34s GPU %6.2f ms (p95 %6.2f)   CPU %6.2f ms (p95 %6.2f)   CPU/GPU %.1fx  %s\n",
                what, gpu.mean_ms, gpu.p95_ms, cpu.mean_ms, cpu.p95_ms,
                gpu.mean_ms > 0 ? cpu.mean_ms / gpu.mean_ms : 0.0, verdict(gpu.mean_ms <= 16.0));
}

// What the MPR and 3D windows add on screen, over the CT stack's own resident size (measured
// above without a display: frames_rss): as measured, and less the windows' fixed cost (the same
// windows over a 256 KiB volume), i.e. what grows with the series.
void printVolumeWindows(const bench::VolumeWindowFigures& v, const LoadFigures& load) {
    if (v.voxel_bytes <= 0) return;
    const double voxels = static_cast<double>(v.voxel_bytes);
    const double stack = double(load.frames_rss) / load.voxel_bytes;
    const double mpr = stack + v.series.mpr_peak / voxels;
    const double mpr_own = stack + (v.series.mpr_peak - v.fixed.mpr_peak) / voxels;
    const double both = stack + v.series.both_peak / voxels;
    const double both_own = stack + (v.series.both_peak - v.fixed.both_peak) / voxels;
    std::printf("Memory with the MPR and 3D windows open (over the loaded stack, %.2fx)\n",
                stack);
    std::printf(
        "  MPR window (3 views drawn, %.0f ms): +%.1f MiB resident, peak +%.1f MiB -> stack + "
        "MPR peak %.2fx; the windows' fixed cost %.1f MiB (same windows, 256 KiB volume) -> per "
        "volume %.2fx (target 1.3x: %s); the volume owns %.1f MiB\n",
        v.mpr_open_ms, mib(v.series.mpr_resident), mib(v.series.mpr_peak), mpr,
        mib(v.fixed.mpr_peak), mpr_own, verdict(mpr_own <= 1.3), mib(v.volume_owned_bytes));
    std::printf(
        "  + 3D window (%s, one full-quality frame, %.0f ms): +%.1f MiB resident, peak +%.1f "
        "MiB -> %.2fx; less the fixed cost %.1f MiB -> per volume %.2fx (target 1.3x: %s); of "
        "which the ray caster's one-block copy of the voxels %.1f MiB (the rest: its gradient "
        "tables for shading)\n",
        v.mapper.c_str(), v.volume_open_ms, mib(v.series.both_resident),
        mib(v.series.both_peak), both, mib(v.fixed.both_peak), both_own,
        verdict(both_own <= 1.3), mib(v.scene_copy_bytes));
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"CountyRead viewer benchmark (not a test; prints figures)"};
    int slices = 300, size = 512, dr_size = 3000, threads = 2, viewport = 1024;
    std::string data;
    app.add_option("--slices", slices, "CT slices")->check(CLI::Range(2, 2000));
    app.add_option("--size", size, "CT rows = columns")->check(CLI::Range(64, 1024));
    app.add_option("--dr-size", dr_size, "DR rows = columns")->check(CLI::Range(256, 8192));
    app.add_option("--threads", threads, "loading threads")->check(CLI::Range(1, 16));
    app.add_option("--viewport", viewport, "viewport side in pixels")->check(CLI::Range(128, 4096));
    app.add_option("--data", data, "working folder (default: a temporary one, removed)");
    CLI11_PARSE(app, argc, argv);

    namespace fs = std::filesystem;
    const bool temporary = data.empty();
    const fs::path dir =
        temporary ? fs::temp_directory_path() / ("countyread-bench-" + std::to_string(::getpid()))
                  : fs::path(data);
    std::printf("CountyRead viewer benchmark\n  writing CT %d x %dx%d and DR %dx%d to %s ...\n",
                slices, size, size, dr_size, dr_size, dir.c_str());
    std::fflush(stdout);
    const auto ct = bench::writeCt(dir / "ct", slices, size);
    const auto dr = bench::writeDr(dir / "dr", dr_size);
    viewer::InstanceCache cache(dir / "cache", 8ull << 30);
    for (const auto* s : {&ct, &dr})
        for (std::size_t i = 0; i < s->rows.size(); ++i)
            cache.put(s->rows[i].sop_instance_uid, dicom::readFileBytes(s->files[i]));

    const LoadFigures load = loadOnly(ct, cache, threads);
    std::printf("\nLoading the CT from the local cache (%d threads, decode only, no display)\n",
                threads);
    std::printf("  first image %8.1f ms   whole volume %8.1f ms (%s, target 1500 ms)\n",
                load.first_ms, load.all_ms, verdict(load.all_ms <= 1500));
    std::printf(
        "  voxel bytes %.1f MiB; resident after loading %.1f MiB = %.2fx (peak %.2fx, target 1.3x: "
        "%s)\n",
        mib(load.voxel_bytes), mib(load.frames_rss), double(load.frames_rss) / load.voxel_bytes,
        double(load.frames_peak) / load.voxel_bytes,
        verdict(load.frames_peak <= 1.3 * load.voxel_bytes));
    std::printf(
        "  MPR volume built in %.1f ms (it owns %.1f MiB of voxels), 3 planes x (thin + 10-slice "
        "MIP) resliced in %.1f ms%s%s\n",
        load.volume_ms, mib(load.volume_owned), load.reslice_ms,
        load.volume_note.empty() ? "" : "; ", load.volume_note.c_str());
    std::printf(
        "  frames + volume + MPR: resident %.1f MiB = %.2fx voxel bytes, peak %.2fx (target "
        "1.3x: %s)\n",
        mib(load.volume_rss), double(load.volume_rss) / load.voxel_bytes,
        double(load.volume_peak) / load.voxel_bytes,
        verdict(load.volume_peak <= 1.3 * load.voxel_bytes));

    {
        // Where the DR's first-image time goes before anything is drawn.
        const auto t0 = Clock::now();
        auto bytes = cache.get(dr.rows.front().sop_instance_uid);
        const double read_ms = msSince(t0);
        const auto t1 = Clock::now();
        auto frames = dicom::loadFrames(*bytes);
        const double decode_ms = msSince(t1);
        std::printf(
            "  DR %dx%d from the cache: read %.1f ms, parse + decode %.1f ms (%.1f MiB file)\n",
            dr_size, dr_size, read_ms, decode_ms, mib(static_cast<std::int64_t>(bytes->size())));
    }
    if (std::getenv("DISPLAY")) {
        std::setlocale(LC_NUMERIC, "C");
        qputenv("QT_QPA_PLATFORM", "xcb");
        QApplication qt(argc, argv);
        std::setlocale(LC_NUMERIC, "C");
        const auto gui = bench::runGui(ct, dr, cache, threads, viewport);
        std::printf(
            "\nOn screen (viewport %d x %d, Mesa llvmpipe; through the progressive loader)\n",
            gui.viewport, gui.viewport);
        std::printf(
            "  CT first image %8.1f ms (target 200: %s)   whole volume %8.1f ms (target 1500: "
            "%s)\n",
            gui.ct_first_ms, verdict(gui.ct_first_ms <= 200), gui.ct_all_ms,
            verdict(gui.ct_all_ms <= 1500));
        std::printf("  DR %dx%d first image %8.1f ms (target 200: %s)\n", dr_size, dr_size,
                    gui.dr_first_ms, verdict(gui.dr_first_ms <= 200));
        std::printf("Frame times (target 16 ms)\n");
        const std::string dr_label =
            "window/level drag, DR " + std::to_string(dr_size) + "x" + std::to_string(dr_size);
        const std::string ct_label =
            "window/level drag, CT " + std::to_string(size) + "x" + std::to_string(size);
        printFrames(dr_label.c_str(), gui.wl_dr_gpu, gui.wl_dr_cpu);
        printFrames(ct_label.c_str(), gui.wl_ct_gpu, gui.wl_ct_cpu);
        printFrames("scrolling the CT", gui.scroll_gpu, gui.scroll_cpu);
        std::printf("  redrawing an unchanged CT frame: %.2f ms (without overlays %.2f ms)\n",
                    gui.redraw_gpu.mean_ms, gui.redraw_no_overlays_gpu.mean_ms);
        std::printf("  pixel uploads to the GPU while dragging window/level: %lld\n",
                    gui.gpu_uploads_during_wl);
        printVolumeWindows(gui.volumes, load);
    } else {
        std::printf("\n(no DISPLAY: on-screen figures skipped; run under xvfb-run)\n");
    }
    if (temporary) {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    return 0;
}
