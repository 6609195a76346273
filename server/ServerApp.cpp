#include "server/ServerApp.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "dicom/archive/Archive.h"
#include "dicom/archive/FileBlobStore.h"
#include "dicom/archive/Database.h"
#include "dicom/archive/SqlArchiveIndex.h"
#include "dicom/net/StoreListener.h"
#include "server/DeliveryWorker.h"
#include "dicom/sign/DemoPki.h"
#include "server/HttpApi.h"
#include "server/QueryService.h"
#include "server/ReportService.h"
#include "server/SessionManager.h"
#include "server/StudyIngest.h"
#include "server/WorkflowService.h"
#include "server/WorklistApi.h"
#include "worklist/AuditLog.h"
#include "worklist/DeliveryQueue.h"
#include "worklist/PasswordHasher.h"
#include "worklist/WorklistQuery.h"
#include "worklist/WorklistStore.h"

namespace countyread::server {

namespace fs = std::filesystem;

struct ServerApp::Parts {
    ServerOptions options;
    std::shared_ptr<dicom::Database> db;
    std::unique_ptr<dicom::Archive> archive;
    std::unique_ptr<worklist::WorklistStore> items;
    std::unique_ptr<worklist::AuditLog> audit;
    std::unique_ptr<worklist::DeliveryQueue> deliveries;
    std::unique_ptr<SessionManager> sessions;
    std::unique_ptr<WorkflowService> workflow;
    std::unique_ptr<StudyIngest> ingest;
    std::unique_ptr<DeliveryWorker> delivery;
    std::unique_ptr<ReportService> reports;
    std::unique_ptr<QueryService> query;
    std::unique_ptr<dicom::StoreListener> listener;
    std::unique_ptr<HttpApi> http;
    // Housekeeping at start, then hourly: the orphan-file sweep (a file a crash left behind is
    // older than the sweep's 10-minute guard by the second run at the latest) and the
    // dashboard's kept turnaround days.
    std::thread sweeper;
    std::mutex sweep_mutex;
    std::condition_variable sweep_cv;
    bool stopping = false;
};

namespace {
void sweepLoop(ServerApp::Parts& p);
}

ServerApp::ServerApp(ServerOptions options) : parts_(std::make_unique<Parts>()) {
    auto& p = *parts_;
    p.options = std::move(options);
    const auto& cfg = p.options.config;
    fs::create_directories(p.options.data_dir);
    // One database holds the archive index and the worklist: the SQLite file in the data
    // folder, or a PostgreSQL server that several county servers share.
    p.db = dicom::openDatabase(cfg.database_url.empty()
                                   ? (p.options.data_dir / "index.sqlite").string()
                                   : cfg.database_url);
    spdlog::info("index database: {}", p.db->describe());
    auto blobs = std::make_shared<dicom::FileBlobStore>(p.options.data_dir / "instances");
    auto index = std::make_shared<dicom::SqlArchiveIndex>(p.db);
    p.archive = std::make_unique<dicom::Archive>(blobs, index);
    p.items = std::make_unique<worklist::WorklistStore>(p.db);
    p.audit = std::make_unique<worklist::AuditLog>(p.db);
    p.deliveries = std::make_unique<worklist::DeliveryQueue>(p.db);
    p.sessions = std::make_unique<SessionManager>(cfg);
    p.items->backfillPatients();
    p.workflow = std::make_unique<WorkflowService>(cfg, *p.items, *p.audit);
    p.ingest = std::make_unique<StudyIngest>(cfg, *p.archive, *p.items, *p.audit, *p.workflow);
    p.delivery = std::make_unique<DeliveryWorker>(cfg, *p.archive, *p.deliveries, *p.items, *p.audit);
    p.reports = std::make_unique<ReportService>(cfg, *p.archive, *p.items, *p.deliveries, *p.audit,
                                                [d = p.delivery.get()] { d->wake(); });
    dicom::ListenerConfig lc;
    lc.aet = cfg.aet;
    lc.port = cfg.dicom_port;
    lc.max_associations = cfg.max_associations;
    lc.staging_dir = blobs->stagingDir();
    lc.admit = [ingest = p.ingest.get()](const std::string& ae, const std::string& host) {
        return ingest->admit(ae, host);
    };
    p.query = std::make_unique<QueryService>(cfg, *p.archive, p.db);
    lc.move_destination = [q = p.query.get()](const std::string& from, const std::string& to) {
        return q->moveDestination(from, to);
    };
    p.listener = std::make_unique<dicom::StoreListener>(lc, *p.ingest, p.query.get());
    p.http = std::make_unique<HttpApi>(ApiContext{cfg, *p.archive, *p.items, *p.deliveries, *p.audit,
                                                  *p.sessions, *p.reports, p.workflow.get()});
}

ServerApp::~ServerApp() { stop(); }

void ServerApp::start() {
    auto& p = *parts_;
    p.listener->start();
    p.http->start(p.options.config.http_bind, p.options.config.http_port);
    p.delivery->start();
    p.workflow->start();
    {
        std::lock_guard lock(p.sweep_mutex);
        p.stopping = false;
    }
    if (!p.sweeper.joinable()) p.sweeper = std::thread([&p] { sweepLoop(p); });
}

void ServerApp::stop() {
    auto& p = *parts_;
    if (p.http) p.http->stop();
    if (p.listener) p.listener->stop();
    if (p.delivery) p.delivery->stop();
    if (p.workflow) p.workflow->stop();
    {
        std::lock_guard lock(p.sweep_mutex);
        p.stopping = true;
    }
    p.sweep_cv.notify_all();
    if (p.sweeper.joinable()) p.sweeper.join();
}

namespace {
void sweepLoop(ServerApp::Parts& p) {
    std::unique_lock lock(p.sweep_mutex);
    while (!p.stopping) {
        lock.unlock();
        try {
            int removed = p.archive->sweepOrphans();
            if (removed > 0) spdlog::warn("archive: removed {} orphan file(s) no index row references", removed);
        } catch (const std::exception& e) {
            spdlog::error("archive: orphan sweep failed: {}", e.what());
        }
        // Keep the dashboard's per-day turnaround figures built (turnaround_days): the first
        // admin to open a year's view does not wait for them (seconds at provincial scale).
        try {
            const auto now = dicom::nowIso8601();
            const auto year_ago = worklist::isoMillis(*worklist::parseIso8601(now) - std::chrono::days(366));
            worklist::WorklistQuery(p.items->database()).turnaround(year_ago, now, "", now, p.workflow->policy());
        } catch (const std::exception& e) {
            spdlog::error("worklist: building the kept turnaround days failed: {}", e.what());
        }
        lock.lock();
        p.sweep_cv.wait_for(lock, std::chrono::hours(1), [&p] { return p.stopping; });
    }
}
}  // namespace

ServerConfig demoConfig(const fs::path& data_dir) {
    ServerConfig c;
    c.demo = true;
    c.townships.push_back({"wenan", "问安镇卫生院", "WENAN", "127.0.0.1", 11113, ""});
    auto pki_dir = data_dir / "demo-pki";
    if (!fs::exists(pki_dir / "li.pem")) dicom::DemoPki(pki_dir).issue("li", "李明", "demo");
    RadiologistConfig li;
    li.id = "li";
    li.name = "李明";
    li.modalities = {"CR", "DX", "CT", "MR"};
    li.certificate = pki_dir / "li.pem";
    std::ifstream in(li.certificate);
    std::stringstream ss;
    ss << in.rdbuf();
    li.certificate_pem = ss.str();
    c.radiologists.push_back(li);
    auto hash = worklist::hashPassword("demo");
    c.users.push_back({"li", "radiologist", "", hash});
    c.users.push_back({"wenan", "township", "wenan", hash});
    c.users.push_back({"admin", "admin", "", hash});
    c.workflow.quiet_seconds = 5;  // the demo's studies come in one go: read them soon
    return c;
}

}  // namespace countyread::server
