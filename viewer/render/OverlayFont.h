#pragma once
// Finding a font file that can draw Chinese for VTK's text actors (FreeType, no fontconfig).
#include <string>

namespace countyread::viewer {

class OverlayFont {
public:
    // COUNTYREAD_CJK_FONT if set and readable, else the first installed Noto/WenQuanYi/Droid
    // CJK font; "" when none is found (overlays then fall back to VTK's Latin-only Arial).
    static std::string cjkFontFile();
};

}  // namespace countyread::viewer
