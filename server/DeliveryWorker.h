#pragma once
// Pushes signed reports to township AEs by C-STORE from the durable delivery queue.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "dicom/archive/Archive.h"
#include "server/Config.h"
#include "worklist/AuditLog.h"
#include "worklist/DeliveryQueue.h"
#include "worklist/WorklistStore.h"

namespace countyread::server {

class DeliveryWorker {
public:
    DeliveryWorker(const ServerConfig& config, dicom::Archive& archive,
                   worklist::DeliveryQueue& queue, worklist::WorklistStore& items,
                   worklist::AuditLog& audit);
    ~DeliveryWorker();

    void start();
    void stop();
    void wake();
    // One pass over the due deliveries (also used by tests); returns how many were delivered.
    int runOnce();

private:
    void loop();
    const ServerConfig& config_;
    dicom::Archive& archive_;
    worklist::DeliveryQueue& queue_;
    worklist::WorklistStore& items_;
    worklist::AuditLog& audit_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool woken_ = false;
    std::atomic<bool> stopping_{false};
};

}  // namespace countyread::server
