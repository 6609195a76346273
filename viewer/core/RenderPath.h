#pragma once
// Where window/level is applied: on the GPU in a fragment shader (16-bit texture uploaded once)
// or on the CPU by VTK's image pipeline (vtkImageProperty), kept for comparison and fallback.
#include <optional>
#include <string>

namespace countyread::viewer {

enum class RenderPath { Gpu, Cpu };

// "gpu" / "cpu" (case-sensitive, as on the command line); nullopt otherwise.
std::optional<RenderPath> parseRenderPath(const std::string& text);
const char* renderPathName(RenderPath path);

}  // namespace countyread::viewer
