#pragma once
// Builds a Volume from the frames of one series. Checks that they form a stack (same size,
// same orientation, positions known), sorts them along the slice normal, and handles the two
// geometries that would otherwise be drawn wrong:
//   - gantry tilt: slice origins shifted in-plane from slice to slice (a sheared stack);
//   - uneven slice spacing (gaps, overlaps, mixed thicknesses).
// Both are resampled onto an orthogonal, evenly spaced grid (bilinear in-plane, linear between
// slices) and reported in Volume::note, never silently ignored. Only then does the Volume own a
// copy of the voxels; an orthogonal, evenly spaced stack is read in place (Volume::slices).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dicom/image/ImageFrame.h"
#include "viewer/core/Volume.h"

namespace countyread::viewer {

class VolumeBuilder {
public:
    struct Result {
        std::optional<Volume> volume;
        std::string reason;  // why the frames are not a volume (when volume is empty)
    };
    static Result build(const std::vector<std::shared_ptr<const dicom::ImageFrame>>& slices,
                        bool chinese = true);
    // Spacings within this fraction of each other count as even.
    static constexpr double kSpacingTolerance = 0.02;
    // In-plane shift per mm along the normal above which the stack counts as sheared.
    static constexpr double kShearTolerance = 0.005;
};

}  // namespace countyread::viewer
