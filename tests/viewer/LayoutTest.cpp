// Viewport layouts, priors, runtime language switching and the shared Volume, in the main
// window against the fake server (GUI: read-back pixels under Xvfb).
#include <gtest/gtest.h>

#include <QAction>
#include <QCoreApplication>
#include <QFile>
#include <QHeaderView>
#include <QMenu>
#include <QSettings>
#include <QTableWidgetItem>

#include "tests/viewer/DemoStudy.h"
#include "tests/viewer/GuiTestUtil.h"
#include "tests/viewer/PhantomDicom.h"
#include "viewer/core/UserProtocols.h"
#include "viewer/render/RenderCapture.h"
#include "viewer/render/VolumeScene.h"
#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/MainWindow.h"
#include "viewer/ui/MprWindow.h"
#include "viewer/ui/PriorsList.h"
#include "viewer/ui/ViewerToolBar.h"
#include "viewer/ui/ViewportGrid.h"
#include "viewer/ui/VolumeRenderWidget.h"
#include "viewer/ui/VolumeWindow.h"
#include "viewer/ui/WorklistTable.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

constexpr const char* kCurrentUid = "1.2.826.0.1.3680043.10.5000.1";
constexpr const char* kPriorUid = "1.2.826.0.1.3680043.10.5000.2";
// Stored values of the two DR phantoms, shown with window 500/1000: the linear VOI function
// puts A at ((300 - 499.5) / 999 + 0.5) * 255 = 76.6 and B at 178.7.
constexpr int kValueA = 300, kValueB = 700;
constexpr double kGreyA = 76.6, kGreyB = 178.7;

void addDr(test::FakeServer& server, const std::string& uid, const std::string& date,
           const std::string& description, int value) {
    StudyRow row;
    row.study_uid = uid;
    row.patient_name = "赵建国";
    row.patient_id = "QS2024100";
    row.study_date = date;
    row.study_description = description;
    row.modality = "DX";
    row.township = "qingshan";
    row.township_name = "青山镇卫生院";
    row.state = "assigned";
    row.assigned_to = "li";
    row.received_at = date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2) +
                      "T09:00:00+08:00";
    row.priority = "routine";
    server.addStudy(row);
    test::PhantomSpec s;
    s.width = 64;
    s.height = 64;
    s.modality = "DX";
    s.raw = test::halves(64, 64, static_cast<std::uint16_t>(value),
                         static_cast<std::uint16_t>(value));
    s.window = {{500.0, 1000.0}};
    s.pixel_spacing = {{0.2, 0.2}};
    s.patient_name = "赵建国";
    s.study_uid = uid;
    s.series_uid = uid + ".1";
    s.sop_uid = uid + ".1.1";
    InstanceRow instance;
    instance.sop_instance_uid = s.sop_uid;
    instance.sop_class_uid = "1.2.840.10008.5.1.4.1.1.1.1";
    instance.series_uid = s.series_uid;
    instance.series_number = 1;
    instance.series_description = "胸部正位";
    instance.instance_number = 1;
    instance.modality = "DX";
    instance.rows = 64;
    instance.columns = 64;
    server.addInstance(uid, instance, test::makePhantom(s));
}

class Layouts : public ::testing::Test {
protected:
    void SetUp() override {
        test::addDemoCtStudy(server_);
        addDr(server_, kCurrentUid, "20240601", "胸部正位 复查", kValueA);
        addDr(server_, kPriorUid, "20230415", "胸部正位", kValueB);
        QFile::remove(QString::fromStdString(UserProtocols::defaultPath().string()));
        client_.login(test::FakeServer::kUser, test::FakeServer::kPassword);
        window_ = std::make_unique<MainWindow>(client_, text_);
        window_->setErrorSink([this](const QString& title, const QString& message) {
            errors_.push_back((title + ": " + message).toStdString());
        });
        window_->resize(1400, 800);
        window_->show();
        test::waitExposed(*window_);
        ASSERT_TRUE(window_->refreshWorklist());
    }
    void TearDown() override {
        window_.reset();
        QFile::remove(QString::fromStdString(UserProtocols::defaultPath().string()));
        QSettings(QStringLiteral("CountyRead"), QStringLiteral("countyread-viewer")).clear();
    }

