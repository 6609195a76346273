#include "server/ReportTemplates.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace countyread::server {

namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::vector<std::string> strings(const nlohmann::json& j, const char* key, bool to_upper) {
    std::vector<std::string> out;
    if (!j.contains(key)) return out;
    if (!j[key].is_array()) throw TemplateError(std::string("'") + key + "' must be a list of strings");
    for (const auto& v : j[key]) {
        if (!v.is_string()) throw TemplateError(std::string("'") + key + "' must be a list of strings");
        out.push_back(to_upper ? upper(v.get<std::string>()) : v.get<std::string>());
    }
    return out;
}

}  // namespace

ReportTemplates ReportTemplates::fromJson(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("templates") || !j["templates"].is_array())
        throw TemplateError("report templates: expected {\"templates\": [...]} (valid JSON, UTF-8)");
    ReportTemplates out;
    std::set<std::string> ids;
    for (const auto& t : j["templates"]) {
        if (!t.is_object() || !t.value("id", nlohmann::json()).is_string() || !t.value("name", nlohmann::json()).is_string())
            throw TemplateError("report templates: every template needs a string 'id' and 'name'");
        ReportTemplate r;
        r.id = t["id"];
        r.name = t["name"];
        if (!ids.insert(r.id).second) throw TemplateError("report templates: duplicate id '" + r.id + "'");
        try {
            r.modalities = strings(t, "modalities", true);
            r.body_parts = strings(t, "body_parts", true);
            r.phrases = strings(t, "phrases", false);
        } catch (const TemplateError& e) {
            throw TemplateError("report template '" + r.id + "': " + e.what());
        }
        if (r.modalities.empty()) throw TemplateError("report template '" + r.id + "': no modalities");
        r.findings = t.value("findings", "");
        r.impression = t.value("impression", "");
        r.recommendations = t.value("recommendations", "");
        out.templates_.push_back(std::move(r));
    }
    return out;
}

ReportTemplates ReportTemplates::load(const std::filesystem::path& file) {
    if (file.empty()) return fromJson(kBuiltinReportTemplates);
    std::ifstream in(file, std::ios::binary);
    if (!in) throw TemplateError("cannot read report templates " + file.string());
    std::stringstream buf;
    buf << in.rdbuf();
    try {
        return fromJson(buf.str());
    } catch (const TemplateError& e) {
        throw TemplateError(file.string() + ": " + e.what());
    }
}

std::vector<ReportTemplate> ReportTemplates::forStudy(const std::string& modality, const std::string& body_part) const {
    const auto m = upper(modality), b = upper(body_part);
    std::vector<ReportTemplate> exact, any_part, other_parts;
    for (const auto& t : templates_) {
        if (std::find(t.modalities.begin(), t.modalities.end(), m) == t.modalities.end()) continue;
        if (t.body_parts.empty()) any_part.push_back(t);
        else if (!b.empty() && std::find(t.body_parts.begin(), t.body_parts.end(), b) != t.body_parts.end())
            exact.push_back(t);
        else
            other_parts.push_back(t);  // the radiologist may still pick it (body part often missing)
    }
    exact.insert(exact.end(), any_part.begin(), any_part.end());
    exact.insert(exact.end(), other_parts.begin(), other_parts.end());
    return exact;
}

}  // namespace countyread::server
