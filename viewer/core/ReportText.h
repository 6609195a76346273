#pragma once
// The text of a report as typed by the radiologist: findings (检查所见), impression (诊断意见).
#include <string>

namespace countyread::viewer {

struct ReportText {
    std::string findings;
    std::string impression;

    // File format for --report: UTF-8, findings, one blank line, impression. Lines are kept;
    // a UTF-8 BOM and CR of CRLF line ends are dropped; surrounding blank lines trimmed.
    // Without a blank line the whole text is the findings and the impression is empty.
    static ReportText parse(const std::string& text);
};

}  // namespace countyread::viewer
