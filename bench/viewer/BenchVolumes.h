#pragma once
// The memory the MPR and 3D windows add over a loaded CT stack (needs an X display): the
// series' Volume is built the way the main window builds it (SeriesVolumeCache), the MPR window
// is opened and its three views drawn, then the 3D window is opened as well and drawn once at
// full quality. Peaks are taken from the process's resident-set high-water mark. The same
// windows over a tiny volume give their fixed cost (GL contexts, framebuffers, text), which
// does not grow with the series.
#include <cstdint>
#include <string>

#include "viewer/core/LoadedStudy.h"

namespace countyread::bench {

struct VolumeWindowFigures {
    struct Deltas {                       // over the resident size before the windows opened
        std::int64_t mpr_peak = 0, mpr_resident = 0;    // MPR window open, 3 views drawn
        std::int64_t both_peak = 0, both_resident = 0;  // and the 3D window too, one frame
    };
    std::int64_t voxel_bytes = 0;         // of the series' frames
    std::int64_t volume_owned_bytes = 0;  // what the Volume holds beyond the frames
    Deltas series;                        // the windows over the series' volume
    Deltas fixed;                         // the same windows over a 256 KiB volume
    std::int64_t scene_copy_bytes = 0;    // voxels the 3D scene gathered into one block
    double mpr_open_ms = 0, volume_open_ms = 0;
    std::string mapper;                   // which ray caster drew the 3D view
};

// `study` must hold one CT series, loaded and shown.
VolumeWindowFigures measureVolumeWindows(const viewer::LoadedStudy& study);

}  // namespace countyread::bench
