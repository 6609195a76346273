#pragma once
// The windowed modes: the interactive workstation and `--screenshot`.
#include "viewer/app/ViewerOptions.h"

namespace countyread::viewer {

class GuiSession {
public:
    // Needs a QApplication. Returns the process exit code.
    static int run(const ViewerOptions& options);
};

}  // namespace countyread::viewer