    void openAndWait(const std::string& uid) {
        ASSERT_TRUE(window_->openStudy(uid));
        ASSERT_TRUE(window_->waitUntilLoaded());
        for (int i = 0; i < 10; ++i) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    double centreGrey(int index) {
        // Let the grid lay out and expose a viewport that was just shown.
        for (int i = 0; i < 15; ++i) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        ImageViewport* view = window_->grid()->viewport(index);
        RgbImage image = RenderCapture::capture(view->renderWindow());
        test::keepCapture(image, "layout-viewport-" + std::to_string(index));
        return image.meanGrey(image.width / 2 - 4, image.height / 2 - 4, 8, 8);
    }
    QAction* menuAction(QMenu* menu, const QString& name) {
        for (QAction* a : menu->actions())
            if (a->objectName() == name) return a;
        return nullptr;
    }

    test::FakeServer server_;
    ServerClient client_{ServerUrl::parse(server_.url())};
    UiText text_{Language::Chinese};
    std::unique_ptr<MainWindow> window_;
    std::vector<std::string> errors_;
};

}  // namespace

TEST_F(Layouts, PriorsOfThePatientAreListed) {
    openAndWait(kCurrentUid);
    EXPECT_GE(server_.priorQueries(), 1);
    PriorsList* priors = window_->priorsList();
    ASSERT_EQ(priors->topLevelItemCount(), 1);
    EXPECT_EQ(priors->priors().front().study_uid, kPriorUid);
    EXPECT_EQ(priors->topLevelItem(0)->text(0), QStringLiteral("2023-04-15"));
    EXPECT_EQ(priors->topLevelItem(0)->text(1), QStringLiteral("DX"));
    EXPECT_EQ(priors->topLevelItem(0)->text(2), QString::fromUtf8("胸部正位"));
    EXPECT_EQ(priors->headerItem()->text(0), QString::fromUtf8("日期"));
    // The demo CT's patient has none.
    openAndWait(test::kDemoStudyUid);
    EXPECT_EQ(window_->priorsList()->topLevelItemCount(), 0);
    EXPECT_TRUE(errors_.empty()) << errors_.front();
}

TEST_F(Layouts, DrOpensBesideItsPriorPriorOnTheRight) {
    openAndWait(kCurrentUid);
    EXPECT_EQ(window_->hangingProtocol(), "dr-prior");
    ViewportGrid* grid = window_->grid();
    ASSERT_EQ(grid->rows(), 1);
    ASSERT_EQ(grid->columns(), 2);
    ASSERT_NE(window_->priorStudy(), nullptr);
    EXPECT_EQ(window_->priorStudy()->study.study_uid, kPriorUid);
    EXPECT_EQ(grid->cell(1).source, ViewportSpec::Source::Prior);
    // The viewports share the loaded studies (no copies of the pixels).
    EXPECT_EQ(grid->viewport(0)->study(), window_->currentStudy());
    EXPECT_EQ(grid->viewport(1)->study(), window_->priorStudy());
    EXPECT_EQ(grid->viewport(0)->sliceView().frame(),
              window_->currentStudy()->images.front().pixels.get());
    // Left half: phantom A's grey level; right half: phantom B's.
    const QPoint left = grid->viewport(0)->mapTo(window_.get(), QPoint(0, 0));
    const QPoint right = grid->viewport(1)->mapTo(window_.get(), QPoint(0, 0));
    EXPECT_LT(left.x() + grid->viewport(0)->width(), right.x() + 8);
    EXPECT_EQ(left.y(), right.y());
    EXPECT_NEAR(centreGrey(0), kGreyA, 3.0);
    EXPECT_NEAR(centreGrey(1), kGreyB, 3.0);
    EXPECT_TRUE(errors_.empty()) << errors_.front();
}

TEST_F(Layouts, PriorOpensSideBySideFromTheList) {
    // Without the protocol's help: a 1×1 layout, then the prior from the list.
    openAndWait(kCurrentUid);
    window_->setLayout(1, 1);
    ASSERT_EQ(window_->grid()->count(), 1);
    ASSERT_TRUE(window_->openPrior(window_->priorsList()->priors().front()));
    ASSERT_TRUE(window_->waitUntilLoaded());
    ASSERT_EQ(window_->grid()->count(), 2);
    EXPECT_NEAR(centreGrey(0), kGreyA, 3.0);
    EXPECT_NEAR(centreGrey(1), kGreyB, 3.0);
}

