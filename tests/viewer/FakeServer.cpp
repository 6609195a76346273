#include "tests/viewer/FakeServer.h"

#include <httplib.h>

#include <algorithm>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "dicom/model/DicomFile.h"
#include "tests/support/TestSupport.h"

namespace countyread::test {
namespace {

using nlohmann::json;

json toJson(const viewer::StudyRow& r) {
    return {{"study_uid", r.study_uid},
            {"patient_name", r.patient_name},
            {"patient_id", r.patient_id},
            {"patient_sex", r.patient_sex},
            {"patient_birth_date", r.patient_birth_date},
            {"study_date", r.study_date},
            {"study_time", r.study_time},
            {"study_description", r.study_description},
            {"modality", r.modality},
            {"township", r.township},
            {"township_name", r.township_name},
            {"state", r.state},
            {"assigned_to", r.assigned_to},
            {"received_at", r.received_at},
            {"instances", r.instances},
            {"priority", r.priority}};
}

json toJson(const viewer::InstanceRow& r) {
    return {{"sop_instance_uid", r.sop_instance_uid},
            {"sop_class_uid", r.sop_class_uid},
            {"series_uid", r.series_uid},
            {"series_number", r.series_number},
            {"series_description", r.series_description},
            {"instance_number", r.instance_number},
            {"modality", r.modality},
            {"rows", r.rows},
            {"columns", r.columns}};
}

void error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(json{{"error", message}}.dump(), "application/json");
}

}  // namespace

FakeServer::FakeServer() : http_(std::make_unique<httplib::Server>()) {
    routes();
    port_ = http_->bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("fake server cannot bind");
    thread_ = std::thread([this] { http_->listen_after_bind(); });
    if (!waitForTcp(port_, std::chrono::seconds(5))) throw std::runtime_error("fake server down");
}

FakeServer::~FakeServer() {
    http_->stop();
    if (thread_.joinable()) thread_.join();
}

std::string FakeServer::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FakeServer::addStudy(const viewer::StudyRow& row) {
    std::lock_guard lock(mutex_);
    studies_.push_back({row, {}});
}

void FakeServer::addInstance(const std::string& study_uid, const viewer::InstanceRow& row,
                             dicom::Bytes bytes) {
    std::lock_guard lock(mutex_);
    for (auto& s : studies_) {
        if (s.row.study_uid == study_uid) {
            s.instances.push_back(row);
            s.row.instances = static_cast<int>(s.instances.size());
        }
    }
    instances_[row.sop_instance_uid] = std::move(bytes);
}

void FakeServer::setCertificate(const std::string& pem) {
    std::lock_guard lock(mutex_);
    certificate_ = pem;
}

void FakeServer::setState(const std::string& study_uid, const std::string& state) {
    std::lock_guard lock(mutex_);
    for (auto& s : studies_) {
        if (s.row.study_uid == study_uid) s.row.state = state;
    }
}

void FakeServer::setReportCheck(ReportCheck check) {
    std::lock_guard lock(mutex_);
    report_check_ = std::move(check);
}

void FakeServer::setPresentationStatesSupported(bool supported) {
    std::lock_guard lock(mutex_);
    presentation_states_supported_ = supported;
}

std::vector<dicom::Bytes> FakeServer::postedPresentationStates() const {
    std::lock_guard lock(mutex_);
    return presentation_states_;
}

std::vector<std::string> FakeServer::openedStudies() const {
    std::lock_guard lock(mutex_);
    return opened_;
}

std::vector<dicom::Bytes> FakeServer::postedReports() const {
    std::lock_guard lock(mutex_);
    return reports_;
}

int FakeServer::instanceDownloads() const {
    std::lock_guard lock(mutex_);
    return downloads_;
}

bool FakeServer::authorized(const void* request) const {
    const auto& req = *static_cast<const httplib::Request*>(request);
    return req.get_header_value("Authorization") == std::string("Bearer ") + kToken;
}

