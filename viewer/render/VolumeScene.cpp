#include "viewer/render/VolumeScene.h"

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkColorTransferFunction.h>
#include <vtkCommand.h>
#include <vtkFixedPointVolumeRayCastMapper.h>
#include <vtkGPUVolumeRayCastMapper.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkPiecewiseFunction.h>
#include <vtkPointData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkShortArray.h>
#include <vtkSmartPointer.h>
#include <vtkUnsignedShortArray.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>
#include <vtk_glew.h>

#include <algorithm>
#include <cmath>

namespace countyread::viewer {

namespace {
// While interacting: at most one ray per 2 x 2 pixels (at least one per 4 x 4), samples twice
// as far apart, aiming at kInteractiveFps frames per second.
constexpr float kInteractiveImageSampleDistance = 2.0f;
constexpr float kMaximumImageSampleDistance = 4.0f;
constexpr double kInteractiveSampleFactor = 2.0;
constexpr double kInteractiveFps = 10.0;
constexpr double kStillFps = 0.0001;  // VTK's default: no time limit
}  // namespace

struct VolumeScene::Vtk {
    vtkSmartPointer<vtkRenderer> renderer = vtkSmartPointer<vtkRenderer>::New();
    vtkSmartPointer<vtkVolume> actor = vtkSmartPointer<vtkVolume>::New();
    vtkSmartPointer<vtkVolumeProperty> property = vtkSmartPointer<vtkVolumeProperty>::New();
    vtkSmartPointer<vtkColorTransferFunction> color =
        vtkSmartPointer<vtkColorTransferFunction>::New();
    vtkSmartPointer<vtkPiecewiseFunction> opacity = vtkSmartPointer<vtkPiecewiseFunction>::New();
    vtkSmartPointer<vtkImageData> image;
    vtkSmartPointer<vtkGPUVolumeRayCastMapper> gpu;
    vtkSmartPointer<vtkFixedPointVolumeRayCastMapper> cpu;
    vtkSmartPointer<vtkCallbackCommand> on_start = vtkSmartPointer<vtkCallbackCommand>::New();
};

VolumeScene::VolumeScene() : vtk_(std::make_unique<Vtk>()) {
    vtk_->renderer->SetBackground(0.0, 0.0, 0.0);
    vtk_->property->SetColor(vtk_->color);
    vtk_->property->SetScalarOpacity(vtk_->opacity);
    vtk_->property->SetInterpolationTypeToLinear();
    vtk_->property->SetScalarOpacityUnitDistance(1.0);  // opacities are per millimetre
    vtk_->actor->SetProperty(vtk_->property);
    vtk_->actor->VisibilityOff();
    vtk_->renderer->AddVolume(vtk_->actor);
    // The renderer's StartEvent comes with the OpenGL context current, before any prop draws.
    vtk_->on_start->SetClientData(this);
    vtk_->on_start->SetCallback([](vtkObject*, unsigned long, void* self, void*) {
        static_cast<VolumeScene*>(self)->chooseMapper();
    });
    vtk_->renderer->AddObserver(vtkCommand::StartEvent, vtk_->on_start);
    updateTransferFunctions();
}

VolumeScene::~VolumeScene() {
    // The render window may outlive the scene (it holds the renderer): cut every path from it
    // to the wrapped voxels and to `this` before the Volume is released.
    vtk_->renderer->RemoveObserver(vtk_->on_start);
    if (vtk_->gpu) vtk_->gpu->SetInputData(static_cast<vtkImageData*>(nullptr));
    if (vtk_->cpu) vtk_->cpu->SetInputData(static_cast<vtkImageData*>(nullptr));
    vtk_->renderer->RemoveAllViewProps();
    if (vtkRenderWindow* window = vtk_->renderer->GetRenderWindow())
        window->RemoveRenderer(vtk_->renderer);
    vtk_.reset();  // declared after volume_, but released explicitly first
}

void VolumeScene::addTo(vtkRenderWindow* window) { window->AddRenderer(vtk_->renderer); }

vtkRenderer* VolumeScene::renderer() const { return vtk_->renderer; }

void VolumeScene::setVolume(std::shared_ptr<const Volume> volume) {
    if (vtk_->gpu) vtk_->gpu->SetInputData(static_cast<vtkImageData*>(nullptr));
    if (vtk_->cpu) vtk_->cpu->SetInputData(static_cast<vtkImageData*>(nullptr));
    vtk_->image = nullptr;
    gathered_ = {};  // after every VTK object let go of it
    volume_ = std::move(volume);
    if (!volume_ || volume_->nx * volume_->ny * volume_->nz == 0) {
        vtk_->actor->VisibilityOff();
        return;
    }
    if (volume_->sharesFrames()) gathered_ = volume_->contiguousCopy();
    const Volume& v = *volume_;
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(v.nx, v.ny, v.nz);
    image->SetSpacing(v.sx, v.sy, v.sz);
    image->SetOrigin(0.0, 0.0, 0.0);
    // save = 1: VTK neither frees nor writes the buffer; volume_ (or gathered_) keeps it alive.
    const std::vector<std::uint16_t>& block = v.sharesFrames() ? gathered_ : v.voxels;
    auto* voxels = const_cast<std::uint16_t*>(block.data());
    const auto count = static_cast<vtkIdType>(block.size());
    if (v.is_signed) {
        auto scalars = vtkSmartPointer<vtkShortArray>::New();
        scalars->SetArray(reinterpret_cast<short*>(voxels), count, 1);
        scalars->SetName("stored");
        image->GetPointData()->SetScalars(scalars);
    } else {
        auto scalars = vtkSmartPointer<vtkUnsignedShortArray>::New();
        scalars->SetArray(voxels, count, 1);
        scalars->SetName("stored");
        image->GetPointData()->SetScalars(scalars);
    }
    vtk_->image = image;

    // Index space (scaled by the spacing) -> patient mm.
    auto matrix = vtkSmartPointer<vtkMatrix4x4>::New();
    for (int r = 0; r < 3; ++r) {
        matrix->SetElement(r, 0, v.row[r]);
        matrix->SetElement(r, 1, v.column[r]);
        matrix->SetElement(r, 2, v.normal[r]);
        matrix->SetElement(r, 3, v.origin[r]);
    }
    vtk_->actor->SetUserMatrix(matrix);
    voxel_step_ = std::max(0.25, std::min({v.sx, v.sy, v.sz}));
    buildMapper();
    updateTransferFunctions();
    vtk_->actor->VisibilityOn();
    resetCamera();
}

vtkImageData* VolumeScene::imageData() const { return vtk_->image; }

void VolumeScene::setRenderPath(RenderPath path, bool force) {
    path_ = path;
    force_path_ = force;
    path_checked_ = false;
    path_note_.clear();
    if (volume_) buildMapper();
}

bool VolumeScene::softwareRenderer(const std::string& gl_renderer) {
    for (const char* name : {"llvmpipe", "softpipe", "swrast", "Software Rasterizer"})
        if (gl_renderer.find(name) != std::string::npos) return true;
    return false;
}

void VolumeScene::chooseMapper() {
    vtkRenderWindow* window = vtk_->renderer->GetRenderWindow();
    if (path_checked_ || !volume_ || !window) return;
    path_checked_ = true;
    if (const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER)))
        gl_renderer_ = name;
    if (path_ != RenderPath::Gpu || !vtk_->gpu) return;
    std::string why;
    if (!vtk_->gpu->IsRenderSupported(window, vtk_->property)) {
        why = "this OpenGL cannot run the GPU ray caster";
    } else if (!force_path_ && softwareRenderer(gl_renderer_)) {
        why = "software OpenGL (" + gl_renderer_ + "): the CPU ray caster is faster";
    }
    if (why.empty()) return;
    path_ = RenderPath::Cpu;
    buildMapper();
    path_note_ = why;
}

