#pragma once
// `--report FILE`: signs and sends a report without any window (no Qt at all).
#include "viewer/app/ViewerOptions.h"

namespace countyread::viewer {

class ReportCommand {
public:
    // Prints the server's reply; 0 when the server answered 201, 1 otherwise.
    static int run(const ViewerOptions& options);
};

}  // namespace countyread::viewer
