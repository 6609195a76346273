#include "viewer/render/ShaderLibrary.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace countyread::viewer {
namespace fs = std::filesystem;

std::vector<std::string> ShaderLibrary::searchPath() {
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("COUNTYREAD_SHADER_DIR"); env && *env) dirs.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && !exe.empty()) {
        dirs.push_back((exe.parent_path() / "shaders").string());
        dirs.push_back(
            (exe.parent_path().parent_path() / "share" / "countyread" / "shaders").string());
    }
#ifdef COUNTYREAD_SHADER_SOURCE_DIR
    dirs.emplace_back(COUNTYREAD_SHADER_SOURCE_DIR);
#endif
    return dirs;
}

std::string ShaderLibrary::locate(const std::string& name) {
    std::error_code ec;
    for (const auto& dir : searchPath()) {
        if (fs::is_regular_file(fs::path(dir) / name, ec)) return dir;
    }
    return {};
}

std::string ShaderLibrary::load(const std::string& name) {
    const std::string dir = locate(name);
    if (dir.empty()) {
        std::string searched;
        for (const auto& d : searchPath()) searched += (searched.empty() ? "" : ", ") + d;
        throw std::runtime_error("shader " + name + " not found (searched " + searched + ")");
    }
    std::ifstream in(fs::path(dir) / name, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw std::runtime_error("cannot read shader " + dir + "/" + name);
    return text;
}

}  // namespace countyread::viewer
