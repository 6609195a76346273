#include "viewer/core/ReportApi.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "viewer/core/ApiJson.h"
#include "viewer/core/HttpReply.h"
#include "viewer/core/ServerError.h"

namespace countyread::viewer {

using nlohmann::json;

struct ReportApi::Impl {
    Impl(const ServerUrl& url, const UserSession& session) : http(url.origin()) {
        http.set_connection_timeout(10, 0);
        http.set_read_timeout(60, 0);
        http.set_write_timeout(60, 0);
        http.set_keep_alive(true);
        if (!session.token.empty()) http.set_bearer_token_auth(session.token.c_str());
    }
    httplib::Client http;
};

namespace {

// 404 -> nothing; other failures throw.
std::optional<Bytes> optionalDicom(const httplib::Result& res, const std::string& what) {
    if (res && res->status == 404) return std::nullopt;
    const httplib::Response& r = expectOk(res, what);
    return Bytes(r.body.begin(), r.body.end());
}

json parseJson(const std::string& body, const std::string& what) {
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) throw ServerError(0, "the server's " + what + " reply is not JSON");
    return j;
}

std::string text(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> texts(const json& j, const char* key) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

}  // namespace

ReportApi::ReportApi(const ServerUrl& url, const UserSession& session)
    : impl_(std::make_unique<Impl>(url, session)), url_(url) {}

ReportApi::~ReportApi() = default;

std::vector<ReportTemplate> ReportApi::parseTemplates(const std::string& body) {
    json j = parseJson(body, "report templates");
    if (!j.is_array()) throw ServerError(0, "the report templates are not a JSON list");
    std::vector<ReportTemplate> out;
    for (const auto& t : j) {
        if (!t.is_object()) continue;
        ReportTemplate r;
        r.id = text(t, "id");
        r.name = text(t, "name");
        r.modalities = texts(t, "modalities");
        r.body_parts = texts(t, "body_parts");
        r.findings = text(t, "findings");
        r.impression = text(t, "impression");
        r.recommendations = text(t, "recommendations");
        r.phrases = texts(t, "phrases");
        if (r.name.empty()) r.name = r.id;
        if (!r.name.empty()) out.push_back(std::move(r));
    }
    return out;
}

std::vector<ReportHistoryEntry> ReportApi::parseHistory(const std::string& body) {
    json j = parseJson(body, "report history");
    if (!j.is_array()) throw ServerError(0, "the report history is not a JSON list");
    std::vector<ReportHistoryEntry> out;
    for (const auto& e : j) {
        if (!e.is_object()) continue;
        out.push_back({text(e, "sop_instance_uid"), text(e, "kind"), text(e, "author"),
                       text(e, "verifier"), text(e, "predecessor_sop_instance_uid"),
                       text(e, "pdf_sop_instance_uid"), text(e, "signed_at")});
    }
    return out;
}

std::vector<ReportTemplate> ReportApi::templates(const std::string& study_uid) {
    httplib::Params params{{"study", study_uid}};
    auto res = impl_->http.Get(url_.path("/api/v1/report-templates"), params, httplib::Headers{});
    return parseTemplates(expectOk(res, "report templates").body);
}

std::string ReportApi::postKeyImages(const std::string& study_uid, const Bytes& kos) {
    std::string body(kos.begin(), kos.end());
    auto res = impl_->http.Post(
        url_.path("/api/v1/studies/" + encodePathSegment(study_uid) + "/key-images"), body,
        "application/dicom");
    return api::parseStoredInstance(expectOk(res, "key images").body);
}

std::optional<Bytes> ReportApi::preliminary(const std::string& study_uid) {
    auto res = impl_->http.Get(
        url_.path("/api/v1/reports/" + encodePathSegment(study_uid) + "/preliminary"),
        {{"Accept", "application/dicom"}});
    return optionalDicom(res, "preliminary report");
}

std::optional<Bytes> ReportApi::currentReport(const std::string& study_uid) {
    auto res = impl_->http.Get(url_.path("/api/v1/reports/" + encodePathSegment(study_uid)),
                               {{"Accept", "application/dicom"}});
    return optionalDicom(res, "report");
}

std::vector<ReportHistoryEntry> ReportApi::history(const std::string& study_uid) {
    auto res =
        impl_->http.Get(url_.path("/api/v1/reports/" + encodePathSegment(study_uid) + "/history"));
    return parseHistory(expectOk(res, "report history").body);
}

}  // namespace countyread::viewer
