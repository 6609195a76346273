#include "server/DeliveryWorker.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>

#include "dicom/net/StoreClient.h"

namespace countyread::server {

namespace {
std::string isoAfter(std::chrono::seconds delay) {
    auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + delay);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
    return buf;
}
}  // namespace

DeliveryWorker::DeliveryWorker(const ServerConfig& config, dicom::Archive& archive,
                               worklist::DeliveryQueue& queue, worklist::WorklistStore& items,
                               worklist::AuditLog& audit)
    : config_(config), archive_(archive), queue_(queue), items_(items), audit_(audit) {}

DeliveryWorker::~DeliveryWorker() { stop(); }

void DeliveryWorker::start() {
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void DeliveryWorker::stop() {
    stopping_ = true;
    wake();
    if (thread_.joinable()) thread_.join();
}

void DeliveryWorker::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    cv_.notify_all();
}

void DeliveryWorker::loop() {
    while (!stopping_) {
        try {
            runOnce();
        } catch (const std::exception& e) {
            spdlog::error("delivery pass failed: {}", e.what());
        }
        std::unique_lock lock(mutex_);
        cv_.wait_for(lock, std::chrono::seconds(1), [this] { return woken_ || stopping_.load(); });
        woken_ = false;
    }
}

int DeliveryWorker::runOnce() {
    int delivered = 0;
    auto now = dicom::nowIso8601();
    for (const auto& d : queue_.due(now)) {
        if (stopping_) break;
        // Servers sharing the database: only the one that claims it sends it.
        if (!queue_.claim(d.id, now, isoAfter(std::chrono::seconds(120)))) continue;
        const TownshipConfig* township = config_.townshipById(d.township);
        std::string error;
        if (!township) {
            error = "township '" + d.township + "' is no longer configured";
        } else {
            try {
                auto file = archive_.newStagingFile();
                dicom::writeFileBytes(file, archive_.readInstance(d.sop_instance_uid));
                dicom::StoreClient client(
                    {township->host, township->port, config_.aet, township->aet, 15});
                auto outcomes = client.send({file});
                std::filesystem::remove(file);
                if (outcomes.empty() || !outcomes.front().ok)
                    error = outcomes.empty() ? "nothing sent" : outcomes.front().message;
            } catch (const std::exception& e) {
                error = e.what();
            }
        }
        if (error.empty()) {
            auto now = dicom::nowIso8601();
            queue_.succeeded(d.id, now);
            try {
                // The item is delivered once everything queued for it (SR, PDF) is.
                bool all = true;
                for (const auto& other : queue_.forStudy(d.study_uid)) all &= other.state == "delivered";
                if (all) items_.markDelivered(d.study_uid, now);
            } catch (const std::exception& e) {
                spdlog::warn("delivered {} but item state: {}", d.study_uid, e.what());
            }
            audit_.record("delivery", "report_delivered", d.study_uid,
                          "sop " + d.sop_instance_uid + " to " + d.township);
            spdlog::info("report {} delivered to {} ({})", d.sop_instance_uid, d.township,
                         township->aet);
            ++delivered;
        } else {
            auto delay = worklist::DeliveryQueue::backoff(d.attempts);
            queue_.failed(d.id, error, isoAfter(delay));
            spdlog::warn("delivery of {} to {} failed (attempt {}), retry in {} s: {}",
                         d.sop_instance_uid, d.township, d.attempts + 1, delay.count(), error);
        }
    }
    return delivered;
}

}  // namespace countyread::server
