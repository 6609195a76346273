#pragma once
// Minimal PNG reading for pixel checks in tests (libpng), converted to 8-bit grey.
#include <filesystem>
#include <vector>

namespace countyread::test {

struct GreyImage {
    int width = 0, height = 0;
    std::vector<unsigned char> pixels;  // row-major, luminance of RGB(A)
    unsigned char at(int x, int y) const { return pixels[static_cast<size_t>(y) * width + x]; }
};

GreyImage readPngGrey(const std::filesystem::path& file);

struct Region {
    int x = 0, y = 0, w = 0, h = 0;
};
struct RegionStats {
    double mean = 0, stddev = 0;
    double fraction_extreme = 0;  // share of pixels <= 5 or >= 250
    int distinct_levels = 0;
};
RegionStats statsOf(const GreyImage& img, Region r);

}  // namespace countyread::test
