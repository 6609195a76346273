// Progressive loading: the order images are fetched in, the first image before the rest,
// background workers over HTTP, cancellation, and the local cache in front of the server.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "tests/support/TestSupport.h"
#include "tests/viewer/FakeServer.h"
#include "tests/viewer/PhantomDicom.h"
#include "viewer/core/StudyAssembler.h"
#include "viewer/core/StudyStreamer.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

const char* kStudy = "1.2.826.0.1.3680043.10.2100.1";

InstanceRow row(int n, const std::string& series, int series_number, const std::string& modality) {
    InstanceRow r;
    r.sop_instance_uid =
        std::string(kStudy) + "." + std::to_string(series_number) + "." + std::to_string(n);
    r.sop_class_uid = "1.2.840.10008.5.1.4.1.1.2";
    r.series_uid = series;
    r.series_number = series_number;
    r.instance_number = n;
    r.modality = modality;
    r.rows = r.columns = 16;
    return r;
}

struct Served {
    test::FakeServer server;
    StudyRow study;
    std::vector<InstanceRow> rows;
    UserSession session;
    ServerClient client{ServerUrl::parse(server.url())};

    explicit Served(int slices) {
        study.study_uid = kStudy;
        study.modality = "CT";
        server.addStudy(study);
        for (int n = 1; n <= slices; ++n) {
            auto r = row(n, std::string(kStudy) + ".2", 2, "CT");
            test::PhantomSpec s;
            s.width = s.height = 16;
            s.raw = std::vector<std::uint16_t>(256, static_cast<std::uint16_t>(1000 + n));
            s.intercept = -1024;
            s.z_position = -n * 5.0;
            s.study_uid = kStudy;
            s.series_uid = r.series_uid;
            s.sop_uid = r.sop_instance_uid;
            s.instance_number = n;
            server.addInstance(kStudy, r, test::makePhantom(s));
            rows.push_back(r);
        }
        session = client.login(test::FakeServer::kUser, test::FakeServer::kPassword);
    }
    StudyStreamer::FetcherFactory serverFactory(InstanceCache* cache = nullptr) {
        const ServerUrl url = ServerUrl::parse(server.url());
        const UserSession s = session;
        return [url, s, cache]() -> std::unique_ptr<InstanceFetcher> {
            auto inner = std::make_unique<ServerInstanceFetcher>(url, s);
            if (!cache) return inner;
            return std::make_unique<CachedInstanceFetcher>(*cache, std::move(inner));
        };
    }
};

// Collects what the worker threads deliver.
struct Sink {
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<std::string> order;  // SOP UIDs in arrival order
    bool finished = false;
    bool got_attributes = false;
    std::vector<std::string> warnings;

    StudyStreamer::Callbacks callbacks() {
        StudyStreamer::Callbacks c;
        c.images = [this](std::vector<LoadedImage> images,
                          std::shared_ptr<const dicom::InstanceInfo> attributes) {
            std::lock_guard lock(mutex);
            for (auto& i : images) order.push_back(i.instance.sop_instance_uid);
            if (attributes) got_attributes = true;
        };
        c.warning = [this](const std::string& w) {
            std::lock_guard lock(mutex);
            warnings.push_back(w);
        };
        c.finished = [this] {
            std::lock_guard lock(mutex);
            finished = true;
            cv.notify_all();
        };
        return c;
    }
    bool waitFinished() {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, std::chrono::seconds(20), [this] { return finished; });
    }
};

}  // namespace

TEST(StudyStreamer, CtStartsInTheMiddleOfTheLargestSeriesAndGoesOutward) {
    std::vector<InstanceRow> rows;
    for (int n = 1; n <= 2; ++n) rows.push_back(row(n, "scout", 1, "CT"));
    for (int n = 7; n >= 1; --n) rows.push_back(row(n, "axial", 2, "CT"));  // listed backwards
    InstanceRow sr = row(1, "sr", 9, "SR");
    sr.sop_class_uid = "1.2.840.10008.5.1.4.1.1.88.11";
    sr.rows = sr.columns = 0;
    rows.push_back(sr);
    auto order = StudyStreamer::loadOrder(rows, "CT");
    ASSERT_EQ(order.size(), 9u);  // the SR is not an image
    std::vector<int> numbers;
    for (std::size_t i : order) numbers.push_back(rows[i].instance_number);
    // axial 4 (middle of 1..7), then 5, 3, 6, 2, 7, 1, then the scout series.
    EXPECT_EQ(numbers, (std::vector<int>{4, 5, 3, 6, 2, 7, 1, 1, 2}));
    EXPECT_EQ(rows[order[7]].series_uid, "scout");
}

