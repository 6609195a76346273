#pragma once
// The report as written in the editor: findings (检查所见), impression (诊断意见),
// recommendations (建议), and which step of the report's life signing it is: a report, a
// preliminary (报告医生, two-level), the verified final of a preliminary (审核医生) or an
// addendum (补充/更正) to the current report. Key images go out as a Key Object Selection.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dicom/sr/ReportSr.h"
#include "viewer/core/InstanceRow.h"

namespace countyread::viewer {

enum class ReportKind {
    Report,       // single-level: the author verifies it
    Preliminary,  // two-level: complete, UNVERIFIED, goes to a verifying radiologist
    Verified,     // the verifier's final of a preliminary: author kept, user = verifying observer
    Addendum,     // a correction naming the current report
};

struct ReportText {
    ReportText() = default;
    ReportText(std::string findings_text, std::string impression_text,
               std::string recommendations_text = {})
        : findings(std::move(findings_text)),
          impression(std::move(impression_text)),
          recommendations(std::move(recommendations_text)) {}

    std::string findings;
    std::string impression;
    std::string recommendations;

    ReportKind kind = ReportKind::Report;
    // Verified: the preliminary's author (报告医生), who stays the observer of the final.
    std::optional<dicom::ReportAuthor> author;
    // Verified: the preliminary; Addendum: the current report.
    std::optional<dicom::DocumentRef> predecessor;
    std::string addendum;                 // Addendum: what the correction changes (required)
    std::vector<InstanceRow> key_images;  // posted as a KOS before the report is signed

    // File format for --report: UTF-8, findings, one blank line, impression. Lines are kept;
    // a UTF-8 BOM and CR of CRLF line ends are dropped; surrounding blank lines trimmed.
    // Without a blank line the whole text is the findings and the impression is empty.
    static ReportText parse(const std::string& text);
};

}  // namespace countyread::viewer
