#include "tests/e2e/PngImage.h"

#include <png.h>

#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace countyread::test {

GreyImage readPngGrey(const std::filesystem::path& file) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, file.c_str()))
        throw std::runtime_error("cannot read PNG " + file.string() + ": " + image.message);
    image.format = PNG_FORMAT_GRAY;
    GreyImage out;
    out.width = static_cast<int>(image.width);
    out.height = static_cast<int>(image.height);
    out.pixels.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr))
        throw std::runtime_error("cannot decode PNG " + file.string() + ": " + image.message);
    return out;
}

RegionStats statsOf(const GreyImage& img, Region r) {
    RegionStats s;
    double sum = 0, sum2 = 0;
    long n = 0, extreme = 0;
    std::set<int> levels;
    for (int y = r.y; y < r.y + r.h && y < img.height; ++y) {
        for (int x = r.x; x < r.x + r.w && x < img.width; ++x) {
            int v = img.at(x, y);
            sum += v;
            sum2 += double(v) * v;
            ++n;
            if (v <= 5 || v >= 250) ++extreme;
            levels.insert(v);
        }
    }
    if (n == 0) return s;
    s.mean = sum / n;
    s.stddev = std::sqrt(std::max(0.0, sum2 / n - s.mean * s.mean));
    s.fraction_extreme = double(extreme) / n;
    s.distinct_levels = static_cast<int>(levels.size());
    return s;
}

}  // namespace countyread::test
