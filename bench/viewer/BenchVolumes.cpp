#include "BenchVolumes.h"

#include <vtkRenderWindow.h>

#include <QCoreApplication>
#include <chrono>
#include <memory>

#include "BenchGui.h"
#include "BenchMemory.h"
#include "viewer/core/MprReslicer.h"
#include "viewer/core/SeriesVolumeCache.h"
#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/MprWindow.h"
#include "viewer/ui/UiText.h"
#include "viewer/ui/VolumeRenderWidget.h"
#include "viewer/ui/VolumeWindow.h"

namespace countyread::bench {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Opens the MPR window and then the 3D window over `volume`, draws them, and fills the deltas
// over the resident size before opening (peaks and resident after trimming).
void openWindows(std::shared_ptr<const viewer::Volume> volume, const viewer::LoadedStudy& study,
                 VolumeWindowFigures::Deltas& out, VolumeWindowFigures* details) {
    viewer::UiText text(viewer::Language::English);
    BenchMemory::trim();
    const std::int64_t base = BenchMemory::residentBytes();
    BenchMemory::resetPeak();
    auto t = Clock::now();
    auto mpr = std::make_unique<viewer::MprWindow>(volume, study, text, viewer::RenderPath::Gpu);
    mpr->resize(1200, 460);
    mpr->show();
    waitExposed(*mpr);
    for (auto plane : {viewer::MprPlane::Axial, viewer::MprPlane::Coronal,
                       viewer::MprPlane::Sagittal}) {
        mpr->view(plane)->render();
        mpr->view(plane)->renderWindow()->WaitForCompletion();
    }
    const double mpr_ms = msSince(t);
    out.mpr_peak = BenchMemory::peakBytes() - base;
    BenchMemory::trim();
    out.mpr_resident = BenchMemory::residentBytes() - base;

    t = Clock::now();
    auto window =
        std::make_unique<viewer::VolumeWindow>(volume, study, text, viewer::RenderPath::Gpu);
    window->resize(800, 700);
    window->show();
    waitExposed(*window);
    window->view()->render();
    window->view()->renderWindow()->WaitForCompletion();
    const double volume_ms = msSince(t);
    out.both_peak = BenchMemory::peakBytes() - base;
    BenchMemory::trim();
    out.both_resident = BenchMemory::residentBytes() - base;
    if (details) {
        details->mpr_open_ms = mpr_ms;
        details->volume_open_ms = volume_ms;
        details->scene_copy_bytes =
            static_cast<std::int64_t>(window->view()->scene().copiedVoxelBytes());
        details->mapper = window->renderPathLabel().toStdString();
    }
    window.reset();
    mpr.reset();
    QCoreApplication::processEvents();
}

// A 64 x 64 x 32 volume (256 KiB of voxels): what the same windows cost whatever the series.
std::shared_ptr<const viewer::Volume> tinyVolume(const viewer::Volume& like) {
    auto v = std::make_shared<viewer::Volume>();
    v->nx = v->ny = 64;
    v->nz = 32;
    v->sx = v->sy = v->sz = 2.0;
    v->row = like.row;
    v->column = like.column;
    v->normal = like.normal;
    v->origin = like.origin;
    v->is_signed = like.is_signed;
    v->rescale_slope = like.rescale_slope;
    v->rescale_intercept = like.rescale_intercept;
    v->window_center = like.window_center;
    v->window_width = like.window_width;
    v->voxels.resize(v->planeSize() * v->nz);
    for (std::size_t i = 0; i < v->voxels.size(); ++i)
        v->voxels[i] = static_cast<std::uint16_t>(1000 + (i * 7) % 1000);
    v->stored_min = 1000;
    v->stored_max = 1999;
    return v;
}

}  // namespace

VolumeWindowFigures measureVolumeWindows(const viewer::LoadedStudy& study) {
    VolumeWindowFigures out;
    std::vector<std::shared_ptr<const dicom::ImageFrame>> frames;
    for (const auto& image : study.images) {
        if (!image.pixels) continue;
        frames.push_back(image.pixels);
        out.voxel_bytes += static_cast<std::int64_t>(image.pixels->pixels.size() * 2);
    }
    const std::string series = study.images.empty() ? "" : study.images[0].instance.series_uid;
    viewer::SeriesVolumeCache cache;
    auto built = cache.get(series, frames, false);
    if (!built.volume) return out;
    out.volume_owned_bytes = static_cast<std::int64_t>(built.volume->ownedBytes());
    // The series first (so it also pays what a first window pays once: fonts, shader caches),
    // then the same windows over a tiny volume: their fixed cost, measured after those one-time
    // costs, so the series' own share (the difference) is if anything overstated.
    openWindows(built.volume, study, out.series, &out);
    openWindows(tinyVolume(*built.volume), study, out.fixed, nullptr);
    return out;
}

}  // namespace countyread::bench
