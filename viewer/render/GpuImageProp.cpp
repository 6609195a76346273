#include "viewer/render/GpuImageProp.h"

// clang-format off
#include <vtk_glew.h>
// clang-format on
#include <vtkMatrix3x3.h>
#include <vtkMatrix4x4.h>
#include <vtkObjectFactory.h>
#include <vtkOpenGLCamera.h>
#include <vtkOpenGLRenderUtilities.h>
#include <vtkOpenGLRenderWindow.h>
#include <vtkOpenGLRenderer.h>
#include <vtkOpenGLShaderCache.h>
#include <vtkOpenGLState.h>
#include <vtkOpenGLVertexArrayObject.h>
#include <vtkShaderProgram.h>
#include <vtkTextureObject.h>

#include <vector>

namespace countyread::viewer {

vtkStandardNewMacro(GpuImageProp);

GpuImageProp::GpuImageProp() = default;
GpuImageProp::~GpuImageProp() = default;

void GpuImageProp::setShaderSources(std::string vertex, std::string fragment) {
    vertex_source_ = std::move(vertex);
    fragment_source_ = std::move(fragment);
    Modified();
}

void GpuImageProp::setFrame(std::shared_ptr<const dicom::ImageFrame> frame) {
    frame_ = std::move(frame);
    frame_dirty_ = true;
    if (frame_) {
        const double sx = frame_->column_spacing, sy = frame_->row_spacing;
        bounds_[0] = -sx / 2;
        bounds_[1] = (frame_->width - 0.5) * sx;
        bounds_[2] = -sy / 2;
        bounds_[3] = (frame_->height - 0.5) * sy;
    }
    Modified();
}

void GpuImageProp::setWindow(double lower, double width) {
    lower_ = lower;
    width_ = width > 1e-6 ? width : 1e-6;
    Modified();
}

void GpuImageProp::setInverted(bool inverted) {
    inverted_ = inverted;
    Modified();
}

void GpuImageProp::setColorTable(const ColorTable& table) {
    if (table == table_) return;
    table_ = table;
    table_dirty_ = true;
    Modified();
}

void GpuImageProp::setLinearInterpolation(bool linear) {
    linear_ = linear;
    Modified();
}

double* GpuImageProp::GetBounds() { return frame_ ? bounds_ : nullptr; }

bool GpuImageProp::uploadPixels(vtkViewport* viewport) {
    auto* window = vtkOpenGLRenderWindow::SafeDownCast(viewport->GetVTKWindow());
    const int max_size = vtkTextureObject::GetMaximumTextureSize(window);
    if (max_size > 0 && (frame_->width > max_size || frame_->height > max_size)) {
        error_ = "image " + std::to_string(frame_->width) + "x" + std::to_string(frame_->height) +
                 " exceeds the GPU's largest texture (" + std::to_string(max_size) + ")";
        return false;
    }
    const std::size_t count = static_cast<std::size_t>(frame_->width) * frame_->height;
    if (frame_->pixels.size() < count) {
        error_ = "frame has fewer pixels than its size";
        return false;
    }
    // GL_R16 is unsigned normalised: signed stored values are shifted into 0..65535
    // (two's complement with the top bit flipped = value + 32768).
    std::vector<std::uint16_t> shifted;
    const std::uint16_t* data = frame_->pixels.data();
    if (frame_->is_signed) {
        shifted.resize(count);
        for (std::size_t i = 0; i < count; ++i) shifted[i] = data[i] ^ 0x8000u;
        data = shifted.data();
    }
    image_texture_->SetInternalFormat(GL_R16);
    image_texture_->SetFormat(GL_RED);
    image_texture_->SetDataType(GL_UNSIGNED_SHORT);
    image_texture_->SetWrapS(vtkTextureObject::ClampToEdge);
    image_texture_->SetWrapT(vtkTextureObject::ClampToEdge);
    if (!image_texture_->Create2DFromRaw(static_cast<unsigned>(frame_->width),
                                         static_cast<unsigned>(frame_->height), 1,
                                         VTK_UNSIGNED_SHORT, const_cast<std::uint16_t*>(data))) {
        error_ = "cannot create the 16-bit image texture";
        return false;
    }
    ++pixel_uploads_;
    frame_dirty_ = false;
    return true;
}

void GpuImageProp::uploadTable() {
    std::vector<unsigned char> rgba(ColorTable::kSize * 4);
    const auto& entries = table_.entries();
    for (int i = 0; i < ColorTable::kSize; ++i) {
        rgba[i * 4 + 0] = entries[i][0];
        rgba[i * 4 + 1] = entries[i][1];
        rgba[i * 4 + 2] = entries[i][2];
        rgba[i * 4 + 3] = 255;
    }
    table_texture_->SetMinificationFilter(vtkTextureObject::Linear);
    table_texture_->SetMagnificationFilter(vtkTextureObject::Linear);
    table_texture_->SetWrapS(vtkTextureObject::ClampToEdge);
    table_texture_->SetWrapT(vtkTextureObject::ClampToEdge);
    table_texture_->Create2DFromRaw(ColorTable::kSize, 1, 4, VTK_UNSIGNED_CHAR, rgba.data());
    ++table_uploads_;
    table_dirty_ = false;
}

int GpuImageProp::RenderOpaqueGeometry(vtkViewport* viewport) {
    auto* renderer = vtkOpenGLRenderer::SafeDownCast(viewport);
    if (!renderer || !frame_ || !GetVisibility() || failed()) return 0;
    auto* window = vtkOpenGLRenderWindow::SafeDownCast(renderer->GetRenderWindow());
    if (!window) return 0;
    if (vertex_source_.empty() || fragment_source_.empty()) {
        error_ = "no shader sources";
        return 0;
    }
    if (!image_texture_ || image_texture_->GetContext() != window) {
        if (image_texture_) ReleaseGraphicsResources(image_texture_->GetContext());
        image_texture_ = vtkSmartPointer<vtkTextureObject>::New();
        table_texture_ = vtkSmartPointer<vtkTextureObject>::New();
        image_texture_->SetContext(window);
        table_texture_->SetContext(window);
        vao_ = vtkSmartPointer<vtkOpenGLVertexArrayObject>::New();
        frame_dirty_ = true;
        table_dirty_ = true;
    }
    if (frame_dirty_ && !uploadPixels(viewport)) return 0;
    if (table_dirty_) uploadTable();

    vtkShaderProgram* program = window->GetShaderCache()->ReadyShaderProgram(
        vertex_source_.c_str(), fragment_source_.c_str(), "");
    if (!program) {
        error_ = "the window/level shader did not compile or link";
        return 0;
    }
    const auto filter = linear_ ? vtkTextureObject::Linear : vtkTextureObject::Nearest;
    image_texture_->SetMinificationFilter(filter);
    image_texture_->SetMagnificationFilter(filter);
    image_texture_->Activate();
    table_texture_->Activate();
    program->SetUniformi("imageTexture", image_texture_->GetTextureUnit());
    program->SetUniformi("lutTexture", table_texture_->GetTextureUnit());
    program->SetUniformf("storedOffset", frame_->is_signed ? -32768.0f : 0.0f);
    program->SetUniformf("windowLower", static_cast<float>(lower_));
    program->SetUniformf("windowWidth", static_cast<float>(width_));
    program->SetUniformf("lutSize", static_cast<float>(ColorTable::kSize));
    program->SetUniformi("invert", inverted_ ? 1 : 0);

    vtkMatrix4x4* wcvc = nullptr;
    vtkMatrix3x3* normals = nullptr;
    vtkMatrix4x4* vcdc = nullptr;
    vtkMatrix4x4* wcdc = nullptr;
    static_cast<vtkOpenGLCamera*>(renderer->GetActiveCamera())
        ->GetKeyMatrices(renderer, wcvc, normals, vcdc, wcdc);
    program->SetUniformMatrix("WCDCMatrix", wcdc);

    const float x0 = static_cast<float>(bounds_[0]), x1 = static_cast<float>(bounds_[1]);
    const float y0 = static_cast<float>(bounds_[2]), y1 = static_cast<float>(bounds_[3]);
    float vertices[12] = {x0, y0, 0.f, x1, y0, 0.f, x1, y1, 0.f, x0, y1, 0.f};
    float tcoords[8] = {0.f, 0.f, 1.f, 0.f, 1.f, 1.f, 0.f, 1.f};
    {
        // The quad is opaque and drawn first, under 2D overlays only: VTK's default blending
        // and depth test would read and write two more buffers for every pixel of it (on a
        // software rasteriser that is most of a frame's fill cost) without changing a pixel.
        vtkOpenGLState* state = window->GetState();
        vtkOpenGLState::ScopedglEnableDisable blend(state, GL_BLEND);
        vtkOpenGLState::ScopedglEnableDisable depth(state, GL_DEPTH_TEST);
        state->vtkglDisable(GL_BLEND);
        state->vtkglDisable(GL_DEPTH_TEST);
        vtkOpenGLRenderUtilities::RenderQuad(vertices, tcoords, program, vao_);
    }

    table_texture_->Deactivate();
    image_texture_->Deactivate();
    return 1;
}

void GpuImageProp::ReleaseGraphicsResources(vtkWindow* window) {
    if (image_texture_) image_texture_->ReleaseGraphicsResources(window);
    if (table_texture_) table_texture_->ReleaseGraphicsResources(window);
    if (vao_) vao_->ReleaseGraphicsResources();
    image_texture_ = nullptr;
    table_texture_ = nullptr;
    vao_ = nullptr;
    frame_dirty_ = true;
    table_dirty_ = true;
}

}  // namespace countyread::viewer
