#pragma once
// Draws annotations over the image in screen pixels: outlines as 2D polylines and labels as
// text (Chinese-capable font), in three styles: the radiologist's own, the one being drawn or
// selected, and those read from other systems' presentation states.
#include <memory>
#include <string>
#include <vector>

#include "viewer/core/Point2.h"

class vtkRenderer;

namespace countyread::viewer {

class AnnotationLayer {
public:
    enum class Style { Own = 0, Active = 1, Foreign = 2 };
    struct Item {
        std::vector<std::vector<Point2>> lines;  // screen pixels, y down
        std::vector<std::string> label;
        Point2 label_at;  // top-left of the label, screen pixels
        Style style = Style::Own;
    };

    explicit AnnotationLayer(vtkRenderer* renderer);
    ~AnnotationLayer();
    AnnotationLayer(const AnnotationLayer&) = delete;
    AnnotationLayer& operator=(const AnnotationLayer&) = delete;

    void set(const std::vector<Item>& items, int viewport_height);
    void setVisible(bool visible);
    // Labels currently shown (for tests).
    std::vector<std::string> labels() const;

private:
    struct Vtk;
    std::unique_ptr<Vtk> vtk_;
    bool visible_ = true;
};

}  // namespace countyread::viewer
