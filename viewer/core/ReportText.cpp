#include "viewer/core/ReportText.h"

#include <cctype>
#include <sstream>
#include <vector>

namespace countyread::viewer {
namespace {

bool blank(const std::string& line) {
    for (unsigned char c : line) {
        if (!std::isspace(c)) return false;
    }
    return true;
}

std::string join(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
    while (from < to && blank(lines[from])) ++from;
    while (to > from && blank(lines[to - 1])) --to;
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
        if (i > from) out += '\n';
        out += lines[i];
    }
    return out;
}

}  // namespace

ReportText ReportText::parse(const std::string& input) {
    std::string text = input;
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    std::size_t first = 0;
    while (first < lines.size() && blank(lines[first])) ++first;
    std::size_t separator = lines.size();
    for (std::size_t i = first; i < lines.size(); ++i) {
        if (blank(lines[i])) {
            separator = i;
            break;
        }
    }
    ReportText out;
    out.findings = join(lines, first, separator);
    if (separator < lines.size()) out.impression = join(lines, separator + 1, lines.size());
    return out;
}

}  // namespace countyread::viewer
