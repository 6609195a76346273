// 3D volume rendering through the real mappers (GPU ray caster and CPU fixed-point ray caster,
// Mesa llvmpipe under xvfb-run) on generated phantoms, read back from the render window: the
// bone preset shows a bright ball and dark corners, soft tissue shows the skin-coloured cube
// in front of it, MIP draws a one-voxel column where the camera projects it, the mouse rotates,
// pans and zooms; the 3D window's presets follow keys 1-5 and its combo box; the main window
// opens it with Ctrl+3. The voxels are wrapped, not copied.
#include <gtest/gtest.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkPointData.h>

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <cmath>
#include <cstring>
#include <functional>

#include "tests/viewer/DemoStudy.h"
#include "tests/viewer/GuiTestUtil.h"
#include "tests/viewer/VolumePhantom.h"
#include "viewer/core/VolumePresets.h"
#include "viewer/ui/MainWindow.h"
#include "viewer/ui/ViewerToolBar.h"
#include "viewer/ui/VolumeRenderWidget.h"
#include "viewer/ui/VolumeWindow.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

struct Rgb {
    double r = 0, g = 0, b = 0;
    double grey() const { return (r + g + b) / 3; }
};

// Mean colour of the (2 * half + 1)^2 pixels around p.
Rgb meanRgb(const RgbImage& image, Point2 p, int half = 2) {
    Rgb sum;
    int n = 0;
    const int cx = static_cast<int>(std::lround(p.x)), cy = static_cast<int>(std::lround(p.y));
    for (int y = cy - half; y <= cy + half; ++y)
        for (int x = cx - half; x <= cx + half; ++x) {
            if (x < 0 || y < 0 || x >= image.width || y >= image.height) continue;
            const std::uint8_t* px = image.pixel(x, y);
            sum.r += px[0];
            sum.g += px[1];
            sum.b += px[2];
            ++n;
        }
    if (n > 0) sum = {sum.r / n, sum.g / n, sum.b / n};
    return sum;
}

// The brightest grey within `half` pixels left or right of p (a one-voxel line is about three
// pixels wide here, and trilinear interpolation peaks only where a pixel's ray hits its centre).
double peakAcross(const RgbImage& image, Point2 p, int half = 2) {
    double best = 0;
    for (int dx = -half; dx <= half; ++dx)
        best = std::max(best, meanRgb(image, p + Point2{double(dx), 0}, 0).grey());
    return best;
}

std::string describe(const Rgb& c) {
    return "rgb(" + std::to_string(c.r) + ", " + std::to_string(c.g) + ", " + std::to_string(c.b) +
           ")";
}

class VolumePixels : public ::testing::TestWithParam<RenderPath> {
protected:
    static constexpr int kSize = 400;

    void SetUp() override {
        host_ = std::make_unique<QWidget>();
        auto* layout = new QVBoxLayout(host_.get());
        layout->setContentsMargins(0, 0, 0, 0);
        view_ = new VolumeRenderWidget(host_.get());
        layout->addWidget(view_);
        host_->resize(kSize, kSize);
        view_->scene().setRenderPath(GetParam(), true);  // the GPU ray caster even on llvmpipe
        host_->show();
        test::waitExposed(*host_);
    }

    void show(Volume volume, const std::string& preset) {
        view_->scene().setVolume(std::make_shared<const Volume>(std::move(volume)));
        view_->scene().applyPreset(VolumePresets::find(preset));
    }
    RgbImage capture(const std::string& name) {
        RgbImage image = view_->capture();
        EXPECT_EQ(view_->scene().renderPath(), GetParam()) << view_->scene().renderPathNote();
        EXPECT_EQ(image.width, kSize);
        EXPECT_EQ(image.height, kSize);
        test::keepCapture(image, std::string("volume-") + renderPathName(GetParam()) + "-" + name);
        return image;
    }
    Point2 project(const Vec3& p) const { return view_->scene().project(p); }

