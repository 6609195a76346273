#pragma once
// The VTK scene of a 2D image viewport: one grayscale frame on a black background, placed by a
// ViewTransform (zoom, pan, quarter turns, flips) through a parallel-projection camera, with
// overlays (corner texts, orientation letters, scale bar, probe) that can draw Chinese.
// Window/level, the colour table and inversion are applied either on the GPU (GpuImageProp:
// 16-bit texture uploaded once, GLSL shader from shaders/) or on the CPU (vtkImageSlice +
// vtkImageProperty); both draw the same pixels at the same place. Knows nothing about Qt: it
// renders into whatever vtkRenderWindow it is added to.
#include <memory>
#include <string>

#include "dicom/image/ImageFrame.h"
#include "viewer/core/ColorTable.h"
#include "viewer/core/RenderPath.h"
#include "viewer/core/ViewTransform.h"
#include "viewer/core/WindowLevel.h"
#include "viewer/render/AnnotationLayer.h"
#include "viewer/render/ViewOverlays.h"

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

    // GPU (default) or CPU window/level. The GPU path falls back to the CPU path (and says why
    // in renderPathNote()) when the shaders cannot be found or do not compile.
    void setRenderPath(RenderPath path);
    RenderPath renderPath() const { return path_; }
    const std::string& renderPathNote() const { return path_note_; }
    // Call after a render: switches to the CPU path if the GPU prop failed; true if it did.
    bool checkGpuFailure();
    // Pixel uploads to the GPU so far (one per frame shown on the GPU path).
    long long gpuPixelUploads() const;

    // Shows `frame`. The window keeps its modality-unit value unless `reset_window` (then the
    // frame's default window is used); the view is refitted when the image geometry changes.
    void setFrame(std::shared_ptr<const dicom::ImageFrame> frame, bool reset_window);
    const dicom::ImageFrame* frame() const { return frame_.get(); }
    std::shared_ptr<const dicom::ImageFrame> sharedFrame() const { return frame_; }

    // Window/level in modality units (HU for CT); converted to stored units for rendering.
    void setWindow(const WindowLevel& modality);
    const WindowLevel& window() const { return window_; }
    // The same window in stored units (what the renderer receives).
    WindowLevel storedWindow() const;

    // The user's invert (on top of MONOCHROME1, which is always shown inverted).
    void setInvert(bool invert);
    bool invert() const { return user_invert_; }
    bool displayInverted() const;
    void setColorTable(const ColorTable& table);
    const ColorTable& colorTable() const { return table_; }
    void setLinearInterpolation(bool linear);

    // Zoom / pan / rotate / flip: change transform(), then applyTransform().
    ViewTransform& transform() { return transform_; }
    const ViewTransform& transform() const { return transform_; }
    void applyTransform();
    // Fits the whole image into the current viewport (and remembers to refit on resize).
    void fitToViewport();
    // The render window's size changed: refits when the view is fitted, else keeps the centre.
    void viewportResized();
    bool fitted() const { return fitted_; }
    void setFitted(bool fitted) { fitted_ = fitted; }

    void setChinese(bool chinese) { chinese_ = chinese; }
    void setOverlayText(Corner corner, const std::string& utf8);
    void setOverlaysVisible(bool visible);
    ViewOverlays& overlays() { return *overlays_; }
    const ViewOverlays& overlays() const { return *overlays_; }
    AnnotationLayer& annotationLayer() { return *annotation_layer_; }
    const AnnotationLayer& annotationLayer() const { return *annotation_layer_; }

private:
    void applyWindow();
    void applyColors();
    void feedActivePath();
    void syncViewportSize();
    void updateGeometryOverlays();

    struct Vtk;
    std::unique_ptr<Vtk> vtk_;
    std::unique_ptr<ViewOverlays> overlays_;
    std::unique_ptr<AnnotationLayer> annotation_layer_;
    std::shared_ptr<const dicom::ImageFrame> frame_;
    WindowLevel window_;
    bool user_invert_ = false;
    ColorTable table_;
    RenderPath path_ = RenderPath::Cpu;
    std::string path_note_;
    ViewTransform transform_;
    bool fitted_ = true;
    bool chinese_ = true;
};

}  // namespace countyread::viewer
