#include "viewer/render/RgbImage.h"

#include <algorithm>

namespace countyread::viewer {

double RgbImage::meanGrey(int x0, int y0, int w, int h) const {
    int x1 = std::min(width, x0 + w), y1 = std::min(height, y0 + h);
    x0 = std::max(0, x0);
    y0 = std::max(0, y0);
    double sum = 0;
    long long n = 0;
    for (int y = y0; y < y1; ++y) {
        for (int x = x0; x < x1; ++x) {
            const auto* p = pixel(x, y);
            sum += (p[0] + p[1] + p[2]) / 3.0;
            ++n;
        }
    }
    return n ? sum / static_cast<double>(n) : 0.0;
}

}  // namespace countyread::viewer
