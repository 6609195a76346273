#include "viewer/core/RenderPath.h"

namespace countyread::viewer {

std::optional<RenderPath> parseRenderPath(const std::string& text) {
    if (text == "gpu") return RenderPath::Gpu;
    if (text == "cpu") return RenderPath::Cpu;
    return std::nullopt;
}

const char* renderPathName(RenderPath path) { return path == RenderPath::Gpu ? "gpu" : "cpu"; }

}  // namespace countyread::viewer
