#include "viewer/core/AnnotationGeometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace countyread::viewer {
namespace {

constexpr double kPi = 3.14159265358979323846;

double segmentDistance(Point2 p, Point2 a, Point2 b) {
    const Point2 ab = b - a;
    const double len2 = ab.dot(ab);
    if (len2 == 0) return distance(p, a);
    const double t = std::clamp((p - a).dot(ab) / len2, 0.0, 1.0);
    return distance(p, a + ab * t);
}

}  // namespace

AnnotationGeometry::Polyline AnnotationGeometry::ellipse(Point2 c1, Point2 c2, int segments) {
    const Point2 centre{(c1.x + c2.x) / 2, (c1.y + c2.y) / 2};
    const double a = std::abs(c2.x - c1.x) / 2, b = std::abs(c2.y - c1.y) / 2;
    Polyline out;
    for (int i = 0; i <= segments; ++i) {
        const double t = 2 * kPi * i / segments;
        out.push_back({centre.x + a * std::cos(t), centre.y + b * std::sin(t)});
    }
    return out;
}

std::vector<AnnotationGeometry::Polyline> AnnotationGeometry::outline(const Annotation& a,
                                                                      double px_per_screen) {
    const auto& p = a.points;
    std::vector<Polyline> out;
    switch (a.kind) {
        case AnnotationKind::Length:
        case AnnotationKind::Angle:
            if (p.size() >= 2) out.push_back(p);
            break;
        case AnnotationKind::Cobb:
        case AnnotationKind::CardioThoracic:
            if (p.size() >= 2) out.push_back({p[0], p[1]});
            if (p.size() >= 4) out.push_back({p[2], p[3]});
            break;
        case AnnotationKind::Ellipse:
            if (p.size() >= 2) out.push_back(ellipse(p[0], p[1]));
            break;
        case AnnotationKind::Rectangle:
            if (p.size() >= 2)
                out.push_back({p[0], {p[1].x, p[0].y}, p[1], {p[0].x, p[1].y}, p[0]});
            break;
        case AnnotationKind::Arrow:
            if (p.size() >= 2) {
                out.push_back({p[0], p[1]});
                const Point2 d = p[0] - p[1];
                if (d.length() > 0) {
                    // Two 14-screen-pixel wings at +-25 degrees from the shaft, at the head.
                    const Point2 u = d * (1.0 / d.length());
                    const double len = 14 * px_per_screen, c = std::cos(0.436), s = std::sin(0.436);
                    const Point2 w1{u.x * c - u.y * s, u.x * s + u.y * c};
                    const Point2 w2{u.x * c + u.y * s, -u.x * s + u.y * c};
                    out.push_back({p[1] + w1 * len, p[1], p[1] + w2 * len});
                }
            }
            break;
        case AnnotationKind::Polyline:
            if (p.size() >= 2) {
                Polyline line = p;
                if (a.closed) line.push_back(p.front());
                out.push_back(std::move(line));
            }
            break;
        case AnnotationKind::Point:
            if (!p.empty()) {
                const double r = 5 * px_per_screen;
                out.push_back({p[0] - Point2{r, 0}, p[0] + Point2{r, 0}});
                out.push_back({p[0] - Point2{0, r}, p[0] + Point2{0, r}});
            }
            break;
        case AnnotationKind::Text:
            break;
    }
    return out;
}

Point2 AnnotationGeometry::labelAnchor(const Annotation& a) {
    const auto& p = a.points;
    if (p.empty()) return {};
    switch (a.kind) {
        case AnnotationKind::Ellipse:
        case AnnotationKind::Rectangle:
            if (p.size() >= 2) return {std::max(p[0].x, p[1].x), std::max(p[0].y, p[1].y)};
            break;
        case AnnotationKind::Angle:
            if (p.size() >= 2) return p[1];
            break;
        case AnnotationKind::Arrow:
            return p[0];  // the label sits at the tail, away from the finding
        default:
            break;
    }
    return p.back();
}

double AnnotationGeometry::distance(const Annotation& a, Point2 q) {
    double best = std::numeric_limits<double>::infinity();
    const auto lines = outline(a, 1.0);
    for (const auto& line : lines) {
        for (std::size_t i = 1; i < line.size(); ++i)
            best = std::min(best, segmentDistance(q, line[i - 1], line[i]));
    }
    if (lines.empty()) {  // text: its anchor
        for (const auto& p : a.points) best = std::min(best, countyread::viewer::distance(q, p));
    }
    return best;
}

}  // namespace countyread::viewer
