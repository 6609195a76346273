#pragma once
// A VTK prop that draws one 16-bit grayscale frame with window/level, lookup table and
// inversion applied in a GLSL fragment shader (shaders/window_level.{vert,frag}).
//
// The stored values are uploaded once per frame as a GL_R16 texture (signed data offset by
// 32768); the window, the table and the inversion are uniforms (the table a 256 x 1 texture,
// uploaded only when it changes). Changing the window therefore never re-uploads pixels:
// pixelUploads() counts the uploads so tests and the benchmark can check it.
//
// Geometry matches vtkImageSlice with BorderOn: pixel (i, j) is centred at world
// (i * column spacing, j * row spacing, 0) and the quad reaches half a pixel beyond the centres,
// so the camera set up by SliceView frames both render paths identically.
#include <vtkProp.h>
#include <vtkSmartPointer.h>

#include <memory>
#include <string>

#include "dicom/image/ImageFrame.h"
#include "viewer/core/ColorTable.h"

class vtkOpenGLVertexArrayObject;
class vtkTextureObject;
class vtkWindow;

namespace countyread::viewer {

class GpuImageProp : public vtkProp {
public:
    static GpuImageProp* New();
    vtkTypeMacro(GpuImageProp, vtkProp);

    // GLSL sources (normally ShaderLibrary::load("window_level.vert"/".frag")).
    void setShaderSources(std::string vertex, std::string fragment);

    void setFrame(std::shared_ptr<const dicom::ImageFrame> frame);
    // Window in stored units: `lower` maps to the first table entry, lower + width to the last.
    void setWindow(double lower, double width);
    void setInverted(bool inverted);
    void setColorTable(const ColorTable& table);
    void setLinearInterpolation(bool linear);

    int RenderOpaqueGeometry(vtkViewport* viewport) override;
    vtkTypeBool HasTranslucentPolygonalGeometry() override { return 0; }
    void ReleaseGraphicsResources(vtkWindow* window) override;
    double* GetBounds() override;

    // How many times pixel data went to the GPU (one per new frame, never for a window change).
    long long pixelUploads() const { return pixel_uploads_; }
    long long tableUploads() const { return table_uploads_; }
    // Set when the shader or the texture could not be created; nothing is drawn then.
    bool failed() const { return !error_.empty(); }
    const std::string& error() const { return error_; }

protected:
    GpuImageProp();
    ~GpuImageProp() override;

private:
    GpuImageProp(const GpuImageProp&) = delete;
    void operator=(const GpuImageProp&) = delete;

    bool uploadPixels(vtkViewport* viewport);
    void uploadTable();

    std::string vertex_source_, fragment_source_;
    std::shared_ptr<const dicom::ImageFrame> frame_;
    bool frame_dirty_ = false;
    double lower_ = 0.0, width_ = 1.0;
    bool inverted_ = false;
    bool linear_ = true;
    ColorTable table_;
    bool table_dirty_ = true;
    vtkSmartPointer<vtkTextureObject> image_texture_;
    vtkSmartPointer<vtkTextureObject> table_texture_;
    vtkSmartPointer<vtkOpenGLVertexArrayObject> vao_;
    long long pixel_uploads_ = 0;
    long long table_uploads_ = 0;
    std::string error_;
    double bounds_[6] = {0, 0, 0, 0, 0, 0};
};

}  // namespace countyread::viewer
