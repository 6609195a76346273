#pragma once
// An 8-bit RGB picture, rows top to bottom: what a render window capture returns.
#include <cstdint>
#include <vector>

namespace countyread::viewer {

struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb;  // width * height * 3, row 0 = top

    const std::uint8_t* pixel(int x, int y) const {
        return rgb.data() + (static_cast<std::size_t>(y) * width + x) * 3;
    }
    // Mean of the red, green and blue values over a rectangle (clipped to the image).
    double meanGrey(int x0, int y0, int w, int h) const;
};

}  // namespace countyread::viewer
