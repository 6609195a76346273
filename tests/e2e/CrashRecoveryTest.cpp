// Durability under failure: kill -9 of countyread-server during an 8-association ingest,
// repeated; and a full disk (tmpfs) answered with A700 while earlier data stays intact.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/wait.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "dicom/model/DicomFile.h"
#include "dicom/model/Uid.h"
#include "dicom/net/StoreClient.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"
#include "worklist/PasswordHasher.h"

using namespace countyread;
using namespace countyread::test;
using nlohmann::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

void writeConfig(const fs::path& file) {
    std::ofstream(file) << "[server]\naet = \"COUNTY\"\n[[township]]\nid = \"wenan\"\naet = \"WENAN\"\n"
                        << "port = 1\n[[user]]\nid = \"admin\"\nrole = \"admin\"\npassword_hash = \""
                        << worklist::hashPassword("secret") << "\"\n";
}

struct Server {
    int dicom_port = freePort(), http_port = freePort();
    std::unique_ptr<Process> process;
    void start(const fs::path& data, const fs::path& config, const fs::path& log,
               std::vector<std::string> prefix = {}) {
        std::vector<std::string> argv = prefix;
        for (auto a : {binPath("countyread-server").string(), std::string("--data"), data.string(),
                       std::string("--dicom-port"), std::to_string(dicom_port), std::string("--http-port"),
                       std::to_string(http_port), std::string("--config"), config.string()})
            argv.push_back(a);
        process = std::make_unique<Process>(argv, log);
        ASSERT_TRUE(process->waitForOutput("ready", 30s)) << process->output();
    }
    std::string token() {
        httplib::Client c("127.0.0.1", http_port);
        auto res = c.Post("/api/v1/login", R"({"user":"admin","password":"secret"})", "application/json");
        return res && res->status == 200 ? json::parse(res->body)["token"].get<std::string>() : "";
    }
};

// Prepares `n` fixture files for one study.
std::vector<fs::path> makeStudy(const fs::path& dir, int n, int rows = 128) {
    fs::create_directories(dir);
    test::FixtureSpec spec;
    spec.study_uid = dicom::newUid();
    spec.rows = spec.columns = rows;
    std::vector<fs::path> files;
    for (int i = 1; i <= n; ++i) {
        spec.sop_uid = "";
        spec.instance_number = i;
        spec.fill = static_cast<short>(i);
        files.push_back(dir / (std::to_string(i) + ".dcm"));
        writeFixture(files.back(), spec);
    }
    return files;
}

}  // namespace

