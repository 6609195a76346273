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
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cstring>

#include "viewer/render/OverlayFont.h"
#include "viewer/render/VtkImageAdapter.h"

namespace countyread::viewer {

struct SliceView::Vtk {
    vtkSmartPointer<vtkRenderer> renderer = vtkSmartPointer<vtkRenderer>::New();
    vtkSmartPointer<vtkImageSliceMapper> mapper = vtkSmartPointer<vtkImageSliceMapper>::New();
    vtkSmartPointer<vtkImageSlice> slice = vtkSmartPointer<vtkImageSlice>::New();
    vtkSmartPointer<vtkLookupTable> lut = vtkSmartPointer<vtkLookupTable>::New();
    std::array<vtkSmartPointer<vtkTextActor>, 4> corners;
    int image_size[2] = {0, 0};
    double spacing[2] = {0, 0};
};

namespace {

void buildGreyRamp(vtkLookupTable* lut, bool inverted) {
    const int n = 256;
    lut->SetNumberOfTableValues(n);
    for (int i = 0; i < n; ++i) {
        double g = static_cast<double>(i) / (n - 1);
        if (inverted) g = 1.0 - g;
        lut->SetTableValue(i, g, g, g, 1.0);
    }
    lut->Modified();
}

void styleCorner(vtkTextActor* actor, SliceView::Corner corner, const std::string& font_file) {
    vtkTextProperty* p = actor->GetTextProperty();
    if (!font_file.empty()) {
        p->SetFontFamily(VTK_FONT_FILE);
        p->SetFontFile(font_file.c_str());
    }
    p->SetFontSize(15);
    p->SetColor(1.0, 1.0, 0.85);
    p->ShadowOn();
    p->SetLineSpacing(1.15);
    const bool right =
        corner == SliceView::Corner::TopRight || corner == SliceView::Corner::BottomRight;
    const bool top = corner == SliceView::Corner::TopLeft || corner == SliceView::Corner::TopRight;
    if (right) {
        p->SetJustificationToRight();
    } else {
        p->SetJustificationToLeft();
    }
    if (top) {
        p->SetVerticalJustificationToTop();
    } else {
        p->SetVerticalJustificationToBottom();
    }
    actor->SetTextScaleModeToNone();
    actor->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    actor->SetPosition(right ? 0.99 : 0.01, top ? 0.99 : 0.01);
    actor->SetInput("");
}

}  // namespace

SliceView::SliceView() : vtk_(std::make_unique<Vtk>()) {
    Vtk& v = *vtk_;
    v.renderer->SetBackground(0.0, 0.0, 0.0);
    v.renderer->GetActiveCamera()->ParallelProjectionOn();
    v.mapper->SliceFacesCameraOff();
    v.mapper->SliceAtFocalPointOff();
    v.mapper->BorderOn();  // pixels are squares of full size up to the image's edge
    buildGreyRamp(v.lut, false);
    vtkImageProperty* property = v.slice->GetProperty();
    property->SetLookupTable(v.lut);
    property->UseLookupTableScalarRangeOff();  // the window/level sets the table's range
    property->SetInterpolationTypeToLinear();
    v.slice->SetMapper(v.mapper);
    v.slice->VisibilityOff();
    v.renderer->AddViewProp(v.slice);
    const std::string font = OverlayFont::cjkFontFile();
    for (int i = 0; i < 4; ++i) {
        v.corners[i] = vtkSmartPointer<vtkTextActor>::New();
        styleCorner(v.corners[i], static_cast<Corner>(i), font);
        v.renderer->AddViewProp(v.corners[i]);
    }
}

SliceView::~SliceView() = default;

void SliceView::addTo(vtkRenderWindow* window) { window->AddRenderer(vtk_->renderer); }

vtkRenderer* SliceView::renderer() const { return vtk_->renderer; }

void SliceView::setFrame(std::shared_ptr<const dicom::ImageFrame> frame, bool reset_window) {
    Vtk& v = *vtk_;
    frame_ = std::move(frame);
    if (!frame_) {
        v.slice->VisibilityOff();
        return;
    }
    v.mapper->SetInputData(VtkImageAdapter::toImageData(*frame_));
    v.slice->VisibilityOn();
    const bool new_geometry =
        v.image_size[0] != frame_->width || v.image_size[1] != frame_->height ||
        v.spacing[0] != frame_->column_spacing || v.spacing[1] != frame_->row_spacing;
    v.image_size[0] = frame_->width;
    v.image_size[1] = frame_->height;
    v.spacing[0] = frame_->column_spacing;
    v.spacing[1] = frame_->row_spacing;
    if (reset_window) window_ = {frame_->window_center, frame_->window_width};
    inverted_ = frame_->monochrome1;
    applyInversion();
    applyWindow();
    if (new_geometry) fitToViewport();
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
}

void SliceView::applyInversion() { buildGreyRamp(vtk_->lut, inverted_); }

void SliceView::setOverlayText(Corner corner, const std::string& utf8) {
    vtk_->corners[static_cast<int>(corner)]->SetInput(utf8.c_str());
}

void SliceView::setOverlaysVisible(bool visible) {
    for (auto& actor : vtk_->corners) actor->SetVisibility(visible);
}

void SliceView::fitToViewport() {
    Vtk& v = *vtk_;
    if (!frame_) return;
    const double w = frame_->width * frame_->column_spacing;
    const double h = frame_->height * frame_->row_spacing;
    const double cx = (frame_->width - 1) * frame_->column_spacing / 2.0;
    const double cy = (frame_->height - 1) * frame_->row_spacing / 2.0;
    int* size = v.renderer->GetSize();
    const double aspect =
        (size && size[0] > 0 && size[1] > 0) ? static_cast<double>(size[0]) / size[1] : 1.0;
    vtkCamera* camera = v.renderer->GetActiveCamera();
    // Looking along +z with y pointing down the screen: row 0 of the image is at the top and
    // column 0 on the left, as DICOM stores them, without flipping the data.
    const double distance = std::max(w, h) * 2.0 + 100.0;
    camera->SetFocalPoint(cx, cy, 0.0);
    camera->SetPosition(cx, cy, -distance);
    camera->SetViewUp(0.0, -1.0, 0.0);
    camera->SetParallelScale(std::max(h / 2.0, w / (2.0 * aspect)));
    v.renderer->ResetCameraClippingRange();
}

}  // namespace countyread::viewer
