#pragma once
// Window/level (VOI) arithmetic. The radiologist thinks in modality units (HU for CT:
// modality = stored * slope + intercept); the renderer works on stored values.
#include <optional>
#include <string>

namespace countyread::viewer {

struct WindowLevel {
    double center = 0.0;
    double width = 1.0;

    // Modality units -> stored units (slope must not be 0; a negative slope keeps width > 0).
    WindowLevel toStored(double slope, double intercept) const;
    // Stored units -> modality units.
    WindowLevel toModality(double slope, double intercept) const;

    // Left-drag: horizontal motion changes the width, vertical the centre (dragging up raises
    // the centre, so the image gets darker). `scale` is modality units per pixel of motion.
    WindowLevel dragged(int dx, int dy, double scale) const;

    // Lowest / highest value that the window maps to black / white.
    double lower() const { return center - width / 2.0; }
    double upper() const { return center + width / 2.0; }

    // "C,W" as given on the command line, e.g. "40,400" or "-600,1500"; nullopt if malformed.
    static std::optional<WindowLevel> parse(const std::string& text);

    // Grey level 0..255 that a value (same units as the window) displays at (linear, clamped).
    double greyOf(double value) const;
};

// Motion scale for drag: roughly the full dynamic range over ~1000 pixels, at least 1 unit/px
// for wide-range data, finer for small ranges.
double dragScaleFor(double data_range);

}  // namespace countyread::viewer
