#include "viewer/core/Volume.h"

#include <algorithm>

namespace countyread::viewer {

Vec3 Volume::patient(double i, double j, double k) const {
    Vec3 p;
    for (int a = 0; a < 3; ++a)
        p[a] = origin[a] + i * sx * row[a] + j * sy * column[a] + k * sz * normal[a];
    return p;
}

Vec3 Volume::voxel(const Vec3& p) const {
    const Vec3 d{p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]};
    auto dot = [&](const Vec3& v) { return d[0] * v[0] + d[1] * v[1] + d[2] * v[2]; };
    return {dot(row) / sx, dot(column) / sy, dot(normal) / sz};
}

std::vector<std::uint16_t> Volume::contiguousCopy() const {
    std::vector<std::uint16_t> out(planeSize() * static_cast<std::size_t>(nz));
    for (int k = 0; k < nz; ++k)
        std::copy_n(plane(k), planeSize(), out.data() + planeSize() * static_cast<std::size_t>(k));
    return out;
}

}  // namespace countyread::viewer
