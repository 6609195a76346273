#pragma once
// Report templates per modality and body part (findings / impression / recommendations and
// editable phrases) for the workstation's report editor, served by GET /api/v1/report-templates.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace countyread::server {

extern const char* const kBuiltinReportTemplates;  // JSON

struct ReportTemplate {
    std::string id;
    std::string name;
    std::vector<std::string> modalities;  // upper case, e.g. "DX", "CT"
    std::vector<std::string> body_parts;  // DICOM Body Part Examined values; empty = any
    std::string findings, impression, recommendations;
    std::vector<std::string> phrases;
};

struct TemplateError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class ReportTemplates {
public:
    // load(): the built-in set, or the county's own file when `file` is not empty. Throws TemplateError
    // with the reason for unreadable or malformed JSON (missing id/name, duplicate ids).
    static ReportTemplates load(const std::filesystem::path& file = {});
    static ReportTemplates fromJson(const std::string& json);

    const std::vector<ReportTemplate>& all() const { return templates_; }
    // The templates for a study: those naming the modality and the body part first, then those
    // for the modality with any body part; nothing for other modalities.
    std::vector<ReportTemplate> forStudy(const std::string& modality, const std::string& body_part) const;

private:
    ReportTemplates() = default;
    std::vector<ReportTemplate> templates_;
};

}  // namespace countyread::server