    void mouse(QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons held) {
        QMouseEvent e(type, at, QPointF(view_->mapToGlobal(at.toPoint())), button, held,
                      Qt::NoModifier);
        QCoreApplication::sendEvent(view_, &e);
    }
    // Drags with `button` from `from` by `delta` in 10 steps; `during` runs before the release.
    void drag(Qt::MouseButton button, QPointF from, QPointF delta,
              const std::function<void()>& during = {}) {
        mouse(QEvent::MouseButtonPress, from, button, button);
        for (int i = 1; i <= 10; ++i)
            mouse(QEvent::MouseMove, from + delta * (i / 10.0), Qt::NoButton, button);
        if (during) during();
        mouse(QEvent::MouseButtonRelease, from + delta, button, Qt::NoButton);
    }
    void key(int k) {
        QKeyEvent press(QEvent::KeyPress, k, Qt::NoModifier);
        QCoreApplication::sendEvent(view_, &press);
    }

    std::unique_ptr<QWidget> host_;
    VolumeRenderWidget* view_ = nullptr;
};

}  // namespace

TEST_P(VolumePixels, BonePresetShowsABrightBallAndDarkCorners) {
    show(test::boneInCubePhantom(), "bone");
    const RgbImage image = capture("bone");
    // Anterior view of a volume centred on the patient origin: drawn in the middle.
    const Point2 centre = project({0, 0, 0});
    EXPECT_NEAR(centre.x, kSize / 2.0, 2.0);
    EXPECT_NEAR(centre.y, kSize / 2.0, 2.0);
    const Rgb ball = meanRgb(image, centre);
    EXPECT_GT(ball.grey(), 150) << describe(ball);
    EXPECT_GT(ball.b, 110) << describe(ball);  // ivory-white, not skin-coloured
    // The corners show the black background.
    for (const Point2 corner : {Point2{8, 8}, Point2{kSize - 9.0, 8}, Point2{8, kSize - 9.0},
                                Point2{kSize - 9.0, kSize - 9.0}})
        EXPECT_LT(meanRgb(image, corner, 6).grey(), 3) << corner.x << "," << corner.y;
    // Water (0 HU) is transparent: inside the cube beside the ball, dark.
    const Point2 beside = project({29, -test::kCubeHalf, 0});
    EXPECT_LT(meanRgb(image, beside).grey(), 20) << describe(meanRgb(image, beside));
}

TEST_P(VolumePixels, SoftTissuePresetShowsTheSkinColouredCubeInFront) {
    show(test::boneInCubePhantom(), "soft");
    const RgbImage soft = capture("soft");
    view_->scene().applyPreset(VolumePresets::find("bone"));
    const RgbImage bone = capture("bone-again");
    // Beside the ball: soft tissue shows the cube's front face in skin colour, bone nothing.
    const Point2 beside = project({29, -test::kCubeHalf, 0});
    const Rgb skin = meanRgb(soft, beside);
    EXPECT_GT(skin.r, 100) << describe(skin);
    EXPECT_GT(skin.r, skin.b + 30) << describe(skin);
    EXPECT_LT(meanRgb(bone, beside).grey(), 20);
    // In the middle the skin hides the ball: skin-coloured, where bone is ivory-white.
    const Point2 centre = project({0, 0, 0});
    const Rgb soft_centre = meanRgb(soft, centre), bone_centre = meanRgb(bone, centre);
    EXPECT_GT(soft_centre.r, soft_centre.b + 30) << describe(soft_centre);
    EXPECT_GT(bone_centre.b - bone_centre.r, soft_centre.b - soft_centre.r + 20)
        << describe(bone_centre) << " vs " << describe(soft_centre);
    // Outside the cube both are black.
    const Point2 outside = project({test::kCubeHalf + 10, -test::kCubeHalf, 0});
    EXPECT_LT(meanRgb(soft, outside).grey(), 3);
}

