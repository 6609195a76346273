// ViewTransform: fit, 1:1, zoom about a point, pan, quarter turns and flips, and the camera.
#include <gtest/gtest.h>

#include "viewer/core/ViewTransform.h"

using namespace countyread::viewer;

namespace {

ViewTransform make(int vw, int vh, int cols, int rows, double sx = 1.0, double sy = 1.0) {
    ViewTransform t;
    t.setViewport(vw, vh);
    t.setImage(cols, rows, sx, sy);
    t.fit();
    return t;
}

void expectNear(Point2 a, Point2 b, double tol = 1e-9) {
    EXPECT_NEAR(a.x, b.x, tol);
    EXPECT_NEAR(a.y, b.y, tol);
}

}  // namespace

TEST(ViewTransform, FitCentresTheImageAndFillsTheShortSide) {
    // 200 x 100 image (0.5 mm pixels) in a 400 x 400 viewport: width limits, 2 px per pixel.
    auto t = make(400, 400, 200, 100, 0.5, 0.5);
    EXPECT_DOUBLE_EQ(t.zoomFactor(), 2.0);
    EXPECT_DOUBLE_EQ(t.scale(), 4.0);
    // Pixel 0's left border is at screen x 0; the image centre at the viewport centre.
    expectNear(t.toScreen({-0.25, -0.25}), {0.0, 100.0});
    expectNear(t.toScreen({99.5 * 0.5, 49.5 * 0.5}), {200, 200});
}

TEST(ViewTransform, ScreenAndWorldAreInverse) {
    auto t = make(640, 480, 512, 512, 0.7, 0.7);
    t.rotate(1);
    t.flipHorizontal();
    t.zoomBy(2.5, {100, 80});
    t.panBy(13, -7);
    for (Point2 s : {Point2{0, 0}, Point2{320, 240}, Point2{639, 10}}) {
        expectNear(t.toScreen(t.toWorld(s)), s, 1e-9);
    }
}

TEST(ViewTransform, ZoomKeepsThePointUnderTheMouse) {
    auto t = make(400, 400, 100, 100);
    const Point2 anchor{300, 120};
    const Point2 before = t.toWorld(anchor);
    t.zoomBy(3.0, anchor);
    expectNear(t.toWorld(anchor), before, 1e-9);
    EXPECT_DOUBLE_EQ(t.zoomFactor(), 12.0);
}

TEST(ViewTransform, OneToOneShowsOneImagePixelPerScreenPixel) {
    auto t = make(400, 300, 3000, 3000, 0.143, 0.143);
    t.oneToOne();
    EXPECT_NEAR(t.zoomFactor(), 1.0, 1e-12);
    const Point2 a = t.toScreen({0, 0}), b = t.toScreen({0.143, 0});
    EXPECT_NEAR(b.x - a.x, 1.0, 1e-9);
    // The image centre stays in the viewport centre.
    expectNear(t.toScreen({2999 * 0.143 / 2, 2999 * 0.143 / 2}), {200, 150}, 1e-9);
}

TEST(ViewTransform, ClockwiseQuarterTurnMovesTheTopRowToTheRight) {
    auto t = make(100, 100, 100, 100);
    t.rotate(1);
    EXPECT_EQ(t.rotationQuarterTurns(), 1);
    EXPECT_FALSE(t.flipped());
    // The image's top-left pixel (0, 0) goes to the top-right of the screen.
    const Point2 s = t.toScreen({0, 0});
    EXPECT_NEAR(s.x, 99.5, 1e-9);
    EXPECT_NEAR(s.y, 0.5, 1e-9);
    t.rotate(-1);
    EXPECT_EQ(t.rotationQuarterTurns(), 0);
    expectNear(t.toScreen({0, 0}), {0.5, 0.5});
}

TEST(ViewTransform, RotationRefitsAPortraitImage) {
    auto t = make(400, 200, 100, 200);  // portrait image in a landscape viewport
    EXPECT_DOUBLE_EQ(t.zoomFactor(), 1.0);
    t.rotate(1);
    t.fit();
    EXPECT_DOUBLE_EQ(t.zoomFactor(), 2.0);
}

