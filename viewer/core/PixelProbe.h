#pragma once
// The pixel under the mouse: its indices, stored value and modality value (HU for CT).
#include <optional>
#include <string>

#include "dicom/image/ImageFrame.h"
#include "viewer/core/Point2.h"

namespace countyread::viewer {

struct PixelProbe {
    int column = 0;
    int row = 0;
    int stored = 0;
    double value = 0.0;  // modality value

    // The pixel whose square contains `pixel` (fractional column/row, as ViewTransform::toPixel
    // gives); nullopt outside the image.
    static std::optional<PixelProbe> at(const dicom::ImageFrame& frame, Point2 pixel);
    // "(120, 64)  35 HU" for CT, "(120, 64)  1830" otherwise.
    std::string text(const std::string& modality, bool chinese) const;
};

}  // namespace countyread::viewer
