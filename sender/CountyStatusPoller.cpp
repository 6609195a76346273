#include "sender/CountyStatusPoller.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <set>

#include "sender/Outbox.h"
#include "sender/ReportInbox.h"

namespace countyread::sender {

using nlohmann::json;

namespace {

std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return {};
    return it->get<std::string>();
}

httplib::Client client(const CountyApiOptions& o) {
    httplib::Client c(o.url);
    c.set_connection_timeout(o.timeout_s, 0);
    c.set_read_timeout(o.timeout_s, 0);
    c.set_write_timeout(o.timeout_s, 0);
    return c;
}

}  // namespace

CountyStatusPoller::CountyStatusPoller(Outbox& outbox, ReportInbox& reports,
                                       CountyApiOptions options)
    : outbox_(outbox), reports_(reports), options_(std::move(options)) {}

CountyStatusPoller::~CountyStatusPoller() { stop(); }

void CountyStatusPoller::start() {
    stop_ = false;
    thread_ = std::thread([this] {
        std::string last_error;
        while (!stop_) {
            std::string error;
            if (!pollOnce(&error) && error != last_error)
                spdlog::warn("county status: {} (retrying every {} s)", error,
                             options_.interval.count());
            else if (error.empty() && !last_error.empty())
                spdlog::info("county status: reachable again");
            last_error = error;
            for (auto waited = std::chrono::milliseconds(0); !stop_ && waited < options_.interval;
                 waited += std::chrono::milliseconds(100))
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
}

void CountyStatusPoller::stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

bool CountyStatusPoller::login(std::string* error) {
    auto c = client(options_);
    json body{{"user", options_.user}, {"password", options_.password}};
    auto res = c.Post("/api/v1/login", body.dump(), "application/json");
    if (!res) {
        if (error) *error = "cannot reach " + options_.url + ": " + httplib::to_string(res.error());
        return false;
    }
    if (res->status != 200) {
        if (error)
            *error = "login as '" + options_.user + "' refused (HTTP " +
                     std::to_string(res->status) + "): check [county.api] user/password";
        return false;
    }
    try {
        token_ = json::parse(res->body).at("token").get<std::string>();
    } catch (const std::exception& e) {
        if (error) *error = std::string("unexpected login answer: ") + e.what();
        return false;
    }
    return true;
}

bool CountyStatusPoller::pollOnce(std::string* error) {
    std::lock_guard lock(mutex_);
    if (token_.empty() && !login(error)) return false;
    auto c = client(options_);
    httplib::Headers auth{{"Authorization", "Bearer " + token_}};
    auto res = c.Get("/api/v1/studies", auth);
    if (res && res->status == 401) {  // the session expired
        token_.clear();
        if (!login(error)) return false;
        auth = {{"Authorization", "Bearer " + token_}};
        res = c.Get("/api/v1/studies", auth);
    }
    if (!res) {
        if (error) *error = "cannot reach " + options_.url + ": " + httplib::to_string(res.error());
        return false;
    }
    if (res->status != 200) {
        if (error) *error = "GET /api/v1/studies answered HTTP " + std::to_string(res->status);
        return false;
    }
    json list;
    try {
        list = json::parse(res->body);
    } catch (const std::exception& e) {
        if (error) *error = std::string("unexpected study list: ") + e.what();
        return false;
    }
    std::set<std::string> ours;
    for (const auto& s : outbox_.studies()) ours.insert(s.study_uid);
    std::set<std::string> need_report;
    for (const auto& uid : outbox_.studiesAwaitingReport()) need_report.insert(uid);
    for (const auto& j : list) {
        CountyStudyUpdate u;
        u.study_uid = str(j, "study_uid");
        if (!ours.count(u.study_uid)) continue;
        u.received_at = str(j, "received_at");
        u.state = str(j, "state");
        u.signed_at = str(j, "signed_at");
        u.signed_by = str(j, "signed_by");
        outbox_.updateCounty(u);
        if (u.signed_at.empty() || !need_report.count(u.study_uid)) continue;
        auto rep = c.Get("/api/v1/reports/" + u.study_uid, auth);
        if (!rep || rep->status != 200) {
            spdlog::warn(
                "report for study {} is signed but could not be fetched ({})", u.study_uid,
                rep ? "HTTP " + std::to_string(rep->status) : httplib::to_string(rep.error()));
            continue;
        }
        dicom::Bytes bytes(rep->body.begin(), rep->body.end());
        if (reports_.accept(bytes, u.study_uid)) ++reports_fetched_;
    }
    return true;
}

}  // namespace countyread::sender
