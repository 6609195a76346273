// Measuring with the mouse in the real viewport on calibrated DICOM phantoms: a length within
// 0.5 % of the truth, ROI statistics equal to the known values, angle, the detector-plane
// caveat, text and deletion; the measurement stays on its image and follows zoom/rotation.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QVBoxLayout>
#include <QWidget>
#include <cmath>
#include <regex>

#include "dicom/image/ImageLoader.h"
#include "tests/viewer/GuiTestUtil.h"
#include "tests/viewer/PhantomDicom.h"
#include "viewer/core/Measure.h"
#include "viewer/ui/ImageViewport.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

// 400 x 400 CT phantom, Pixel Spacing 0.25 mm: background 0 HU, a 100 x 100 square of 100 HU
// at columns/rows 150..249, two 3 x 3 marker dots of 1000 HU centred at (40, 200), (360, 200).
std::shared_ptr<LoadedStudy> phantomStudy(const std::string& modality, bool detector_spacing) {
    test::PhantomSpec s;
    s.width = s.height = 400;
    s.modality = modality;
    s.raw.assign(400 * 400, 1024);
    for (int y = 150; y < 250; ++y)
        for (int x = 150; x < 250; ++x) s.raw[y * 400 + x] = 1124;
    for (int cx : {40, 360})
        for (int y = 199; y <= 201; ++y)
            for (int x = cx - 1; x <= cx + 1; ++x) s.raw[y * 400 + x] = 2024;
    s.slope = 1;
    s.intercept = -1024;
    s.window = {{40, 400}};
    if (detector_spacing) {
        s.imager_spacing = {{0.25, 0.25}};
    } else {
        s.pixel_spacing = {{0.25, 0.25}};
    }
    auto study = std::make_shared<LoadedStudy>();
    study->study.modality = modality;
    LoadedImage image;
    image.instance.sop_instance_uid = s.sop_uid;
    image.instance.series_uid = s.series_uid;
    image.instance.modality = modality;
    image.pixels = std::make_shared<dicom::ImageFrame>(dicom::loadFrame(test::makePhantom(s)));
    study->images.push_back(image);
    return study;
}