void VolumeScene::buildMapper() {
    if (path_ == RenderPath::Gpu) {
        vtk_->cpu = nullptr;
        if (!vtk_->gpu) vtk_->gpu = vtkSmartPointer<vtkGPUVolumeRayCastMapper>::New();
        vtk_->gpu->SetInputData(vtk_->image);
        vtk_->gpu->SetAutoAdjustSampleDistances(0);
        vtk_->gpu->SetLockSampleDistanceToInputSpacing(0);
        vtk_->gpu->SetUseJittering(0);
        vtk_->actor->SetMapper(vtk_->gpu);
    } else {
        vtk_->gpu = nullptr;
        if (!vtk_->cpu) vtk_->cpu = vtkSmartPointer<vtkFixedPointVolumeRayCastMapper>::New();
        vtk_->cpu->SetInputData(vtk_->image);
        vtk_->cpu->SetAutoAdjustSampleDistances(0);
        vtk_->cpu->SetLockSampleDistanceToInputSpacing(0);
        vtk_->actor->SetMapper(vtk_->cpu);
    }
    applyQuality();
    updateTransferFunctions();
}

const VolumePreset& VolumeScene::preset() const { return VolumePresets::ct()[preset_]; }

void VolumeScene::applyPreset(int index) {
    if (index < 0 || index >= static_cast<int>(VolumePresets::ct().size())) return;
    preset_ = index;
    updateTransferFunctions();
    applyQuality();
}

