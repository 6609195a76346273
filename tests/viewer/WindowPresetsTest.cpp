#include <gtest/gtest.h>

#include "viewer/core/WindowPresets.h"

using namespace countyread;
using namespace countyread::viewer;

TEST(WindowPresets, CtHasTheEightReadingWindowsInHu) {
    const auto& ct = WindowPresets::ct();
    ASSERT_EQ(ct.size(), 8u);
    EXPECT_EQ(ct[0].key, "brain");
    EXPECT_DOUBLE_EQ(ct[0].window.center, 40);
    EXPECT_DOUBLE_EQ(ct[0].window.width, 80);
    EXPECT_EQ(ct[3].key, "lung");
    EXPECT_DOUBLE_EQ(ct[3].window.center, -600);
    EXPECT_DOUBLE_EQ(ct[3].window.width, 1500);
    EXPECT_EQ(ct[7].name(true), "骨窗");
    EXPECT_EQ(ct[7].name(false), "Bone");
}

TEST(WindowPresets, DrOffersTheFilesWindowsAndTheFullRange) {
    dicom::ImageFrame f;
    f.stored_min = 100;
    f.stored_max = 4000;
    f.windows = {{2000, 3000, "NORMAL"}, {1800, 1500, "HARDER"}};
    auto presets = WindowPresets::forFrame(f, "DX");
    ASSERT_EQ(presets.size(), 3u);
    EXPECT_EQ(presets[0].name(true), "NORMAL");
    EXPECT_DOUBLE_EQ(presets[1].window.width, 1500);
    EXPECT_EQ(presets[2].key, "full");
    EXPECT_DOUBLE_EQ(presets[2].window.center, 2050);
    EXPECT_DOUBLE_EQ(presets[2].window.width, 3900);
    // CT: the eight presets, then the file's own.
    EXPECT_EQ(WindowPresets::forFrame(f, "CT").size(), 10u);
}
