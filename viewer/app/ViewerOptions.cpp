#include "viewer/app/ViewerOptions.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "viewer/core/ServerUrl.h"

namespace countyread::viewer {

std::optional<int> ViewerOptions::parse(int argc, char** argv) {
    CLI::App app{"CountyRead 县域影像诊断 — radiologist reading workstation"};
    app.add_option("--server", server, "Server URL, e.g. http://127.0.0.1:8042")->required();
    app.add_option("--user", user, "User id")->required();
    app.add_option("--password", password, "Password (or set COUNTYREAD_PASSWORD)");
    app.add_option("--study", study, "Study Instance UID to open");
    app.add_option("--screenshot", screenshot,
                   "Open the study, write a PNG of the whole window, print the viewport, exit");
    std::string window_text;
    app.add_option("--window", window_text, "Initial window CENTER,WIDTH in modality units (HU)");
    app.add_option("--report", report,
                   "Headless: sign and send FILE (findings, blank line, impression) for --study");
    app.add_option("--key", key, "PEM private key used to sign the report");
    app.add_option("--key-password", key_password, "Password of the private key");
    app.add_option("--cert", cert, "PEM certificate (default: GET /api/v1/me/certificate)");
    app.add_option("--recommendations", recommendations, "With --report: recommendations (建议)");
    app.add_option("--addendum", addendum,
                   "With --report: the correction text of an addendum to the study's signed report");
    app.add_flag("--preliminary", preliminary,
                 "With --report: sign a preliminary for a senior to verify (two-level)");
    app.add_flag("--critical", critical, "With --report: flag a critical finding (危急值)");
    app.add_option("--lang", lang, "User interface language (default: the one last chosen in the menu, else zh)")->check(CLI::IsMember({"zh", "en"}));
    std::string path_text = "gpu";
    app.add_option("--render-path", path_text,
                   "Window/level on the GPU (GLSL shader, default) or the CPU (VTK)")
        ->check(CLI::IsMember({"gpu", "cpu"}));
    app.add_option("--cache-dir", cache_dir, "Local instance cache folder");
    app.add_option("--cache-mb", cache_mb, "Local instance cache limit in MiB (0: no cache)")
        ->check(CLI::Range(0, 1 << 22));
    app.add_option("--threads", threads, "Image loading threads")->check(CLI::Range(1, 16));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        ServerUrl::parse(server);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "--server: %s\n", e.what());
        return 2;
    }
    render_path = parseRenderPath(path_text).value_or(RenderPath::Gpu);
    if (!window_text.empty()) {
        window = WindowLevel::parse(window_text);
        if (!window) {
            std::fprintf(stderr, "--window: expected CENTER,WIDTH with WIDTH > 0, got '%s'\n",
                         window_text.c_str());
            return 2;
        }
    }
    if (password.empty()) {
        if (const char* env = std::getenv("COUNTYREAD_PASSWORD")) password = env;
    }
    if (mode() == Mode::Report) {
        if (study.empty()) {
            std::fprintf(stderr,
                         "--report needs --study: a report is signed for one named study\n");
            return 2;
        }
        if (key.empty()) {
            std::fprintf(stderr, "--report needs --key (the radiologist's private key)\n");
            return 2;
        }
        if (preliminary && !addendum.empty()) {
            std::fprintf(stderr, "--preliminary and --addendum exclude each other\n");
            return 2;
        }
    } else if (!recommendations.empty() || !addendum.empty() || preliminary || critical) {
        std::fprintf(stderr,
                     "--recommendations, --addendum, --preliminary and --critical need --report\n");
        return 2;
    }
    if (mode() != Mode::Interactive && password.empty()) {
        std::fprintf(stderr, "--password (or COUNTYREAD_PASSWORD) is required with --%s\n",
                     mode() == Mode::Report ? "report" : "screenshot");
        return 2;
    }
    return std::nullopt;
}

}  // namespace countyread::viewer
