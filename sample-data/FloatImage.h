#pragma once
// A float raster with the few filters the phantoms need (blur, noise, percentiles).
#include <random>
#include <vector>

namespace countyread::samples {

class FloatImage {
public:
    FloatImage(int width, int height, float value = 0.0f);

    int width() const { return width_; }
    int height() const { return height_; }
    float& at(int x, int y) { return data_[static_cast<size_t>(y) * width_ + x]; }
    float at(int x, int y) const { return data_[static_cast<size_t>(y) * width_ + x]; }
    std::vector<float>& data() { return data_; }
    const std::vector<float>& data() const { return data_; }

    // Approximate Gaussian blur (three separable box passes); sigma in pixels.
    void gaussianBlur(double sigma);
    void addGaussianNoise(double sigma, std::mt19937& rng);
    // Value below which `fraction` (0..1) of the pixels lie.
    float percentile(double fraction) const;

private:
    void boxBlurRows(int radius);
    void boxBlurColumns(int radius);

    int width_;
    int height_;
    std::vector<float> data_;
};

}  // namespace countyread::samples
