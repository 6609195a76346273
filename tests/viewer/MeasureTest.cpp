// Measurement geometry: lengths on calibrated and anisotropic pixels, angles, Cobb, CTR, and
// ROI statistics against values computed by hand on a known phantom.
#include <gtest/gtest.h>

#include <cmath>

#include "viewer/core/Measure.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

dicom::ImageFrame frame(int w, int h, double sx, double sy) {
    dicom::ImageFrame f;
    f.width = w;
    f.height = h;
    f.column_spacing = sx;
    f.row_spacing = sy;
    f.spacing_source = dicom::SpacingSource::PixelSpacing;
    f.pixels.assign(static_cast<std::size_t>(w) * h, 0);
    return f;
}

}  // namespace

TEST(Measure, LengthUsesBothSpacings) {
    const Spacing iso{0.5, 0.5, dicom::SpacingSource::PixelSpacing};
    EXPECT_DOUBLE_EQ(Measure::length({10, 10}, {210, 10}, iso), 100.0);
    // 3-4-5 triangle in mm on anisotropic pixels: 30 px * 0.1 = 3 mm, 20 px * 0.2 = 4 mm.
    const Spacing aniso{0.1, 0.2, dicom::SpacingSource::PixelSpacing};
    EXPECT_NEAR(Measure::length({0, 0}, {30, 20}, aniso), 5.0, 1e-12);
    // Uncalibrated: pixels.
    EXPECT_DOUBLE_EQ(Measure::length({0, 0}, {3, 4}, Spacing{}), 5.0);
}

TEST(Measure, AngleInPhysicalSpace) {
    const Spacing iso{0.7, 0.7, dicom::SpacingSource::PixelSpacing};
    EXPECT_NEAR(Measure::angle({10, 0}, {0, 0}, {0, 10}, iso), 90.0, 1e-9);
    EXPECT_NEAR(Measure::angle({10, 0}, {0, 0}, {-10, 0}, iso), 180.0, 1e-9);
    EXPECT_NEAR(Measure::angle({10, 0}, {0, 0}, {10, 10}, iso), 45.0, 1e-9);
    // On 1 x 2 mm pixels a pixel-diagonal is not 45 degrees: atan(2/1).
    const Spacing aniso{1.0, 2.0, dicom::SpacingSource::PixelSpacing};
    EXPECT_NEAR(Measure::angle({10, 0}, {0, 0}, {10, 10}, aniso), std::atan(2.0) * 180 / M_PI,
                1e-9);
}

TEST(Measure, CobbIsTheAcuteAngleBetweenEndplates) {
    const Spacing s{0.2, 0.2, dicom::SpacingSource::ImagerPixelSpacing};
    // Upper endplate tilted +10 degrees, lower -15 degrees: Cobb 25.
    auto line = [](double deg, Point2 c) {
        const double r = deg * M_PI / 180;
        return std::pair<Point2, Point2>{{c.x - 50 * std::cos(r), c.y - 50 * std::sin(r)},
                                         {c.x + 50 * std::cos(r), c.y + 50 * std::sin(r)}};
    };
    auto [a1, a2] = line(10, {200, 100});
    auto [b1, b2] = line(-15, {200, 400});
    EXPECT_NEAR(Measure::cobb(a1, a2, b1, b2, s), 25.0, 1e-9);
    // Drawing a line in the other direction changes nothing.
    EXPECT_NEAR(Measure::cobb(a2, a1, b1, b2, s), 25.0, 1e-9);
    EXPECT_NEAR(Measure::cobb({0, 0}, {10, 0}, {0, 5}, {10, 5}, s), 0.0, 1e-9);
}

TEST(Measure, CardiothoracicRatioFromHorizontalWidths) {
    const Spacing s{0.143, 0.143, dicom::SpacingSource::ImagerPixelSpacing};
    auto ratio =
        Measure::cardiothoracicRatio({900, 1500}, {1800, 1520}, {500, 1400}, {2500, 1380}, s);
    ASSERT_TRUE(ratio);
    EXPECT_NEAR(*ratio, 900.0 / 2000.0, 1e-12);
    EXPECT_FALSE(Measure::cardiothoracicRatio({0, 0}, {1, 0}, {5, 0}, {5, 9}, s));
}

