#include "CtSliceRenderer.h"

#include <algorithm>
#include <cmath>

#include "FloatImage.h"

namespace countyread::samples {

CtSliceRenderer::CtSliceRenderer(const CtPhantom& phantom, const CtGeometry& geometry,
                                 unsigned seed)
    : phantom_(phantom), geometry_(geometry), rng_(seed) {}

double CtSliceRenderer::firstPixelOffsetMm() const {
    return -geometry_.size * geometry_.pixel_spacing_mm / 2 + geometry_.pixel_spacing_mm / 2;
}

std::vector<uint16_t> CtSliceRenderer::render(double z_mm) {
    const int n = geometry_.size;
    const double spacing = geometry_.pixel_spacing_mm;
    const double origin = firstPixelOffsetMm();
    FloatImage image(n, n);
    for (int row = 0; row < n; ++row) {
        double y = origin + row * spacing;
        for (int col = 0; col < n; ++col) {
            double x = origin + col * spacing;
            image.at(col, row) = static_cast<float>(phantom_.hu(x, y, z_mm));
        }
    }
    // A standard kernel resolves about 0.6 mm; noise is added after the blur.
    image.gaussianBlur(0.6 / spacing);
    image.addGaussianNoise(phantom_.noiseHu(), rng_);

    std::vector<uint16_t> stored(image.data().size());
    for (size_t i = 0; i < stored.size(); ++i) {
        long value = std::lround(image.data()[i]) + 1024;
        stored[i] = static_cast<uint16_t>(std::clamp(value, 0L, 4095L));
    }
    return stored;
}

}  // namespace countyread::samples
