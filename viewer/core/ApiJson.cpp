#include "viewer/core/ApiJson.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "viewer/core/ServerError.h"

namespace countyread::viewer::api {
namespace {

using nlohmann::json;

json parse(const std::string& body, const char* what) {
    json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) throw ServerError(0, std::string("server sent invalid JSON for ") + what);
    return j;
}

// Tolerant field readers: a missing or null field gives the default; numbers become text.
std::string str(const json& o, const char* key) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    if (it->is_number()) return it->dump();
    if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
    return {};
}

int integer(const json& o, const char* key) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) return 0;
    if (it->is_number()) return it->get<int>();
    if (it->is_string()) {
        try {
            return std::stoi(it->get<std::string>());
        } catch (...) {
            return 0;
        }
    }
    return 0;
}

const json& array(const json& j, const char* what) {
    if (!j.is_array()) throw ServerError(0, std::string("server sent no list of ") + what);
    return j;
}

}  // namespace

std::string loginRequest(const std::string& user, const std::string& password) {
    return json{{"user", user}, {"password", password}}.dump();
}

UserSession parseLogin(const std::string& body) {
    json j = parse(body, "login");
    if (!j.is_object()) throw ServerError(0, "server sent an unexpected login reply");
    UserSession s;
    s.token = str(j, "token");
    if (s.token.empty()) throw ServerError(0, "server sent no token");
    if (auto it = j.find("user"); it != j.end() && it->is_object()) {
        s.user_id = str(*it, "id");
        s.name = str(*it, "name");
        s.role = str(*it, "role");
        s.organization = str(*it, "organization");
    }
    return s;
}

std::vector<StudyRow> parseStudies(const std::string& body) {
    json j = parse(body, "studies");
    std::vector<StudyRow> rows;
    for (const json& o : array(j, "studies")) {
        if (!o.is_object()) continue;
        StudyRow r;
        r.study_uid = str(o, "study_uid");
        r.patient_name = str(o, "patient_name");
        r.patient_id = str(o, "patient_id");
        r.patient_sex = str(o, "patient_sex");
        r.patient_birth_date = str(o, "patient_birth_date");
        r.study_date = str(o, "study_date");
        r.study_time = str(o, "study_time");
        r.study_description = str(o, "study_description");
        r.modality = str(o, "modality");
        r.township = str(o, "township");
        r.township_name = str(o, "township_name");
        r.state = str(o, "state");
        r.assigned_to = str(o, "assigned_to");
        r.received_at = str(o, "received_at");
        r.instances = integer(o, "instances");
        r.priority = str(o, "priority");
        if (!r.study_uid.empty()) rows.push_back(std::move(r));
    }
    return rows;
}

std::vector<InstanceRow> parseInstances(const std::string& body) {
    json j = parse(body, "instances");
    std::vector<InstanceRow> rows;
    for (const json& o : array(j, "instances")) {
        if (!o.is_object()) continue;
        InstanceRow r;
        r.sop_instance_uid = str(o, "sop_instance_uid");
        r.sop_class_uid = str(o, "sop_class_uid");
        r.series_uid = str(o, "series_uid");
        r.series_number = integer(o, "series_number");
        r.series_description = str(o, "series_description");
        r.instance_number = integer(o, "instance_number");
        r.modality = str(o, "modality");
        r.rows = integer(o, "rows");
        r.columns = integer(o, "columns");
        if (!r.sop_instance_uid.empty()) rows.push_back(std::move(r));
    }
    return rows;
}

std::string errorMessage(const std::string& body) {
    json j = json::parse(body, nullptr, false);
    if (!j.is_discarded() && j.is_object()) {
        std::string m = str(j, "error");
        if (!m.empty()) return m;
    }
    std::string text = body.substr(0, 300);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

ReportReply parseReportReply(const std::string& body) {
    json j = parse(body, "report");
    ReportReply r;
    if (j.is_object()) {
        r.sop_instance_uid = str(j, "sop_instance_uid");
        r.state = str(j, "state");
    }
    return r;
}

std::string parseStoredInstance(const std::string& body) {
    json j = parse(body, "stored instance");
    return j.is_object() ? str(j, "sop_instance_uid") : std::string();
}

}  // namespace countyread::viewer::api
