#include "viewer/core/ServerClient.h"

#include <httplib.h>

#include "viewer/core/ApiJson.h"
#include "viewer/core/HttpReply.h"
#include "viewer/core/ServerError.h"

namespace countyread::viewer {

struct ServerClient::Impl {
    explicit Impl(const ServerUrl& url) : http(url.origin()) {
        http.set_connection_timeout(10, 0);
        http.set_read_timeout(120, 0);
        http.set_write_timeout(120, 0);
        http.set_keep_alive(true);
    }
    httplib::Client http;
};

namespace {

Bytes toBytes(const std::string& s) { return Bytes(s.begin(), s.end()); }

}  // namespace

ServerClient::ServerClient(const ServerUrl& url) : impl_(std::make_unique<Impl>(url)), url_(url) {}
ServerClient::ServerClient(const ServerUrl& url, const UserSession& session) : ServerClient(url) {
    session_ = session;
    if (!session_.token.empty()) impl_->http.set_bearer_token_auth(session_.token.c_str());
}

ServerClient::~ServerClient() = default;

const UserSession& ServerClient::login(const std::string& user, const std::string& password) {
    auto res = impl_->http.Post(url_.path("/api/v1/login"), api::loginRequest(user, password),
                                "application/json");
    session_ = api::parseLogin(expectOk(res, "login").body);
    impl_->http.set_bearer_token_auth(session_.token.c_str());
    return session_;
}

std::vector<StudyRow> ServerClient::studies() {
    auto res = impl_->http.Get(url_.path("/api/v1/studies"));
    return api::parseStudies(expectOk(res, "studies").body);
}

std::vector<InstanceRow> ServerClient::instances(const std::string& study_uid) {
    auto res = impl_->http.Get(
        url_.path("/api/v1/studies/" + encodePathSegment(study_uid) + "/instances"));
    return api::parseInstances(expectOk(res, "instances").body);
}

std::vector<StudyRow> ServerClient::priors(const std::string& study_uid) {
    auto res =
        impl_->http.Get(url_.path("/api/v1/studies/" + encodePathSegment(study_uid) + "/priors"));
    return api::parseStudies(expectOk(res, "priors").body);
}

Bytes ServerClient::instance(const std::string& sop_instance_uid) {
    auto res =
        impl_->http.Get(url_.path("/api/v1/instances/" + encodePathSegment(sop_instance_uid)),
                        {{"Accept", "application/dicom"}});
    return toBytes(expectOk(res, "instance").body);
}

void ServerClient::openStudy(const std::string& study_uid) {
    auto res =
        impl_->http.Post(url_.path("/api/v1/studies/" + encodePathSegment(study_uid) + "/open"), "",
                         "application/json");
    expectOk(res, "open study");
}

std::string ServerClient::myCertificate() {
    auto res = impl_->http.Get(url_.path("/api/v1/me/certificate"));
    return expectOk(res, "certificate").body;
}

ServerClient::ReportAnswer ServerClient::postReport(const std::string& study_uid,
                                                    const Bytes& signed_sr) {
    std::string body(signed_sr.begin(), signed_sr.end());
    auto res = impl_->http.Post(url_.path("/api/v1/reports/" + encodePathSegment(study_uid)), body,
                                "application/dicom");
    const httplib::Response& ok = expectOk(res, "report");
    ReportAnswer answer;
    answer.status = ok.status;
    answer.body = ok.body;
    try {
        auto reply = api::parseReportReply(ok.body);
        answer.sop_instance_uid = reply.sop_instance_uid;
        answer.state = reply.state;
    } catch (const ServerError&) {
        // a 2xx without JSON still means the report was stored; keep the raw body
    }
    return answer;
}

Bytes ServerClient::report(const std::string& study_uid) {
    auto res = impl_->http.Get(url_.path("/api/v1/reports/" + encodePathSegment(study_uid)),
                               {{"Accept", "application/dicom"}});
    return toBytes(expectOk(res, "report").body);
}

}  // namespace countyread::viewer

namespace countyread::viewer {

std::string ServerClient::postPresentationState(const std::string& study_uid, const Bytes& gsps) {
    std::string body(gsps.begin(), gsps.end());
    auto res = impl_->http.Post(
        url_.path("/api/v1/studies/" + encodePathSegment(study_uid) + "/presentation-states"), body,
        "application/dicom");
    const httplib::Response& ok = expectOk(res, "presentation state");
    return api::parseStoredInstance(ok.body);
}

}  // namespace countyread::viewer
