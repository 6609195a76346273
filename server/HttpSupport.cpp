#include "server/HttpSupport.h"

#include "server/AccessPolicy.h"

namespace countyread::server {

using nlohmann::json;

void sendError(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(json{{"error", message}}.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void sendJson(httplib::Response& res, const json& body, int status) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

httplib::Server::Handler authed(SessionManager& sessions, AuthedHandler handler) {
    return [&sessions, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        auto header = req.get_header_value("Authorization");
        const std::string prefix = "Bearer ";
        if (header.rfind(prefix, 0) != 0) return sendError(res, 401, "missing bearer token");
        auto session = sessions.authenticate(header.substr(prefix.size()));
        if (!session) return sendError(res, 401, "invalid or expired token");
        handler(*session, req, res);
    };
}

std::vector<dicom::StudyRecord> StudyAccess::priorsOf(const dicom::StudyRecord& study) {
    std::vector<dicom::StudyRecord> out;
    if (study.info.patient_id.empty()) return out;  // no identity to match on
    for (auto& other : archive_.index().studiesOfPatient(study.info.patient_id))
        if (other.info.study_uid != study.info.study_uid && other.source_ae == study.source_ae &&
            other.info.patient_name == study.info.patient_name)
            out.push_back(std::move(other));
    return out;
}

bool StudyAccess::mayRead(const Session& s, const dicom::StudyRecord& study) {
    auto item = items_.find(study.info.study_uid);
    if (maySee(s, item ? &*item : nullptr)) return true;
    if (s.role != "radiologist") return false;
    for (const auto& other : priorsOf(study)) {
        auto other_item = items_.find(other.info.study_uid);
        if (other_item && other_item->assigned_to == s.user_id &&
            (other_item->state == worklist::ReadingState::Assigned ||
             other_item->state == worklist::ReadingState::InReading))
            return true;
    }
    return false;
}

std::optional<dicom::StudyRecord> StudyAccess::visible(const Session& s, const std::string& uid,
                                                       httplib::Response& res) {
    auto study = archive_.index().findStudy(uid);
    if (!study) {
        sendError(res, 404, "no study " + uid);
        return std::nullopt;
    }
    if (!mayRead(s, *study)) {
        sendError(res, 403, "you may not access study " + uid);
        return std::nullopt;
    }
    return study;
}

}  // namespace countyread::server
