#pragma once
// Drawing an annotation with the mouse, as a small state machine (pure; the viewport feeds it
// image coordinates):
//   length, arrow, ellipse, rectangle: press, drag, release;
//   angle: drag the first arm (end -> vertex), then click the end of the second arm;
//   Cobb, cardiothoracic ratio: two drags (two lines);
//   text: click where the text goes (the UI then asks for the text).
#include <optional>

#include "viewer/core/Annotation.h"
#include "viewer/core/Tool.h"

namespace countyread::viewer {

class AnnotationEditor {
public:
    // Starts drawing with `tool` (an annotation tool; anything else cancels).
    void begin(Tool tool);
    void cancel();
    bool active() const { return kind_.has_value(); }
    // The annotation being drawn, with the moving point (for the preview).
    std::optional<Annotation> preview() const;

    // Mouse events in image coordinates. Each returns the finished annotation when the gesture
    // completes it (text annotations come back with an empty `text` for the UI to fill).
    std::optional<Annotation> press(Point2 p);
    void move(Point2 p);
    std::optional<Annotation> release(Point2 p);

    // Shorter drags than this (image pixels) are treated as clicks.
    void setMinimumDrag(double pixels) { min_drag_ = pixels; }

private:
    std::optional<Annotation> finishIfComplete();

    std::optional<AnnotationKind> kind_;
    std::vector<Point2> fixed_;     // points placed
    std::optional<Point2> moving_;  // the point following the mouse
    bool dragging_ = false;
    double min_drag_ = 1.0;
};

}  // namespace countyread::viewer
