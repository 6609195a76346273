#pragma once
// What the left mouse button does in the image viewport.
#include <optional>
#include <string>

namespace countyread::viewer {

enum class Tool {
    WindowLevel,  // drag: horizontal = width, vertical = centre
    Pan,
    Zoom,       // drag up = zoom in
    Probe,      // shows the pixel value under the mouse
    Crosshair,  // MPR: places the synchronised crosshair
    Length,
    Angle,
    Cobb,
    CardioThoracic,
    Ellipse,
    Rectangle,
    Arrow,
    Text,
};

// Stable names ("wl", "pan", "zoom", "probe", "xhair", "length", "angle", "cobb", "ctr", "ellipse",
// "rect", "arrow", "text") for settings and the command line.
const char* toolName(Tool tool);
std::optional<Tool> parseTool(const std::string& name);
// Tools that create an annotation.
bool isAnnotationTool(Tool tool);

}  // namespace countyread::viewer