void VolumeScene::updateTransferFunctions() {
    const VolumePreset& p = preset();
    const double slope = volume_ ? volume_->rescale_slope : 1.0;
    const double intercept = volume_ ? volume_->rescale_intercept : 0.0;
    vtk_->color->RemoveAllPoints();
    for (const ColorPoint& c : p.color)
        vtk_->color->AddRGBPoint(VolumePresets::toStored(c.hu, slope, intercept), c.r, c.g, c.b);
    vtk_->opacity->RemoveAllPoints();
    for (const OpacityPoint& o : p.opacity)
        vtk_->opacity->AddPoint(VolumePresets::toStored(o.hu, slope, intercept), o.opacity);
    vtk_->property->SetShade(p.shade ? 1 : 0);
    vtk_->property->SetAmbient(p.ambient);
    vtk_->property->SetDiffuse(p.diffuse);
    vtk_->property->SetSpecular(p.specular);
    vtk_->property->SetSpecularPower(p.specular_power);
    const int blend = p.blend == VolumeBlend::MaximumIntensity
                          ? vtkVolumeMapper::MAXIMUM_INTENSITY_BLEND
                          : vtkVolumeMapper::COMPOSITE_BLEND;
    if (vtk_->gpu) vtk_->gpu->SetBlendMode(blend);
    if (vtk_->cpu) vtk_->cpu->SetBlendMode(blend);
}

void VolumeScene::setInteractive(bool on) {
    if (on == interactive_) return;
    interactive_ = on;
    applyQuality();
}

double VolumeScene::sampleDistance() const {
    // Composite: one sample per voxel. MIP: two, or the peak of a one-voxel-thin vessel
    // falls between samples and looks up to half as bright.
    return preset().blend == VolumeBlend::MaximumIntensity ? voxel_step_ / 2 : voxel_step_;
}

void VolumeScene::applyQuality() {
    // Full quality: one ray per pixel, every sample. Interactive: samples twice as far apart
    // and VTK's own adjustment of the rays per pixel (between 1 and 1/16, from the time the
    // previous frames took) to reach kInteractiveFps.
    const double full = sampleDistance();
    const double coarse = full * kInteractiveSampleFactor;
    if (vtkRenderWindow* window = vtk_->renderer->GetRenderWindow())
        window->SetDesiredUpdateRate(interactive_ ? kInteractiveFps : kStillFps);
    if (vtk_->gpu) {
        vtk_->gpu->SetSampleDistance(static_cast<float>(interactive_ ? coarse : full));
        vtk_->gpu->SetAutoAdjustSampleDistances(interactive_ ? 1 : 0);
        vtk_->gpu->SetMinimumImageSampleDistance(kInteractiveImageSampleDistance);
        vtk_->gpu->SetMaximumImageSampleDistance(kMaximumImageSampleDistance);
        vtk_->gpu->SetImageSampleDistance(
            static_cast<float>(interactive_ ? kInteractiveImageSampleDistance : 1.0));
    }
    if (vtk_->cpu) {
        vtk_->cpu->SetSampleDistance(static_cast<float>(full));
        vtk_->cpu->SetInteractiveSampleDistance(static_cast<float>(coarse));
        vtk_->cpu->SetAutoAdjustSampleDistances(interactive_ ? 1 : 0);
        vtk_->cpu->SetMinimumImageSampleDistance(kInteractiveImageSampleDistance);
        vtk_->cpu->SetMaximumImageSampleDistance(kMaximumImageSampleDistance);
        vtk_->cpu->SetImageSampleDistance(
            static_cast<float>(interactive_ ? kInteractiveImageSampleDistance : 1.0));
    }
}

