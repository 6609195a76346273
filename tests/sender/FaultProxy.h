#pragma once
// A TCP proxy for tests and the bandwidth benchmark: relays connections to an upstream server
// and, driven by a seeded RNG, injects faults into them — drops (orderly close, possibly in
// the middle of a PDU), resets (RST) and stalls (nothing relayed for a while) — until a
// budget of faults is spent. It can also limit the rate in each direction (a rural line) and
// counts the bytes it relayed.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace countyread::test {

struct FaultProxyOptions {
    int listen_port = 0;  // 0: a free port
    std::string upstream_host = "127.0.0.1";
    int upstream_port = 0;
    uint64_t seed = 1;
    int max_faults = 0;                             // 0: a clean proxy
    int64_t mean_bytes_between_faults = 64 * 1024;  // per connection, exponential
    std::chrono::milliseconds min_stall{200};
    std::chrono::milliseconds max_stall{2000};
    // Chance that a chunk from the server (e.g. a C-STORE response) is swallowed and the
    // connection dropped or reset: the server did the work, the client never hears of it.
    double response_fault_probability = 0;
    int64_t rate_bytes_per_s = 0;  // per direction; 0: unlimited
};

class FaultProxy {
public:
    explicit FaultProxy(FaultProxyOptions options);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    int port() const { return port_; }
    int faults() const { return drops_ + resets_ + stalls_; }
    int drops() const { return drops_; }
    int resets() const { return resets_; }
    int stalls() const { return stalls_; }
    int lostResponses() const { return lost_responses_; }  // of the drops and resets
    int connections() const { return connections_; }
    int64_t bytesUpstream() const { return up_bytes_; }      // client -> server
    int64_t bytesDownstream() const { return down_bytes_; }  // server -> client
    // Time of the last injected fault since the proxy started (for "during the transfer").
    std::chrono::steady_clock::time_point lastFaultAt() const;
    // Refuses new connections (accepts and closes them at once): the county is unreachable.
    void setRefusing(bool refusing) { refusing_ = refusing; }
    void stop();

private:
    class Bucket;
    void acceptLoop();
    void relay(int client, int server, uint64_t seed);
    // Takes one fault from the budget; false when it is spent.
    bool takeFault();
    int64_t drawBudget(std::mt19937_64& rng) const;

    FaultProxyOptions options_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<bool> refusing_{false};
    std::atomic<int> budget_left_;
    std::atomic<int> drops_{0}, resets_{0}, stalls_{0}, connections_{0}, lost_responses_{0};
    std::atomic<int64_t> up_bytes_{0}, down_bytes_{0};
    std::unique_ptr<Bucket> up_bucket_, down_bucket_;
    std::thread acceptor_;
    std::mutex threads_mutex_;
    std::vector<std::thread> relays_;
    mutable std::mutex time_mutex_;
    std::chrono::steady_clock::time_point last_fault_{};
    uint64_t connection_counter_ = 0;
};

}  // namespace countyread::test
