#pragma once
// Series thumbnails: the frame shrunk with OpenCV's area interpolation (on the 16-bit stored
// values, so no detail is aliased away), then windowed to 8 bits; MONOCHROME1 shown inverted.
#include "dicom/image/ImageFrame.h"
#include "viewer/core/GreyImage.h"
#include "viewer/core/WindowLevel.h"

namespace countyread::viewer {

class Thumbnail {
public:
    // At most `max_side` pixels on the longer side, keeping the aspect ratio in millimetres
    // (non-square pixel spacing is corrected). `window` in modality units.
    static GreyImage make(const dicom::ImageFrame& frame, const WindowLevel& window, int max_side);
};

}  // namespace countyread::viewer
