#include "viewer/core/ViewTransform.h"

#include <algorithm>
#include <cmath>

namespace countyread::viewer {
namespace {

constexpr double kMinZoom = 0.02;  // screen pixels per image pixel
constexpr double kMaxZoom = 64.0;

}  // namespace

void ViewTransform::setViewport(int width, int height) {
    // Keep the image point at the centre where it is when the viewport changes size.
    const Point2 centre = toWorld(viewportCenter());
    width_ = std::max(width, 1);
    height_ = std::max(height, 1);
    const Point2 d = centre - imageCenter();
    pan_ = {-(m_[0][0] * d.x + m_[0][1] * d.y) * scale_,
            -(m_[1][0] * d.x + m_[1][1] * d.y) * scale_};
}

void ViewTransform::setImage(int columns, int rows, double column_spacing, double row_spacing) {
    columns_ = std::max(columns, 1);
    rows_ = std::max(rows, 1);
    column_spacing_ = column_spacing > 0 ? column_spacing : 1.0;
    row_spacing_ = row_spacing > 0 ? row_spacing : 1.0;
}

Point2 ViewTransform::imageCenter() const {
    return {(columns_ - 1) * column_spacing_ / 2.0, (rows_ - 1) * row_spacing_ / 2.0};
}

void ViewTransform::fit() {
    const double w = columns_ * column_spacing_, h = rows_ * row_spacing_;
    const double extent_x = std::abs(m_[0][0]) * w + std::abs(m_[0][1]) * h;
    const double extent_y = std::abs(m_[1][0]) * w + std::abs(m_[1][1]) * h;
    scale_ = std::min(width_ / extent_x, height_ / extent_y);
    pan_ = {0, 0};
}

void ViewTransform::oneToOne() { zoomBy(1.0 / zoomFactor(), viewportCenter()); }

void ViewTransform::zoomBy(double factor, Point2 anchor) {
    if (!(factor > 0) || !std::isfinite(factor)) return;
    const Point2 world = toWorld(anchor);
    const double zoom = std::clamp(zoomFactor() * factor, kMinZoom, kMaxZoom);
    scale_ = zoom / column_spacing_;
    const Point2 d = world - imageCenter();
    const Point2 screen_offset{(m_[0][0] * d.x + m_[0][1] * d.y) * scale_,
                               (m_[1][0] * d.x + m_[1][1] * d.y) * scale_};
    pan_ = anchor - viewportCenter() - screen_offset;
}

void ViewTransform::panBy(double dx, double dy) { pan_ = pan_ + Point2{dx, dy}; }

void ViewTransform::rotate(int quarter_turns) {
    int turns = ((quarter_turns % 4) + 4) % 4;
    for (int t = 0; t < turns; ++t) {
        // Clockwise on a y-down screen: right -> down, down -> left. R = [[0,-1],[1,0]].
        int n[2][2] = {{-m_[1][0], -m_[1][1]}, {m_[0][0], m_[0][1]}};
        std::copy(&n[0][0], &n[0][0] + 4, &m_[0][0]);
        pan_ = {-pan_.y, pan_.x};
    }
}

void ViewTransform::flipHorizontal() {
    m_[0][0] = -m_[0][0];
    m_[0][1] = -m_[0][1];
    pan_.x = -pan_.x;
}

void ViewTransform::flipVertical() {
    m_[1][0] = -m_[1][0];
    m_[1][1] = -m_[1][1];
    pan_.y = -pan_.y;
}

void ViewTransform::reset() {
    m_[0][0] = 1;
    m_[0][1] = 0;
    m_[1][0] = 0;
    m_[1][1] = 1;
    fit();
}

Point2 ViewTransform::toScreen(Point2 world) const {
    const Point2 d = world - imageCenter();
    return Point2{(m_[0][0] * d.x + m_[0][1] * d.y) * scale_,
                  (m_[1][0] * d.x + m_[1][1] * d.y) * scale_} +
           viewportCenter() + pan_;
}

Point2 ViewTransform::toWorld(Point2 screen) const {
    const Point2 v = (screen - viewportCenter() - pan_) * (1.0 / scale_);
    // M is orthogonal (a signed permutation): its inverse is its transpose.
    return imageCenter() + Point2{m_[0][0] * v.x + m_[1][0] * v.y, m_[0][1] * v.x + m_[1][1] * v.y};
}

Point2 ViewTransform::toPixel(Point2 screen) const {
    const Point2 w = toWorld(screen);
    return {w.x / column_spacing_, w.y / row_spacing_};
}

Point2 ViewTransform::imageToScreen(Point2 image) const {
    return toScreen({(image.x - 0.5) * column_spacing_, (image.y - 0.5) * row_spacing_});
}

Point2 ViewTransform::screenToImage(Point2 screen) const {
    return toPixel(screen) + Point2{0.5, 0.5};
}

bool ViewTransform::flipped() const { return m_[0][0] * m_[1][1] - m_[0][1] * m_[1][0] < 0; }

int ViewTransform::rotationQuarterTurns() const {
    // Undo a mirror first (horizontal flip), then read where the image's x axis points.
    int a = m_[0][0], c = m_[1][0];
    if (flipped()) a = -a;
    if (a == 1) return 0;
    if (c == 1) return 1;
    if (a == -1) return 2;
    return 3;
}

Point2 ViewTransform::screenRightInWorld() const { return {double(m_[0][0]), double(m_[0][1])}; }

Point2 ViewTransform::screenUpInWorld() const { return {double(-m_[1][0]), double(-m_[1][1])}; }

ViewTransform::Camera ViewTransform::camera(double distance) const {
    Camera c;
    const Point2 focal = toWorld(viewportCenter());
    const Point2 up = screenUpInWorld();
    const Point2 right = screenRightInWorld();
    // Looking along +z, VTK's screen right is (direction x up) = (-up.y, up.x).
    const bool along_plus_z = (-up.y == right.x) && (up.x == right.y);
    c.focal[0] = focal.x;
    c.focal[1] = focal.y;
    c.focal[2] = 0.0;
    c.position[0] = focal.x;
    c.position[1] = focal.y;
    c.position[2] = along_plus_z ? -distance : distance;
    c.view_up[0] = up.x;
    c.view_up[1] = up.y;
    c.view_up[2] = 0.0;
    c.parallel_scale = height_ / 2.0 / scale_;
    return c;
}

}  // namespace countyread::viewer
