#include "viewer/render/SliceView.h"

#include <vtkCamera.h>
#include <vtkCoordinate.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkLookupTable.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <algorithm>
#include <cstring>

#include "viewer/render/GpuImageProp.h"
#include "viewer/render/ShaderLibrary.h"
#include "viewer/render/VtkImageAdapter.h"

namespace countyread::viewer {

struct SliceView::Vtk {
    vtkSmartPointer<vtkRenderer> renderer = vtkSmartPointer<vtkRenderer>::New();
    vtkSmartPointer<vtkImageSliceMapper> mapper = vtkSmartPointer<vtkImageSliceMapper>::New();
    vtkSmartPointer<vtkImageSlice> slice = vtkSmartPointer<vtkImageSlice>::New();
    vtkSmartPointer<vtkLookupTable> lut = vtkSmartPointer<vtkLookupTable>::New();
    vtkSmartPointer<GpuImageProp> gpu = vtkSmartPointer<GpuImageProp>::New();
    // The frame whose pixels the CPU mapper's vtkImageData points at (zero-copy): kept alive
    // as long as the mapper may read them.
    std::shared_ptr<const dicom::ImageFrame> cpu_frame;
    std::shared_ptr<const dicom::ImageFrame> gpu_frame;
    bool shaders_loaded = false;
    int image_size[2] = {0, 0};
    double spacing[2] = {0, 0};
};

namespace {

void buildTable(vtkLookupTable* lut, const ColorTable& table, bool inverted) {
    const int n = ColorTable::kSize;
    lut->SetNumberOfTableValues(n);
    const auto& entries = table.entries();
    for (int i = 0; i < n; ++i) {
        const auto& c = entries[static_cast<std::size_t>(inverted ? n - 1 - i : i)];
        lut->SetTableValue(i, c[0] / 255.0, c[1] / 255.0, c[2] / 255.0, 1.0);
    }
    lut->Modified();
}

}  // namespace

SliceView::SliceView() : vtk_(std::make_unique<Vtk>()) {
    Vtk& v = *vtk_;
    v.renderer->SetBackground(0.0, 0.0, 0.0);
    v.renderer->GetActiveCamera()->ParallelProjectionOn();
    v.mapper->SliceFacesCameraOff();
    v.mapper->SliceAtFocalPointOff();
    v.mapper->BorderOn();  // pixels are squares of full size up to the image's edge
    buildTable(v.lut, table_, false);
    vtkImageProperty* property = v.slice->GetProperty();
    property->SetLookupTable(v.lut);
    property->UseLookupTableScalarRangeOff();  // the window/level sets the table's range
    property->SetInterpolationTypeToLinear();
    v.slice->SetMapper(v.mapper);
    v.slice->VisibilityOff();
    v.renderer->AddViewProp(v.slice);
    v.gpu->VisibilityOff();
    v.renderer->AddViewProp(v.gpu);
    annotation_layer_ = std::make_unique<AnnotationLayer>(v.renderer);
    overlays_ = std::make_unique<ViewOverlays>(v.renderer);
    setRenderPath(RenderPath::Gpu);
}

SliceView::~SliceView() = default;

void SliceView::addTo(vtkRenderWindow* window) { window->AddRenderer(vtk_->renderer); }

vtkRenderer* SliceView::renderer() const { return vtk_->renderer; }

void SliceView::setRenderPath(RenderPath path) {
    Vtk& v = *vtk_;
    path_note_.clear();
    if (path == RenderPath::Gpu && !v.shaders_loaded) {
        try {
            v.gpu->setShaderSources(ShaderLibrary::load("window_level.vert"),
                                    ShaderLibrary::load("window_level.frag"));
            v.shaders_loaded = true;
        } catch (const std::exception& e) {
            path_note_ =
                std::string("GPU window/level unavailable, using the CPU path: ") + e.what();
            path = RenderPath::Cpu;
        }
    }
    if (path == RenderPath::Gpu && v.gpu->failed()) {
        path_note_ = "GPU window/level failed, using the CPU path: " + v.gpu->error();
        path = RenderPath::Cpu;
    }
    path_ = path;
    feedActivePath();
    applyColors();
    applyWindow();
}

bool SliceView::checkGpuFailure() {
    if (path_ != RenderPath::Gpu || !vtk_->gpu->failed()) return false;
    setRenderPath(RenderPath::Cpu);
    return true;
}

long long SliceView::gpuPixelUploads() const { return vtk_->gpu->pixelUploads(); }

void SliceView::feedActivePath() {
    Vtk& v = *vtk_;
    const bool gpu = path_ == RenderPath::Gpu;
    if (!frame_) {
        v.slice->VisibilityOff();
        v.gpu->VisibilityOff();
        return;
    }
    if (gpu) {
        if (v.gpu_frame != frame_) {
            v.gpu->setFrame(frame_);
            v.gpu_frame = frame_;
        }
    } else if (v.cpu_frame != frame_) {
        v.mapper->SetInputData(VtkImageAdapter::wrap(*frame_));
        v.cpu_frame = frame_;  // after the mapper let go of the previous frame's pixels
    }
    v.slice->SetVisibility(!gpu);
    v.gpu->SetVisibility(gpu);
}

void SliceView::setFrame(std::shared_ptr<const dicom::ImageFrame> frame, bool reset_window) {
    Vtk& v = *vtk_;
    frame_ = std::move(frame);
    feedActivePath();
    if (!frame_) {
        updateGeometryOverlays();
        return;
    }
    const bool new_geometry =
        v.image_size[0] != frame_->width || v.image_size[1] != frame_->height ||
        v.spacing[0] != frame_->column_spacing || v.spacing[1] != frame_->row_spacing;
    v.image_size[0] = frame_->width;
    v.image_size[1] = frame_->height;
    v.spacing[0] = frame_->column_spacing;
    v.spacing[1] = frame_->row_spacing;
    if (reset_window) window_ = {frame_->window_center, frame_->window_width};
    applyColors();
    applyWindow();
    if (new_geometry) {
        fitToViewport();
    } else {
        updateGeometryOverlays();  // orientation may differ between frames
    }
}

void SliceView::setWindow(const WindowLevel& modality) {
    window_ = modality;
    window_.width = std::max(window_.width, 1e-6);
    applyWindow();
}

WindowLevel SliceView::storedWindow() const {
    if (!frame_) return window_;
    return window_.toStored(frame_->rescale_slope, frame_->rescale_intercept);
}

void SliceView::applyWindow() {
    WindowLevel stored = storedWindow();
    vtkImageProperty* property = vtk_->slice->GetProperty();
    property->SetColorWindow(stored.width);
    property->SetColorLevel(stored.center);
    vtk_->gpu->setWindow(stored.lower(), stored.width);
}

bool SliceView::displayInverted() const {
    // A negative rescale slope turns the stored order around as well: toStored() keeps the
    // width positive, so the inversion carries that sign.
    const bool negative_slope = frame_ && frame_->rescale_slope < 0;
    const bool mono1 = frame_ && frame_->monochrome1;
    return (mono1 != user_invert_) != negative_slope;
}

void SliceView::applyColors() {
    const bool inverted = displayInverted();
    buildTable(vtk_->lut, table_, inverted);
    vtk_->gpu->setColorTable(table_);
    vtk_->gpu->setInverted(inverted);
}

void SliceView::setInvert(bool invert) {
    user_invert_ = invert;
    applyColors();
}

void SliceView::setColorTable(const ColorTable& table) {
    table_ = table;
    applyColors();
}

void SliceView::setLinearInterpolation(bool linear) {
    if (linear) {
        vtk_->slice->GetProperty()->SetInterpolationTypeToLinear();
    } else {
        vtk_->slice->GetProperty()->SetInterpolationTypeToNearest();
    }
    vtk_->gpu->setLinearInterpolation(linear);
}

void SliceView::setOverlayText(Corner corner, const std::string& utf8) {
    overlays_->setCornerText(static_cast<int>(corner), utf8);
}

void SliceView::setOverlaysVisible(bool visible) { overlays_->setVisible(visible); }

void SliceView::syncViewportSize() {
    int* size = vtk_->renderer->GetSize();
    if (size && size[0] > 0 && size[1] > 0) transform_.setViewport(size[0], size[1]);
}

void SliceView::fitToViewport() {
    syncViewportSize();
    if (frame_) {
        transform_.setImage(frame_->width, frame_->height, frame_->column_spacing,
                            frame_->row_spacing);
    }
    transform_.fit();
    fitted_ = true;
    applyTransform();
}

void SliceView::viewportResized() {
    if (fitted_) {
        fitToViewport();
        return;
    }
    syncViewportSize();
    applyTransform();
}

void SliceView::applyTransform() {
    Vtk& v = *vtk_;
    double extent = 100.0;
    if (frame_) {
        extent =
            std::max(frame_->width * frame_->column_spacing, frame_->height * frame_->row_spacing);
    }
    const auto c = transform_.camera(extent * 2.0 + 100.0);
    vtkCamera* camera = v.renderer->GetActiveCamera();
    camera->SetFocalPoint(c.focal);
    camera->SetPosition(c.position);
    camera->SetViewUp(c.view_up);
    camera->SetParallelScale(c.parallel_scale);
    v.renderer->ResetCameraClippingRange(-extent, 2 * extent, -extent, 2 * extent, -1.0, 1.0);
    updateGeometryOverlays();
}

void SliceView::updateGeometryOverlays() {
    if (!frame_) {
        overlays_->setOrientation(std::nullopt);
        overlays_->setScaleBar({}, "", transform_.viewportWidth());
        return;
    }
    auto labels = OrientationLabels::fromImageOrientation(frame_->image_orientation, transform_);
    if (!labels)
        labels = OrientationLabels::fromPatientOrientation(frame_->patient_orientation, transform_);
    overlays_->setOrientation(labels);
    const ScaleBar bar = ScaleBar::choose(transform_.scale(), transform_.viewportWidth() * 0.3,
                                          frame_->spacing_source);
    std::string note;
    if (bar.at_detector) note = chinese_ ? "(探测器平面)" : "(at detector)";
    overlays_->setScaleBar(bar, note, transform_.viewportWidth());
}

}  // namespace countyread::viewer
