#include <gtest/gtest.h>

#include "viewer/core/CinePlayer.h"

using namespace countyread::viewer;

TEST(CinePlayer, LoopsAtTheFrameRateAndSkipsWhenLate) {
    CinePlayer cine;
    cine.setFramesPerSecond(10);  // 100 ms per slice
    cine.start(3);
    EXPECT_EQ(cine.advance(50, 0, 4), 3);
    EXPECT_EQ(cine.advance(50, 0, 4), 4);   // 100 ms in total
    EXPECT_EQ(cine.advance(100, 0, 4), 0);  // wraps
    EXPECT_EQ(cine.advance(350, 0, 4), 3);  // late: skips two slices, 50 ms carried
    EXPECT_EQ(cine.advance(50, 0, 4), 4);
    cine.stop();
    EXPECT_EQ(cine.advance(1000, 0, 4), 4);
}

TEST(CinePlayer, BouncesBetweenTheEnds) {
    CinePlayer cine;
    cine.setFramesPerSecond(10);
    cine.setMode(CinePlayer::Mode::Bounce);
    cine.start(0);
    int seen[8];
    for (int& s : seen) s = cine.advance(100, 0, 3);
    const int expected[8] = {1, 2, 3, 2, 1, 0, 1, 2};
    for (int i = 0; i < 8; ++i) EXPECT_EQ(seen[i], expected[i]) << i;
}

TEST(CinePlayer, FrameRateIsClamped) {
    CinePlayer cine;
    cine.setFramesPerSecond(500);
    EXPECT_DOUBLE_EQ(cine.framesPerSecond(), 60);
    cine.setFramesPerSecond(0);
    EXPECT_DOUBLE_EQ(cine.framesPerSecond(), 1);
}
