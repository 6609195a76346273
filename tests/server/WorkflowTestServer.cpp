#include "tests/server/WorkflowTestServer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "dicom/model/Uid.h"
#include "dicom/net/StoreClient.h"
#include "server/Config.h"
#include "worklist/PasswordHasher.h"

namespace countyread::test {

using nlohmann::json;

WorkflowTestServer::WorkflowTestServer(const std::string& workflow_toml) : tmp("countyread-workflow") {
    dicom_port = freePort();
    http_port = freePort();
    auto hash = worklist::hashPassword("secret");
    std::ofstream cfg(tmp / "county.toml");
    cfg << R"([server]
aet = "COUNTY"
[workflow]
quiet_seconds = 1
escalation_seconds = 1
lock_minutes = 15
)" << workflow_toml << R"(
[metrics]
token = ")" << kMetricsToken << R"("
[[township]]
id = "wenan"
name = "问安镇卫生院"
aet = "WENAN"
port = 1
[[township]]
id = "dazhuang"
name = "大庄镇卫生院"
aet = "DAZHUANG"
port = 1
[[township]]
id = "xinzhuang"
name = "辛庄镇卫生院"
aet = "XINZHUANG"
port = 1
priority = "emergency"
[[priority_rule]]
aet = "DAZHUANG"
priority = "urgent"
[[radiologist]]
id = "li"
name = "李明"
modalities = ["CT", "DX", "CR"]
townships = ["wenan", "dazhuang", "xinzhuang"]
[[radiologist]]
id = "chen"
name = "陈静"
modalities = ["CT"]
townships = ["far"]
[[radiologist]]
id = "zhao"
name = "赵磊"
modalities = ["CR"]
townships = ["wenan"]
[[radiologist]]
id = "wang"
name = "王强"
modalities = ["MR"]
shifts = [{ days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start = "00:00", end = "00:00" }]
)";
    for (const char* r : {"li", "chen", "zhao", "wang"})
        cfg << "[[user]]\nid = \"" << r << "\"\nrole = \"radiologist\"\npassword_hash = \"" << hash << "\"\n";
    for (const char* t : {"wenan", "dazhuang", "xinzhuang"})
        cfg << "[[user]]\nid = \"" << t << "\"\nrole = \"township\"\ntownship = \"" << t << "\"\npassword_hash = \""
            << hash << "\"\n";
    cfg << "[[user]]\nid = \"admin\"\nrole = \"admin\"\npassword_hash = \"" << hash << "\"\n";
    cfg.close();
    server::ServerOptions options;
    options.data_dir = tmp / "data";
    options.config = server::loadConfig(tmp / "county.toml");
    options.config.dicom_port = dicom_port;
    options.config.http_port = http_port;
    app = std::make_unique<server::ServerApp>(options);
    app->start();
    http = std::make_unique<httplib::Client>("127.0.0.1", http_port);
    admin_token = login("admin");
}

WorkflowTestServer::~WorkflowTestServer() {
    if (app) app->stop();
}

std::string WorkflowTestServer::login(const std::string& user) {
    auto res = http->Post("/api/v1/login", json{{"user", user}, {"password", "secret"}}.dump(), "application/json");
    EXPECT_TRUE(res && res->status == 200) << user;
    return res && res->status == 200 ? json::parse(res->body)["token"].get<std::string>() : "";
}

std::string WorkflowTestServer::sendStudy(const std::string& ae, int n, FixtureSpec spec) {
    spec.charset = "GB18030";
    if (spec.study_uid.empty()) spec.study_uid = dicom::newUid();
    std::vector<std::filesystem::path> files;
    for (int i = 1; i <= n; ++i) {
        spec.sop_uid = "";
        spec.instance_number = i;
        files.push_back(tmp / (dicom::newUid() + ".dcm"));
        writeFixture(files.back(), spec);
    }
    auto out = dicom::StoreClient({"127.0.0.1", dicom_port, ae, "COUNTY", 10}).send(files);
    for (auto& o : out) EXPECT_TRUE(o.ok) << o.message;
    return spec.study_uid;
}

json WorkflowTestServer::item(const std::string& uid) {
    auto res = http->Get("/api/v1/worklist/" + uid, auth(admin_token));
    if (!res || res->status != 200) return json();
    return json::parse(res->body);
}

json WorkflowTestServer::waitForItem(const std::string& uid, const std::function<bool(const json&)>& pred,
                                     std::chrono::milliseconds timeout) {
    auto until = std::chrono::steady_clock::now() + timeout;
    json last;
    while (std::chrono::steady_clock::now() < until) {
        last = item(uid);
        if (!last.is_null() && pred(last)) return last;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "condition not reached for " << uid << ": " << last.dump();
    return last;
}

json WorkflowTestServer::getJson(const std::string& path, const std::string& token, int expected_status) {
    auto res = http->Get(path, auth(token));
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, expected_status) << path << ": " << res->body;
    return json::parse(res->body, nullptr, false);
}

httplib::Result WorkflowTestServer::post(const std::string& path, const std::string& token, const json& body) {
    return http->Post(path, auth(token), body.is_null() ? "" : body.dump(), "application/json");
}

}  // namespace countyread::test
