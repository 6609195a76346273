#include "viewer/core/Tool.h"

#include <array>
#include <utility>

namespace countyread::viewer {
namespace {

constexpr std::array<std::pair<Tool, const char*>, 13> kNames = {{
    {Tool::WindowLevel, "wl"},
    {Tool::Pan, "pan"},
    {Tool::Zoom, "zoom"},
    {Tool::Probe, "probe"},
    {Tool::Crosshair, "xhair"},
    {Tool::Length, "length"},
    {Tool::Angle, "angle"},
    {Tool::Cobb, "cobb"},
    {Tool::CardioThoracic, "ctr"},
    {Tool::Ellipse, "ellipse"},
    {Tool::Rectangle, "rect"},
    {Tool::Arrow, "arrow"},
    {Tool::Text, "text"},
}};

}  // namespace

const char* toolName(Tool tool) {
    for (const auto& [t, name] : kNames)
        if (t == tool) return name;
    return "wl";
}

std::optional<Tool> parseTool(const std::string& name) {
    for (const auto& [t, n] : kNames)
        if (name == n) return t;
    return std::nullopt;
}

bool isAnnotationTool(Tool tool) {
    switch (tool) {
        case Tool::WindowLevel:
        case Tool::Pan:
        case Tool::Zoom:
        case Tool::Probe:
        case Tool::Crosshair:
            return false;
        default:
            return true;
    }
}

}  // namespace countyread::viewer
