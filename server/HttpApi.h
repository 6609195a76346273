#pragma once
// The JSON HTTP API (cpp-httplib). Every route but health and login needs a bearer token.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "dicom/archive/Archive.h"
#include "server/Config.h"
#include "server/ReportService.h"
#include "server/HttpSupport.h"
#include "server/ReportTemplates.h"
#include "server/SessionManager.h"
#include "server/WorklistApi.h"
#include "worklist/AuditLog.h"
#include "worklist/DeliveryQueue.h"
#include "worklist/WorklistStore.h"

namespace httplib {
class Server;
}

namespace countyread::server {

class WorkflowService;

struct ApiContext {
    const ServerConfig& config;
    dicom::Archive& archive;
    worklist::WorklistStore& items;
    worklist::DeliveryQueue& deliveries;
    worklist::AuditLog& audit;
    SessionManager& sessions;
    ReportService& reports;
    WorkflowService* workflow = nullptr;  // quiet time, claims, escalation; null: action routes 503
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
    ApiContext ctx_;
    StudyAccess access_;
    WorklistApi worklist_api_;
    ReportTemplates templates_;
    std::unique_ptr<httplib::Server> http_;
    std::thread thread_;
};

}  // namespace countyread::server
