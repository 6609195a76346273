#pragma once
// Where the image sits on the screen: zoom, pan, rotation by quarter turns and flips, and the
// mapping between image world coordinates (mm; pixel (i, j) is centred at (i * column spacing,
// j * row spacing)) and viewport pixels (origin top-left, y down). Pure arithmetic: the render
// layer turns it into a VTK camera (camera()), the UI maps the mouse through it, measurements
// and overlays are placed with it, so all of them agree.
#include "viewer/core/Point2.h"

namespace countyread::viewer {

class ViewTransform {
public:
    void setViewport(int width, int height);
    // The image: columns x rows pixels with the given spacing (mm). Keeps zoom and orientation.
    void setImage(int columns, int rows, double column_spacing, double row_spacing);

    // The whole (rotated) image fills the viewport, centred.
    void fit();
    // One image pixel per screen pixel, centred on the point now at the viewport centre.
    void oneToOne();
    // Multiplies the zoom, keeping the image point under `anchor` (screen px) where it is.
    void zoomBy(double factor, Point2 anchor);
    void zoomBy(double factor) { zoomBy(factor, viewportCenter()); }
    void panBy(double dx, double dy);  // screen pixels
    // Quarter turns clockwise as the user sees it (negative: counter-clockwise).
    void rotate(int quarter_turns);
    // Mirror what is on screen left-right / top-bottom (independent of the rotation).
    void flipHorizontal();
    void flipVertical();
    // Fit, no rotation, no flip.
    void reset();

    Point2 toScreen(Point2 world) const;
    Point2 toWorld(Point2 screen) const;
    // Screen pixel -> image pixel indices (column, row), fractional (pixel centres at integers).
    Point2 toPixel(Point2 screen) const;
    // Image coordinates as presentation states use them (pixel (i, j) centred at
    // (i + 0.5, j + 0.5)) <-> screen pixels.
    Point2 imageToScreen(Point2 image) const;
    Point2 screenToImage(Point2 screen) const;

    double scale() const { return scale_; }  // screen pixels per mm
    // Screen pixels per image pixel (horizontal spacing): 1.0 at 1:1.
    double zoomFactor() const { return scale_ * column_spacing_; }
    int rotationQuarterTurns() const;  // 0..3, clockwise, after undoing a flip
    bool flipped() const;              // the displayed image is mirrored
    int viewportWidth() const { return width_; }
    int viewportHeight() const { return height_; }
    Point2 viewportCenter() const { return {width_ / 2.0, height_ / 2.0}; }
    // World direction that points right / up on the screen (unit vectors).
    Point2 screenRightInWorld() const;
    Point2 screenUpInWorld() const;

    // What a parallel-projection camera needs to show exactly this mapping: looking along
    // +z (camera at -z) unless the view is mirrored (then along -z).
    struct Camera {
        double focal[3] = {0, 0, 0};
        double position[3] = {0, 0, -1};
        double view_up[3] = {0, -1, 0};
        double parallel_scale = 1.0;  // half the viewport height in mm
    };
    Camera camera(double distance) const;

    // Orientation matrix (screen offset = scale * M * world offset); exposed for tests.
    int m(int row, int col) const { return m_[row][col]; }

private:
    Point2 imageCenter() const;

    int width_ = 1, height_ = 1;
    int columns_ = 1, rows_ = 1;
    double column_spacing_ = 1.0, row_spacing_ = 1.0;
    double scale_ = 1.0;
    Point2 pan_;  // screen offset of the image centre from the viewport centre
    int m_[2][2] = {{1, 0}, {0, 1}};
};

}  // namespace countyread::viewer
