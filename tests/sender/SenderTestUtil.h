#pragma once
// Small helpers shared by the gateway's tests.
#include <chrono>
#include <functional>
#include <thread>

namespace countyread::test {

// Polls `condition` every 20 ms until it holds or `timeout` passes; returns its last value.
inline bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return condition();
}

}  // namespace countyread::test
