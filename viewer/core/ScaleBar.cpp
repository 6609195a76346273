#include "viewer/core/ScaleBar.h"

#include <cmath>
#include <cstdio>

namespace countyread::viewer {

ScaleBar ScaleBar::choose(double screen_pixels_per_mm, double max_pixels,
                          dicom::SpacingSource source) {
    ScaleBar bar;
    if (source == dicom::SpacingSource::None || !(screen_pixels_per_mm > 0) || !(max_pixels > 0))
        return bar;
    const double max_mm = max_pixels / screen_pixels_per_mm;
    double unit = std::pow(10.0, std::floor(std::log10(max_mm)));
    double best = unit;
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * unit <= max_mm * (1 + 1e-9)) best = m * unit;
    }
    bar.millimetres = best;
    bar.pixels = best * screen_pixels_per_mm;
    bar.at_detector = source == dicom::SpacingSource::ImagerPixelSpacing;
    char text[32];
    if (best >= 10.0) {
        std::snprintf(text, sizeof text, "%g cm", best / 10.0);
    } else if (best >= 1.0) {
        std::snprintf(text, sizeof text, "%g mm", best);
    } else {
        std::snprintf(text, sizeof text, "%g \xC2\xB5m", best * 1000.0);
    }
    bar.label = text;
    return bar;
}

}  // namespace countyread::viewer