void VolumeScene::resetCamera() {
    vtkCamera* camera = vtk_->renderer->GetActiveCamera();
    double bounds[6] = {-1, 1, -1, 1, -1, 1};
    if (volume_) vtk_->actor->GetBounds(bounds);
    const double center[3] = {(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2,
                              (bounds[4] + bounds[5]) / 2};
    // Anterior view: from the patient's front (-y in LPS), head (+z) up.
    camera->SetParallelProjection(0);
    camera->SetViewAngle(30.0);
    camera->SetFocalPoint(center);
    camera->SetPosition(center[0], center[1] - 1.0, center[2]);
    camera->SetViewUp(0.0, 0.0, 1.0);
    vtk_->renderer->ResetCamera(bounds);
}

void VolumeScene::rotate(double azimuth_degrees, double elevation_degrees) {
    vtkCamera* camera = vtk_->renderer->GetActiveCamera();
    camera->Azimuth(azimuth_degrees);
    camera->Elevation(elevation_degrees);
    camera->OrthogonalizeViewUp();
    vtk_->renderer->ResetCameraClippingRange();
}

void VolumeScene::zoom(double factor) {
    if (factor <= 0.0) return;
    vtk_->renderer->GetActiveCamera()->Dolly(factor);
    vtk_->renderer->ResetCameraClippingRange();
}

void VolumeScene::pan(double dx, double dy) {
    vtkCamera* camera = vtk_->renderer->GetActiveCamera();
    const int* size = vtk_->renderer->GetSize();
    const double height = std::max(1, size[1]);
    // Millimetres per pixel at the focal point.
    const double mm =
        2.0 * camera->GetDistance() * std::tan(camera->GetViewAngle() * M_PI / 360.0) / height;
    double up[3], forward[3], right[3];
    camera->GetViewUp(up);
    camera->GetDirectionOfProjection(forward);
    right[0] = forward[1] * up[2] - forward[2] * up[1];
    right[1] = forward[2] * up[0] - forward[0] * up[2];
    right[2] = forward[0] * up[1] - forward[1] * up[0];
    double focal[3], position[3];
    camera->GetFocalPoint(focal);
    camera->GetPosition(position);
    // Dragging right moves the scene right: the camera moves left.
    for (int a = 0; a < 3; ++a) {
        const double shift = (-dx * right[a] + dy * up[a]) * mm;
        focal[a] += shift;
        position[a] += shift;
    }
    camera->SetFocalPoint(focal);
    camera->SetPosition(position);
    vtk_->renderer->ResetCameraClippingRange();
}

Point2 VolumeScene::project(const Vec3& patient) const {
    vtkRenderer* r = vtk_->renderer;
    r->SetWorldPoint(patient[0], patient[1], patient[2], 1.0);
    r->WorldToDisplay();
    double display[3];
    r->GetDisplayPoint(display);
    const int* origin = r->GetOrigin();
    const int* size = r->GetSize();
    // Display y counts up from the window's bottom; pixel row 0 is the viewport's top.
    return {display[0] - origin[0], origin[1] + size[1] - display[1]};
}

double VolumeScene::lastRenderSeconds() const {
    return vtk_->renderer->GetLastRenderTimeInSeconds();
}

}  // namespace countyread::viewer