TEST(Measure, RectangleStatsMatchTheKnownValues) {
    // 20 x 20 CT: value(i, j) = i + 10 j HU (stored = HU + 1024).
    auto f = frame(20, 20, 0.5, 0.5);
    f.rescale_intercept = -1024;
    for (int j = 0; j < 20; ++j)
        for (int i = 0; i < 20; ++i)
            f.pixels[j * 20 + i] = static_cast<std::uint16_t>(i + 10 * j + 1024);
    // Corners (2,3) and (6,5): pixel centres i = 2..5, j = 3..4 -> 8 pixels.
    auto r = Measure::rectangleStats(f, {2, 3}, {6, 5});
    ASSERT_EQ(r.pixels, 8);
    // values: i + 10 j for i in 2..5, j in 3..4 -> mean 3.5 + 35 = 38.5
    EXPECT_DOUBLE_EQ(r.mean, 38.5);
    EXPECT_DOUBLE_EQ(r.min, 32.0);
    EXPECT_DOUBLE_EQ(r.max, 45.0);
    // population SD: var(i) = 1.25, var(10 j) = 25 -> sqrt(26.25)
    EXPECT_NEAR(r.sd, std::sqrt(26.25), 1e-12);
    EXPECT_DOUBLE_EQ(r.area, 4 * 0.5 * 2 * 0.5);  // 2 mm x 1 mm
}

TEST(Measure, EllipseStatsOnAUniformDiscAndItsSurroundings) {
    // 200 x 200, a disc of radius 40 px centred at (100, 100) at 60 HU, 0 HU elsewhere.
    auto f = frame(200, 200, 0.8, 0.8);
    f.rescale_intercept = -1024;
    for (int j = 0; j < 200; ++j)
        for (int i = 0; i < 200; ++i) {
            const double dx = i + 0.5 - 100, dy = j + 0.5 - 100;
            f.pixels[j * 200 + i] = dx * dx + dy * dy <= 40 * 40 ? 1084 : 1024;
        }
    // An ellipse inside the disc: all 60 HU, SD 0.
    auto inner = Measure::ellipseStats(f, {80, 70}, {120, 130});
    EXPECT_DOUBLE_EQ(inner.mean, 60.0);
    EXPECT_DOUBLE_EQ(inner.sd, 0.0);
    EXPECT_DOUBLE_EQ(inner.min, 60.0);
    EXPECT_DOUBLE_EQ(inner.max, 60.0);
    // Area of the drawn ellipse: pi * 20 * 30 px^2 * 0.64 mm^2; the pixel count is close to it.
    EXPECT_NEAR(inner.area, M_PI * 20 * 30 * 0.64, 1e-9);
    EXPECT_NEAR(inner.pixels, M_PI * 20 * 30, M_PI * 20 * 30 * 0.02);
    // The ellipse exactly around the disc: mean 60 within a percent (edge pixels), min 0.
    auto whole = Measure::ellipseStats(f, {60, 60}, {140, 140});
    EXPECT_NEAR(whole.mean, 60.0, 0.6);
    EXPECT_DOUBLE_EQ(whole.max, 60.0);
    // A box around the disc: the disc's share of the box gives the mean: 60 * pi/4.
    auto box = Measure::rectangleStats(f, {60, 60}, {140, 140});
    EXPECT_EQ(box.pixels, 80 * 80);
    EXPECT_NEAR(box.mean, 60.0 * M_PI / 4, 0.3);
    EXPECT_DOUBLE_EQ(box.min, 0.0);
}

TEST(Measure, RoiOutsideTheImageIsClipped) {
    auto f = frame(10, 10, 1, 1);
    auto r = Measure::rectangleStats(f, {-5, -5}, {2, 2});
    EXPECT_EQ(r.pixels, 4);
    auto none = Measure::ellipseStats(f, {20, 20}, {30, 30});
    EXPECT_EQ(none.pixels, 0);
}
