#include "viewer/render/DirectRenderWindow.h"

// clang-format off
#include <vtk_glew.h>
// clang-format on
#include <GL/glx.h>
#include <vtkObjectFactory.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>

namespace countyread::viewer {

vtkStandardNewMacro(DirectRenderWindow);

void DirectRenderWindow::Frame() {
    const bool direct = !AbortRender && SwapBuffers && DoubleBuffer && WindowId != 0 &&
                        DisplayId != nullptr && !UseOffScreenBuffers && !StereoRender &&
                        MultiSamples <= 1 && RenderFramebuffer != nullptr;
    if (!direct) {
        Superclass::Frame();
        return;
    }
    MakeCurrent();
    vtkOpenGLState* state = GetState();
    state->PushFramebufferBindings();
    RenderFramebuffer->Bind(GL_READ_FRAMEBUFFER);
    RenderFramebuffer->ActivateReadBuffer(0);
    state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    state->vtkglDrawBuffer(GL_BACK_LEFT);
    {
        vtkOpenGLState::ScopedglEnableDisable scissor(state, GL_SCISSOR_TEST);
        state->vtkglDisable(GL_SCISSOR_TEST);
        const int* source = RenderFramebuffer->GetLastSize();
        state->vtkglViewport(0, 0, Size[0], Size[1]);
        state->vtkglBlitFramebuffer(0, 0, source[0], source[1], 0, 0, Size[0], Size[1],
                                    GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    state->PopFramebufferBindings();
    glXSwapBuffers(DisplayId, WindowId);
    ++direct_frames_;
}

}  // namespace countyread::viewer
