#pragma once
// The report routes of the server's REST API for the report editor, over its own HTTP
// connection for the logged-in user (built from ServerClient's url() and session()):
// templates for a study, key images (KOS), the preliminary awaiting verification, the current
// signed report and the report history. Throws ServerError like ServerClient.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "viewer/core/ReportTemplate.h"
#include "viewer/core/ServerClient.h"
#include "viewer/core/ServerUrl.h"
#include "viewer/core/UserSession.h"

namespace countyread::viewer {

// One signed report object of a study (GET /api/v1/reports/{uid}/history), oldest first.
struct ReportHistoryEntry {
    std::string sop_instance_uid;
    std::string kind;  // preliminary, final, addendum
    std::string author;
    std::string verifier;
    std::string predecessor_sop_instance_uid;
    std::string pdf_sop_instance_uid;
    std::string signed_at;
};

class ReportApi {
public:
    ReportApi(const ServerUrl& url, const UserSession& session);
    ~ReportApi();
    ReportApi(const ReportApi&) = delete;
    ReportApi& operator=(const ReportApi&) = delete;

    // GET /api/v1/report-templates?study=UID: the study's templates, best fitting first.
    std::vector<ReportTemplate> templates(const std::string& study_uid);
    // POST /api/v1/studies/{uid}/key-images (a Key Object Selection) -> its SOP Instance UID.
    std::string postKeyImages(const std::string& study_uid, const Bytes& kos);
    // GET /api/v1/reports/{uid}/preliminary: nothing (404) when none awaits verification.
    std::optional<Bytes> preliminary(const std::string& study_uid);
    // GET /api/v1/reports/{uid}: nothing (404) when the study has no signed report yet.
    std::optional<Bytes> currentReport(const std::string& study_uid);
    // GET /api/v1/reports/{uid}/history.
    std::vector<ReportHistoryEntry> history(const std::string& study_uid);

    // The JSON bodies (ServerError with status 0 when a body is not what the contract says).
    static std::vector<ReportTemplate> parseTemplates(const std::string& body);
    static std::vector<ReportHistoryEntry> parseHistory(const std::string& body);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    ServerUrl url_;
};

}  // namespace countyread::viewer
