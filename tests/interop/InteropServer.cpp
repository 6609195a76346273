#include "tests/interop/InteropServer.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "worklist/PasswordHasher.h"

namespace countyread::test {

InteropServer::InteropServer(const TempDir& dir, const std::vector<PeerTownship>& townships)
    : dicom_port_(freePort()), http_port_(freePort()) {
    std::ofstream cfg(dir / "county.toml");
    cfg << "[server]\naet = \"COUNTY\"\n";
    for (const auto& t : townships)
        cfg << "[[township]]\nid = \"" << t.id << "\"\naet = \"" << t.aet << "\"\nhost = \"127.0.0.1\"\nport = "
            << t.port << "\n";
    cfg << "[[user]]\nid = \"admin\"\nrole = \"admin\"\npassword_hash = \""
        << worklist::hashPassword("secret") << "\"\n";
    cfg.close();
    process_ = std::make_unique<Process>(
        std::vector<std::string>{binPath("countyread-server").string(), "--data", (dir / "data").string(),
                                 "--dicom-port", std::to_string(dicom_port_), "--http-port",
                                 std::to_string(http_port_), "--config", (dir / "county.toml").string()},
        dir / "server.log");
    if (!process_->waitForOutput("ready", std::chrono::seconds(30)))
        throw std::runtime_error("countyread-server did not start: " + process_->output());
}

std::string InteropServer::adminToken() {
    if (!token_.empty()) return token_;
    httplib::Client c("127.0.0.1", http_port_);
    auto res = c.Post("/api/v1/login", R"({"user":"admin","password":"secret"})", "application/json");
    if (res && res->status == 200) token_ = nlohmann::json::parse(res->body)["token"];
    return token_;
}

std::pair<int, std::string> InteropServer::get(const std::string& path) {
    httplib::Client c("127.0.0.1", http_port_);
    auto res = c.Get(path.c_str(), {{"Authorization", "Bearer " + adminToken()}});
    if (!res) return {0, ""};
    return {res->status, res->body};
}

}  // namespace countyread::test
