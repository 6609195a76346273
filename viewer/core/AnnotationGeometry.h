#pragma once
// What to draw for an annotation: its outline as polylines and where its label goes, in image
// coordinates (the render layer maps them to the screen). Pure.
#include <vector>

#include "viewer/core/Annotation.h"

namespace countyread::viewer {

class AnnotationGeometry {
public:
    using Polyline = std::vector<Point2>;
    // `pixels_per_screen_pixel`: image pixels per screen pixel, so arrow heads and point
    // markers keep a constant size on screen.
    static std::vector<Polyline> outline(const Annotation& a, double pixels_per_screen_pixel);
    // Where the label's top-left corner goes.
    static Point2 labelAnchor(const Annotation& a);
    // Shortest distance from `p` to the outline (image pixels).
    static double distance(const Annotation& a, Point2 p);
    // An ellipse through `segments` points inside the box with corners c1, c2 (closed).
    static Polyline ellipse(Point2 c1, Point2 c2, int segments = 72);
};

}  // namespace countyread::viewer
