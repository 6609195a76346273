#include "viewer/render/OverlayFont.h"

#include <cstdlib>
#include <filesystem>

namespace countyread::viewer {

std::string OverlayFont::cjkFontFile() {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (const char* env = std::getenv("COUNTYREAD_CJK_FONT"); env && fs::is_regular_file(env, ec)) {
        return env;
    }
    // Face 0 of the Noto CJK collection is the JP design; it covers simplified Chinese too.
    static const char* candidates[] = {
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    };
    for (const char* path : candidates) {
        if (fs::is_regular_file(path, ec)) return path;
    }
    return {};
}

}  // namespace countyread::viewer
