#include <gtest/gtest.h>

#include "viewer/core/Thumbnail.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {
dicom::ImageFrame halves(int w, int h, int left, int right) {
    dicom::ImageFrame f;
    f.width = w;
    f.height = h;
    f.pixels.resize(static_cast<std::size_t>(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) f.pixels[y * w + x] = x < w / 2 ? left : right;
    return f;
}
}  // namespace

TEST(Thumbnail, ShrinksByAreaAndWindows) {
    auto f = halves(3000, 3000, 1000, 3000);
    auto t = Thumbnail::make(f, {2000, 4000}, 96);
    EXPECT_EQ(t.width, 96);
    EXPECT_EQ(t.height, 96);
    // 1000 -> 0.25 -> 64; 3000 -> 0.75 -> 191
    EXPECT_NEAR(t.at(10, 50), 64, 1);
    EXPECT_NEAR(t.at(85, 50), 191, 1);
    // The boundary column averages both halves (area interpolation, not nearest).
    EXPECT_NEAR(t.at(47, 50), 64, 1);
    EXPECT_NEAR(t.at(48, 50), 191, 1);
}

TEST(Thumbnail, KeepsTheMillimetreAspectAndInvertsMonochrome1) {
    auto f = halves(200, 100, 0, 100);
    f.row_spacing = 2.0;  // 200 x 200 mm
    f.monochrome1 = true;
    auto t = Thumbnail::make(f, {50, 100}, 64);
    EXPECT_EQ(t.width, 64);
    EXPECT_EQ(t.height, 64);
    EXPECT_EQ(t.at(5, 30), 255);  // lowest value shows white
    EXPECT_EQ(t.at(60, 30), 0);
}

TEST(Thumbnail, SignedCtInHu) {
    auto f = halves(64, 64, static_cast<std::uint16_t>(-1000 + 1024), 1024 + 40);
    f.is_signed = true;
    f.rescale_intercept = -1024;
    // stored values 24 and 1064 -> -1000 HU and 40 HU; brain window 40/80 -> 0 and 127.5
    auto t = Thumbnail::make(f, {40, 80}, 32);
    EXPECT_EQ(t.at(3, 3), 0);
    EXPECT_NEAR(t.at(30, 3), 128, 1);
}
