#pragma once
// The 3D view of a CT volume: direct volume rendering with the presets of VolumePresets (bone,
// soft tissue, lung, vessels, MIP), a perspective camera that looks at the patient from the
// front (anterior view, head up, the patient's left on the right of the screen) and camera
// moves (rotate, zoom, pan, reset). No Qt: it renders into whatever vtkRenderWindow it is added
// to (VolumeRenderWidget in the viewer, an off-screen window in tests).
//
// VTK's volume mappers need the voxels in one block. A Volume that owns its voxels (resampled,
// or made in memory) is not copied: the vtkImageData wraps Volume::voxels (a vtkShortArray or
// vtkUnsignedShortArray with save = 1, so VTK never frees or writes them) and the scene holds
// the shared_ptr to the Volume for as long as any VTK object may read them, i.e. until the scene
// is destroyed or given another volume. A Volume that reads the series' frames in place
// (Volume::slices, the usual untilted stack) is gathered into one block held by the scene, and
// freed with it: the one extra copy of the voxels exists only while a 3D view is open
// (copiedVoxelBytes()). The voxel grid is placed in patient coordinates (mm)
// by the vtkVolume's user matrix (row, column, normal, origin), so the transfer functions see
// stored values and the HU control points of a preset are converted with the volume's rescale.
//
// Mappers: RenderPath::Gpu = vtkGPUVolumeRayCastMapper (GLSL ray casting, OpenGL 3.2+; it also
// runs on Mesa llvmpipe, but slowly), RenderPath::Cpu = vtkFixedPointVolumeRayCastMapper
// (multi-threaded, needs no OpenGL features; what a PC without a GPU gets, see setRenderPath).
// While the user drags, setInteractive(true) casts at most a quarter of the rays (fewer when
// frames take longer than 1/10 s: VTK's sample distance adjustment) with half the samples per
// ray; releasing renders at full quality again.
#include <memory>
#include <string>
#include <vector>

#include "viewer/core/Point2.h"
#include "viewer/core/RenderPath.h"
#include "viewer/core/Volume.h"
#include "viewer/core/VolumePresets.h"

class vtkImageData;
class vtkRenderer;
class vtkRenderWindow;

namespace countyread::viewer {

class VolumeScene {
public:
    VolumeScene();
    ~VolumeScene();
    VolumeScene(const VolumeScene&) = delete;
    VolumeScene& operator=(const VolumeScene&) = delete;

    void addTo(vtkRenderWindow* window);
    vtkRenderer* renderer() const;

    // Shows `volume` (zero-copy, see above), keeps the preset, resets the camera.
    void setVolume(std::shared_ptr<const Volume> volume);
    const Volume* volume() const { return volume_.get(); }
    // The vtkImageData over the volume's voxels (null without a volume).
    vtkImageData* imageData() const;
    // Bytes of voxels the scene had to gather into one block (0 when it wraps Volume::voxels).
    std::size_t copiedVoxelBytes() const { return gathered_.size() * sizeof(std::uint16_t); }

    // Cpu: the CPU ray caster. Gpu: the GPU ray caster where OpenGL runs on a GPU. On a
    // software OpenGL (Mesa llvmpipe / softpipe / swrast, the PCs without a GPU) the "GPU" ray
    // caster runs on the CPU through a rasteriser emulation and is about ten times slower than
    // VTK's own multi-threaded ray caster, so Gpu then takes the CPU mapper too, unless
    // `force` (tests, benchmarks). Also the CPU mapper when the OpenGL cannot run the GPU ray
    // caster. Decided when the first frame starts (the OpenGL context exists then): until
    // then renderPath() is the request.
    void setRenderPath(RenderPath path, bool force = false);
    RenderPath renderPath() const { return path_; }
    // Why the mapper differs from the request (empty when it does not).
    const std::string& renderPathNote() const { return path_note_; }
    // The OpenGL renderer string seen at the first frame ("llvmpipe (LLVM 15.0.6, 256 bits)").
    const std::string& glRenderer() const { return gl_renderer_; }
    // True for Mesa's software rasterisers.
    static bool softwareRenderer(const std::string& gl_renderer);

    // Index into VolumePresets::ct(); out-of-range indices are ignored.
    void applyPreset(int index);
    int presetIndex() const { return preset_; }
    const VolumePreset& preset() const;

    // Anterior view of the whole volume.
    void resetCamera();
    // Turns the camera about the focal point: azimuth about the view-up axis, elevation about
    // the screen's horizontal axis (degrees).
    void rotate(double azimuth_degrees, double elevation_degrees);
    // > 1 moves closer (everything larger).
    void zoom(double factor);
    // Moves the scene by (dx, dy) screen pixels (y downwards) at the focal plane.
    void pan(double dx, double dy);

    // Coarser, faster rendering while the user drags; full quality when off.
    void setInteractive(bool on);
    bool interactive() const { return interactive_; }
    // Full-quality sample distance along the rays (mm) for the current preset.
    double sampleDistance() const;

    // Where a patient point (mm) is drawn: viewport pixels, x right, y down.
    Point2 project(const Vec3& patient) const;
    // Render time of the last frame according to VTK (seconds).
    double lastRenderSeconds() const;

private:
    void buildMapper();
    void chooseMapper();  // at the first frame
    void applyQuality();
    void updateTransferFunctions();

    struct Vtk;
    std::shared_ptr<const Volume> volume_;  // declared first: outlives the VTK objects below
    std::vector<std::uint16_t> gathered_;   // the voxels in one block, for a frame-backed volume
    std::unique_ptr<Vtk> vtk_;
    RenderPath path_ = RenderPath::Gpu;
    bool force_path_ = false;
    bool path_checked_ = false;
    std::string path_note_;
    std::string gl_renderer_;
    int preset_ = 0;
    bool interactive_ = false;
    double voxel_step_ = 1.0;  // the smallest voxel spacing (mm), at least 0.25
};

}  // namespace countyread::viewer
