#pragma once
// Synchronous HTTP client of the CountyRead server's REST API (/api/v1). Every call throws
// ServerError on a transport failure (status 0) or a 4xx/5xx answer (the server's message).
#include <memory>
#include <string>
#include <vector>

#include "viewer/core/InstanceRow.h"
#include "viewer/core/ServerUrl.h"
#include "viewer/core/StudyRow.h"
#include "viewer/core/UserSession.h"

namespace countyread::viewer {

using Bytes = std::vector<unsigned char>;

class ServerClient {
public:
    explicit ServerClient(const ServerUrl& url);
    // A second connection for the same logged-in user (e.g. a background loading thread).
    ServerClient(const ServerUrl& url, const UserSession& session);
    ~ServerClient();
    ServerClient(const ServerClient&) = delete;
    ServerClient& operator=(const ServerClient&) = delete;

    // Logs in and keeps the token for the following calls.
    const UserSession& login(const std::string& user, const std::string& password);
    const UserSession& session() const { return session_; }
    const ServerUrl& url() const { return url_; }

    std::vector<StudyRow> studies();
    std::vector<InstanceRow> instances(const std::string& study_uid);
    // GET /api/v1/studies/{uid}/priors: the patient's other studies from the same township,
    // newest first (rows like studies()).
    std::vector<StudyRow> priors(const std::string& study_uid);
    Bytes instance(const std::string& sop_instance_uid);  // Part 10 bytes
    void openStudy(const std::string& study_uid);         // state -> in_reading
    std::string myCertificate();                          // PEM text

    struct ReportAnswer {
        int status = 0;
        std::string body;  // raw reply, for display
        std::string sop_instance_uid;
        std::string state;
    };
    // POSTs a signed SR; 201 returns the answer, anything else throws ServerError.
    ReportAnswer postReport(const std::string& study_uid, const Bytes& signed_sr);
    Bytes report(const std::string& study_uid);

    // POST /api/v1/studies/{uid}/presentation-states (application/dicom, a GSPS) -> 201
    // {"sop_instance_uid"}; returns that UID. Throws ServerError (404/405: the server does not
    // take presentation states yet).
    std::string postPresentationState(const std::string& study_uid, const Bytes& gsps);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    ServerUrl url_;
    UserSession session_;
};

}  // namespace countyread::viewer
