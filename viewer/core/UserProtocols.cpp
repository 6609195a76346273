#include "viewer/core/UserProtocols.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace countyread::viewer {
namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool radiography(const std::string& modality) {
    return modality == "DX" || modality == "CR" || modality == "DR";
}

}  // namespace

std::filesystem::path UserProtocols::defaultPath() {
    std::filesystem::path config;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
        config = xdg;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        config = std::filesystem::path(home) / ".config";
    } else {
        config = ".";
    }
    return config / "countyread" / "hanging-protocols.json";
}

std::vector<HangingProtocol> UserProtocols::load(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return {};
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return HangingProtocolEngine::fromJson(text.str());
}

void UserProtocols::save(const std::filesystem::path& file, const HangingProtocol& protocol) {
    std::vector<HangingProtocol> all = load(file);
    all.erase(std::remove_if(all.begin(), all.end(),
                             [&](const HangingProtocol& p) { return p.id == protocol.id; }),
              all.end());
    all.insert(all.begin(), protocol);
    all.front().user_defined = true;
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    const std::filesystem::path temporary = file.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << HangingProtocolEngine::toJson(all);
        if (!out) throw std::runtime_error("cannot write " + temporary.string());
    }
    std::filesystem::rename(temporary, file, ec);
    if (ec) throw std::runtime_error("cannot write " + file.string() + ": " + ec.message());
}

HangingProtocol UserProtocols::forStudy(const StudyFacts& study, bool have_prior, int rows,
                                        int columns, std::vector<ViewportSpec> viewports) {
    HangingProtocol p;
    const std::string modality = study.modality.empty() ? "OT" : study.modality;
    p.modalities = radiography(modality) ? std::vector<std::string>{"DX", "CR", "DR"}
                                         : std::vector<std::string>{modality};
    p.id = "user-" + lower(radiography(modality) ? std::string("dr") : modality);
    if (!study.body_part.empty()) {
        p.keywords = {study.body_part};
        p.id += "-" + lower(study.body_part);
    }
    p.needs_prior = have_prior || std::any_of(viewports.begin(), viewports.end(), [](const ViewportSpec& v) {
        return v.source == ViewportSpec::Source::Prior;
    });
    if (p.needs_prior) p.id += "-prior";
    p.name_zh = "我的布局 " + modality + (study.body_part.empty() ? "" : " " + study.body_part);
    p.name_en = "My layout " + modality + (study.body_part.empty() ? "" : " " + study.body_part);
    p.rows = rows;
    p.columns = columns;
    p.viewports = std::move(viewports);
    p.viewports.resize(static_cast<std::size_t>(rows * columns));
    p.user_defined = true;
    return p;
}

}  // namespace countyread::viewer
