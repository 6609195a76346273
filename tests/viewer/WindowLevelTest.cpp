#include <gtest/gtest.h>

#include "viewer/core/WindowLevel.h"

using countyread::viewer::WindowLevel;

TEST(WindowLevel, ModalityToStoredForCt) {
    // CT: HU = stored * 1 - 1024. Soft tissue window 40/400 is stored 1064/400.
    WindowLevel hu{40, 400};
    WindowLevel stored = hu.toStored(1.0, -1024.0);
    EXPECT_DOUBLE_EQ(stored.center, 1064.0);
    EXPECT_DOUBLE_EQ(stored.width, 400.0);
    WindowLevel back = stored.toModality(1.0, -1024.0);
    EXPECT_DOUBLE_EQ(back.center, 40.0);
    EXPECT_DOUBLE_EQ(back.width, 400.0);
}

TEST(WindowLevel, SlopeScalesWidth) {
    WindowLevel m{300, 400};
    WindowLevel s = m.toStored(2.0, -100.0);
    EXPECT_DOUBLE_EQ(s.center, 200.0);
    EXPECT_DOUBLE_EQ(s.width, 200.0);
    WindowLevel negative = m.toStored(-2.0, 0.0);  // width stays positive
    EXPECT_DOUBLE_EQ(negative.center, -150.0);
    EXPECT_DOUBLE_EQ(negative.width, 200.0);
    WindowLevel zero = m.toStored(0.0, 0.0);  // treated as slope 1
    EXPECT_DOUBLE_EQ(zero.center, 300.0);
}

TEST(WindowLevel, GreyLevels) {
    WindowLevel w{200, 400};
    EXPECT_DOUBLE_EQ(w.greyOf(0), 0.0);
    EXPECT_DOUBLE_EQ(w.greyOf(100), 63.75);
    EXPECT_DOUBLE_EQ(w.greyOf(300), 191.25);
    EXPECT_DOUBLE_EQ(w.greyOf(1000), 255.0);
    EXPECT_DOUBLE_EQ(w.lower(), 0.0);
    EXPECT_DOUBLE_EQ(w.upper(), 400.0);
}

TEST(WindowLevel, DragChangesWidthHorizontallyAndCentreVertically) {
    WindowLevel w{40, 400};
    WindowLevel wider = w.dragged(10, 0, 2.0);
    EXPECT_DOUBLE_EQ(wider.width, 420.0);
    EXPECT_DOUBLE_EQ(wider.center, 40.0);
    WindowLevel up = w.dragged(0, -5, 2.0);
    EXPECT_DOUBLE_EQ(up.center, 50.0);
    EXPECT_DOUBLE_EQ(up.width, 400.0);
    EXPECT_DOUBLE_EQ(w.dragged(-1000, 0, 1.0).width, 1.0);  // never collapses
}

TEST(WindowLevel, ParsesCommandLine) {
    auto w = WindowLevel::parse("-600,1500");
    ASSERT_TRUE(w);
    EXPECT_DOUBLE_EQ(w->center, -600);
    EXPECT_DOUBLE_EQ(w->width, 1500);
    EXPECT_TRUE(WindowLevel::parse("40.5,0.5"));
    for (const char* bad : {"", "40", "40,", ",400", "40,0", "40,-1", "a,b", "40,400x"}) {
        EXPECT_FALSE(WindowLevel::parse(bad)) << bad;
    }
}
