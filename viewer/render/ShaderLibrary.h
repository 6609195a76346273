#pragma once
// Finds and reads the GLSL files of shaders/ at run time (they are data, not compiled in).
// Lookup order: $COUNTYREAD_SHADER_DIR, <exe dir>/shaders, <exe dir>/../share/countyread/shaders,
// the source tree's shaders/ (compile definition COUNTYREAD_SHADER_SOURCE_DIR).
#include <string>
#include <vector>

namespace countyread::viewer {

class ShaderLibrary {
public:
    // The folders searched, in order (existing or not).
    static std::vector<std::string> searchPath();
    // The text of `name` (e.g. "window_level.frag") from the first folder that has it.
    // Throws std::runtime_error naming the folders searched when none has it.
    static std::string load(const std::string& name);
    // The folder `name` was found in ("" when nowhere).
    static std::string locate(const std::string& name);
};

}  // namespace countyread::viewer
