#include <gtest/gtest.h>

#include "viewer/core/ScaleBar.h"

using namespace countyread;
using namespace countyread::viewer;

TEST(ScaleBar, PicksTheLargestRoundLengthThatFits) {
    // 2 px per mm, at most 150 px -> 75 mm available -> 50 mm = "5 cm", 100 px.
    auto bar = ScaleBar::choose(2.0, 150, dicom::SpacingSource::PixelSpacing);
    EXPECT_DOUBLE_EQ(bar.millimetres, 50.0);
    EXPECT_DOUBLE_EQ(bar.pixels, 100.0);
    EXPECT_EQ(bar.label, "5 cm");
    EXPECT_FALSE(bar.at_detector);
    // 10 px per mm, 150 px -> 15 mm available -> 10 mm = "1 cm"
    EXPECT_EQ(ScaleBar::choose(10.0, 150, dicom::SpacingSource::PixelSpacing).label, "1 cm");
    // 40 px per mm, 150 px -> 3.75 mm -> 2 mm
    auto small = ScaleBar::choose(40.0, 150, dicom::SpacingSource::PixelSpacing);
    EXPECT_EQ(small.label, "2 mm");
    EXPECT_DOUBLE_EQ(small.pixels, 80.0);
    // 500 px per mm: 0.3 mm -> 200 µm
    EXPECT_EQ(ScaleBar::choose(500.0, 150, dicom::SpacingSource::PixelSpacing).label,
              "200 \xC2\xB5m");
}

TEST(ScaleBar, DetectorSpacingIsFlaggedAndNoSpacingGivesNoBar) {
    EXPECT_TRUE(ScaleBar::choose(1.0, 200, dicom::SpacingSource::ImagerPixelSpacing).at_detector);
    EXPECT_EQ(ScaleBar::choose(1.0, 200, dicom::SpacingSource::None).millimetres, 0.0);
}
