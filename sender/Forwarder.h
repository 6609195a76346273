#pragma once
// Forwards the outbox to the county over several associations. Each worker claims the next
// instance (emergency studies first), sends it, and records the county's answer in the
// outbox; a dead link or county means backoff and reconnect, and the instance stays queued.
// Instances acknowledged by the county are never sent again; one whose acknowledgement was
// lost is sent again and the county, which keys by SOP Instance UID and answers an identical
// re-send with success, keeps one copy.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dicom/net/StoreClient.h"
#include "sender/OutboxTypes.h"

namespace countyread::sender {

class Outbox;
class TokenBucket;

struct ForwarderOptions {
    dicom::PeerAddress county;
    int associations = 2;
    bool compress = false;         // JPEG-LS lossless when the county accepts it
    int64_t rate_bytes_per_s = 0;  // 0: unlimited
    std::chrono::milliseconds backoff_initial{1000};
    std::chrono::milliseconds backoff_max{60000};
    std::chrono::seconds idle_release{20};  // release an idle association after this
    int max_attempts = 0;                   // per instance; 0: keep trying (service mode)
    int max_connect_failures = 0;           // per worker in a row; 0: keep trying
    uint64_t seed = 0;                      // backoff jitter (tests)
};

struct ForwardEvent {
    enum class Kind { Delivered, Retry, Rejected, LinkDown, LinkUp };
    Kind kind;
    OutboxItem item;  // empty for link events
    uint16_t status = 0xFFFF;
    std::string message;
    std::string syntax;  // transfer syntax used on the wire
    int64_t bytes_sent = 0;
    double seconds = 0;  // time to send this instance
};

struct ForwarderStats {
    int64_t delivered = 0;
    int64_t original_bytes = 0;  // of delivered instances, as stored
    int64_t wire_bytes = 0;      // dataset bytes actually sent for them
    int64_t compressed = 0;      // delivered as JPEG-LS
    int64_t lost_connections = 0;
    int64_t connect_failures = 0;
    int64_t retries = 0;
};

class Forwarder {
public:
    using Observer = std::function<void(const ForwardEvent&)>;
    Forwarder(Outbox& outbox, ForwarderOptions options, Observer observer = {});
    ~Forwarder();
    Forwarder(const Forwarder&) = delete;
    Forwarder& operator=(const Forwarder&) = delete;

    void start();
    void stop();  // finishes the instance in flight on each association, then releases

    // Per-byte progress of instances on the wire (sop uid -> bytes sent so far).
    std::vector<std::pair<std::string, int64_t>> inFlightProgress();
    ForwarderStats stats();
    // Every worker gave up connecting (max_connect_failures reached).
    bool allWorkersGaveUp() const { return gave_up_ == options_.associations; }
    // At least one association was established since start.
    bool everConnected() const { return ever_connected_; }

private:
    void run(int worker);

    Outbox& outbox_;
    ForwarderOptions options_;
    Observer observer_;
    std::unique_ptr<TokenBucket> throttle_;
    std::vector<std::thread> threads_;
    std::atomic<bool> stop_{false};
    std::atomic<int> gave_up_{0};
    std::atomic<bool> ever_connected_{false};
    std::mutex mutex_;
    ForwarderStats stats_;
    std::vector<std::pair<std::string, int64_t>> progress_;  // per worker
};

}  // namespace countyread::sender
