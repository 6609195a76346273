#include "viewer/core/ReportTemplate.h"

#include <algorithm>
#include <cctype>

namespace countyread::viewer {
namespace {

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

bool names(const std::vector<std::string>& list, const std::string& value) {
    return std::any_of(list.begin(), list.end(),
                       [&](const std::string& v) { return upper(v) == value; });
}

// -1: not for this study.
int score(const ReportTemplate& t, const std::string& modality, const std::string& body_part) {
    int s = 0;
    if (modality.empty()) {
        // unknown modality: every template is a candidate, the body part decides
    } else if (t.modalities.empty()) {
        s += 1;
    } else if (names(t.modalities, modality)) {
        s += 10;
    } else {
        return -1;
    }
    if (!body_part.empty()) {
        if (t.body_parts.empty())
            s += 1;
        else if (names(t.body_parts, body_part))
            s += 2;
    }
    return s;
}

}  // namespace

int bestTemplate(const std::vector<ReportTemplate>& templates, const std::string& modality,
                 const std::string& body_part) {
    const std::string m = upper(modality), b = upper(body_part);
    int best = -1, best_score = -1;
    for (int i = 0; i < static_cast<int>(templates.size()); ++i) {
        const int s = score(templates[i], m, b);
        if (s > best_score) {
            best = i;
            best_score = s;
        }
    }
    return best;
}

}  // namespace countyread::viewer
