#pragma once
// A report template as served by GET /api/v1/report-templates (findings / impression /
// recommendations and editable phrases per modality and body part), and the choice of the one
// that fits a study best.
#include <string>
#include <vector>

namespace countyread::viewer {

struct ReportTemplate {
    std::string id;
    std::string name;
    std::vector<std::string> modalities;  // upper case; empty = any modality
    std::vector<std::string> body_parts;  // DICOM Body Part Examined; empty = any body part
    std::string findings;
    std::string impression;
    std::string recommendations;
    std::vector<std::string> phrases;
};

// Index of the template that fits the study best, -1 when none is for its modality. Naming the
// modality beats fitting any modality; with a known body part, naming it beats fitting any body
// part, which beats naming other parts. An unknown modality leaves every template a candidate.
// Ties keep the list's (the server's) order. Case-blind.
int bestTemplate(const std::vector<ReportTemplate>& templates, const std::string& modality,
                 const std::string& body_part);

}  // namespace countyread::viewer
