// The MPR window on a gantry-tilted CT phantom: the tilt is stated, a click on the ball in
// the axial view moves the coronal and sagittal views to it and the ball is drawn under their
// crosshairs; the slab thickness and shared window work on rendered pixels.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QMouseEvent>
#include <cmath>

#include "tests/viewer/GuiTestUtil.h"
#include "viewer/core/VolumeBuilder.h"
#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/MprWindow.h"
#include "viewer/ui/UiText.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

const Vec3 kBall{32.0, 30.0, 24.0};  // patient mm

std::shared_ptr<const Volume> tiltedVolume() {
    const double t = 15.0 * M_PI / 180.0;
    const Vec3 column{0, std::cos(t), -std::sin(t)};
    std::vector<std::shared_ptr<const dicom::ImageFrame>> slices;
    for (int k = 0; k < 30; ++k) {
        auto f = std::make_shared<dicom::ImageFrame>();
        f->width = f->height = 64;
        f->spacing_source = dicom::SpacingSource::PixelSpacing;
        f->is_signed = true;
        f->rescale_intercept = -1024;
        f->image_position = Vec3{0, 0, 2.0 * k};
        f->image_orientation = std::array<double, 6>{1, 0, 0, column[0], column[1], column[2]};
        f->pixels.resize(64 * 64);
        for (int j = 0; j < 64; ++j)
            for (int i = 0; i < 64; ++i) {
                const double x = i, y = j * column[1], z = 2.0 * k + j * column[2];
                const bool in = std::hypot(x - kBall[0], y - kBall[1], z - kBall[2]) <= 4.0;
                f->pixels[j * 64 + i] = in ? 2024 : 24;  // 1000 HU ball in -1000 HU air
            }
        f->stored_min = 24;
        f->stored_max = 2024;
        f->window_center = 0;
        f->window_width = 2000;
        slices.push_back(f);
    }
    auto built = VolumeBuilder::build(slices, false);
    return std::make_shared<const Volume>(std::move(*built.volume));
}

void click(ImageViewport* view, Point2 screen) {
    const QPointF p(screen.x, screen.y);
    QMouseEvent press(QEvent::MouseButtonPress, p, QPointF(view->mapToGlobal(p.toPoint())),
                      Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view, &press);
    QMouseEvent release(QEvent::MouseButtonRelease, p, QPointF(view->mapToGlobal(p.toPoint())),
                        Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view, &release);
}

double greyAt(ImageViewport* view, Point2 image) {
    const Point2 s = view->sliceView().transform().imageToScreen(image);
    return view->capture().meanGrey(static_cast<int>(s.x) - 1, static_cast<int>(s.y) - 1, 3, 3);
}

}  // namespace

TEST(MprWindow, TiltedSeriesCrosshairFindsTheBallInEveryPlane) {
    UiText text(Language::English);
    LoadedStudy source;
    source.study.patient_name = "Test^MPR";
    auto volume = tiltedVolume();
    MprWindow window(volume, source, text, RenderPath::Gpu);
    window.show();
    test::waitExposed(window);
    for (MprPlane p : {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal})
        window.view(p)->setOverlaysVisible(false);
    EXPECT_NE(window.note().toStdString().find("gantry tilt 15.0"), std::string::npos)
        << window.note().toStdString();

    // The ball's voxel; go to its axial slice and click on it.
    const Vec3 ijk = volume->voxel(kBall);
    ImageViewport* axial = window.view(MprPlane::Axial);
    axial->showSlice(static_cast<int>(std::lround(ijk[2])));
    const Point2 at_ball =
        axial->sliceView().transform().imageToScreen({ijk[0] + 0.5, ijk[1] + 0.5});
    click(axial, at_ball);
    const Vec3 cross = window.crosshair();
    EXPECT_NEAR(cross[0], ijk[0], 1.0);
    EXPECT_NEAR(cross[1], ijk[1], 1.0);
    EXPECT_NEAR(cross[2], ijk[2], 0.5);
    for (MprPlane p : {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal}) {
        const auto at = window.reslicer().toPlane(p, ijk);
        ImageViewport* view = window.view(p);
        EXPECT_EQ(view->sliceIndex(), at.index) << static_cast<int>(p);
        // Bright ball under the crosshair (window 0/2000: 1000 HU -> white).
        EXPECT_GT(greyAt(view, {at.column + 0.5, at.row + 0.5}), 200) << static_cast<int>(p);
        // ... and dark 8 mm away.
        EXPECT_LT(greyAt(view, {at.column + 0.5 + 8, at.row + 0.5}), 60) << static_cast<int>(p);
    }
    // Shared window: changing it in one view changes all.
    window.view(MprPlane::Coronal)->setWindow({500, 100});
    EXPECT_DOUBLE_EQ(window.view(MprPlane::Sagittal)->window().center, 500);
}

TEST(MprWindow, ThickSlabMipShowsTheBallFromANeighbouringSlice) {
    UiText text(Language::English);
    auto volume = tiltedVolume();
    MprWindow window(volume, LoadedStudy{}, text, RenderPath::Gpu);
    window.show();
    test::waitExposed(window);
    ImageViewport* coronal = window.view(MprPlane::Coronal);
    coronal->setOverlaysVisible(false);
    const auto at = window.reslicer().toPlane(MprPlane::Coronal, volume->voxel(kBall));
    coronal->showSlice(at.index + 7);  // 7 mm away: beyond the 4 mm ball
    const Point2 spot{at.column + 0.5, at.row + 0.5};
    EXPECT_LT(greyAt(coronal, spot), 60);
    window.setSlab(17, SlabMode::Mip);
    EXPECT_GT(greyAt(coronal, spot), 200);
    window.setSlab(1, SlabMode::Mip);
    EXPECT_LT(greyAt(coronal, spot), 60);
}
