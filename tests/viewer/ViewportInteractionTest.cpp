// ImageViewport: slice scrolling and window/level by left-drag, checked on rendered pixels.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QWidget>

#include "tests/viewer/GuiTestUtil.h"
#include "viewer/ui/ImageViewport.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

std::shared_ptr<LoadedStudy> threeSlices() {
    auto study = std::make_shared<LoadedStudy>();
    study->study.patient_name = "李明";
    study->study.modality = "CT";
    for (int i = 0; i < 3; ++i) {
        LoadedImage image;
        image.instance.series_uid = "1.2.3";
        image.instance.instance_number = i + 1;
        image.instance.modality = "CT";
        // uniform slices 0, 100, 200; the default window of each is 0..400
        auto f = test::halvesFrame(100, 100, i * 100, i * 100);
        f->window_center = 200;
        f->window_width = 400;
        image.pixels = f;
        study->images.push_back(image);
    }
    study->initial_index = 1;
    return study;
}

class Interaction : public ::testing::Test {
protected:
    void SetUp() override {
        host_ = std::make_unique<QWidget>();
        auto* layout = new QVBoxLayout(host_.get());
        layout->setContentsMargins(0, 0, 0, 0);
        viewport_ = new ImageViewport(true, host_.get());
        layout->addWidget(viewport_);
        host_->resize(300, 300);
        host_->show();
        test::waitExposed(*host_);
        viewport_->sliceView().setOverlaysVisible(false);
        viewport_->setStudy(threeSlices());
    }
    double centreGrey() { return viewport_->capture().meanGrey(130, 130, 40, 40); }
    void wheel(int delta) {
        QWheelEvent e(QPointF(150, 150), QPointF(150, 150), QPoint(), QPoint(0, delta),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(viewport_, &e);
    }
    void key(int k) {
        QKeyEvent e(QEvent::KeyPress, k, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport_, &e);
    }
    void mouse(QEvent::Type type, QPoint p, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent e(type, QPointF(p), QPointF(viewport_->mapToGlobal(p)), button, buttons,
                      Qt::NoModifier);
        QCoreApplication::sendEvent(viewport_, &e);
    }

    std::unique_ptr<QWidget> host_;
    ImageViewport* viewport_ = nullptr;
};

}  // namespace

TEST_F(Interaction, StartsAtInitialSliceWithFileWindow) {
    EXPECT_EQ(viewport_->sliceIndex(), 1);
    EXPECT_EQ(viewport_->sliceCount(), 3);
    EXPECT_DOUBLE_EQ(viewport_->window().center, 200);
    EXPECT_NEAR(centreGrey(), 64.0, 3.0);  // value 100 in window 0..400
}

TEST_F(Interaction, WheelAndKeysScrollThroughSlices) {
    int changes = 0;
    QObject::connect(viewport_, &ImageViewport::sliceChanged, [&](int, int) { ++changes; });
    wheel(-120);  // one notch down: next slice
    EXPECT_EQ(viewport_->sliceIndex(), 2);
    EXPECT_NEAR(centreGrey(), 128.0, 3.0);  // value 200
    wheel(-120);                            // already at the end
    EXPECT_EQ(viewport_->sliceIndex(), 2);
    key(Qt::Key_PageUp);
    key(Qt::Key_PageUp);
    EXPECT_EQ(viewport_->sliceIndex(), 0);
    EXPECT_NEAR(centreGrey(), 0.0, 2.0);
    key(Qt::Key_PageDown);
    EXPECT_EQ(viewport_->sliceIndex(), 1);
    wheel(60);  // half a notch: nothing yet
    EXPECT_EQ(viewport_->sliceIndex(), 1);
    wheel(60);
    EXPECT_EQ(viewport_->sliceIndex(), 0);
    EXPECT_EQ(changes, 5);
}

TEST_F(Interaction, LeftDragChangesWindow) {
    // A flat slice has no data range: its default window width (400) sets the drag scale.
    const double scale = dragScaleFor(400);
    mouse(QEvent::MouseButtonPress, {100, 100}, Qt::LeftButton, Qt::LeftButton);
    mouse(QEvent::MouseMove, {150, 100}, Qt::NoButton, Qt::LeftButton);  // wider
    EXPECT_NEAR(viewport_->window().width, 400 + 50 * scale, 1e-9);
    EXPECT_NEAR(viewport_->window().center, 200, 1e-9);
    mouse(QEvent::MouseMove, {150, 50}, Qt::NoButton, Qt::LeftButton);  // up: centre rises
    EXPECT_NEAR(viewport_->window().center, 200 + 50 * scale, 1e-9);
    mouse(QEvent::MouseButtonRelease, {150, 50}, Qt::LeftButton, Qt::NoButton);
    mouse(QEvent::MouseMove, {300, 300}, Qt::NoButton, Qt::NoButton);  // released: no change
    EXPECT_NEAR(viewport_->window().width, 400 + 50 * scale, 1e-9);

    // A big drag down narrows the view onto the dark end: slice value 100 becomes white.
    viewport_->setWindow({20, 20});
    EXPECT_NEAR(centreGrey(), 255.0, 2.0);
    key(Qt::Key_R);  // back to the file's window
    EXPECT_DOUBLE_EQ(viewport_->window().width, 400);
    EXPECT_NEAR(centreGrey(), 64.0, 3.0);
}

TEST_F(Interaction, WindowPersistsWhileScrollingTheSameSeries) {
    viewport_->setWindow({100, 2});  // value 100 -> mid grey boundary; 200 -> white
    key(Qt::Key_PageDown);
    EXPECT_DOUBLE_EQ(viewport_->window().center, 100);
    EXPECT_NEAR(centreGrey(), 255.0, 2.0);
}
