#pragma once
// A CT (or MR) series as one block of voxels on an orthogonal grid, for MPR and volume
// rendering. Voxel (i, j, k) is at  origin + i*sx*row + j*sy*column + k*sz*normal  in patient
// coordinates (mm); row/column are the slices' own directions, normal = row x column. Stored
// values as in the files (2 bytes, two's complement when signed) with the rescale to HU.
//
// The voxels are held in one of two ways (plane(k) hides which):
//   - `slices`: a stack that needed no resampling reads the series' own decoded frames in place
//     (slice k is slices[k]->pixels). The stack viewer, MPR and the volume share one copy of
//     the voxels; the Volume keeps those frames alive. ownedBytes() is 0.
//   - `voxels`: a resampled stack (gantry tilt, uneven spacing) or a volume made in memory owns
//     its voxels, k-major, then j, then i. ownedBytes() == bytes().
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dicom/image/ImageFrame.h"

namespace countyread::viewer {

using Vec3 = std::array<double, 3>;

struct Volume {
    int nx = 0, ny = 0, nz = 0;  // columns, rows, slices
    double sx = 1.0, sy = 1.0, sz = 1.0;
    Vec3 origin{0, 0, 0};
    Vec3 row{1, 0, 0}, column{0, 1, 0}, normal{0, 0, 1};
    std::vector<std::shared_ptr<const dicom::ImageFrame>> slices;  // shared frames, k order
    std::vector<std::uint16_t> voxels;  // owned voxels (when `slices` is empty)
    bool is_signed = false;
    double rescale_slope = 1.0, rescale_intercept = 0.0;
    double window_center = 0.0, window_width = 1.0;
    int stored_min = 0, stored_max = 0;

    // What was done to make the grid orthogonal and evenly spaced (empty: nothing needed).
    double gantry_tilt_degrees = 0.0;
    bool uneven_spacing = false;
    bool resampled = false;
    std::string note;  // for the radiologist, e.g. "gantry tilt 15.0° corrected"

    std::size_t planeSize() const { return static_cast<std::size_t>(nx) * ny; }
    // Index into `voxels` (owned storage only).
    std::size_t index(int i, int j, int k) const {
        return (static_cast<std::size_t>(k) * ny + j) * nx + i;
    }
    // The nx * ny stored values of slice k, row-major, whichever the storage.
    const std::uint16_t* plane(int k) const {
        return slices.empty() ? voxels.data() + planeSize() * static_cast<std::size_t>(k)
                              : slices[static_cast<std::size_t>(k)]->pixels.data();
    }
    int stored(int i, int j, int k) const {
        const std::uint16_t raw = plane(k)[static_cast<std::size_t>(j) * nx + i];
        return is_signed ? static_cast<int>(static_cast<std::int16_t>(raw)) : raw;
    }
    // Patient position of voxel (i, j, k) (fractional allowed) and back.
    Vec3 patient(double i, double j, double k) const;
    Vec3 voxel(const Vec3& patient) const;
    // The voxels' size, and how much of it this Volume adds to the frames it was built from.
    std::size_t bytes() const { return planeSize() * nz * sizeof(std::uint16_t); }
    std::size_t ownedBytes() const { return voxels.size() * sizeof(std::uint16_t); }
    bool sharesFrames() const { return !slices.empty(); }
    // All voxels as one block (k-major), for consumers that need them contiguous (VTK's volume
    // mappers) when they are held as shared frames.
    std::vector<std::uint16_t> contiguousCopy() const;
};

}  // namespace countyread::viewer
