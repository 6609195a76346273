#include "sender/GatewayService.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <thread>

#include "dicom/net/StoreListener.h"
#include "sender/CountyStatusPoller.h"
#include "sender/FolderWatcher.h"
#include "sender/Forwarder.h"
#include "sender/GatewayStoreHandler.h"
#include "sender/Outbox.h"
#include "sender/ReportInbox.h"
#include "sender/StatusReport.h"

namespace countyread::sender {

struct GatewayService::Housekeeper {
    std::thread thread;
    std::mutex mutex;
    std::condition_variable cv;
    bool stop = false;
};

GatewayService::GatewayService(GatewayConfig config) : config_(std::move(config)) {
    if (config_.calling_aet.empty()) config_.calling_aet = config_.aet;
}

GatewayService::~GatewayService() { stop(); }

void GatewayService::start() {
    outbox_ = std::make_unique<Outbox>(config_.data_dir);
    auto pending = outbox_->pendingCount();
    spdlog::info("outbox {}: {} instance(s) waiting to be forwarded", config_.data_dir.string(),
                 pending);

    ForwarderOptions fo;
    fo.county.host = config_.county_host;
    fo.county.port = config_.county_port;
    fo.county.called_ae = config_.county_aet;
    fo.county.calling_ae = config_.calling_aet;
    fo.county.timeout_s = config_.timeout_s;
    fo.associations = config_.associations;
    fo.compress = config_.compress;
    fo.rate_bytes_per_s = config_.rate_kbps * 1000 / 8;
    fo.backoff_initial = std::chrono::milliseconds(config_.backoff_initial_ms);
    fo.backoff_max = std::chrono::milliseconds(config_.backoff_max_ms);
    reports_ = std::make_unique<ReportInbox>(*outbox_, [](const StudyStatus& s) {
        if (s.critical)
            spdlog::warn(
                "CRITICAL FINDING (危急值) reported for {} ({}), study {}: notify the "
                "referring doctor now",
                s.patient_name, s.patient_id, s.study_uid);
    });
    forwarder_ = std::make_unique<Forwarder>(*outbox_, fo, [this](const ForwardEvent& e) {
        if (e.kind != ForwardEvent::Kind::Delivered) return;
        // One line per study when its last instance is acknowledged.
        auto s = outbox_->study(e.item.study_uid);
        if (s && s->delivered == s->instances)
            spdlog::info(
                "study {} delivered: {} ({}) {} {}, {} instance(s), {} stored, {} on the wire",
                s->study_uid, s->patient_name, s->patient_id, s->modality, s->description,
                s->instances, humanBytes(s->bytes_delivered), humanBytes(s->bytes_on_wire));
    });
    forwarder_->start();
    spdlog::info("forwarding to {}@{}:{} as {} over {} association(s){}{}", config_.county_aet,
                 config_.county_host, config_.county_port, config_.calling_aet,
                 config_.associations, config_.compress ? ", JPEG-LS lossless when accepted" : "",
                 config_.rate_kbps > 0
                     ? ", limited to " + std::to_string(config_.rate_kbps) + " kbit/s"
                     : "");

    EmergencyRule rule{config_.emergency_keywords};
    if (config_.port > 0) {
        // Reports the county delivers by C-STORE (to the township AE) land in the report inbox.
        handler_ = std::make_unique<GatewayStoreHandler>(
            *outbox_, rule, config_.county_aet,
            [this](const std::filesystem::path& f) { reports_->acceptFile(f); });
        dicom::ListenerConfig lc;
        lc.aet = config_.aet;
        lc.port = config_.port;
        lc.max_associations = config_.max_associations;
        lc.staging_dir = outbox_->stagingDir();
        auto allowed = config_.modalities;
        auto county = config_.county_aet;
        lc.admit = [allowed, county](const std::string& calling,
                                     const std::string&) -> std::string {
            if (allowed.empty() || calling == county) return {};
            for (const auto& a : allowed)
                if (a == calling) return {};
            return "calling AE title not recognized";
        };
        listener_ = std::make_unique<dicom::StoreListener>(lc, *handler_);
        listener_->start();
        spdlog::info("listening for modalities as {} on port {}", config_.aet, config_.port);
    }
    if (!config_.watch_folder.empty()) {
        watcher_ =
            std::make_unique<FolderWatcher>(*outbox_, config_.watch_folder, rule,
                                            std::chrono::milliseconds(config_.watch_interval_ms));
        watcher_->start();
        spdlog::info("watching export folder {}", config_.watch_folder.string());
    }
    if (!config_.api_url.empty()) {
        poller_ = std::make_unique<CountyStatusPoller>(
            *outbox_, *reports_,
            CountyApiOptions{config_.api_url, config_.api_user, config_.api_password,
                             std::chrono::seconds(config_.poll_s), config_.timeout_s});
        poller_->start();
        spdlog::info("asking {} for study status every {} s as {}", config_.api_url, config_.poll_s,
                     config_.api_user);
    }
    housekeeper_ = std::make_unique<Housekeeper>();
    housekeeper_->thread = std::thread([this] { housekeeping(); });
}

void GatewayService::housekeeping() {
    auto& h = *housekeeper_;
    std::unique_lock lock(h.mutex);
    while (!h.stop) {
        lock.unlock();
        try {
            int purged = outbox_->purgeDelivered(config_.keep_delivered_days);
            if (purged > 0)
                spdlog::info("outbox: removed {} file(s) delivered more than {} day(s) ago", purged,
                             config_.keep_delivered_days);
        } catch (const std::exception& e) {
            spdlog::warn("outbox housekeeping: {}", e.what());
        }
        lock.lock();
        h.cv.wait_for(lock, std::chrono::hours(1), [&] { return h.stop; });
    }
}

void GatewayService::stop() {
    if (housekeeper_) {
        {
            std::lock_guard lock(housekeeper_->mutex);
            housekeeper_->stop = true;
        }
        housekeeper_->cv.notify_all();
        if (housekeeper_->thread.joinable()) housekeeper_->thread.join();
        housekeeper_.reset();
    }
    if (poller_) poller_->stop();
    if (watcher_) watcher_->stop();
    if (listener_) listener_->stop();
    if (forwarder_) forwarder_->stop();
    poller_.reset();
    watcher_.reset();
    listener_.reset();
    handler_.reset();
    forwarder_.reset();
    reports_.reset();
    outbox_.reset();
}

}  // namespace countyread::sender
