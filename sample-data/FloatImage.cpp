#include "FloatImage.h"

#include <algorithm>
#include <cmath>

namespace countyread::samples {

FloatImage::FloatImage(int width, int height, float value)
    : width_(width), height_(height), data_(static_cast<size_t>(width) * height, value) {}

namespace {
// Running-sum box filter over `n` samples spaced `stride` apart; edges are clamped.
void boxLine(float* line, int n, int stride, int radius, std::vector<float>& scratch) {
    scratch.resize(n);
    for (int i = 0; i < n; ++i) scratch[i] = line[static_cast<size_t>(i) * stride];
    auto sample = [&](int i) { return scratch[std::clamp(i, 0, n - 1)]; };
    double sum = 0;
    for (int i = -radius; i <= radius; ++i) sum += sample(i);
    const double norm = 1.0 / (2 * radius + 1);
    for (int i = 0; i < n; ++i) {
        line[static_cast<size_t>(i) * stride] = static_cast<float>(sum * norm);
        sum += sample(i + radius + 1) - sample(i - radius);
    }
}
}  // namespace

void FloatImage::boxBlurRows(int radius) {
    std::vector<float> scratch;
    for (int y = 0; y < height_; ++y) boxLine(&at(0, y), width_, 1, radius, scratch);
}

void FloatImage::boxBlurColumns(int radius) {
    std::vector<float> scratch;
    for (int x = 0; x < width_; ++x) boxLine(&at(x, 0), height_, width_, radius, scratch);
}

void FloatImage::gaussianBlur(double sigma) {
    if (sigma <= 0.3) return;
    // Three boxes of width w give variance 3 (w^2 - 1) / 12.
    const double w = std::sqrt(4.0 * sigma * sigma + 1.0);
    const int radius = std::max(1, static_cast<int>(std::lround((w - 1.0) / 2.0)));
    for (int pass = 0; pass < 3; ++pass) {
        boxBlurRows(radius);
        boxBlurColumns(radius);
    }
}

void FloatImage::addGaussianNoise(double sigma, std::mt19937& rng) {
    std::normal_distribution<float> noise(0.0f, static_cast<float>(sigma));
    for (auto& v : data_) v += noise(rng);
}

float FloatImage::percentile(double fraction) const {
    if (data_.empty()) return 0.0f;
    std::vector<float> copy = data_;
    auto index = static_cast<size_t>(std::clamp(fraction, 0.0, 1.0) * (copy.size() - 1));
    std::nth_element(copy.begin(), copy.begin() + static_cast<std::ptrdiff_t>(index), copy.end());
    return copy[index];
}

}  // namespace countyread::samples
