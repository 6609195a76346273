#pragma once
// Throttles the gateway's outgoing bytes to a configured rate, shared by every association,
// so the township's other traffic (HIS, phones) still gets through on a thin line.
#include <chrono>
#include <cstdint>
#include <mutex>

namespace countyread::sender {

class TokenBucket {
public:
    // bytes_per_second <= 0: unlimited. burst: how many bytes may go at once (default: 1/8 s).
    explicit TokenBucket(int64_t bytes_per_second, int64_t burst = 0);

    // Blocks until `bytes` may be sent (they are then debited). Large requests are allowed to
    // drive the bucket negative; the next caller waits for it to refill.
    void consume(int64_t bytes);
    // The time `consume(bytes)` would wait now, without debiting (for tests).
    std::chrono::nanoseconds waitFor(int64_t bytes);

    int64_t rate() const { return rate_; }
    bool unlimited() const { return rate_ <= 0; }

private:
    void refill(std::chrono::steady_clock::time_point now);

    int64_t rate_;
    double burst_;
    double tokens_;
    std::chrono::steady_clock::time_point last_;
    std::mutex mutex_;
};

}  // namespace countyread::sender
