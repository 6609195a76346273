// countyread-viewer --screenshot, run as a program against the fake server (needs X: gui label).
#include <gtest/gtest.h>

#include <QImage>
#include <cmath>
#include <filesystem>
#include <regex>

#include "tests/support/TestSupport.h"
#include "tests/viewer/DemoStudy.h"

using namespace countyread;

namespace {

struct Shot {
    test::RunResult run;
    QImage image;
    QRect viewport;
    double center = 0, width = 0;
};

Shot screenshot(test::FakeServer& server, const std::vector<std::string>& extra,
                const std::filesystem::path& cache = {}) {
    test::TempDir dir("viewer-shot");
    auto png = dir / "shot.png";
    std::vector<std::string> argv = {test::binPath("countyread-viewer").string(),
                                     "--server",
                                     server.url(),
                                     "--user",
                                     "li",
                                     "--password",
                                     "secret",
                                     "--screenshot",
                                     png.string(),
                                     "--cache-dir",
                                     cache.empty() ? (dir / "cache").string() : cache.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    Shot shot;
    shot.run = test::run(argv, std::chrono::seconds(120));
    shot.image = QImage(QString::fromStdString(png.string()));
    std::smatch m;
    static const std::regex viewport(R"(viewport (\d+) (\d+) (\d+) (\d+))");
    if (std::regex_search(shot.run.output, m, viewport)) {
        shot.viewport = QRect(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]));
    }
    static const std::regex window(R"(window (\S+) (\S+))");
    if (std::regex_search(shot.run.output, m, window)) {
        shot.center = std::stod(m[1]);
        shot.width = std::stod(m[2]);
    }
    if (const char* keep = std::getenv("COUNTYREAD_KEEP_SCREENSHOT")) {
        shot.image.save(QString::fromUtf8(keep));
    }
    return shot;
}

double grey(const QImage& image, QPoint centre, int half = 5) {
    double sum = 0;
    int n = 0;
    for (int y = centre.y() - half; y <= centre.y() + half; ++y) {
        for (int x = centre.x() - half; x <= centre.x() + half; ++x) {
            sum += qGray(image.pixel(x, y));
            ++n;
        }
    }
    return sum / n;
}

// Points inside the left and right halves of the square image fitted in the viewport.
QPoint leftHalf(const QRect& v) {
    int side = std::min(v.width(), v.height());
    return {v.center().x() - side / 4, v.center().y()};
}
QPoint rightHalf(const QRect& v) {
    int side = std::min(v.width(), v.height());
    return {v.center().x() + side / 4, v.center().y()};
}

}  // namespace

TEST(ScreenshotMode, OpensTheStudyAndCapturesTheViewport) {
    test::FakeServer server;
    test::addDemoCtStudy(server);
    Shot shot = screenshot(server, {"--study", test::kDemoStudyUid});
    ASSERT_EQ(shot.run.exit_code, 0) << shot.run.output;
    ASSERT_FALSE(shot.image.isNull()) << shot.run.output;
    ASSERT_TRUE(shot.viewport.isValid()) << shot.run.output;
    EXPECT_TRUE(shot.image.rect().contains(shot.viewport));
    EXPECT_GT(shot.viewport.width(), 200);
    EXPECT_GT(shot.viewport.height(), 200);
    // The file's window 40/400 HU: -24 HU -> 87, +76 HU -> 151.
    EXPECT_DOUBLE_EQ(shot.center, 40);
    EXPECT_DOUBLE_EQ(shot.width, 400);
    EXPECT_NEAR(grey(shot.image, leftHalf(shot.viewport)), 87, 4);
    EXPECT_NEAR(grey(shot.image, rightHalf(shot.viewport)), 151, 4);
    // Outside the image the viewport is black; the worklist beside it is drawn by Qt (light).
    const QRect& v = shot.viewport;
    const int band = std::abs(v.width() - v.height()) / 2;  // black margin beside the image
    ASSERT_GT(band, 8);
    // (off the centre lines, where the orientation letters and the scale bar are drawn)
    const QPoint margin = v.height() > v.width()
                              ? QPoint(v.center().x() + v.width() / 8, v.bottom() - band / 2)
                              : QPoint(v.left() + band / 2, v.center().y() + v.height() / 8);
    EXPECT_LT(grey(shot.image, margin, 3), 2);
    EXPECT_GT(grey(shot.image, {shot.viewport.left() / 2, shot.viewport.center().y()}, 3), 100);
    // The study was opened on the server, and the middle slice (3 of 5) is shown.
    EXPECT_EQ(server.openedStudies(), std::vector<std::string>{test::kDemoStudyUid});
    EXPECT_NE(shot.run.output.find("slice 3 5"), std::string::npos) << shot.run.output;
}

TEST(ScreenshotMode, CpuRenderPathShowsTheSameGreys) {
    test::FakeServer server;
    test::addDemoCtStudy(server);
    Shot shot = screenshot(server, {"--study", test::kDemoStudyUid, "--render-path", "cpu"});
    ASSERT_EQ(shot.run.exit_code, 0) << shot.run.output;
    EXPECT_NE(shot.run.output.find("render-path cpu"), std::string::npos) << shot.run.output;
    EXPECT_NEAR(grey(shot.image, leftHalf(shot.viewport)), 87, 4);
    EXPECT_NEAR(grey(shot.image, rightHalf(shot.viewport)), 151, 4);
    Shot gpu = screenshot(server, {"--study", test::kDemoStudyUid});
    EXPECT_NE(gpu.run.output.find("render-path gpu"), std::string::npos) << gpu.run.output;
}