TEST_F(Layouts, LayoutSwitchesAndTheSavedLayoutIsAppliedNextTime) {
    openAndWait(kCurrentUid);
    ViewportGrid* grid = window_->grid();
    QAction* two_by_two = menuAction(window_->layoutMenu(), QStringLiteral("layout2x2"));
    ASSERT_NE(two_by_two, nullptr);
    EXPECT_EQ(two_by_two->shortcut(), QKeySequence(Qt::ALT | Qt::Key_4));
    two_by_two->trigger();
    ASSERT_EQ(grid->count(), 4);
    EXPECT_TRUE(grid->viewport(3)->isVisible());
    // The new viewports show images at once (the current study again: one series only).
    EXPECT_EQ(grid->viewport(2)->study(), window_->currentStudy());
    EXPECT_NEAR(centreGrey(2), kGreyA, 3.0);
    menuAction(window_->layoutMenu(), QStringLiteral("layout2x1"))->trigger();
    EXPECT_EQ(grid->rows(), 2);
    EXPECT_EQ(grid->columns(), 1);
    EXPECT_FALSE(grid->viewport(2)->isVisible());

    // 1×1 with the invert-free file window, saved as this kind's default (DR with a prior).
    menuAction(window_->layoutMenu(), QStringLiteral("layout1x1"))->trigger();
    ASSERT_EQ(grid->count(), 1);
    ASSERT_TRUE(window_->saveLayoutAsDefault());
    const auto saved = UserProtocols::load(UserProtocols::defaultPath());
    ASSERT_EQ(saved.size(), 1u);
    EXPECT_EQ(saved[0].id, "user-dr-prior");
    EXPECT_EQ(saved[0].rows * saved[0].columns, 1);

    // Opened again: the user's protocol wins over the built-in "DR beside its prior".
    openAndWait(test::kDemoStudyUid);
    openAndWait(kCurrentUid);
    EXPECT_EQ(window_->hangingProtocol(), "user-dr-prior");
    EXPECT_EQ(grid->count(), 1);
    EXPECT_NEAR(centreGrey(0), kGreyA, 3.0);
    EXPECT_TRUE(errors_.empty()) << errors_.front();
}

TEST_F(Layouts, SynchronisedScrollingMovesTheOtherCtStack) {
    openAndWait(test::kDemoStudyUid);
    ViewportGrid* grid = window_->grid();
    window_->setLayout(2, 2);  // viewports 2 and 3: the same axial series again
    ASSERT_EQ(grid->viewport(2)->study(), window_->currentStudy());
    ImageViewport* a = grid->viewport(0);
    ImageViewport* b = grid->viewport(2);
    a->showSlice(1);
    EXPECT_EQ(b->sliceIndex(), 2);  // not synchronised yet
    grid->setSyncScroll(true);
    a->showSlice(0);
    EXPECT_EQ(b->sliceIndex(), 0);
    a->showSlice(4);
    EXPECT_EQ(b->sliceIndex(), 4);
}

