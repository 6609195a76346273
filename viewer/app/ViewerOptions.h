#pragma once
// The command line of countyread-viewer.
#include <optional>
#include <string>

#include "viewer/core/RenderPath.h"
#include "viewer/core/WindowLevel.h"

namespace countyread::viewer {

struct ViewerOptions {
    std::string server;                 // --server URL
    std::string user;                   // --user ID
    std::string password;               // --password P (else COUNTYREAD_PASSWORD, else asked for)
    std::string study;                  // --study UID
    std::string screenshot;             // --screenshot OUT.png
    std::optional<WindowLevel> window;  // --window C,W (modality units)
    std::string report;                 // --report FILE
    std::string key;                    // --key KEY.pem
    std::string key_password;           // --key-password P
    std::string cert;                   // --cert CERT.pem
    std::string recommendations;        // --recommendations TEXT (建议)
    std::string addendum;               // --addendum TEXT: a correction to the signed report
    bool preliminary = false;           // --preliminary: two-level, a senior verifies it
    bool critical = false;              // --critical: flag a critical finding (危急值)
    std::string lang;                   // --lang zh|en; "" = the one chosen in the menu, else zh
    RenderPath render_path = RenderPath::Gpu;  // --render-path gpu|cpu
    std::string cache_dir;  // --cache-dir DIR (default: InstanceCache::defaultFolder)
    int cache_mb = 2048;    // --cache-mb N (0: no cache)
    int threads = 2;        // --threads N: loading threads

    enum class Mode { Interactive, Screenshot, Report };
    Mode mode() const {
        if (!report.empty()) return Mode::Report;
        if (!screenshot.empty()) return Mode::Screenshot;
        return Mode::Interactive;
    }

    // Parses argv. Returns an exit code when the program should stop (help: 0, error: 2),
    // printing the message; nullopt to go on.
    std::optional<int> parse(int argc, char** argv);
};

}  // namespace countyread::viewer
