#pragma once
// The JSON HTTP API (cpp-httplib). Every route but health and login needs a bearer token.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "dicom/archive/Archive.h"
#include "server/Config.h"
#include "server/ReportService.h"
#include "server/SessionManager.h"
#include "worklist/AuditLog.h"
#include "worklist/DeliveryQueue.h"
#include "worklist/WorklistStore.h"

namespace httplib {
class Server;
}

namespace countyread::server {

struct ApiContext {
    const ServerConfig& config;
    dicom::Archive& archive;
    worklist::WorklistStore& items;
    worklist::DeliveryQueue& deliveries;
    worklist::AuditLog& audit;
    SessionManager& sessions;
    ReportService& reports;
};

class HttpApi {
public:
    explicit HttpApi(ApiContext ctx);
    ~HttpApi();
    // Binds and serves in a background thread; throws if the port cannot be bound.
    void start(const std::string& host, int port);
    void stop();

private:
    void routes();
    // Other studies of the same patient from the same township (same ID and name).
    std::vector<dicom::StudyRecord> priorsOf(const dicom::StudyRecord& study);
    // maySee(), plus: a radiologist may read the priors of a study they are reading.
    bool mayRead(const Session& s, const dicom::StudyRecord& study);
    ApiContext ctx_;
    std::unique_ptr<httplib::Server> http_;
    std::thread thread_;
};

}  // namespace countyread::server
