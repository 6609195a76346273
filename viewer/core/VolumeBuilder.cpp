#include "viewer/core/VolumeBuilder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace countyread::viewer {
namespace {

constexpr double kPi = 3.14159265358979323846;

double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
Vec3 cross(const Vec3& a, const Vec3& b) {
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
Vec3 normalized(Vec3 v) {
    const double n = std::sqrt(dot(v, v));
    if (n > 0)
        for (auto& x : v) x /= n;
    return v;
}

std::string format(const char* fmt, double a, double b = 0, double c = 0) {
    char buf[160];
    std::snprintf(buf, sizeof buf, fmt, a, b, c);
    return buf;
}

// Bilinear sample of a frame's stored value at fractional pixel (x, y); `outside` beyond it.
double sample(const dicom::ImageFrame& f, double x, double y, double outside) {
    if (x < -0.5 || y < -0.5 || x > f.width - 0.5 || y > f.height - 0.5) return outside;
    x = std::clamp(x, 0.0, f.width - 1.0);
    y = std::clamp(y, 0.0, f.height - 1.0);
    const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
    const int x1 = std::min(x0 + 1, f.width - 1), y1 = std::min(y0 + 1, f.height - 1);
    const double fx = x - x0, fy = y - y0;
    return (f.storedValue(x0, y0) * (1 - fx) + f.storedValue(x1, y0) * fx) * (1 - fy) +
           (f.storedValue(x0, y1) * (1 - fx) + f.storedValue(x1, y1) * fx) * fy;
}

}  // namespace

VolumeBuilder::Result VolumeBuilder::build(
    const std::vector<std::shared_ptr<const dicom::ImageFrame>>& slices, bool zh) {
    Result result;
    if (slices.size() < 2) {
        result.reason = zh ? "少于两层，无法重建" : "fewer than two slices";
        return result;
    }
    const dicom::ImageFrame& f0 = *slices.front();
    for (const auto& s : slices) {
        if (!s || !s->image_position || !s->image_orientation) {
            result.reason = zh ? "缺少层面位置或方向" : "slice position or orientation missing";
            return result;
        }
        if (s->width != f0.width || s->height != f0.height ||
            std::abs(s->column_spacing - f0.column_spacing) > 1e-4 ||
            std::abs(s->row_spacing - f0.row_spacing) > 1e-4 || s->is_signed != f0.is_signed) {
            result.reason =
                zh ? "各层尺寸或像素间距不一致" : "slices differ in size or pixel spacing";
            return result;
        }
        if (s->pixels.size() < static_cast<std::size_t>(f0.width) * f0.height) {
            result.reason = zh ? "层面像素不完整" : "slice pixels incomplete";
            return result;
        }
        for (int a = 0; a < 6; ++a) {
            if (std::abs((*s->image_orientation)[a] - (*f0.image_orientation)[a]) > 1e-3) {
                result.reason = zh ? "各层方向不一致" : "slices differ in orientation";
                return result;
            }
        }
    }
    const auto& o = *f0.image_orientation;
    const Vec3 r = normalized({o[0], o[1], o[2]}), c = normalized({o[3], o[4], o[5]});
    const Vec3 n = normalized(cross(r, c));

    std::vector<std::size_t> order(slices.size());
    std::iota(order.begin(), order.end(), 0);
    auto along = [&](std::size_t i) { return dot(*slices[i]->image_position, n); };
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return along(a) < along(b); });
    std::vector<double> d;
    for (std::size_t i : order) d.push_back(along(i));
    std::vector<double> gaps;
    for (std::size_t k = 1; k < d.size(); ++k) gaps.push_back(d[k] - d[k - 1]);
    if (*std::min_element(gaps.begin(), gaps.end()) < 1e-3) {
        result.reason = zh ? "存在重复层面位置" : "two slices at the same position";
        return result;
    }
    std::vector<double> sorted_gaps = gaps;
    std::sort(sorted_gaps.begin(), sorted_gaps.end());
    const double median = sorted_gaps[sorted_gaps.size() / 2];
    const double min_gap = sorted_gaps.front(), max_gap = sorted_gaps.back();
    const bool uneven = (max_gap - min_gap) > kSpacingTolerance * median;

    // In-plane shift of each slice's origin relative to the first (mm, along row / column).
    const Vec3& p0 = *slices[order.front()]->image_position;
    std::vector<double> shift_r, shift_c;
    double tr_num = 0, tc_num = 0, den = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const Vec3& p = *slices[order[k]]->image_position;
        const Vec3 delta{p[0] - p0[0], p[1] - p0[1], p[2] - p0[2]};
        shift_r.push_back(dot(delta, r));
        shift_c.push_back(dot(delta, c));
        const double dd = d[k] - d[0];
        tr_num += shift_r.back() * dd;
        tc_num += shift_c.back() * dd;
        den += dd * dd;
    }
    const double shear = den > 0 ? std::hypot(tr_num / den, tc_num / den) : 0.0;
    const bool sheared = shear > kShearTolerance;

    Volume v;
    v.nx = f0.width;
    v.ny = f0.height;
    v.sx = f0.column_spacing;
    v.sy = f0.row_spacing;
    v.row = r;
    v.column = c;
    v.normal = n;
    v.origin = p0;
    v.is_signed = f0.is_signed;
    v.rescale_slope = f0.rescale_slope;
    v.rescale_intercept = f0.rescale_intercept;
    v.window_center = f0.window_center;
    v.window_width = f0.window_width;
    v.uneven_spacing = uneven;
    v.gantry_tilt_degrees = std::atan(shear) * 180.0 / kPi;
    const std::size_t plane = static_cast<std::size_t>(v.nx) * v.ny;
    int lo = f0.stored_min, hi = f0.stored_max;
    for (const auto& s : slices) {
        lo = std::min(lo, s->stored_min);
        hi = std::max(hi, s->stored_max);
    }
    v.stored_min = lo;
    v.stored_max = hi;

    if (!uneven && !sheared) {
        v.sz = median;
        v.nz = static_cast<int>(order.size());
        // No copy: the volume reads the frames the stack viewer shows.
        v.slices.reserve(order.size());
        for (std::size_t k : order) v.slices.push_back(slices[k]);
        result.volume = std::move(v);
        return result;
    }

    // Resample: output slice k lies at d[0] + k * sz along the normal, on the first slice's
    // in-plane grid; each input slice is read where that grid falls on it (its shift undone).
    v.resampled = true;
    v.sz = uneven ? min_gap : median;
    const double extent = d.back() - d.front();
    v.nz = std::min<int>(static_cast<int>(std::floor(extent / v.sz + 1e-6)) + 1,
                         static_cast<int>(order.size()) * 4);
    v.sz = v.nz > 1 ? extent / (v.nz - 1) : v.sz;
    v.voxels.resize(plane * v.nz);
    const double air = lo;
    std::size_t a = 0;
    for (int k = 0; k < v.nz; ++k) {
        const double target = d[0] + k * v.sz;
        while (a + 2 < d.size() && d[a + 1] < target) ++a;
        const double w = std::clamp((target - d[a]) / (d[a + 1] - d[a]), 0.0, 1.0);
        const dicom::ImageFrame& fa = *slices[order[a]];
        const dicom::ImageFrame& fb = *slices[order[a + 1]];
        // Where the output grid's point lies along this slice's rows / columns, in the slice's
        // own pixels: its origin is shift_r/shift_c (+ the normal offset, which is along n).
        const double ax = shift_r[a] / v.sx, ay = shift_c[a] / v.sy;
        const double bx = shift_r[a + 1] / v.sx, by = shift_c[a + 1] / v.sy;
        std::uint16_t* out = v.voxels.data() + plane * k;
        for (int j = 0; j < v.ny; ++j) {
            for (int i = 0; i < v.nx; ++i) {
                const double va = w < 1.0 ? sample(fa, i - ax, j - ay, air) : 0.0;
                const double vb = w > 0.0 ? sample(fb, i - bx, j - by, air) : 0.0;
                const long value = std::lround(va * (1 - w) + vb * w);
                out[static_cast<std::size_t>(j) * v.nx + i] = static_cast<std::uint16_t>(value);
            }
        }
    }
    if (sheared) {
        v.note = zh ? format("机架倾斜 %.1f°，已重采样校正", v.gantry_tilt_degrees)
                    : format("gantry tilt %.1f° corrected by resampling", v.gantry_tilt_degrees);
    }
    if (uneven) {
        if (!v.note.empty()) v.note += zh ? "；" : "; ";
        v.note +=
            zh ? format("层间距不均 (%.2f–%.2f mm)，已重采样为 %.2f mm", min_gap, max_gap, v.sz)
               : format("uneven slice spacing (%.2f–%.2f mm) resampled to %.2f mm", min_gap,
                        max_gap, v.sz);
    }
    result.volume = std::move(v);
    return result;
}

}  // namespace countyread::viewer
