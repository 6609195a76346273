#pragma once
// Reading back what a VTK render window shows (for screenshots and pixel tests).
#include "viewer/render/RgbImage.h"

class vtkRenderWindow;

namespace countyread::viewer {

class RenderCapture {
public:
    // Renders `window` once more and reads its back buffer.
    static RgbImage capture(vtkRenderWindow* window);
};

}  // namespace countyread::viewer
