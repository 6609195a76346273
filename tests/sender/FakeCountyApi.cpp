#include "tests/sender/FakeCountyApi.h"

#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>

namespace countyread::test {

using nlohmann::json;

FakeCountyApi::FakeCountyApi(std::string user, std::string password)
    : http_(std::make_unique<httplib::Server>()),
      user_(std::move(user)),
      password_(std::move(password)) {
    auto& srv = *http_;
    srv.Post("/api/v1/login", [this](const httplib::Request& req, httplib::Response& res) {
        auto body = json::parse(req.body, nullptr, false);
        std::lock_guard lock(mutex_);
        if (body.is_discarded() || body.value("user", "") != user_ ||
            body.value("password", "") != password_) {
            res.status = 401;
            res.set_content(R"({"error":"bad credentials"})", "application/json");
            return;
        }
        ++logins_;
        token_ = "token-" + std::to_string(++generation_);
        json out{{"token", token_},
                 {"user", {{"id", user_}, {"name", "问安镇"}, {"role", "township"}}}};
        res.set_content(out.dump(), "application/json");
    });
    auto authorized = [this](const httplib::Request& req) {
        std::lock_guard lock(mutex_);
        return !token_.empty() && req.get_header_value("Authorization") == "Bearer " + token_;
    };
    srv.Get("/api/v1/studies",
            [this, authorized](const httplib::Request& req, httplib::Response& res) {
                if (!authorized(req)) {
                    res.status = 401;
                    res.set_content(R"({"error":"not logged in"})", "application/json");
                    return;
                }
                std::lock_guard lock(mutex_);
                json out = json::array();
                for (const auto& [uid, s] : studies_)
                    out.push_back({{"study_uid", uid},
                                   {"patient_name", "王芳"},
                                   {"township", "wenan"},
                                   {"state", s.state},
                                   {"priority", "routine"},
                                   {"received_at", s.received_at},
                                   {"signed_at", s.signed_at},
                                   {"signed_by", s.signed_by},
                                   {"instances", 1}});
                res.set_content(out.dump(), "application/json");
            });
    srv.Get(R"(/api/v1/reports/([0-9.]+))",
            [this, authorized](const httplib::Request& req, httplib::Response& res) {
                if (!authorized(req)) {
                    res.status = 401;
                    return;
                }
                std::lock_guard lock(mutex_);
                auto it = studies_.find(req.matches[1].str());
                if (it == studies_.end() || it->second.report.empty()) {
                    res.status = 404;
                    res.set_content(R"({"error":"no report"})", "application/json");
                    return;
                }
                ++report_downloads_;
                res.set_content(std::string(it->second.report.begin(), it->second.report.end()),
                                "application/dicom");
            });
    port_ = srv.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { http_->listen_after_bind(); });
    for (int i = 0; i < 200 && !http_->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

FakeCountyApi::~FakeCountyApi() {
    http_->stop();
    if (thread_.joinable()) thread_.join();
}

std::string FakeCountyApi::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FakeCountyApi::setStudy(const std::string& uid, Study s) {
    std::lock_guard lock(mutex_);
    studies_[uid] = std::move(s);
}

void FakeCountyApi::expireSessions() {
    std::lock_guard lock(mutex_);
    token_ = "expired-" + std::to_string(++generation_);
}

int FakeCountyApi::logins() const {
    std::lock_guard lock(mutex_);
    return logins_;
}

int FakeCountyApi::reportDownloads() const {
    std::lock_guard lock(mutex_);
    return report_downloads_;
}

}  // namespace countyread::test
