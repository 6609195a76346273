#include <gtest/gtest.h>

#include "viewer/core/OrientationLabels.h"

using namespace countyread::viewer;

namespace {
ViewTransform view() {
    ViewTransform t;
    t.setViewport(100, 100);
    t.setImage(100, 100, 1, 1);
    t.fit();
    return t;
}
}  // namespace

TEST(OrientationLabels, AxialImageShowsRightOnTheScreensLeft) {
    // Axial: rows go to the patient's left, columns posterior.
    auto l =
        OrientationLabels::fromImageOrientation(std::array<double, 6>{1, 0, 0, 0, 1, 0}, view());
    ASSERT_TRUE(l);
    EXPECT_EQ(l->left, "R");
    EXPECT_EQ(l->right, "L");
    EXPECT_EQ(l->top, "A");
    EXPECT_EQ(l->bottom, "P");
}

TEST(OrientationLabels, FollowRotationAndFlip) {
    auto t = view();
    t.rotate(1);  // clockwise: what was at the top (A) is now at the right
    auto l = OrientationLabels::fromImageOrientation(std::array<double, 6>{1, 0, 0, 0, 1, 0}, t);
    EXPECT_EQ(l->right, "A");
    EXPECT_EQ(l->top, "R");
    auto f = view();
    f.flipHorizontal();
    auto m = OrientationLabels::fromImageOrientation(std::array<double, 6>{1, 0, 0, 0, 1, 0}, f);
    EXPECT_EQ(m->left, "L");
    EXPECT_EQ(m->right, "R");
    EXPECT_EQ(m->top, "A");
}

TEST(OrientationLabels, CoronalAndObliquePlanes) {
    auto cor =
        OrientationLabels::fromImageOrientation(std::array<double, 6>{1, 0, 0, 0, 0, -1}, view());
    EXPECT_EQ(cor->top, "H");
    EXPECT_EQ(cor->bottom, "F");
    // Gantry tilt of 20 degrees: the column direction is mostly posterior with some foot.
    const double c = std::cos(20 * M_PI / 180), s = std::sin(20 * M_PI / 180);
    auto tilt =
        OrientationLabels::fromImageOrientation(std::array<double, 6>{1, 0, 0, 0, c, -s}, view());
    EXPECT_EQ(tilt->bottom, "PF");
    EXPECT_EQ(tilt->top, "AH");
}

TEST(OrientationLabels, ProjectionImagesUsePatientOrientation) {
    // Chest PA: rows toward the patient's left, columns toward the feet.
    auto l = OrientationLabels::fromPatientOrientation("L\\F", view());
    ASSERT_TRUE(l);
    EXPECT_EQ(l->right, "L");
    EXPECT_EQ(l->left, "R");
    EXPECT_EQ(l->bottom, "F");
    EXPECT_EQ(l->top, "H");
    EXPECT_FALSE(OrientationLabels::fromPatientOrientation("", view()));
    EXPECT_FALSE(OrientationLabels::fromPatientOrientation("X\\F", view()));
}
