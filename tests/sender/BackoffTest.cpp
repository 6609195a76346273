#include <gtest/gtest.h>

#include <chrono>

#include "sender/Backoff.h"
#include "sender/TokenBucket.h"

using namespace countyread::sender;
using namespace std::chrono_literals;

TEST(Backoff, DoublesUpToTheCeilingWithJitter) {
    EXPECT_EQ(Backoff::ceiling(100ms, 1000ms, 0), 100ms);
    EXPECT_EQ(Backoff::ceiling(100ms, 1000ms, 1), 200ms);
    EXPECT_EQ(Backoff::ceiling(100ms, 1000ms, 3), 800ms);
    EXPECT_EQ(Backoff::ceiling(100ms, 1000ms, 4), 1000ms);
    EXPECT_EQ(Backoff::ceiling(100ms, 1000ms, 60), 1000ms);  // no overflow

    Backoff b(100ms, 1000ms, 42);
    for (int i = 0; i < 10; ++i) {
        auto top = Backoff::ceiling(100ms, 1000ms, i);
        auto d = b.next();
        EXPECT_GE(d, top / 2) << i;
        EXPECT_LE(d, top) << i;
    }
    EXPECT_EQ(b.failures(), 10);
    b.reset();
    EXPECT_LE(b.next(), 100ms);
}

TEST(Backoff, SameSeedSameDelays) {
    Backoff a(50ms, 5000ms, 7), b(50ms, 5000ms, 7);
    for (int i = 0; i < 8; ++i) EXPECT_EQ(a.next(), b.next());
}

TEST(TokenBucket, UnlimitedNeverWaits) {
    TokenBucket t(0);
    auto t0 = std::chrono::steady_clock::now();
    t.consume(1'000'000'000);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 50ms);
    EXPECT_EQ(t.waitFor(1'000'000), 0ns);
}

TEST(TokenBucket, HoldsTheConfiguredRate) {
    // 4 MB/s; 2 MB beyond the burst take about half a second.
    TokenBucket t(4'000'000, 100'000);
    auto t0 = std::chrono::steady_clock::now();
    t.consume(100'000);  // the burst goes at once
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 50ms);
    for (int i = 0; i < 20; ++i) t.consume(100'000);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_GT(s, 0.45);
    EXPECT_LT(s, 0.9);
    EXPECT_GT(t.waitFor(1'000'000), 200ms);
}