TEST_F(Layouts, LanguageSwitchesWhileRunning) {
    openAndWait(test::kDemoStudyUid);
    QAction* length = window_->toolBar()->toolAction(Tool::Length);
    EXPECT_EQ(length->text(), QString::fromUtf8("长度 (L)"));
    EXPECT_EQ(window_->worklist()->horizontalHeaderItem(4)->text(), QString::fromUtf8("状态"));
    EXPECT_EQ(window_->layoutMenu()->title(), QString::fromUtf8("布局"));
    const auto corners = [this] {
        std::string all;
        for (int c = 0; c < 4; ++c) all += window_->viewport()->sliceView().overlays().cornerText(c);
        return all;
    };
    EXPECT_NE(corners().find("窗宽"), std::string::npos);

    QAction* english = nullptr;
    for (QAction* a : window_->languageMenu()->actions())
        if (a->objectName() == QStringLiteral("language-en")) english = a;
    ASSERT_NE(english, nullptr);
    english->trigger();
    EXPECT_EQ(window_->language(), Language::English);
    EXPECT_EQ(length->text(), QStringLiteral("Length (L)"));
    EXPECT_EQ(window_->windowTitle(), QStringLiteral("CountyRead Remote Reading"));
    EXPECT_EQ(window_->worklist()->horizontalHeaderItem(4)->text(), QStringLiteral("State"));
    EXPECT_EQ(window_->layoutMenu()->title(), QStringLiteral("Layout"));
    EXPECT_EQ(window_->priorsList()->headerItem()->text(0), QStringLiteral("Date"));
    EXPECT_EQ(corners().find("窗宽"), std::string::npos);  // overlays too
    EXPECT_EQ(MainWindow::savedLanguage(), Language::English);  // kept for the next start

    window_->setLanguage(Language::Chinese);
    EXPECT_EQ(length->text(), QString::fromUtf8("长度 (L)"));
    EXPECT_NE(corners().find("窗宽"), std::string::npos);
    EXPECT_EQ(MainWindow::savedLanguage(), Language::Chinese);
}

TEST_F(Layouts, NewReadingStatesAreNamed) {
    UiText zh(Language::Chinese), en(Language::English);
    EXPECT_EQ(zh.state("returned"), QString::fromUtf8("退回重拍"));
    EXPECT_EQ(zh.state("cancelled"), QString::fromUtf8("已取消"));
    EXPECT_EQ(zh.state("amended"), QString::fromUtf8("已更正"));
    EXPECT_EQ(en.state("returned"), QStringLiteral("returned for rescan"));
    zh.setLanguage(Language::English);
    EXPECT_EQ(zh.state("cancelled"), QStringLiteral("cancelled"));
    server_.setState(test::kDemoStudyUid, "returned");
    ASSERT_TRUE(window_->refreshWorklist());
    bool shown = false;
    for (int r = 0; r < window_->worklist()->rowCount(); ++r)
        shown = shown || window_->worklist()->item(r, 4)->text() == QString::fromUtf8("退回重拍");
    EXPECT_TRUE(shown);
}

TEST_F(Layouts, MprAnd3DShareOneVolume) {
    openAndWait(test::kDemoStudyUid);
    EXPECT_EQ(window_->hangingProtocol(), "ct-head");  // brain stack + coronal MPR viewport
    ViewportGrid* grid = window_->grid();
    ASSERT_EQ(grid->count(), 2);
    EXPECT_EQ(grid->cell(1).display, ViewportSpec::Display::MprCoronal);
    ASSERT_TRUE(grid->cell(1).shown);
    EXPECT_EQ(window_->volumes().builds(), 1);
    ASSERT_TRUE(window_->openMpr());
    ASSERT_TRUE(window_->open3D());
    EXPECT_EQ(window_->volumes().builds(), 1);  // built once for the viewport, MPR and 3D
    const std::string series = std::string(test::kDemoStudyUid) + ".2";
    auto volume = window_->volumes().cached(series);
    ASSERT_NE(volume, nullptr);
    EXPECT_EQ(&window_->mprWindow()->reslicer().volume(), volume.get());
    EXPECT_EQ(window_->volumeWindow()->view()->scene().volume(), volume.get());
    EXPECT_EQ(&grid->cell(1).mpr->volume(), volume.get());
    // ... and that volume reads the stack's own frames: no second copy of the voxels.
    ASSERT_FALSE(volume->resampled);  // the demo CT is an even, untilted stack
    EXPECT_TRUE(volume->sharesFrames());
    EXPECT_EQ(volume->ownedBytes(), 0u);
    const LoadedStudy* study = window_->currentStudy();
    ASSERT_NE(study, nullptr);
    for (int k = 0; k < volume->nz; ++k) {
        bool found = false;
        for (const auto& image : study->images)
            found = found || (image.pixels && image.pixels->pixels.data() == volume->plane(k));
        EXPECT_TRUE(found) << "slice " << k << " is not one of the study's frames";
    }
    // Holders: this test, the cache, the MPR viewport's and the MPR window's reslicers (the
    // window keeps one more), the 3D scene.
    EXPECT_GE(volume.use_count(), 5);
    window_->mprWindow()->close();
    window_->volumeWindow()->close();
}
