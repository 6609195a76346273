#include "viewer/core/WindowLevel.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace countyread::viewer {

namespace {
constexpr double kMinWidth = 1e-6;
}

WindowLevel WindowLevel::toStored(double slope, double intercept) const {
    if (slope == 0.0) slope = 1.0;
    return {(center - intercept) / slope, std::max(width / std::abs(slope), kMinWidth)};
}

WindowLevel WindowLevel::toModality(double slope, double intercept) const {
    if (slope == 0.0) slope = 1.0;
    return {center * slope + intercept, std::max(width * std::abs(slope), kMinWidth)};
}

WindowLevel WindowLevel::dragged(int dx, int dy, double scale) const {
    WindowLevel out = *this;
    out.width = std::max(width + dx * scale, 1.0);
    out.center = center - dy * scale;  // Qt's y grows downwards: moving up (dy < 0) raises it
    return out;
}

std::optional<WindowLevel> WindowLevel::parse(const std::string& text) {
    auto comma = text.find(',');
    if (comma == std::string::npos) return std::nullopt;
    std::string c = text.substr(0, comma), w = text.substr(comma + 1);
    char* end = nullptr;
    double center = std::strtod(c.c_str(), &end);
    if (c.empty() || *end != '\0') return std::nullopt;
    double width = std::strtod(w.c_str(), &end);
    if (w.empty() || *end != '\0') return std::nullopt;
    if (!std::isfinite(center) || !std::isfinite(width) || width <= 0) return std::nullopt;
    return WindowLevel{center, width};
}

double WindowLevel::greyOf(double value) const {
    double t = (value - lower()) / width;
    return std::clamp(t, 0.0, 1.0) * 255.0;
}

double dragScaleFor(double data_range) {
    return std::clamp(std::abs(data_range) / 1000.0, 0.01, 4.0);
}

}  // namespace countyread::viewer
