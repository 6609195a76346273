#pragma once
// An in-process stand-in for countyread-server's REST API (the contract the viewer relies on),
// for testing the viewer's client, loader, report flow and screenshot mode over real HTTP.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dicom/model/DicomFile.h"
#include "viewer/core/InstanceRow.h"
#include "viewer/core/StudyRow.h"

namespace httplib {
class Server;
}

namespace countyread::test {

class FakeServer {
public:
    struct Study {
        viewer::StudyRow row;
        std::vector<viewer::InstanceRow> instances;
    };
    // Decides what POST /api/v1/reports answers: {status, json body}.
    using ReportCheck = std::function<std::pair<int, std::string>(const dicom::Bytes& sr)>;

    FakeServer();  // listens on 127.0.0.1:<free port>
    ~FakeServer();

    std::string url() const;
    void addStudy(const viewer::StudyRow& row);
    void addInstance(const std::string& study_uid, const viewer::InstanceRow& row,
                     dicom::Bytes bytes);
    void setCertificate(const std::string& pem);
    void setState(const std::string& study_uid, const std::string& state);
    void setReportCheck(ReportCheck check);
    // POST /api/v1/studies/{uid}/presentation-states (the endpoint the viewer needs from the
    // server): on by default; off answers 404 like a server without it.
    void setPresentationStatesSupported(bool supported);
    std::vector<dicom::Bytes> postedPresentationStates() const;

    // What the viewer did (thread-safe copies).
    std::vector<std::string> openedStudies() const;
    std::vector<dicom::Bytes> postedReports() const;
    int instanceDownloads() const;

    // GET /api/v1/studies/{uid}/priors: like the server, the other studies with the same
    // Patient ID from the same township, newest (study date) first.
    int priorQueries() const;

    // --- Report editor routes (FakeServerReports.cpp): GET /api/v1/report-templates,
    // POST /api/v1/studies/{uid}/key-images, GET /api/v1/reports/{uid}[/preliminary|/history].
    // Unset: 404, like a server without them / a study without such a report.
    void setReportTemplates(const std::string& json_list);
    void setPreliminary(const std::string& study_uid, dicom::Bytes sr);
    void setCurrentReport(const std::string& study_uid, dicom::Bytes sr);
    void setReportHistory(const std::string& study_uid, const std::string& json_list);
    std::vector<dicom::Bytes> postedKeyImages() const;
    std::vector<std::string> templateQueries() const;  // the ?study= of each template request
    // --- end of report editor routes

    static constexpr const char* kUser = "li";
    static constexpr const char* kPassword = "secret";
    static constexpr const char* kToken = "token-li-123";

private:
    void routes();
    bool authorized(const void* request) const;

    std::unique_ptr<httplib::Server> http_;
    std::thread thread_;
    int port_ = 0;
    mutable std::mutex mutex_;
    std::vector<Study> studies_;
    std::map<std::string, dicom::Bytes> instances_;
    std::string certificate_;
    ReportCheck report_check_;
    std::vector<std::string> opened_;
    std::vector<dicom::Bytes> reports_;
    std::vector<dicom::Bytes> presentation_states_;
    bool presentation_states_supported_ = true;
    int downloads_ = 0;
    int prior_queries_ = 0;
    // Report editor routes (FakeServerReports.cpp).
    void reportRoutes();
    std::string report_templates_;
    std::map<std::string, dicom::Bytes> preliminaries_;
    std::map<std::string, dicom::Bytes> current_reports_;
    std::map<std::string, std::string> report_histories_;
    std::vector<dicom::Bytes> key_images_;
    std::vector<std::string> template_queries_;
};

}  // namespace countyread::test
