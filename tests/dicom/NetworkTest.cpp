#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "dicom/model/DicomFile.h"
#include "dicom/net/StoreClient.h"
#include "dicom/net/StoreListener.h"
#include "dicom/sr/ReportSr.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::dicom;
namespace fs = std::filesystem;

namespace {

// Keeps what arrives in a folder; answers a configurable status.
class RecordingHandler : public IStoreHandler {
public:
    explicit RecordingHandler(fs::path dir) : dir_(std::move(dir)) { fs::create_directories(dir_); }
    StoreStatus onStore(const ReceivedInstance& in) override {
        std::lock_guard lock(mutex_);
        received.push_back(in);
        fs::rename(in.temp_file, dir_ / (in.info.sop_instance_uid + ".dcm"));
        return {status, {}};
    }
    std::vector<ReceivedInstance> received;
    uint16_t status = 0;

private:
    fs::path dir_;
    std::mutex mutex_;
};

class NetworkTest : public ::testing::Test {
protected:
    void SetUp() override {
        port = test::freePort();
        ListenerConfig cfg;
        cfg.aet = "COUNTY";
        cfg.port = port;
        cfg.staging_dir = tmp / "staging";
        cfg.admit = [](const std::string& ae, const std::string&) {
            return ae == "WENAN" ? std::string() : "unknown AE " + ae;
        };
        handler = std::make_unique<RecordingHandler>(tmp / "store");
        listener = std::make_unique<StoreListener>(cfg, *handler);
        listener->start();
    }
    PeerAddress peer(const std::string& calling = "WENAN", const std::string& called = "COUNTY") {
        return {"127.0.0.1", port, calling, called, 10};
    }
    std::vector<fs::path> fixtures(int n) {
        std::vector<fs::path> files;
        test::FixtureSpec spec;
        spec.study_uid = "1.2.826.0.1.3680043.9.7.1";
        for (int i = 1; i <= n; ++i) {
            spec.sop_uid = "";
            spec.instance_number = i;
            files.push_back(tmp / ("in" + std::to_string(i) + ".dcm"));
            test::writeFixture(files.back(), spec);
        }
        return files;
    }
    test::TempDir tmp;
    int port = 0;
    std::unique_ptr<RecordingHandler> handler;
    std::unique_ptr<StoreListener> listener;
};

}  // namespace

TEST_F(NetworkTest, EchoSucceedsForAllowedAe) { EXPECT_NO_THROW(StoreClient(peer()).echo()); }

TEST_F(NetworkTest, UnknownCallingAeIsRefused) {
    try {
        StoreClient(peer("STRANGER")).echo();
        FAIL() << "association should have been rejected";
    } catch (const DicomError& e) {
        EXPECT_NE(std::string(e.what()).find("Rejected"), std::string::npos)
            << e.what();
    }
}

TEST_F(NetworkTest, WrongCalledAeIsRefused) {
    EXPECT_THROW(StoreClient(peer("WENAN", "NOTCOUNTY")).echo(), DicomError);
}

TEST_F(NetworkTest, StoresFilesByteIdenticalWithDecodedInfo) {
    auto files = fixtures(3);
    auto outcomes = StoreClient(peer()).send(files);
    ASSERT_EQ(outcomes.size(), 3u);
    for (auto& o : outcomes) EXPECT_TRUE(o.ok) << o.message;
    ASSERT_EQ(handler->received.size(), 3u);
    EXPECT_EQ(handler->received[0].calling_ae, "WENAN");
    EXPECT_EQ(handler->received[0].info.patient_name, "张伟");
    // Stored as received: the dataset after the meta header is byte-identical.
    auto sent = readFileBytes(files[0]);
    auto got = readFileBytes(tmp / "store" / (outcomes[0].sop_instance_uid + ".dcm"));
    ASSERT_GT(got.size(), 200u);
    auto tail = [](const Bytes& b) { return Bytes(b.end() - 200, b.end()); };
    EXPECT_EQ(tail(sent), tail(got));
}

TEST_F(NetworkTest, HandlerFailureStatusReachesTheSender) {
    handler->status = 0xA700;
    auto outcomes = StoreClient(peer()).send(fixtures(1));
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_FALSE(outcomes[0].ok);
    EXPECT_EQ(outcomes[0].status, 0xA700);
}

TEST_F(NetworkTest, NonDicomFileIsReportedNotSent) {
    auto junk = tmp / "junk.txt";
    std::ofstream(junk) << "not dicom";
    auto files = fixtures(1);
    files.push_back(junk);
    auto outcomes = StoreClient(peer()).send(files);
    ASSERT_EQ(outcomes.size(), 2u);
    EXPECT_TRUE(outcomes[0].ok);
    EXPECT_FALSE(outcomes[1].ok);
    EXPECT_EQ(handler->received.size(), 1u);
}

TEST_F(NetworkTest, ConcurrentAssociationsAllArrive) {
    auto files = fixtures(8);
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            std::vector<fs::path> mine{files[t * 2], files[t * 2 + 1]};
            for (auto& o : StoreClient(peer()).send(mine)) ok += o.ok ? 1 : 0;
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load(), 8);
    EXPECT_EQ(handler->received.size(), 8u);
}

TEST(NetworkPort, PortInUseIsAReadableError) {
    test::TempDir tmp;
    int port = test::freePort();
    RecordingHandler h(tmp / "a");
    ListenerConfig cfg;
    cfg.port = port;
    cfg.staging_dir = tmp / "s";
    StoreListener first(cfg, h);
    first.start();
    StoreListener second(cfg, h);
    EXPECT_THROW(second.start(), std::runtime_error);
}

TEST_F(NetworkTest, StoresAStructuredReport) {
    auto files = fixtures(1);
    auto info = readInstanceInfo(files[0]);
    ReportContent c;
    c.findings = "所见";
    c.impression = "意见";
    c.author = {"li", "李明", "县医院"};
    auto sr = tmp / "sr.dcm";
    writeFileBytes(sr, buildReportSr(info, {info}, c));
    auto outcomes = StoreClient(peer()).send({sr});
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_TRUE(outcomes[0].ok) << outcomes[0].message;
}
