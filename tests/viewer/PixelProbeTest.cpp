#include <gtest/gtest.h>

#include "viewer/core/PixelProbe.h"

using namespace countyread;
using namespace countyread::viewer;

TEST(PixelProbe, ReadsHuAtTheNearestPixelAndNothingOutside) {
    dicom::ImageFrame f;
    f.width = 4;
    f.height = 3;
    f.is_signed = true;
    f.rescale_intercept = -1024;
    f.pixels.assign(12, 1024);
    f.pixels[1 * 4 + 2] = 1064;  // (2, 1): 40 HU
    auto p = PixelProbe::at(f, {2.3, 0.6});
    ASSERT_TRUE(p);
    EXPECT_EQ(p->column, 2);
    EXPECT_EQ(p->row, 1);
    EXPECT_EQ(p->stored, 1064);
    EXPECT_DOUBLE_EQ(p->value, 40.0);
    EXPECT_EQ(p->text("CT", true), "(2, 1)  40 HU");
    EXPECT_FALSE(PixelProbe::at(f, {-0.6, 0}));
    EXPECT_FALSE(PixelProbe::at(f, {3.6, 0}));
    EXPECT_TRUE(PixelProbe::at(f, {3.4, 2.4}));
    f.rescale_slope = 0.5;
    EXPECT_EQ(PixelProbe::at(f, {2, 1})->text("DX", false), "(2, 1)  -492");
}