void FakeServer::routes() {
    using httplib::Request;
    using httplib::Response;
    http_->Post("/api/v1/login", [](const Request& req, Response& res) {
        json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || body.value("user", "") != kUser ||
            body.value("password", "") != kPassword) {
            return error(res, 401, "用户名或密码错误 invalid credentials");
        }
        res.set_content(json{{"token", kToken},
                             {"user", {{"id", kUser}, {"name", "李明"}, {"role", "radiologist"}}}}
                            .dump(),
                        "application/json");
    });
    http_->Get("/api/v1/studies", [this](const Request& req, Response& res) {
        if (!authorized(&req)) return error(res, 401, "not logged in");
        std::lock_guard lock(mutex_);
        json list = json::array();
        for (const auto& s : studies_) list.push_back(toJson(s.row));
        res.set_content(list.dump(), "application/json");
    });
    http_->Get(R"(/api/v1/studies/([^/]+)/instances)", [this](const Request& req, Response& res) {
        if (!authorized(&req)) return error(res, 401, "not logged in");
        std::lock_guard lock(mutex_);
        for (const auto& s : studies_) {
            if (s.row.study_uid != req.matches[1]) continue;
            json list = json::array();
            for (const auto& i : s.instances) list.push_back(toJson(i));
            return res.set_content(list.dump(), "application/json");
        }
        error(res, 404, "no such study");
    });
    http_->Get(R"(/api/v1/instances/([^/]+))", [this](const Request& req, Response& res) {
        if (!authorized(&req)) return error(res, 401, "not logged in");
        std::lock_guard lock(mutex_);
        auto it = instances_.find(req.matches[1]);
        if (it == instances_.end()) return error(res, 404, "no such instance");
        ++downloads_;
        res.set_content(std::string(it->second.begin(), it->second.end()), "application/dicom");
    });
    http_->Post(R"(/api/v1/studies/([^/]+)/open)", [this](const Request& req, Response& res) {
        if (!authorized(&req)) return error(res, 401, "not logged in");
        std::lock_guard lock(mutex_);
        for (auto& s : studies_) {
            if (s.row.study_uid != req.matches[1]) continue;
            if (s.row.state == "signed" || s.row.state == "delivered") {
                return error(res, 409, "study is " + s.row.state + " and cannot become in_reading");
            }
            opened_.push_back(req.matches[1]);
            s.row.state = "in_reading";
            return res.set_content(R"({"state":"in_reading"})", "application/json");
        }
        error(res, 404, "no such study");
    });
    http_->Post(R"(/api/v1/studies/([^/]+)/presentation-states)",
                [this](const Request& req, Response& res) {
                    if (!authorized(&req)) return error(res, 401, "not logged in");
                    {
                        std::lock_guard lock(mutex_);
                        if (!presentation_states_supported_) return error(res, 404, "Not Found");
                    }
                    if (req.get_header_value("Content-Type") != "application/dicom")
                        return error(res, 415, "expected application/dicom");
                    dicom::Bytes bytes(req.body.begin(), req.body.end());
                    dicom::InstanceInfo info;
                    try {
                        info = dicom::readInstanceInfo(bytes);
                    } catch (const std::exception& e) {
                        return error(res, 400, e.what());
                    }
                    if (info.sop_class_uid.rfind("1.2.840.10008.5.1.4.1.1.11.", 0) != 0)
                        return error(res, 400, "not a presentation state");
                    if (info.study_uid != req.matches[1])
                        return error(res, 409, "study UID mismatch");
                    viewer::InstanceRow row;
                    row.sop_instance_uid = info.sop_instance_uid;
                    row.sop_class_uid = info.sop_class_uid;
                    row.series_uid = info.series_uid;
                    row.series_number = info.series_number;
                    row.instance_number = info.instance_number;
                    row.modality = "PR";
                    {
                        std::lock_guard lock(mutex_);
                        presentation_states_.push_back(bytes);
                    }
                    addInstance(info.study_uid, row, bytes);
                    res.status = 201;
                    res.set_content(json{{"sop_instance_uid", info.sop_instance_uid}}.dump(),
                                    "application/json");
                });
    http_->Get("/api/v1/me/certificate", [this](const Request& req, Response& res) {
        if (!authorized(&req)) return error(res, 401, "not logged in");
        std::lock_guard lock(mutex_);
        if (certificate_.empty()) return error(res, 404, "no certificate registered");
        res.set_content(certificate_, "application/x-pem-file");
    });
    http_->Post(R"(/api/v1/reports/([^/]+))", [this](const Request& req, Response& res) {
        if (!authorized(&req)) return error(res, 401, "not logged in");
        if (req.get_header_value("Content-Type") != "application/dicom") {
            return error(res, 415, "expected application/dicom");
        }
        dicom::Bytes sr(req.body.begin(), req.body.end());
        ReportCheck check;
        {
            std::lock_guard lock(mutex_);
            reports_.push_back(sr);
            check = report_check_;
        }
        auto [status, body] =
            check ? check(sr)
                  : std::make_pair(
                        201, std::string(R"({"sop_instance_uid":"1.2.3.4","state":"signed"})"));
        res.status = status;
        res.set_content(body, "application/json");
    });
    http_->Get(R"(/api/v1/studies/([^/]+)/priors)", [this](const Request& req, Response& res) {
        if (!authorized(&req)) return error(res, 401, "not logged in");
        std::lock_guard lock(mutex_);
        ++prior_queries_;
        const Study* current = nullptr;
        for (const auto& s : studies_)
            if (s.row.study_uid == req.matches[1]) current = &s;
        if (!current) return error(res, 404, "no such study");
        std::vector<const viewer::StudyRow*> priors;
        for (const auto& s : studies_) {
            if (&s != current && s.row.patient_id == current->row.patient_id &&
                s.row.township == current->row.township)
                priors.push_back(&s.row);
        }
        std::stable_sort(priors.begin(), priors.end(),
                         [](const auto* a, const auto* b) { return a->study_date > b->study_date; });
        json list = json::array();
        for (const auto* p : priors) list.push_back(toJson(*p));
        res.set_content(list.dump(), "application/json");
    });
    reportRoutes();  // FakeServerReports.cpp
}

int FakeServer::priorQueries() const {
    std::lock_guard lock(mutex_);
    return prior_queries_;
}

}  // namespace countyread::test
