#include "sender/Backoff.h"

#include <algorithm>

namespace countyread::sender {

Backoff::Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max, uint64_t seed)
    : initial_(initial), max_(std::max(max, initial)), rng_(seed ? seed : std::random_device{}()) {}

std::chrono::milliseconds Backoff::ceiling(std::chrono::milliseconds initial,
                                           std::chrono::milliseconds max, int n) {
    int64_t d = initial.count();
    for (int i = 0; i < n && d < max.count(); ++i) d *= 2;
    return std::chrono::milliseconds(std::min<int64_t>(d, max.count()));
}

std::chrono::milliseconds Backoff::next() {
    auto top = ceiling(initial_, max_, failures_++);
    std::uniform_int_distribution<int64_t> jitter(top.count() / 2, top.count());
    return std::chrono::milliseconds(jitter(rng_));
}

}  // namespace countyread::sender
