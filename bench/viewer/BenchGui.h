#pragma once
// The on-screen part of the viewer benchmark (needs an X display: xvfb-run): time to the first
// image and to the whole series through the workstation's own progressive loader and viewport,
// and frame times while dragging window/level and while scrolling, on the GPU (shader) and the
// CPU (VTK) path in the same run.
#include <string>
#include <vector>

#include "BenchData.h"
#include "BenchVolumes.h"
#include "viewer/core/InstanceCache.h"

class QWidget;

namespace countyread::bench {

struct FrameTimes {
    double mean_ms = 0, p95_ms = 0, max_ms = 0;
    int frames = 0;
};

struct GuiFigures {
    double ct_first_ms = 0, ct_all_ms = 0;
    double dr_first_ms = 0;
    FrameTimes wl_dr_gpu, wl_dr_cpu, wl_ct_gpu, wl_ct_cpu;
    FrameTimes scroll_gpu, scroll_cpu;
    FrameTimes redraw_gpu, redraw_no_overlays_gpu;  // CT, nothing changed: the bare frame cost
    long long gpu_uploads_during_wl = -1;           // pixel uploads while dragging (should be 0)
    VolumeWindowFigures volumes;                    // MPR and 3D windows over the loaded CT
    int viewport = 0;
};

// Processes events until `w`'s window is exposed (and a little longer).
void waitExposed(QWidget& w);

// `ct` and `dr` must already be in `cache`.
GuiFigures runGui(const BenchSeries& ct, const BenchSeries& dr, viewer::InstanceCache& cache,
                  int threads, int viewport_size);

}  // namespace countyread::bench