TEST(ScreenshotMode, SecondOpeningComesFromTheLocalCache) {
    test::FakeServer server;
    test::addDemoCtStudy(server);
    test::TempDir cache("viewer-cache");
    Shot first = screenshot(server, {"--study", test::kDemoStudyUid}, cache.path());
    ASSERT_EQ(first.run.exit_code, 0) << first.run.output;
    EXPECT_EQ(server.instanceDownloads(), 5);
    Shot second = screenshot(server, {"--study", test::kDemoStudyUid}, cache.path());
    ASSERT_EQ(second.run.exit_code, 0) << second.run.output;
    EXPECT_EQ(server.instanceDownloads(), 5);  // nothing downloaded again
    EXPECT_NE(second.run.output.find("slice 3 5"), std::string::npos) << second.run.output;
    EXPECT_NEAR(grey(second.image, leftHalf(second.viewport)), 87, 4);
}

TEST(ScreenshotMode, WindowOptionIsApplied) {
    test::FakeServer server;
    test::addDemoCtStudy(server);
    // A 2 HU wide window at 26 HU: -24 HU is black, +76 HU is white.
    Shot shot =
        screenshot(server, {"--study", test::kDemoStudyUid, "--window", "26,2", "--lang", "en"});
    ASSERT_EQ(shot.run.exit_code, 0) << shot.run.output;
    EXPECT_DOUBLE_EQ(shot.center, 26);
    EXPECT_DOUBLE_EQ(shot.width, 2);
    EXPECT_LT(grey(shot.image, leftHalf(shot.viewport)), 3);
    EXPECT_GT(grey(shot.image, rightHalf(shot.viewport)), 252);
}

TEST(ScreenshotMode, OpensTheFirstStudyWhenNoneIsNamed) {
    test::FakeServer server;
    test::addDemoCtStudy(server);
    Shot shot = screenshot(server, {});
    ASSERT_EQ(shot.run.exit_code, 0) << shot.run.output;
    // The urgent CT sorts before the routine DX.
    EXPECT_NE(shot.run.output.find(std::string("study ") + test::kDemoStudyUid), std::string::npos)
        << shot.run.output;
}

TEST(ScreenshotMode, BadPasswordFails) {
    test::FakeServer server;
    test::TempDir dir("viewer-shot");
    auto r =
        test::run({test::binPath("countyread-viewer").string(), "--server", server.url(), "--user",
                   "li", "--password", "nope", "--screenshot", (dir / "x.png").string()});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.output.find("invalid credentials"), std::string::npos) << r.output;
}

// ---- real images from ../shared/sample-data (skipped when absent) ----

namespace {

double spread(const QImage& image, const QRect& r) {
    double sum = 0, sum2 = 0;
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); y += 4) {
        for (int x = r.left(); x <= r.right(); x += 4) {
            double g = qGray(image.pixel(x, y));
            sum += g;
            sum2 += g * g;
            ++n;
        }
    }
    double mean = sum / n;
    return std::sqrt(std::max(0.0, sum2 / n - mean * mean));
}

}  // namespace

TEST(ScreenshotModeSamples, HeadCtSeriesOpensOnTheMiddleSlice) {
    auto samples = test::sharedSampleData();
    if (!samples) GTEST_SKIP() << "no shared sample data";
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(*samples / "ct" / "philips_head_28")) {
        files.push_back(e.path());
    }
    test::FakeServer server;
    const std::string uid = test::addFilesAsStudy(server, files);
    Shot shot = screenshot(server, {"--study", uid, "--window", "40,80"});
    ASSERT_EQ(shot.run.exit_code, 0) << shot.run.output;
    // One of the two middle slices of 28: the image shown first is the middle instance by
    // number, chosen before the slice positions are known (progressive loading).
    EXPECT_TRUE(shot.run.output.find("slice 14 28") != std::string::npos ||
                shot.run.output.find("slice 15 28") != std::string::npos)
        << shot.run.output;
    EXPECT_DOUBLE_EQ(shot.center, 40);
    EXPECT_DOUBLE_EQ(shot.width, 80);
    // A brain window on a head phantom shows structure, not a flat field.
    const QRect& v = shot.viewport;
    const int side = std::min(v.width(), v.height());
    QRect centre(v.center().x() - side / 4, v.center().y() - side / 4, side / 2, side / 2);
    EXPECT_GT(spread(shot.image, centre), 20.0);
}

TEST(ScreenshotModeSamples, Monochrome1CrIsShownInverted) {
    auto samples = test::sharedSampleData();
    if (!samples) GTEST_SKIP() << "no shared sample data";
    test::FakeServer server;
    const std::string uid = test::addFilesAsStudy(server, {*samples / "cr" / "RG2_UNC.dcm"});
    Shot shot = screenshot(server, {"--study", uid, "--lang", "en"});
    ASSERT_EQ(shot.run.exit_code, 0) << shot.run.output;
    EXPECT_NE(shot.run.output.find("slice 1 1"), std::string::npos) << shot.run.output;
    const QRect& v = shot.viewport;
    const int side = std::min(v.width(), v.height());
    QRect centre(v.center().x() - side / 4, v.center().y() - side / 4, side / 2, side / 2);
    EXPECT_GT(spread(shot.image, centre), 10.0);
}
