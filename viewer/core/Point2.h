#pragma once
// A 2D point or vector (image world millimetres, or screen pixels with y downwards).
#include <cmath>

namespace countyread::viewer {

struct Point2 {
    double x = 0.0;
    double y = 0.0;

    Point2 operator+(const Point2& o) const { return {x + o.x, y + o.y}; }
    Point2 operator-(const Point2& o) const { return {x - o.x, y - o.y}; }
    Point2 operator*(double s) const { return {x * s, y * s}; }
    bool operator==(const Point2& o) const { return x == o.x && y == o.y; }
    double length() const { return std::hypot(x, y); }
    double dot(const Point2& o) const { return x * o.x + y * o.y; }
    double cross(const Point2& o) const { return x * o.y - y * o.x; }
};

inline double distance(const Point2& a, const Point2& b) { return (a - b).length(); }

}  // namespace countyread::viewer