TEST_P(VolumePixels, MipShowsTheColumnWhereItProjectsAndFollowsTheRotation) {
    show(test::mipColumnPhantom(), "mip");
    const RgbImage front = capture("mip-front");
    // Anterior view: the column (patient's left, x > 0) is on the right of the screen.
    const Point2 top = project({test::kColumnX, test::kColumnY, 40});
    const Point2 bottom = project({test::kColumnX, test::kColumnY, -40});
    EXPECT_GT(top.x, kSize / 2.0 + 20);
    EXPECT_LT(top.y, bottom.y);  // head up
    for (double z : {-40.0, 0.0, 40.0}) {
        const Point2 on = project({test::kColumnX, test::kColumnY, z});
        EXPECT_GT(peakAcross(front, on), 150) << "z " << z << " " << on.x << "," << on.y;
        // The mirror position and 10 px beside the column are black.
        const Point2 mirror = project({-test::kColumnX, test::kColumnY, z});
        EXPECT_LT(peakAcross(front, mirror), 10) << "z " << z;
        EXPECT_LT(peakAcross(front, on + Point2{10, 0}), 10) << "z " << z;
    }
    // Rotate 90 degrees by dragging left: now the column is seen from the patient's side, at
    // x = its y offset (anterior, y < 0, to one side of the centre).
    const double pixels = 90.0 / view_->degreesPerPixel();
    drag(Qt::LeftButton, {kSize / 2.0 - pixels / 2, kSize / 2.0}, {pixels, 0});
    const RgbImage side = capture("mip-side");
    const Point2 turned = project({test::kColumnX, test::kColumnY, 0});
    EXPECT_NEAR(std::abs(turned.x - kSize / 2.0), std::abs(top.x - kSize / 2.0) * 23.0 / 25.0, 6.0);
    EXPECT_GT(peakAcross(side, turned), 150) << turned.x << "," << turned.y;
    const Point2 before = project({0, 0, 0}) + Point2{top.x - kSize / 2.0, 0};
    if (std::abs(before.x - turned.x) > 8) {
        EXPECT_LT(peakAcross(side, before), 10) << "the old position is empty now";
    }
}

TEST_P(VolumePixels, MouseAndKeysPanZoomResetAndLowerTheQualityWhileDragging) {
    show(test::boneInCubePhantom(), "bone");
    capture("before");
    const auto scale = [this] { return project({20, 0, 0}).x - project({-20, 0, 0}).x; };
    const double scale0 = scale();
    // Middle drag: the scene follows the mouse.
    bool coarse_while_dragging = false;
    drag(Qt::MiddleButton, {100, 100}, {40, 25},
         [&] { coarse_while_dragging = view_->scene().interactive(); });
    EXPECT_TRUE(coarse_while_dragging);
    EXPECT_FALSE(view_->scene().interactive());
    capture("panned");
    const Point2 moved = project({0, 0, 0});
    EXPECT_NEAR(moved.x, kSize / 2.0 + 40, 1.5);
    EXPECT_NEAR(moved.y, kSize / 2.0 + 25, 1.5);
    // The panned ball is drawn there.
    EXPECT_GT(meanRgb(view_->capture(), moved).grey(), 150);
    // Wheel: one notch forward zooms in by 1.1 about the focal point.
    QWheelEvent wheel(QPointF(200, 200), QPointF(view_->mapToGlobal(QPoint(200, 200))),
                      QPoint(0, 0), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                      false);
    QCoreApplication::sendEvent(view_, &wheel);
    EXPECT_TRUE(view_->scene().interactive());  // until the wheel has been quiet a moment
    capture("wheel");
    EXPECT_NEAR(scale() / scale0, 1.1, 0.02);
    // Right drag upwards zooms in further.
    drag(Qt::RightButton, {200, 300}, {0, -50});
    capture("right-drag");
    EXPECT_NEAR(scale() / scale0, 1.1 * std::exp(0.5), 0.05);
    // R resets the view.
    key(Qt::Key_R);
    capture("reset");
    EXPECT_NEAR(project({0, 0, 0}).x, kSize / 2.0, 1.0);
    EXPECT_NEAR(scale() / scale0, 1.0, 0.01);
    // Keys 1-5 pick the presets.
    key(Qt::Key_5);
    EXPECT_EQ(view_->scene().preset().key, "mip");
    key(Qt::Key_2);
    EXPECT_EQ(view_->scene().preset().key, "soft");
}

