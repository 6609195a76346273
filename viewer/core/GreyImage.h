#pragma once
// An 8-bit grey picture (thumbnails, display-only enhanced images). Rows top to bottom.
#include <cstdint>
#include <vector>

namespace countyread::viewer {

struct GreyImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // width * height

    std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
    bool empty() const { return width <= 0 || height <= 0; }
};

}  // namespace countyread::viewer