TEST(ViewTransform, FlipsMirrorWhatIsOnScreen) {
    auto t = make(100, 100, 100, 100);
    t.flipHorizontal();
    EXPECT_TRUE(t.flipped());
    expectNear(t.toScreen({0, 0}), {99.5, 0.5});
    t.flipVertical();  // both flips = half a turn
    EXPECT_FALSE(t.flipped());
    EXPECT_EQ(t.rotationQuarterTurns(), 2);
    expectNear(t.toScreen({0, 0}), {99.5, 99.5});
    // Flip after a rotation still mirrors left-right on screen.
    auto r = make(100, 100, 100, 100);
    r.rotate(1);
    const Point2 before = r.toScreen({10, 20});
    r.flipHorizontal();
    const Point2 after = r.toScreen({10, 20});
    EXPECT_NEAR(after.x, 100 - before.x, 1e-9);
    EXPECT_NEAR(after.y, before.y, 1e-9);
}

TEST(ViewTransform, PanMovesTheImageOnScreenAndSurvivesRotationAboutTheCentre) {
    auto t = make(200, 200, 100, 100);
    const Point2 s0 = t.toScreen({50, 50});
    t.panBy(20, 10);
    expectNear(t.toScreen({50, 50}), s0 + Point2{20, 10});
    // Rotating turns the whole screen content about the viewport centre.
    const Point2 p = t.toScreen({10, 30});
    t.rotate(1);
    const Point2 q = t.toScreen({10, 30});
    // clockwise about (100, 100): (x, y) -> (100 - (y - 100), 100 + (x - 100))
    expectNear(q, {200 - p.y, p.x}, 1e-9);
}

TEST(ViewTransform, ViewportResizeKeepsTheCentrePoint) {
    auto t = make(200, 200, 100, 100);
    t.zoomBy(2, {50, 50});
    const Point2 centre = t.toWorld({100, 100});
    t.setViewport(400, 300);
    expectNear(t.toWorld({200, 150}), centre, 1e-9);
}

TEST(ViewTransform, CameraLooksFromTheMirrorSideWhenFlipped) {
    auto t = make(300, 200, 100, 100, 2.0, 2.0);
    auto c = t.camera(500);
    EXPECT_DOUBLE_EQ(c.position[2], -500);
    EXPECT_DOUBLE_EQ(c.view_up[1], -1);
    EXPECT_DOUBLE_EQ(c.parallel_scale, 100.0);  // 200 px / 2 / (1 px per mm)
    EXPECT_DOUBLE_EQ(c.focal[0], 99.0);
    t.flipHorizontal();
    EXPECT_DOUBLE_EQ(t.camera(500).position[2], 500);
    t.rotate(1);  // rotation keeps the mirror: still from +z; up is now the image's -x... or +x
    EXPECT_DOUBLE_EQ(t.camera(500).position[2], 500);
    const Point2 up = t.screenUpInWorld();
    EXPECT_DOUBLE_EQ(std::abs(up.x) + std::abs(up.y), 1.0);
}

TEST(ViewTransform, ToPixelGivesColumnAndRow) {
    auto t = make(100, 100, 50, 50, 0.5, 0.25);
    const Point2 p = t.toPixel(t.toScreen({10 * 0.5, 20 * 0.25}));
    EXPECT_NEAR(p.x, 10, 1e-9);
    EXPECT_NEAR(p.y, 20, 1e-9);
}

TEST(ViewTransform, ImageCoordinatesHaveTheirOriginAtThePixelCorner) {
    auto t = make(100, 100, 50, 50, 0.5, 0.25);
    // The top-left corner of the image is image (0, 0) and screen (0, y0) of the fitted image.
    const Point2 corner = t.imageToScreen({0, 0});
    expectNear(t.toScreen({-0.25, -0.125}), corner);
    expectNear(t.screenToImage(corner), {0, 0}, 1e-9);
    expectNear(t.screenToImage(t.toScreen({10 * 0.5, 20 * 0.25})), {10.5, 20.5}, 1e-9);
}
