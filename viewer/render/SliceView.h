#pragma once
// The VTK scene of a 2D image viewport: one grayscale frame on a black background, parallel
// projection fitted to the viewport, window/level through vtkImageProperty + a grey table, four
// corner overlays that can draw Chinese. Knows nothing about Qt: it renders into whatever
// vtkRenderWindow it is added to.
#include <array>
#include <memory>
#include <string>

#include "dicom/image/ImageFrame.h"
#include "viewer/core/WindowLevel.h"

class vtkRenderer;
class vtkRenderWindow;

namespace countyread::viewer {

class SliceView {
public:
    enum class Corner { TopLeft = 0, TopRight = 1, BottomLeft = 2, BottomRight = 3 };

    SliceView();
    ~SliceView();
    SliceView(const SliceView&) = delete;
    SliceView& operator=(const SliceView&) = delete;

    void addTo(vtkRenderWindow* window);
    vtkRenderer* renderer() const;

    // Shows `frame`. The window keeps its modality-unit value unless `reset_window` (then the
    // frame's default window is used); the camera is refitted when the image size changes.
    void setFrame(std::shared_ptr<const dicom::ImageFrame> frame, bool reset_window);
    const dicom::ImageFrame* frame() const { return frame_.get(); }

    // Window/level in modality units (HU for CT); converted to stored units for VTK.
    void setWindow(const WindowLevel& modality);
    const WindowLevel& window() const { return window_; }
    // The same window in stored units (what the image property receives).
    WindowLevel storedWindow() const;

    void setOverlayText(Corner corner, const std::string& utf8);
    void setOverlaysVisible(bool visible);

    // Fits the whole image into the current viewport (call after the window's size changed).
    void fitToViewport();

private:
    void applyWindow();
    void applyInversion();

    struct Vtk;
    std::unique_ptr<Vtk> vtk_;
    std::shared_ptr<const dicom::ImageFrame> frame_;
    WindowLevel window_;
    bool inverted_ = false;
};

}  // namespace countyread::viewer