TEST(StudyStreamer, DrStartsWithTheFirstImage) {
    std::vector<InstanceRow> rows = {row(2, "pa", 1, "DX"), row(1, "pa", 1, "DX"),
                                     row(1, "lat", 2, "DX")};
    auto order = StudyStreamer::loadOrder(rows, "DX");
    ASSERT_EQ(order.size(), 3u);
    EXPECT_EQ(order[0], 1u);  // PA instance 1
    EXPECT_EQ(order[1], 0u);
    EXPECT_EQ(order[2], 2u);
}

TEST(StudyStreamer, WorkersDeliverEveryImageTheInitialOneFirst) {
    Served s(9);
    StudyStreamer streamer(s.rows, "CT", s.serverFactory());
    Sink sink;
    streamer.start(sink.callbacks(), 3);
    ASSERT_TRUE(sink.waitFinished());
    std::lock_guard lock(sink.mutex);
    ASSERT_EQ(sink.order.size(), 9u);
    // The middle instance (5 of 1..9) is handed out first; with 3 workers it is among the
    // first three to arrive, and it is the first job taken.
    const std::string middle = s.rows[4].sop_instance_uid;
    EXPECT_NE(std::find(sink.order.begin(), sink.order.begin() + 3, middle),
              sink.order.begin() + 3);
    EXPECT_TRUE(sink.got_attributes);
    EXPECT_TRUE(sink.warnings.empty());
    EXPECT_EQ(streamer.done(), 9);
    EXPECT_EQ(s.server.instanceDownloads(), 9);
}

TEST(StudyStreamer, SingleWorkerShowsTheFirstImageBeforeTheRestArrive) {
    Served s(5);
    StudyStreamer streamer(s.rows, "CT", s.serverFactory());
    Sink sink;
    streamer.start(sink.callbacks(), 1);
    ASSERT_TRUE(sink.waitFinished());
    ASSERT_EQ(sink.order.size(), 5u);
    EXPECT_EQ(sink.order.front(), s.rows[2].sop_instance_uid);
}

TEST(StudyStreamer, CancelStopsQuicklyAndSilently) {
    Served s(40);
    StudyStreamer streamer(s.rows, "CT", s.serverFactory());
    Sink sink;
    streamer.start(sink.callbacks(), 2);
    streamer.cancel();  // joins
    EXPECT_FALSE(sink.finished);
    EXPECT_LT(s.server.instanceDownloads(), 40);
}

TEST(StudyStreamer, TheCacheServesTheSecondOpeningWithoutTheServer) {
    Served s(6);
    test::TempDir dir;
    InstanceCache cache(dir.path(), 100 * 1024 * 1024);
    {
        StudyStreamer first(s.rows, "CT", s.serverFactory(&cache));
        Sink sink;
        first.start(sink.callbacks(), 2);
        ASSERT_TRUE(sink.waitFinished());
    }
    EXPECT_EQ(s.server.instanceDownloads(), 6);
    EXPECT_EQ(cache.count(), 6u);
    StudyStreamer second(s.rows, "CT", s.serverFactory(&cache));
    Sink sink;
    second.start(sink.callbacks(), 2);
    ASSERT_TRUE(sink.waitFinished());
    EXPECT_EQ(sink.order.size(), 6u);
    EXPECT_EQ(s.server.instanceDownloads(), 6);  // nothing more from the server
}

TEST(StudyAssembler, SnapshotsAreArrangedAndGrow) {
    Served s(4);
    StudyAssembler assembler(s.study, s.rows);
    StudyStreamer streamer(s.rows, "CT", s.serverFactory());
    StudyStreamer::Callbacks c;
    std::vector<int> counts;
    c.images = [&](std::vector<LoadedImage> images,
                   std::shared_ptr<const dicom::InstanceInfo> attributes) {
        assembler.add(std::move(images), std::move(attributes));
        counts.push_back(static_cast<int>(assembler.snapshot()->images.size()));
    };
    streamer.run(std::move(c));
    assembler.finish();
    EXPECT_EQ(counts, (std::vector<int>{1, 2, 3, 4}));
    auto study = assembler.snapshot();
    ASSERT_EQ(study->images.size(), 4u);
    // Head first: instance 1 (z -5) before instance 4 (z -20).
    EXPECT_EQ(study->images.front().instance.instance_number, 1);
    EXPECT_EQ(study->images.back().instance.instance_number, 4);
    EXPECT_EQ(study->initial_index, 1);
}
