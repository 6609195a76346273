#pragma once
// Display-only enhancement for projection radiographs (DR/CR), with OpenCV: CLAHE (contrast
// limited adaptive histogram equalisation) and an unsharp mask. The result is a new frame for
// display; the stored pixels are never changed, and measurements, ROI statistics and the
// pixel probe keep using the original values.
#include <memory>

#include "dicom/image/ImageFrame.h"

namespace countyread::viewer {

struct EnhancementSettings {
    bool clahe = true;
    double clahe_clip_limit = 2.0;  // OpenCV's clip limit (contrast per tile)
    int clahe_tiles = 8;            // tiles per side
    bool unsharp = true;
    double unsharp_sigma_mm = 2.0;  // Gaussian radius, in mm (pixels when uncalibrated)
    double unsharp_amount = 0.7;    // 0 = none
};

class DisplayEnhancement {
public:
    // A copy of `frame` with enhanced pixel values in the same stored range (so the same window
    // still shows it sensibly). Works on 8/16-bit, signed or unsigned data.
    static std::shared_ptr<const dicom::ImageFrame> apply(const dicom::ImageFrame& frame,
                                                          const EnhancementSettings& settings);
};

}  // namespace countyread::viewer
