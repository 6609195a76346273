#pragma once
// The X11 OpenGL render window of the image viewports, with a cheaper end of frame.
//
// VTK 9.1 renders into its own framebuffer and, at the end of every frame, copies colour and
// depth into a second ("display") framebuffer, then copies the depth again into the window with
// a full-window shader pass and the colour with a blit, and swaps. A 2D viewport never reads
// depth back, and on a software rasteriser (Mesa llvmpipe, the PCs without a GPU) those extra
// full-window copies cost as much as drawing the image. Frame() here blits the rendered colour
// straight into the window's back buffer and swaps: what reaches the X window is the same
// picture. Anything else (no double buffering, stereo, multisampling, off-screen buffers,
// SwapBuffers off as during a read-back) takes VTK's own Frame(). Reading pixels back
// (RenderCapture, back buffer) reads VTK's render framebuffer, which is unchanged.
#include <vtkXOpenGLRenderWindow.h>

namespace countyread::viewer {

class DirectRenderWindow : public vtkXOpenGLRenderWindow {
public:
    static DirectRenderWindow* New();
    vtkTypeMacro(DirectRenderWindow, vtkXOpenGLRenderWindow);

    void Frame() override;
    // Frames that took the short path (tests).
    long long directFrames() const { return direct_frames_; }

protected:
    DirectRenderWindow() = default;
    ~DirectRenderWindow() override = default;

private:
    long long direct_frames_ = 0;
};

}  // namespace countyread::viewer
