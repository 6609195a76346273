#pragma once
// The county server in-process with a reading-workflow configuration (quiet time 1 s, four
// townships, four radiologists, priority rules, a metrics token), driven through real DICOM and
// HTTP. Shared by the worklist API tests and the dashboard browser test.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "server/ServerApp.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

namespace countyread::test {

class WorkflowTestServer {
public:
    // extra_toml is appended to the configuration (e.g. [workflow.turnaround_minutes]).
    explicit WorkflowTestServer(const std::string& workflow_toml = "");
    ~WorkflowTestServer();

    std::string login(const std::string& user);
    httplib::Headers auth(const std::string& token) const { return {{"Authorization", "Bearer " + token}}; }
    // Sends one study of `n` instances from `ae`; returns its UID (spec.study_uid when set).
    std::string sendStudy(const std::string& ae, int n = 2, FixtureSpec spec = {});
    // Polls until pred(GET /api/v1/worklist/{uid} as admin) holds; returns the last item.
    nlohmann::json waitForItem(const std::string& uid, const std::function<bool(const nlohmann::json&)>& pred,
                               std::chrono::milliseconds timeout = std::chrono::seconds(10));
    nlohmann::json item(const std::string& uid);
    nlohmann::json getJson(const std::string& path, const std::string& token, int expected_status = 200);
    httplib::Result post(const std::string& path, const std::string& token, const nlohmann::json& body = {});

    TempDir tmp;
    int dicom_port = 0, http_port = 0;
    std::unique_ptr<server::ServerApp> app;
    std::unique_ptr<httplib::Client> http;
    std::string admin_token;
    static constexpr const char* kMetricsToken = "prom-secret-token";
};

}  // namespace countyread::test
