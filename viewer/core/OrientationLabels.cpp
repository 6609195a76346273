#include "viewer/core/OrientationLabels.h"

#include <algorithm>
#include <cmath>

namespace countyread::viewer {
namespace {

using Vec3 = OrientationLabels::Vec3;

Vec3 combine(const Vec3& row, const Vec3& column, Point2 world_direction) {
    return {row[0] * world_direction.x + column[0] * world_direction.y,
            row[1] * world_direction.x + column[1] * world_direction.y,
            row[2] * world_direction.x + column[2] * world_direction.y};
}

Vec3 negate(const Vec3& v) { return {-v[0], -v[1], -v[2]}; }

// "A", "FL", "P" -> direction vector in the patient system.
std::optional<Vec3> parseLetters(const std::string& s) {
    Vec3 v{0, 0, 0};
    if (s.empty()) return std::nullopt;
    for (char c : s) {
        switch (c) {
            case 'L':
                v[0] += 1;
                break;
            case 'R':
                v[0] -= 1;
                break;
            case 'P':
                v[1] += 1;
                break;
            case 'A':
                v[1] -= 1;
                break;
            case 'H':
                v[2] += 1;
                break;
            case 'F':
                v[2] -= 1;
                break;
            default:
                return std::nullopt;
        }
    }
    return v;
}

}  // namespace

std::string OrientationLabels::letters(const Vec3& d) {
    static const char positive[3] = {'L', 'P', 'H'};
    static const char negative[3] = {'R', 'A', 'F'};
    const double largest = std::max({std::abs(d[0]), std::abs(d[1]), std::abs(d[2])});
    if (largest <= 0) return {};
    int order[3] = {0, 1, 2};
    std::sort(order, order + 3, [&](int a, int b) { return std::abs(d[a]) > std::abs(d[b]); });
    std::string out;
    for (int axis : order) {
        if (std::abs(d[axis]) < 0.25 * largest) continue;
        out += d[axis] > 0 ? positive[axis] : negative[axis];
    }
    return out;
}

OrientationLabels OrientationLabels::build(const Vec3& row, const Vec3& column,
                                           const ViewTransform& view) {
    OrientationLabels out;
    const Vec3 right = combine(row, column, view.screenRightInWorld());
    const Vec3 up = combine(row, column, view.screenUpInWorld());
    out.right = letters(right);
    out.left = letters(negate(right));
    out.top = letters(up);
    out.bottom = letters(negate(up));
    return out;
}

std::optional<OrientationLabels> OrientationLabels::fromImageOrientation(
    const std::optional<std::array<double, 6>>& iop, const ViewTransform& view) {
    if (!iop) return std::nullopt;
    const auto& o = *iop;
    Vec3 row{o[0], o[1], o[2]}, column{o[3], o[4], o[5]};
    auto norm = [](const Vec3& v) { return std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); };
    if (norm(row) < 0.5 || norm(column) < 0.5) return std::nullopt;
    return build(row, column, view);
}

std::optional<OrientationLabels> OrientationLabels::fromPatientOrientation(
    const std::string& value, const ViewTransform& view) {
    const auto sep = value.find('\\');
    if (sep == std::string::npos) return std::nullopt;
    auto row = parseLetters(value.substr(0, sep));
    auto column = parseLetters(value.substr(sep + 1));
    if (!row || !column) return std::nullopt;
    return build(*row, *column, view);
}

}  // namespace countyread::viewer
