#include "viewer/core/AnnotationEditor.h"

namespace countyread::viewer {
namespace {

std::optional<AnnotationKind> kindFor(Tool tool) {
    switch (tool) {
        case Tool::Length:
            return AnnotationKind::Length;
        case Tool::Angle:
            return AnnotationKind::Angle;
        case Tool::Cobb:
            return AnnotationKind::Cobb;
        case Tool::CardioThoracic:
            return AnnotationKind::CardioThoracic;
        case Tool::Ellipse:
            return AnnotationKind::Ellipse;
        case Tool::Rectangle:
            return AnnotationKind::Rectangle;
        case Tool::Arrow:
            return AnnotationKind::Arrow;
        case Tool::Text:
            return AnnotationKind::Text;
        default:
            return std::nullopt;
    }
}

}  // namespace

void AnnotationEditor::begin(Tool tool) {
    cancel();
    kind_ = kindFor(tool);
}

void AnnotationEditor::cancel() {
    fixed_.clear();
    moving_.reset();
    dragging_ = false;
}

std::optional<Annotation> AnnotationEditor::preview() const {
    if (!kind_ || (fixed_.empty() && !moving_)) return std::nullopt;
    Annotation a;
    a.kind = *kind_;
    a.points = fixed_;
    if (moving_) a.points.push_back(*moving_);
    return a;
}

std::optional<Annotation> AnnotationEditor::finishIfComplete() {
    const int needed = Annotation::pointsFor(*kind_);
    if (static_cast<int>(fixed_.size()) < needed) return std::nullopt;
    Annotation a;
    a.kind = *kind_;
    a.points = fixed_;
    fixed_.clear();
    moving_.reset();
    dragging_ = false;
    return a;
}

std::optional<Annotation> AnnotationEditor::press(Point2 p) {
    if (!kind_) return std::nullopt;
    if (*kind_ == AnnotationKind::Text) {
        fixed_ = {p};
        return finishIfComplete();
    }
    // Angle: the click that places the second arm's end.
    if (*kind_ == AnnotationKind::Angle && fixed_.size() == 2) {
        fixed_.push_back(p);
        return finishIfComplete();
    }
    fixed_.push_back(p);  // start of a line / box
    moving_ = p;
    dragging_ = true;
    return std::nullopt;
}

void AnnotationEditor::move(Point2 p) {
    if (!kind_) return;
    if (dragging_ || (*kind_ == AnnotationKind::Angle && fixed_.size() == 2)) moving_ = p;
}

std::optional<Annotation> AnnotationEditor::release(Point2 p) {
    if (!kind_ || !dragging_) return std::nullopt;
    dragging_ = false;
    if (distance(p, fixed_.back()) < min_drag_) {
        // A click without a drag: drop the unfinished line (nothing sensible to measure).
        fixed_.pop_back();
        moving_.reset();
        return std::nullopt;
    }
    fixed_.push_back(p);
    moving_.reset();
    if (*kind_ == AnnotationKind::Angle && fixed_.size() == 2) {
        moving_ = p;  // the second arm follows the mouse until the click
        return std::nullopt;
    }
    return finishIfComplete();
}

}  // namespace countyread::viewer
