#include "viewer/core/PersonName.h"

#include <vector>

namespace countyread::viewer {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out(1);
    for (char c : s) {
        if (c == sep) {
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    return out;
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(' ');
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

std::string joinComponents(const std::string& group, const char* separator) {
    std::string out;
    for (const std::string& part : split(group, '^')) {
        std::string p = trim(part);
        if (p.empty()) continue;
        if (!out.empty()) out += separator;
        out += p;
    }
    return out;
}

}  // namespace

std::string PersonName::display(const std::string& dicom_pn, bool chinese) {
    std::vector<std::string> groups = split(dicom_pn, '=');
    std::string alphabetic = joinComponents(groups[0], " ");
    std::string ideographic = groups.size() > 1 ? joinComponents(groups[1], "") : "";
    // Single-group names written in Chinese characters (the common case in China) are
    // ideographic in spirit: no space between family and given name.
    if (groups.size() == 1 && !alphabetic.empty() &&
        static_cast<unsigned char>(groups[0][0]) >= 0x80) {
        ideographic = joinComponents(groups[0], "");
        alphabetic.clear();
    }
    if (chinese) return ideographic.empty() ? alphabetic : ideographic;
    return alphabetic.empty() ? ideographic : alphabetic;
}

}  // namespace countyread::viewer
