#include "viewer/core/PixelProbe.h"

#include <cmath>
#include <cstdio>

namespace countyread::viewer {

std::optional<PixelProbe> PixelProbe::at(const dicom::ImageFrame& frame, Point2 pixel) {
    const long column = std::lround(pixel.x), row = std::lround(pixel.y);
    if (column < 0 || row < 0 || column >= frame.width || row >= frame.height) return std::nullopt;
    if (frame.pixels.size() < static_cast<std::size_t>(frame.width) * frame.height)
        return std::nullopt;
    PixelProbe p;
    p.column = static_cast<int>(column);
    p.row = static_cast<int>(row);
    p.stored = frame.storedValue(p.column, p.row);
    p.value = frame.modalityValue(p.column, p.row);
    return p;
}

std::string PixelProbe::text(const std::string& modality, bool chinese) const {
    char buf[96];
    const bool whole = std::abs(value - std::round(value)) < 1e-6;
    const char* unit = modality == "CT" ? " HU" : "";
    if (whole) {
        std::snprintf(buf, sizeof buf, "(%d, %d)  %.0f%s", column, row, value, unit);
    } else {
        std::snprintf(buf, sizeof buf, "(%d, %d)  %.2f%s", column, row, value, unit);
    }
    (void)chinese;  // numbers and units read the same in both languages
    return buf;
}

}  // namespace countyread::viewer