INSTANTIATE_TEST_SUITE_P(Mappers, VolumePixels, ::testing::Values(RenderPath::Gpu, RenderPath::Cpu),
                         [](const auto& info) { return std::string(renderPathName(info.param)); });

TEST(VolumeScene, WrapsTheVoxelsWithoutCopyingAndKeepsThemAlive) {
    auto volume = std::make_shared<const Volume>(test::mipColumnPhantom());
    std::weak_ptr<const Volume> weak = volume;
    const void* voxels = volume->voxels.data();
    {
        VolumeScene scene;
        scene.setVolume(std::move(volume));
        vtkImageData* image = scene.imageData();
        ASSERT_NE(image, nullptr);
        vtkDataArray* scalars = image->GetPointData()->GetScalars();
        EXPECT_EQ(scalars->GetVoidPointer(0), voxels);
        EXPECT_EQ(scalars->GetDataType(), VTK_SHORT);
        int dims[3];
        image->GetDimensions(dims);
        EXPECT_EQ(dims[0] * dims[1] * dims[2], 64 * 64 * 64);
        EXPECT_FALSE(weak.expired());  // the scene holds the volume
    }
    EXPECT_TRUE(weak.expired());  // released with the scene
}

TEST(VolumeScene, GathersAVolumeThatReadsTheFramesIntoOneBlockAndFreesItWithTheScene) {
    // A Volume over shared frames (as VolumeBuilder makes for an untilted stack): VTK's mappers
    // need one block, which the scene holds, not the Volume.
    const Volume phantom = test::mipColumnPhantom();
    auto shared = std::make_shared<Volume>(phantom);
    shared->voxels.clear();
    for (int k = 0; k < phantom.nz; ++k) {
        auto frame = std::make_shared<dicom::ImageFrame>();
        frame->width = phantom.nx;
        frame->height = phantom.ny;
        frame->pixels.assign(phantom.plane(k), phantom.plane(k) + phantom.planeSize());
        shared->slices.push_back(frame);
    }
    ASSERT_TRUE(shared->sharesFrames());
    VolumeScene scene;
    scene.setVolume(shared);
    EXPECT_EQ(scene.copiedVoxelBytes(), phantom.bytes());
    vtkDataArray* scalars = scene.imageData()->GetPointData()->GetScalars();
    ASSERT_EQ(scalars->GetNumberOfTuples(), static_cast<vtkIdType>(phantom.voxels.size()));
    EXPECT_EQ(std::memcmp(scalars->GetVoidPointer(0), phantom.voxels.data(), phantom.bytes()), 0);
    // Given a volume that owns its voxels, the scene wraps them and drops its block.
    auto owned = std::make_shared<const Volume>(phantom);
    scene.setVolume(owned);
    EXPECT_EQ(scene.copiedVoxelBytes(), 0u);
    EXPECT_EQ(scene.imageData()->GetPointData()->GetScalars()->GetVoidPointer(0),
              owned->voxels.data());
}

