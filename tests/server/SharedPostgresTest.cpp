// Two countyread-server processes share one PostgreSQL index and one storage folder and
// ingest overlapping instances of the same studies at the same time.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "dicom/archive/Database.h"
#include "dicom/net/StoreClient.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/PostgresServer.h"
#include "tests/support/TestSupport.h"
#include "worklist/PasswordHasher.h"

using namespace countyread;
using nlohmann::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

struct Node {
    int dicom_port = test::freePort(), http_port = test::freePort();
    std::unique_ptr<test::Process> process;
};

int64_t scalar(dicom::Database& db, const std::string& sql) {
    std::lock_guard lock(db.mutex());
    auto q = db.prepare(sql);
    return q.step() ? q.integer(0) : -1;
}

}  // namespace

TEST(SharedPostgres, TwoServersIngestConcurrentlyWithoutLostOrDuplicatedRows) {
    std::string why;
    auto* pg = test::PostgresServer::shared(&why);
    if (!pg) {
        if (test::postgresRequired()) FAIL() << why;
        GTEST_SKIP() << why;
    }
    const auto url = pg->createDatabase();
    test::TempDir tmp("countyread-shared-pg");
    std::ofstream(tmp / "county.toml")
        << "[server]\naet = \"COUNTY\"\n[database]\nurl = \"" << url << "\"\n"
        << "[[township]]\nid = \"wenan\"\naet = \"WENAN\"\nport = 1\n"
        << "[[radiologist]]\nid = \"li\"\nmodalities = [\"CT\"]\n"
        << "[[user]]\nid = \"admin\"\nrole = \"admin\"\npassword_hash = \""
        << worklist::hashPassword("secret") << "\"\n";

    // 150 instances in 3 studies: server 0 gets 0-99, server 1 gets 50-149 (50 sent to both).
    constexpr int kUnique = 150, kStudies = 3;
    std::vector<std::string> study_uids;
    for (int s = 0; s < kStudies; ++s)
        study_uids.push_back("1.2.826.0.1.3680043.9.7777." + std::to_string(s + 1));
    std::vector<fs::path> files;
    for (int u = 0; u < kUnique; ++u) {
        test::FixtureSpec spec;
        spec.study_uid = study_uids[u % kStudies];
        spec.series_uid = spec.study_uid + ".1";
        spec.sop_uid = spec.series_uid + "." + std::to_string(u + 1);
        spec.instance_number = u + 1;
        files.push_back(tmp / "in" / (std::to_string(u) + ".dcm"));
        fs::create_directories(files.back().parent_path());
        test::writeFixture(files.back(), spec);
    }

    // Both start at once: concurrent migrations and staging claims in the shared folder.
    std::vector<Node> nodes(2);
    for (int n = 0; n < 2; ++n) {
        nodes[n].process = std::make_unique<test::Process>(
            std::vector<std::string>{test::binPath("countyread-server").string(), "--data",
                                     (tmp / "data").string(), "--config",
                                     (tmp / "county.toml").string(), "--dicom-port",
                                     std::to_string(nodes[n].dicom_port), "--http-port",
                                     std::to_string(nodes[n].http_port)},
            tmp / ("server" + std::to_string(n) + ".log"));
    }
    for (auto& node : nodes)
        ASSERT_TRUE(node.process->waitForOutput("ready", 60s)) << node.process->output();

    auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> senders;
    std::atomic<int> acknowledged{0};
    for (int n = 0; n < 2; ++n) {
        for (int half = 0; half < 2; ++half) {  // two associations per server
            std::vector<fs::path> mine;
            for (int u = n * 50; u < n * 50 + 100; ++u)
                if (u % 2 == half) mine.push_back(files[u]);
            senders.emplace_back([&, n, mine] {
                dicom::StoreClient client(
                    {"127.0.0.1", nodes[n].dicom_port, "WENAN", "COUNTY", 30});
                for (const auto& o : client.send(mine)) {
                    EXPECT_TRUE(o.ok) << o.file << ": " << o.message;
                    if (o.ok) ++acknowledged;
                }
            });
        }
    }
    // A third server starting mid-ingest (a restart, a new node) must not sweep away the
    // transfers the other two are staging in the shared folder.
    Node third;
    third.process = std::make_unique<test::Process>(
        std::vector<std::string>{
            test::binPath("countyread-server").string(), "--data", (tmp / "data").string(),
            "--config", (tmp / "county.toml").string(), "--dicom-port",
            std::to_string(third.dicom_port), "--http-port", std::to_string(third.http_port)},
        tmp / "server2.log");
    EXPECT_TRUE(third.process->waitForOutput("ready", 60s)) << third.process->output();
    EXPECT_EQ(third.process->stop(SIGTERM, 30s), 0) << "a clean stop: " << third.process->output();
    for (auto& t : senders) t.join();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
    EXPECT_EQ(acknowledged, 200);

    // The index: every instance exactly once, counts right, one reading item per study.
    auto db = dicom::openDatabase(url);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM instances"), kUnique);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(DISTINCT sop_instance_uid) FROM instances"), kUnique);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM studies"), kStudies);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM series"), kStudies);
    EXPECT_EQ(scalar(*db,
                     "SELECT COUNT(*) FROM studies WHERE instance_count <> "
                     "(SELECT COUNT(*) FROM instances i WHERE i.study_uid = studies.study_uid)"),
              0);
    EXPECT_EQ(scalar(*db, "SELECT SUM(instance_count) FROM studies"), kUnique);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM reading_items"), kStudies);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM reading_transitions WHERE to_state = 'received'"),
              kStudies);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM reading_transitions WHERE to_state = 'assigned'"),
              kStudies);

    // The storage folder: one file per instance, both staging folders alive and empty.
    int stored = 0, staged = 0, staging_dirs = 0;
    for (auto& e : fs::recursive_directory_iterator(tmp / "data" / "instances")) {
        auto rel = fs::relative(e.path(), tmp / "data" / "instances").string();
        bool staging = rel.rfind(".incoming/", 0) == 0;
        if (e.is_regular_file() && !staging && e.path().extension() == ".dcm") ++stored;
        if (e.is_regular_file() && staging) ++staged;
        if (e.is_directory() && staging && e.path().parent_path().filename() == ".incoming")
            ++staging_dirs;
    }
    EXPECT_EQ(stored, kUnique);
    EXPECT_EQ(staged, 0);
    EXPECT_EQ(staging_dirs, 2);

    // Both servers tell the same story over HTTP.
    for (auto& node : nodes) {
        httplib::Client c("127.0.0.1", node.http_port);
        auto login =
            c.Post("/api/v1/login", R"({"user":"admin","password":"secret"})", "application/json");
        ASSERT_TRUE(login && login->status == 200);
        httplib::Headers auth{
            {"Authorization", "Bearer " + json::parse(login->body)["token"].get<std::string>()}};
        auto list = json::parse(c.Get("/api/v1/studies", auth)->body);
        ASSERT_EQ(list.size(), static_cast<size_t>(kStudies));
        for (auto& s : list) {
            EXPECT_EQ(s["instances"], kUnique / kStudies);
            EXPECT_EQ(s["assigned_to"], "li");
        }
    }
    std::cout << "[ shared postgres ] 2 servers, 4 associations, 200 sends (" << kUnique
              << " unique) in " << ms << " ms\n";
}
