#pragma once
// Shared pieces of the HTTP API's route files: JSON answers, the bearer-token wrapper, and the
// study access check every study route starts with.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dicom/archive/Archive.h"
#include "server/SessionManager.h"
#include "worklist/WorklistStore.h"

namespace countyread::server {

void sendError(httplib::Response& res, int status, const std::string& message);
void sendJson(httplib::Response& res, const nlohmann::json& body, int status = 200);

using AuthedHandler = std::function<void(const Session&, const httplib::Request&, httplib::Response&)>;
// Wraps a handler that needs an authenticated session (401 with a message otherwise).
httplib::Server::Handler authed(SessionManager& sessions, AuthedHandler handler);

// Which studies a session may read: maySee() on the reading item, plus the priors rule (a
// radiologist reading a study may open that patient's other studies from the same township).
class StudyAccess {
public:
    StudyAccess(dicom::Archive& archive, worklist::WorklistStore& items) : archive_(archive), items_(items) {}
    // Other studies of the same patient from the same township (same ID and name), newest first.
    std::vector<dicom::StudyRecord> priorsOf(const dicom::StudyRecord& study);
    bool mayRead(const Session& s, const dicom::StudyRecord& study);
    // Resolves a study UID for a route: 404 / 403 answered (nullopt) when not found / not allowed.
    std::optional<dicom::StudyRecord> visible(const Session& s, const std::string& uid, httplib::Response& res);

private:
    dicom::Archive& archive_;
    worklist::WorklistStore& items_;
};

}  // namespace countyread::server
