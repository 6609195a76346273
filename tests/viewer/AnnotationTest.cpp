// Drawing annotations (editor state machine), their outlines, labels and the per-image store.
#include <gtest/gtest.h>

#include <cmath>

#include "viewer/core/AnnotationEditor.h"
#include "viewer/core/AnnotationGeometry.h"
#include "viewer/core/AnnotationText.h"

using namespace countyread;
using namespace countyread::viewer;

TEST(AnnotationEditor, LengthIsOneDrag) {
    AnnotationEditor e;
    e.begin(Tool::Length);
    EXPECT_FALSE(e.press({10, 10}));
    e.move({50, 10});
    auto preview = e.preview();
    ASSERT_TRUE(preview);
    EXPECT_EQ(preview->points.size(), 2u);
    auto done = e.release({110, 10});
    ASSERT_TRUE(done);
    EXPECT_EQ(done->kind, AnnotationKind::Length);
    EXPECT_EQ(done->points, (std::vector<Point2>{{10, 10}, {110, 10}}));
    EXPECT_FALSE(e.preview());
    // A click without a drag draws nothing.
    e.press({5, 5});
    EXPECT_FALSE(e.release({5.2, 5}));
    EXPECT_FALSE(e.preview());
}

TEST(AnnotationEditor, AngleIsADragThenAClick) {
    AnnotationEditor e;
    e.begin(Tool::Angle);
    e.press({0, 0});
    EXPECT_FALSE(e.release({10, 0}));  // first arm: end (0,0) -> vertex (10,0)
    e.move({10, 10});
    ASSERT_TRUE(e.preview());
    EXPECT_EQ(e.preview()->points.size(), 3u);
    auto done = e.press({10, 10});
    ASSERT_TRUE(done);
    EXPECT_EQ(done->points, (std::vector<Point2>{{0, 0}, {10, 0}, {10, 10}}));
}

TEST(AnnotationEditor, CobbAndCtrAreTwoDrags) {
    for (Tool tool : {Tool::Cobb, Tool::CardioThoracic}) {
        AnnotationEditor e;
        e.begin(tool);
        e.press({0, 0});
        EXPECT_FALSE(e.release({10, 1}));
        e.press({0, 20});
        auto done = e.release({10, 25});
        ASSERT_TRUE(done);
        EXPECT_EQ(done->points.size(), 4u);
    }
}

TEST(AnnotationEditor, TextIsOneClickAndOtherToolsDrawNothing) {
    AnnotationEditor e;
    e.begin(Tool::Text);
    auto t = e.press({3, 4});
    ASSERT_TRUE(t);
    EXPECT_EQ(t->kind, AnnotationKind::Text);
    EXPECT_TRUE(t->text.empty());
    e.begin(Tool::Pan);
    EXPECT_FALSE(e.active());
    EXPECT_FALSE(e.press({1, 1}));
}

TEST(AnnotationGeometry, OutlinesAndDistance) {
    auto rect = Annotation::of(AnnotationKind::Rectangle, {{10, 10}, {20, 30}});
    auto lines = AnnotationGeometry::outline(rect, 1.0);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].size(), 5u);
    EXPECT_DOUBLE_EQ(AnnotationGeometry::distance(rect, {15, 8}), 2.0);
    auto ellipse = Annotation::of(AnnotationKind::Ellipse, {{0, 0}, {20, 10}});
    const auto ellipse_lines = AnnotationGeometry::outline(ellipse, 1.0);
    for (const auto& p : ellipse_lines[0]) {
        const double dx = (p.x - 10) / 10, dy = (p.y - 5) / 5;
        EXPECT_NEAR(dx * dx + dy * dy, 1.0, 1e-9);
    }
    auto arrow = Annotation::of(AnnotationKind::Arrow, {{0, 0}, {100, 0}});
    auto arrow_lines = AnnotationGeometry::outline(arrow, 0.5);
    ASSERT_EQ(arrow_lines.size(), 2u);                              // shaft and head
    EXPECT_NEAR(distance(arrow_lines[1][0], {100, 0}), 7.0, 1e-9);  // 14 screen px * 0.5
    EXPECT_LT(arrow_lines[1][0].x, 100);  // the wings point back along the shaft
}

