#include "viewer/core/Measure.h"

#include <algorithm>
#include <cmath>

namespace countyread::viewer {
namespace {

constexpr double kPi = 3.14159265358979323846;

Point2 physical(Point2 d, const Spacing& s) { return {d.x * s.column, d.y * s.row}; }

double degrees(double radians) { return radians * 180.0 / kPi; }

}  // namespace

double Measure::length(Point2 a, Point2 b, const Spacing& s) { return physical(b - a, s).length(); }

double Measure::angle(Point2 a, Point2 vertex, Point2 b, const Spacing& s) {
    const Point2 u = physical(a - vertex, s), v = physical(b - vertex, s);
    if (u.length() == 0 || v.length() == 0) return 0.0;
    return degrees(std::atan2(std::abs(u.cross(v)), u.dot(v)));
}

double Measure::cobb(Point2 a1, Point2 a2, Point2 b1, Point2 b2, const Spacing& s) {
    const Point2 u = physical(a2 - a1, s), v = physical(b2 - b1, s);
    if (u.length() == 0 || v.length() == 0) return 0.0;
    const double between = degrees(std::atan2(std::abs(u.cross(v)), u.dot(v)));  // 0..180
    return between > 90.0 ? 180.0 - between : between;
}

std::optional<double> Measure::cardiothoracicRatio(Point2 heart1, Point2 heart2, Point2 thorax1,
                                                   Point2 thorax2, const Spacing& s) {
    const double heart = std::abs(heart2.x - heart1.x) * s.column;
    const double thorax = std::abs(thorax2.x - thorax1.x) * s.column;
    if (thorax <= 0) return std::nullopt;
    return heart / thorax;
}

template <typename Inside>
RoiStats Measure::stats(const dicom::ImageFrame& f, Point2 c1, Point2 c2, Inside inside) {
    RoiStats out;
    const double x0 = std::min(c1.x, c2.x), x1 = std::max(c1.x, c2.x);
    const double y0 = std::min(c1.y, c2.y), y1 = std::max(c1.y, c2.y);
    const std::size_t needed = static_cast<std::size_t>(f.width) * f.height;
    if (f.pixels.size() < needed) return out;
    // Pixel (i, j) is centred at (i + 0.5, j + 0.5): candidates are those whose centres fall
    // in the bounding box, clipped to the image.
    const int i0 = std::max(0, static_cast<int>(std::ceil(x0 - 0.5)));
    const int i1 = std::min(f.width - 1, static_cast<int>(std::floor(x1 - 0.5)));
    const int j0 = std::max(0, static_cast<int>(std::ceil(y0 - 0.5)));
    const int j1 = std::min(f.height - 1, static_cast<int>(std::floor(y1 - 0.5)));
    double sum = 0, sum2 = 0;
    // Welford would be steadier; values are at most 16-bit, so sums in double are exact enough.
    for (int j = j0; j <= j1; ++j) {
        for (int i = i0; i <= i1; ++i) {
            if (!inside(i + 0.5, j + 0.5, x0, x1, y0, y1)) continue;
            const double v = f.modalityValue(i, j);
            if (out.pixels == 0) out.min = out.max = v;
            out.min = std::min(out.min, v);
            out.max = std::max(out.max, v);
            sum += v;
            sum2 += v * v;
            ++out.pixels;
        }
    }
    if (out.pixels > 0) {
        out.mean = sum / static_cast<double>(out.pixels);
        out.sd =
            std::sqrt(std::max(0.0, sum2 / static_cast<double>(out.pixels) - out.mean * out.mean));
    }
    return out;
}

RoiStats Measure::ellipseStats(const dicom::ImageFrame& f, Point2 c1, Point2 c2) {
    auto inside = [](double x, double y, double x0, double x1, double y0, double y1) {
        const double a = (x1 - x0) / 2, b = (y1 - y0) / 2;
        if (a <= 0 || b <= 0) return false;
        const double dx = (x - (x0 + a)) / a, dy = (y - (y0 + b)) / b;
        return dx * dx + dy * dy <= 1.0;
    };
    RoiStats out = stats(f, c1, c2, inside);
    const Spacing s = Spacing::of(f);
    out.area = kPi * std::abs(c2.x - c1.x) / 2 * s.column * std::abs(c2.y - c1.y) / 2 * s.row;
    return out;
}

RoiStats Measure::rectangleStats(const dicom::ImageFrame& f, Point2 c1, Point2 c2) {
    auto inside = [](double x, double y, double x0, double x1, double y0, double y1) {
        return x >= x0 && x <= x1 && y >= y0 && y <= y1;
    };
    RoiStats out = stats(f, c1, c2, inside);
    const Spacing s = Spacing::of(f);
    out.area = std::abs(c2.x - c1.x) * s.column * std::abs(c2.y - c1.y) * s.row;
    return out;
}

}  // namespace countyread::viewer
