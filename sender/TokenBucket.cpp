#include "sender/TokenBucket.h"

#include <algorithm>
#include <thread>

namespace countyread::sender {

TokenBucket::TokenBucket(int64_t bytes_per_second, int64_t burst)
    : rate_(bytes_per_second),
      burst_(
          static_cast<double>(burst > 0 ? burst : std::max<int64_t>(bytes_per_second / 8, 16384))),
      tokens_(burst_),
      last_(std::chrono::steady_clock::now()) {}

void TokenBucket::refill(std::chrono::steady_clock::time_point now) {
    double elapsed = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    tokens_ = std::min(burst_, tokens_ + elapsed * static_cast<double>(rate_));
}

std::chrono::nanoseconds TokenBucket::waitFor(int64_t bytes) {
    if (unlimited()) return std::chrono::nanoseconds(0);
    std::lock_guard lock(mutex_);
    refill(std::chrono::steady_clock::now());
    double deficit = static_cast<double>(bytes) - tokens_;
    if (deficit <= 0) return std::chrono::nanoseconds(0);
    return std::chrono::nanoseconds(
        static_cast<int64_t>(deficit / static_cast<double>(rate_) * 1e9));
}

void TokenBucket::consume(int64_t bytes) {
    if (unlimited() || bytes <= 0) return;
    std::chrono::nanoseconds wait{0};
    {
        std::lock_guard lock(mutex_);
        refill(std::chrono::steady_clock::now());
        tokens_ -= static_cast<double>(bytes);
        if (tokens_ < 0)
            wait = std::chrono::nanoseconds(
                static_cast<int64_t>(-tokens_ / static_cast<double>(rate_) * 1e9));
    }
    // Debited already: later callers see the deficit and wait behind us (fair enough for a
    // handful of associations).
    if (wait.count() > 0) std::this_thread::sleep_for(wait);
}

}  // namespace countyread::sender