class MeasurementTools : public ::testing::Test {
protected:
    void SetUp() override {
        host_ = std::make_unique<QWidget>();
        auto* layout = new QVBoxLayout(host_.get());
        layout->setContentsMargins(0, 0, 0, 0);
        viewport_ = new ImageViewport(false, host_.get());
        layout->addWidget(viewport_);
        host_->resize(500, 500);  // 400 px image fitted: 1.25 screen px per image px
        host_->show();
        test::waitExposed(*host_);
        viewport_->setOverlaysVisible(false);
        viewport_->setTextPrompt([this](bool) { return prompt_answer_; });
    }
    void open(const std::string& modality = "CT", bool detector = false) {
        viewport_->setStudy(phantomStudy(modality, detector));
    }
    QPoint screenOf(double image_x, double image_y) {
        const Point2 s = viewport_->sliceView().transform().imageToScreen({image_x, image_y});
        return {static_cast<int>(std::lround(s.x)), static_cast<int>(std::lround(s.y))};
    }
    void mouse(QEvent::Type type, QPoint p, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent e(type, QPointF(p), QPointF(viewport_->mapToGlobal(p)), button, buttons,
                      Qt::NoModifier);
        QCoreApplication::sendEvent(viewport_, &e);
    }
    void drag(QPoint from, QPoint to) {
        mouse(QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
        mouse(QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
    }
    void click(QPoint p) {
        mouse(QEvent::MouseButtonPress, p, Qt::LeftButton, Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, p, Qt::LeftButton, Qt::NoButton);
    }
    void key(int k) {
        QKeyEvent e(QEvent::KeyPress, k, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport_, &e);
    }
    std::vector<std::string> labels() { return viewport_->sliceView().annotationLayer().labels(); }
    const std::vector<Annotation>& annotations() {
        return viewport_->annotations().store().on(viewport_->annotations().key());
    }

    std::unique_ptr<QWidget> host_;
    ImageViewport* viewport_ = nullptr;
    std::optional<std::string> prompt_answer_ = std::string("病灶");
};

double firstNumber(const std::string& s) {
    std::smatch m;
    static const std::regex number(R"(-?\d+(\.\d+)?)");
    return std::regex_search(s, m, number) ? std::stod(m[0]) : NAN;
}

}  // namespace

TEST_F(MeasurementTools, LengthBetweenTheMarkersIsWithinHalfAPercent) {
    open();
    key(Qt::Key_L);
    EXPECT_EQ(viewport_->tool(), Tool::Length);
    // Marker centres: pixels (40, 200) and (360, 200) = image coordinates (40.5, 200.5) and
    // (360.5, 200.5): 320 px x 0.25 mm = 80 mm.
    drag(screenOf(40.5, 200.5), screenOf(360.5, 200.5));
    ASSERT_EQ(annotations().size(), 1u);
    ASSERT_EQ(labels().size(), 1u);
    const double measured = firstNumber(labels()[0]);
    EXPECT_NEAR(measured, 80.0, 80.0 * 0.005) << labels()[0];
    EXPECT_NE(labels()[0].find(" mm"), std::string::npos);
    EXPECT_EQ(labels()[0].find("detector"), std::string::npos);
    test::keepCapture(viewport_->capture(), "measure-length");
    // The line is drawn over the image: the rendered pixels between the markers are yellow.
    RgbImage image = viewport_->capture();
    const QPoint mid = screenOf(200.5, 200.5);
    const auto* p = image.pixel(mid.x(), mid.y());
    EXPECT_GT(p[0], 200);
    EXPECT_GT(p[1], 150);
    EXPECT_LT(p[2], 120);
}

TEST_F(MeasurementTools, LengthOnDetectorSpacingCarriesTheCaveat) {
    open("DX", true);
    key(Qt::Key_L);
    drag(screenOf(40.5, 200.5), screenOf(360.5, 200.5));
    ASSERT_EQ(labels().size(), 1u);
    EXPECT_NEAR(firstNumber(labels()[0]), 80.0, 0.4);
    EXPECT_NE(labels()[0].find("(detector)"), std::string::npos) << labels()[0];
}

TEST_F(MeasurementTools, RectangleAndEllipseRoiGiveTheKnownStatistics) {
    open();
    key(Qt::Key_Q);
    // Inside the 100 HU square (pixels 150..249): all 100 HU.
    drag(screenOf(160, 160), screenOf(240, 240));
    ASSERT_EQ(labels().size(), 1u);
    EXPECT_NE(labels()[0].find("Mean 100.0 HU  SD 0.0"), std::string::npos) << labels()[0];
    EXPECT_NE(labels()[0].find("Min 100.0  Max 100.0"), std::string::npos) << labels()[0];
    // Exactly the square's pixels plus the same area outside: mean 50, SD 50, area known.
    key(Qt::Key_E);
    EXPECT_EQ(viewport_->tool(), Tool::Ellipse);
    drag(screenOf(100, 150), screenOf(300, 250));  // ellipse 200 x 100 px
    ASSERT_EQ(annotations().size(), 2u);
    const auto& roi = annotations()[1];
    auto stats =
        Measure::ellipseStats(*viewport_->study()->images[0].pixels, roi.points[0], roi.points[1]);
    EXPECT_DOUBLE_EQ(stats.max, 100.0);
    EXPECT_DOUBLE_EQ(stats.min, 0.0);
    // pi * 100 * 50 px^2 * 0.0625 mm^2 = 981.7 mm^2 = 9.82 cm^2 (points snap to screen pixels)
    EXPECT_NEAR(stats.area, M_PI * 100 * 50 * 0.0625, 981.7 * 0.02);
    ASSERT_EQ(labels().size(), 2u);
    EXPECT_NE(labels()[1].find("Area 9.8"), std::string::npos) << labels()[1];
    test::keepCapture(viewport_->capture(), "measure-roi");
}

TEST_F(MeasurementTools, AngleTextDeleteAndEscape) {
    open();
    key(Qt::Key_G);
    drag(screenOf(100, 100), screenOf(200, 100));  // first arm: end -> vertex
    mouse(QEvent::MouseMove, screenOf(200, 0), Qt::NoButton, Qt::NoButton);
    click(screenOf(200, 0));  // straight up from the vertex: 90 degrees
    ASSERT_EQ(annotations().size(), 1u);
    EXPECT_NEAR(firstNumber(labels()[0]), 90.0, 0.8);
    key(Qt::Key_X);
    click(screenOf(300, 300));
    ASSERT_EQ(annotations().size(), 2u);
    EXPECT_EQ(annotations()[1].text, "病灶");
    prompt_answer_.reset();  // cancelled dialog: nothing added
    click(screenOf(320, 320));
    EXPECT_EQ(annotations().size(), 2u);
    // Delete near the angle's vertex removes the angle, not the newest (text).
    mouse(QEvent::MouseMove, screenOf(200, 100), Qt::NoButton, Qt::NoButton);
    key(Qt::Key_Delete);
    ASSERT_EQ(annotations().size(), 1u);
    EXPECT_EQ(annotations()[0].kind, AnnotationKind::Text);
    key(Qt::Key_Escape);
    EXPECT_EQ(viewport_->tool(), Tool::WindowLevel);
}

TEST_F(MeasurementTools, MeasurementsFollowZoomAndRotation) {
    open();
    key(Qt::Key_L);
    drag(screenOf(40.5, 200.5), screenOf(360.5, 200.5));
    const double before = firstNumber(labels()[0]);
    key(Qt::Key_BracketRight);
    key(Qt::Key_Plus);
    ASSERT_EQ(labels().size(), 1u);
    EXPECT_DOUBLE_EQ(firstNumber(labels()[0]), before);  // same value, redrawn
    // The line's middle is still drawn where the transform puts image (200.5, 200.5).
    RgbImage image = viewport_->capture();
    const QPoint mid = screenOf(200.5, 200.5);
    EXPECT_GT(image.pixel(mid.x(), mid.y())[0], 200);
}