TEST(AnnotationText, LabelsInBothLanguagesWithTheCalibrationCaveat) {
    dicom::ImageFrame f;
    f.width = f.height = 100;
    f.pixels.assign(100 * 100, 1064);
    f.rescale_intercept = -1024;
    f.column_spacing = f.row_spacing = 0.5;
    f.spacing_source = dicom::SpacingSource::PixelSpacing;
    auto length = Annotation::of(AnnotationKind::Length, {{10, 10}, {110, 10}});
    EXPECT_EQ(AnnotationText::lines(length, f, "CT", true), std::vector<std::string>{"50.0 mm"});
    f.spacing_source = dicom::SpacingSource::ImagerPixelSpacing;
    EXPECT_EQ(AnnotationText::lines(length, f, "DX", true).front(), "50.0 mm (探测器)");
    EXPECT_EQ(AnnotationText::lines(length, f, "DX", false).front(), "50.0 mm (detector)");
    f.spacing_source = dicom::SpacingSource::None;
    f.column_spacing = f.row_spacing = 1.0;
    EXPECT_EQ(AnnotationText::lines(length, f, "DX", false).front(), "100.0 px");
    f.column_spacing = f.row_spacing = 0.5;
    f.spacing_source = dicom::SpacingSource::PixelSpacing;
    auto roi = Annotation::of(AnnotationKind::Rectangle, {{0, 0}, {20, 20}});
    auto roi_lines = AnnotationText::lines(roi, f, "CT", false);
    ASSERT_EQ(roi_lines.size(), 3u);
    EXPECT_EQ(roi_lines[0], "Mean 40.0 HU  SD 0.0");
    EXPECT_EQ(roi_lines[1], "Min 40.0  Max 40.0");
    EXPECT_EQ(roi_lines[2], "Area 1.00 cm\xC2\xB2");  // 10 mm x 10 mm
    auto cobb = Annotation::of(AnnotationKind::Cobb, {{0, 0}, {10, 0}, {0, 10}, {10, 20}});
    EXPECT_EQ(AnnotationText::lines(cobb, f, "DX", true).front(), "Cobb角 45.0\xC2\xB0");
    auto ctr =
        Annotation::of(AnnotationKind::CardioThoracic, {{30, 50}, {75, 50}, {0, 40}, {100, 40}});
    EXPECT_EQ(AnnotationText::lines(ctr, f, "DX", true).front(), "心胸比 0.45");
}

TEST(AnnotationStore, PerImageAddRemoveAndHitTest) {
    AnnotationStore store;
    const ImageKey a{"1.2.3", 0}, b{"1.2.3", 1};
    store.add(a, Annotation::of(AnnotationKind::Length, {{0, 0}, {100, 0}}));
    store.add(a, Annotation::of(AnnotationKind::Length, {{0, 50}, {100, 50}}));
    store.add(b, Annotation::of(AnnotationKind::Text, {{5, 5}}, "T"));
    EXPECT_EQ(store.count(), 3u);
    EXPECT_TRUE(store.modified());
    EXPECT_EQ(store.on(a).size(), 2u);
    EXPECT_EQ(store.hitTest(a, {50, 48}, 5), std::optional<std::size_t>(1));
    EXPECT_FALSE(store.hitTest(a, {50, 25}, 5));
    EXPECT_TRUE(store.remove(a, 0));
    EXPECT_EQ(store.on(a).size(), 1u);
    EXPECT_FALSE(store.remove(a, 5));
    store.markSaved();
    EXPECT_FALSE(store.modified());
}