TEST(CrashRecovery, KillNineDuringIngestLosesNoAcknowledgedInstance) {
    TempDir tmp("countyread-crash");
    writeConfig(tmp / "county.toml");
    std::vector<std::vector<fs::path>> studies;
    for (int t = 0; t < 8; ++t) studies.push_back(makeStudy(tmp / ("in" + std::to_string(t)), 60));
    std::mt19937 rng(12345);
    std::set<std::string> acked;
    std::mutex acked_mutex;
    Server server;
    for (int round = 0; round < 3; ++round) {
        server.start(tmp / "data", tmp / "county.toml", tmp / ("server" + std::to_string(round) + ".log"));
        std::atomic<bool> stop{false};
        std::vector<std::thread> senders;
        for (int t = 0; t < 8; ++t) {
            senders.emplace_back([&, t] {
                // Each association sends its study file by file, remembering what was acknowledged.
                dicom::StoreClient client({"127.0.0.1", server.dicom_port, "WENAN", "COUNTY", 5});
                for (const auto& f : studies[t]) {
                    if (stop) return;
                    try {
                        auto out = client.send({f});
                        if (!out.empty() && out[0].ok) {
                            std::lock_guard lock(acked_mutex);
                            acked.insert(out[0].sop_instance_uid);
                        }
                    } catch (...) {
                        return;  // the server is gone
                    }
                }
            });
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<>(300, 1500)(rng)));
        ::kill(server.process->pid(), SIGKILL);
        server.process->stop(SIGKILL);
        stop = true;
        for (auto& th : senders) th.join();
    }
    ASSERT_FALSE(acked.empty());
    // Restart: every acknowledged instance is indexed and readable; nothing half there.
    server.start(tmp / "data", tmp / "county.toml", tmp / "server-final.log");
    auto token = server.token();
    ASSERT_FALSE(token.empty());
    httplib::Client c("127.0.0.1", server.http_port);
    httplib::Headers auth{{"Authorization", "Bearer " + token}};
    std::set<std::string> indexed;
    for (auto& s : json::parse(c.Get("/api/v1/studies", auth)->body)) {
        auto list = json::parse(c.Get(("/api/v1/studies/" + s["study_uid"].get<std::string>() + "/instances").c_str(), auth)->body);
        EXPECT_EQ(static_cast<int>(list.size()), s["instances"].get<int>());
        for (auto& i : list) {
            std::string sop = i["sop_instance_uid"];
            indexed.insert(sop);
            auto res = c.Get(("/api/v1/instances/" + sop).c_str(), auth);
            ASSERT_EQ(res->status, 200);
            dicom::Bytes bytes(res->body.begin(), res->body.end());
            EXPECT_EQ(dicom::readInstanceInfo(bytes).sop_instance_uid, sop) << "torn file for " << sop;
        }
    }
    for (const auto& sop : acked) EXPECT_TRUE(indexed.count(sop)) << "acknowledged but lost: " << sop;
    // No half-written leftovers remain in the staging area.
    auto staging = tmp / "data" / "instances" / ".incoming";
    int leftovers = 0;
    if (fs::exists(staging))
        for (auto& e : fs::recursive_directory_iterator(staging))
            if (e.is_regular_file()) ++leftovers;
    EXPECT_EQ(leftovers, 0);
    std::cout << "[ crash ] 3 kills, " << acked.size() << " acknowledged, " << indexed.size()
              << " indexed after restart\n";
}

TEST(DiskFull, OutOfSpaceAnswersA700AndKeepsEarlierData) {
    if (!haveProgram("unshare")) GTEST_SKIP() << "unshare not available";
    TempDir tmp("countyread-diskfull");
    writeConfig(tmp / "county.toml");
    auto mnt = tmp / "small";
    fs::create_directories(mnt);
    // A private mount namespace with a 3 MiB tmpfs as the archive.
    auto probe = run({"unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=3m tmpfs " + mnt.string()});
    if (probe.exit_code != 0) GTEST_SKIP() << "cannot mount a tmpfs here: " << probe.output;
    Server server;
    server.start(mnt / "data", tmp / "county.toml", tmp / "server.log",
                 {"unshare", "-m", "--propagation", "private", "sh", "-c",
                  "mount -t tmpfs -o size=3m tmpfs " + mnt.string() + " && exec \"$0\" \"$@\""});
    // A reader logged in before the disk filled up (a login is audited: with no space left it
    // may be refused, which is not what this test is about).
    auto token = server.token();
    ASSERT_FALSE(token.empty());
    auto files = makeStudy(tmp / "in", 40, 256);  // 40 x 128 KiB > 3 MiB
    dicom::StoreClient client({"127.0.0.1", server.dicom_port, "WENAN", "COUNTY", 10});
    auto out = client.send(files);
    int ok = 0, full = 0;
    std::vector<std::string> stored;
    for (auto& o : out) {
        if (o.ok) {
            ++ok;
            stored.push_back(o.sop_instance_uid);
        } else if (o.status == 0xA700) {
            ++full;
        }
    }
    EXPECT_GT(ok, 0);
    EXPECT_GT(full, 0) << "expected A700 once the disk is full";
    EXPECT_TRUE(server.process->running());
    EXPECT_NO_THROW(client.echo());
    httplib::Client c("127.0.0.1", server.http_port);
    for (const auto& sop : stored) {
        auto res = c.Get(("/api/v1/instances/" + sop).c_str(), {{"Authorization", "Bearer " + token}});
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 200) << sop;
    }
}
