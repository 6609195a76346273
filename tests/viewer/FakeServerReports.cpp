// FakeServer's report editor routes (the server's contract, see README "HTTP API"): report
// templates, key images (KOS), the preliminary awaiting verification, the current signed report
// and the report history.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "dicom/model/DicomFile.h"
#include "dicom/sr/KeyObjectSelection.h"
#include "tests/viewer/FakeServer.h"

namespace countyread::test {
namespace {

void fail(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(nlohmann::json{{"error", message}}.dump(), "application/json");
}

}  // namespace

void FakeServer::setReportTemplates(const std::string& json_list) {
    std::lock_guard lock(mutex_);
    report_templates_ = json_list;
}

void FakeServer::setPreliminary(const std::string& study_uid, dicom::Bytes sr) {
    std::lock_guard lock(mutex_);
    preliminaries_[study_uid] = std::move(sr);
}

void FakeServer::setCurrentReport(const std::string& study_uid, dicom::Bytes sr) {
    std::lock_guard lock(mutex_);
    current_reports_[study_uid] = std::move(sr);
}

void FakeServer::setReportHistory(const std::string& study_uid, const std::string& json_list) {
    std::lock_guard lock(mutex_);
    report_histories_[study_uid] = json_list;
}

std::vector<dicom::Bytes> FakeServer::postedKeyImages() const {
    std::lock_guard lock(mutex_);
    return key_images_;
}

std::vector<std::string> FakeServer::templateQueries() const {
    std::lock_guard lock(mutex_);
    return template_queries_;
}

void FakeServer::reportRoutes() {
    using httplib::Request;
    using httplib::Response;
    http_->Get("/api/v1/report-templates", [this](const Request& req, Response& res) {
        if (!authorized(&req)) return fail(res, 401, "not logged in");
        std::lock_guard lock(mutex_);
        template_queries_.push_back(req.get_param_value("study"));
        if (report_templates_.empty()) return fail(res, 404, "Not Found");
        res.set_content(report_templates_, "application/json");
    });
    http_->Post(R"(/api/v1/studies/([^/]+)/key-images)", [this](const Request& req, Response& res) {
        if (!authorized(&req)) return fail(res, 401, "not logged in");
        if (req.get_header_value("Content-Type") != "application/dicom")
            return fail(res, 415, "expected application/dicom");
        dicom::Bytes bytes(req.body.begin(), req.body.end());
        dicom::InstanceInfo info;
        try {
            info = dicom::readInstanceInfo(bytes);
        } catch (const std::exception& e) {
            return fail(res, 400, e.what());
        }
        if (info.sop_class_uid != dicom::kKeyObjectSelectionSopClass)
            return fail(res, 400, "not a key object selection");
        if (info.study_uid != req.matches[1]) return fail(res, 409, "study UID mismatch");
        {
            std::lock_guard lock(mutex_);
            key_images_.push_back(bytes);
        }
        res.status = 201;
        res.set_content(nlohmann::json{{"sop_instance_uid", info.sop_instance_uid}}.dump(),
                        "application/json");
    });
    auto dicomFrom = [this](const std::map<std::string, dicom::Bytes>& store, const char* what) {
        return [this, &store, what](const Request& req, Response& res) {
            if (!authorized(&req)) return fail(res, 401, "not logged in");
            std::lock_guard lock(mutex_);
            auto it = store.find(req.matches[1]);
            if (it == store.end()) return fail(res, 404, std::string("study has no ") + what);
            res.set_content(std::string(it->second.begin(), it->second.end()), "application/dicom");
        };
    };
    http_->Get(R"(/api/v1/reports/([^/]+)/preliminary)",
               dicomFrom(preliminaries_, "report awaiting verification"));
    http_->Get(R"(/api/v1/reports/([^/]+)/history)", [this](const Request& req, Response& res) {
        if (!authorized(&req)) return fail(res, 401, "not logged in");
        std::lock_guard lock(mutex_);
        auto it = report_histories_.find(req.matches[1]);
        res.set_content(it == report_histories_.end() ? "[]" : it->second, "application/json");
    });
    http_->Get(R"(/api/v1/reports/([^/]+))", dicomFrom(current_reports_, "signed report yet"));
}

}  // namespace countyread::test
