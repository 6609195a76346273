#pragma once
// Exponential backoff with jitter for reconnecting to the county and retrying refused
// instances: initial, 2x, 4x ... capped at `max`, each delay drawn in [delay/2, delay].
#include <chrono>
#include <cstdint>
#include <random>

namespace countyread::sender {

class Backoff {
public:
    Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max, uint64_t seed = 0);
    // The delay before the next try (grows with each call until reset()).
    std::chrono::milliseconds next();
    void reset() { failures_ = 0; }
    int failures() const { return failures_; }
    // Deterministic upper bound of the n-th delay (n from 0), without jitter.
    static std::chrono::milliseconds ceiling(std::chrono::milliseconds initial,
                                             std::chrono::milliseconds max, int n);

private:
    std::chrono::milliseconds initial_, max_;
    int failures_ = 0;
    std::mt19937_64 rng_;
};

}  // namespace countyread::sender