TEST(VolumeWindow, PresetComboFollowsKeysAndSwitchesTheScene) {
    UiText text(Language::Chinese);
    LoadedStudy source;
    source.study.patient_name = "Zhang^San=张^三";
    Volume volume = test::boneInCubePhantom();
    volume.note = "gantry tilt 15.0° corrected";
    VolumeWindow window(std::make_shared<const Volume>(std::move(volume)), source, text,
                        RenderPath::Gpu);
    window.resize(500, 500);
    window.show();
    test::waitExposed(window);
    EXPECT_NE(window.windowTitle().toStdString().find("三维重建"), std::string::npos)
        << window.windowTitle().toStdString();
    EXPECT_NE(window.note().toStdString().find("gantry tilt"), std::string::npos);

    QComboBox* box = window.presetBox();
    ASSERT_EQ(box->count(), 5);
    EXPECT_EQ(box->itemText(0).toStdString(), "1  骨骼");
    EXPECT_EQ(box->itemText(4).toStdString(), "5  最大密度投影");
    QKeyEvent five(QEvent::KeyPress, Qt::Key_5, Qt::NoModifier);
    QCoreApplication::sendEvent(window.view(), &five);
    EXPECT_EQ(box->currentIndex(), 4);
    EXPECT_EQ(window.view()->scene().preset().key, "mip");
    box->setCurrentIndex(3);
    EXPECT_EQ(window.view()->scene().preset().key, "vessels");
    const RgbImage image = window.view()->capture();
    EXPECT_GT(image.width, 200);
    // GPU asked for: on a software OpenGL (llvmpipe here) the CPU ray caster draws, and says why.
    const VolumeScene& scene = window.view()->scene();
    EXPECT_FALSE(scene.glRenderer().empty());
    if (VolumeScene::softwareRenderer(scene.glRenderer())) {
        EXPECT_EQ(scene.renderPath(), RenderPath::Cpu);
        EXPECT_NE(scene.renderPathNote().find(scene.glRenderer()), std::string::npos);
        EXPECT_EQ(window.renderPathLabel().toStdString(), "CPU 光线投射");
    } else {
        EXPECT_EQ(window.renderPathLabel().toStdString(), "GPU 光线投射");
    }
    // Vessels preset on the phantom: the 1000 HU ball is drawn (bone colour), corners black.
    EXPECT_GT(meanRgb(image, window.view()->scene().project({0, 0, 0})).grey(), 120);
    EXPECT_LT(meanRgb(image, {8, 8}, 6).grey(), 3);
}

TEST(VolumeWindow, MainWindowOpensItWithCtrl3ForTheSeriesShown) {
    test::FakeServer server;
    test::addDemoCtStudy(server);
    ServerClient client{ServerUrl::parse(server.url())};
    client.login(test::FakeServer::kUser, test::FakeServer::kPassword);
    UiText text(Language::English);
    MainWindow window(client, text);
    std::vector<std::string> errors;
    window.setErrorSink([&](const QString& title, const QString& message) {
        errors.push_back((title + ": " + message).toStdString());
    });
    window.resize(1280, 800);
    window.show();
    test::waitExposed(window);
    // Nothing open yet: the reason goes to the error sink.
    EXPECT_FALSE(window.open3D());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].find("3D"), std::string::npos) << errors[0];
    ASSERT_TRUE(window.refreshWorklist());
    ASSERT_TRUE(window.openStudy(test::kDemoStudyUid));
    ASSERT_TRUE(window.waitUntilLoaded());
    // The toolbar's "3D (VR)" action carries the Ctrl+3 shortcut.
    QAction* action = nullptr;
    for (QAction* a : window.toolBar()->actions())
        if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_3)) action = a;
    ASSERT_NE(action, nullptr);
    EXPECT_EQ(action->text().toStdString(), "3D (VR)");
    action->trigger();
    ASSERT_NE(window.volumeWindow(), nullptr);
    test::waitExposed(*window.volumeWindow());
    const Volume* volume = window.volumeWindow()->view()->scene().volume();
    ASSERT_NE(volume, nullptr);
    EXPECT_EQ(volume->nz, 5);  // the demo CT's 5 slices
    EXPECT_GT(window.volumeWindow()->view()->capture().width, 0);
    EXPECT_EQ(errors.size(), 1u);
}
