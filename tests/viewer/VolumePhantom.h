#pragma once
// CT volumes made up for the 3D tests and the benchmark: axial grids centred on patient
// (0, 0, 0), HU given by a function of the patient position (mm).
#include <functional>

#include "viewer/core/Volume.h"

namespace countyread::test {

struct VolumeGrid {
    int nx = 64, ny = 64, nz = 64;
    double sx = 1.0, sy = 1.0, sz = 1.0;
    bool is_signed = true;
    double intercept = 0.0;  // stored = HU - intercept (slope 1)
};

// HU at every voxel centre from `hu(x, y, z)`, rounded; stored with the grid's intercept.
viewer::Volume makeVolume(const VolumeGrid& grid,
                          const std::function<double(double x, double y, double z)>& hu);

// 80^3 voxels of 1.5 mm (120 mm), unsigned with intercept -1024 (stored = HU + 1024): air
// (-1000 HU), a 72 mm cube of water (0 HU) and in its centre a 22 mm radius ball of bone
// (1000 HU).
viewer::Volume boneInCubePhantom();
inline constexpr double kCubeHalf = 36.0, kBallRadius = 22.0;

// 64^3 voxels of 2 mm, signed, HU stored as is (intercept 0): air everywhere except one
// column of single voxels along z at voxel (44, 20), 1000 HU; patient x = 25, y = -23.
viewer::Volume mipColumnPhantom();
inline constexpr double kColumnX = 25.0, kColumnY = -23.0;

// A chest-like CT of nx * ny * nz voxels (0.7 mm in-plane, 1 mm slices, intercept -1024): body
// (40 HU), fat rim (-100), two lungs (-850), spine and sternum (1000), aorta (300).
viewer::Volume chestPhantom(int nx, int ny, int nz);

}  // namespace countyread::test
