#include "tests/viewer/VolumePhantom.h"

#include <cmath>
#include <cstring>

namespace countyread::test {

namespace {

viewer::Volume emptyVolume(const VolumeGrid& g) {
    viewer::Volume v;
    v.nx = g.nx;
    v.ny = g.ny;
    v.nz = g.nz;
    v.sx = g.sx;
    v.sy = g.sy;
    v.sz = g.sz;
    v.origin = {-(g.nx - 1) * g.sx / 2, -(g.ny - 1) * g.sy / 2, -(g.nz - 1) * g.sz / 2};
    v.is_signed = g.is_signed;
    v.rescale_slope = 1.0;
    v.rescale_intercept = g.intercept;
    v.window_center = 40;
    v.window_width = 400;
    v.voxels.resize(static_cast<std::size_t>(g.nx) * g.ny * g.nz);
    return v;
}

std::uint16_t storedOf(double hu, const VolumeGrid& g) {
    const long s = std::lround(hu - g.intercept);
    return static_cast<std::uint16_t>(g.is_signed ? static_cast<std::int16_t>(s) : s);
}

}  // namespace

viewer::Volume makeVolume(const VolumeGrid& g,
                          const std::function<double(double x, double y, double z)>& hu) {
    viewer::Volume v = emptyVolume(g);
    int lo = 1 << 30, hi = -(1 << 30);
    for (int k = 0; k < g.nz; ++k)
        for (int j = 0; j < g.ny; ++j)
            for (int i = 0; i < g.nx; ++i) {
                const std::uint16_t s = storedOf(
                    hu(v.origin[0] + i * g.sx, v.origin[1] + j * g.sy, v.origin[2] + k * g.sz), g);
                v.voxels[v.index(i, j, k)] = s;
                const int value = v.stored(i, j, k);
                lo = std::min(lo, value);
                hi = std::max(hi, value);
            }
    v.stored_min = lo;
    v.stored_max = hi;
    return v;
}

viewer::Volume boneInCubePhantom() {
    VolumeGrid g;
    g.nx = g.ny = g.nz = 80;
    g.sx = g.sy = g.sz = 1.5;
    g.is_signed = false;
    g.intercept = -1024;
    return makeVolume(g, [](double x, double y, double z) {
        if (std::sqrt(x * x + y * y + z * z) <= kBallRadius) return 1000.0;
        if (std::abs(x) <= kCubeHalf && std::abs(y) <= kCubeHalf && std::abs(z) <= kCubeHalf)
            return 0.0;
        return -1000.0;
    });
}

viewer::Volume mipColumnPhantom() {
    VolumeGrid g;
    g.sx = g.sy = g.sz = 2.0;
    return makeVolume(g, [](double x, double y, double) {
        return std::abs(x - kColumnX) < 0.5 && std::abs(y - kColumnY) < 0.5 ? 1000.0 : -1000.0;
    });
}

viewer::Volume chestPhantom(int nx, int ny, int nz) {
    VolumeGrid g;
    g.nx = nx;
    g.ny = ny;
    g.nz = nz;
    g.sx = g.sy = 0.7;
    g.sz = 1.0;
    g.is_signed = false;
    g.intercept = -1024;
    auto in = [](double x, double y, double cx, double cy, double rx, double ry) {
        const double u = (x - cx) / rx, w = (y - cy) / ry;
        return u * u + w * w <= 1.0;
    };
    // The chest is a cylinder along z: one slice is computed, then copied (with the spine's
    // vertebrae and the sternum interrupted every 30 mm, so that it is not a plain extrusion).
    viewer::Volume v = emptyVolume(g);
    std::vector<std::uint16_t> slice(static_cast<std::size_t>(nx) * ny),
        gap(static_cast<std::size_t>(nx) * ny);
    for (int pass = 0; pass < 2; ++pass) {
        auto& out = pass == 0 ? slice : gap;
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const double x = v.origin[0] + i * g.sx, y = v.origin[1] + j * g.sy;
                double hu = -1000;
                if (in(x, y, 0, 0, 160, 115)) hu = -100;
                if (in(x, y, 0, 0, 150, 105)) hu = 40;
                if (in(x, y, -70, -5, 55, 75) || in(x, y, 70, -5, 55, 75)) hu = -850;
                if (in(x, y, 0, 10, 12, 12)) hu = 300;  // aorta
                if (pass == 0 && (in(x, y, 0, 65, 18, 16) || in(x, y, 0, -95, 20, 6))) hu = 1000;
                out[static_cast<std::size_t>(j) * nx + i] = storedOf(hu, g);
            }
    }
    for (int k = 0; k < nz; ++k) {
        const double z = v.origin[2] + k * g.sz;
        const auto& src = std::fmod(std::abs(z), 30.0) < 4.0 ? gap : slice;
        std::memcpy(v.voxels.data() + static_cast<std::size_t>(k) * nx * ny, src.data(),
                    src.size() * sizeof(std::uint16_t));
    }
    v.stored_min = 24;
    v.stored_max = 2024;
    return v;
}

}  // namespace countyread::test
