#pragma once
// The scale bar's length: a round number of millimetres (1, 2 or 5 x 10^n) whose on-screen
// length is at most `max_pixels`, with its label. Pure arithmetic.
#include <string>

#include "dicom/image/ImageFrame.h"

namespace countyread::viewer {

struct ScaleBar {
    double millimetres = 0.0;
    double pixels = 0.0;       // on screen
    std::string label;         // "5 cm", "20 mm", "500 µm"
    bool at_detector = false;  // spacing from Imager Pixel Spacing: not corrected for magnification

    // nullopt-like: millimetres == 0 when the image has no spacing (scale unknown).
    static ScaleBar choose(double screen_pixels_per_mm, double max_pixels,
                           dicom::SpacingSource source);
};

}  // namespace countyread::viewer
