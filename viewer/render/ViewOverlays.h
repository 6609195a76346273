#pragma once
// The 2D overlays drawn over the image, in viewport pixels: the four corner texts, the
// orientation letters at the middle of each edge, the scale bar (bottom centre) and the pixel
// probe text next to the mouse. Fonts that can draw Chinese (OverlayFont).
#include <array>
#include <memory>
#include <optional>
#include <string>

#include "viewer/core/OrientationLabels.h"
#include "viewer/core/Point2.h"
#include "viewer/core/ScaleBar.h"

class vtkRenderer;

namespace countyread::viewer {

class ViewOverlays {
public:
    explicit ViewOverlays(vtkRenderer* renderer);
    ~ViewOverlays();
    ViewOverlays(const ViewOverlays&) = delete;
    ViewOverlays& operator=(const ViewOverlays&) = delete;

    // 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right.
    void setCornerText(int corner, const std::string& utf8);
    const std::string& cornerText(int corner) const { return corner_text_[corner]; }
    void setOrientation(const std::optional<OrientationLabels>& labels);
    // `note` is appended to the label (e.g. the detector-plane caveat); bar.millimetres == 0
    // hides the bar. Viewport size in pixels.
    void setScaleBar(const ScaleBar& bar, const std::string& note, int viewport_width);
    // Probe text at screen point `at` (y down) of a viewport `viewport_height` high; "" hides.
    void setProbe(const std::string& text, Point2 at, int viewport_height);
    // MPR crosshair through screen point `at` (y down); nullopt hides it.
    void setCrosshair(std::optional<Point2> at, int viewport_width, int viewport_height);
    void setVisible(bool visible);
    bool visible() const { return visible_; }

private:
    struct Vtk;
    std::unique_ptr<Vtk> vtk_;
    std::array<std::string, 4> corner_text_;
    bool visible_ = true;
    bool bar_shown_ = false;
    bool probe_shown_ = false;
    bool crosshair_shown_ = false;
    bool orientation_shown_ = false;
};

}  // namespace countyread::viewer
