// The gateway against the real countyread-server: a modality sends a CT to the township
// gateway, which forwards it (compressed) to the county; the gateway's poller sees the
// county's receipt as the township user; the radiologist signs a report; the county delivers
// it back by C-STORE and the study is 报告已出 at the township. Identical re-sends into the
// real archive leave one copy. Skipped when countyread-server was not built.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "dicom/model/DicomFile.h"
#include "dicom/net/StoreClient.h"
#include "dicom/sign/Signature.h"
#include "dicom/sr/ReportSr.h"
#include "sender/LocalDb.h"
#include "sender/Outbox.h"
#include "tests/sender/SenderTestData.h"
#include "tests/sender/SenderTestUtil.h"
#include "tests/support/TestSupport.h"
#include "worklist/PasswordHasher.h"

using namespace countyread;
using namespace std::chrono_literals;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::optional<sender::StudyStatus> gatewayStudy(const fs::path& outbox, const std::string& uid) {
    if (!fs::exists(sender::Outbox::databasePath(outbox))) return std::nullopt;
    sender::LocalDb db(sender::Outbox::databasePath(outbox), sender::LocalDb::Mode::ReadOnly);
    for (auto& s : sender::readStudyStatus(db))
        if (s.study_uid == uid) return s;
    return std::nullopt;
}

std::string login(httplib::Client& c, const std::string& user) {
    auto r = c.Post("/api/v1/login", json{{"user", user}, {"password", "demo"}}.dump(),
                    "application/json");
    if (!r || r->status != 200) return {};
    return json::parse(r->body)["token"];
}

}  // namespace

TEST(RealCountyE2E, FromModalityToReportReadyThroughTheRealServer) {
    const auto server_bin = test::binPath("countyread-server");
    if (!fs::exists(server_bin)) GTEST_SKIP() << "countyread-server not built";
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 4, .ct_size = 128, .dr_size = 128, .second_ct_series = false});
    fs::path ct_dir;
    for (const auto& f : set.files)
        if (f.string().find("ct-head") != std::string::npos) ct_dir = f.parent_path();
    std::vector<fs::path> ct_files;
    for (const auto& e : fs::directory_iterator(ct_dir)) ct_files.push_back(e.path());
    const std::string study_uid = dicom::readInstanceInfo(ct_files[0]).study_uid;

    // The county: li's demo signing identity, township WENAN reachable at the gateway.
    auto pki = test::run({server_bin.string(), "demo-pki", "--dir", (tmp / "pki").string(),
                          "--name", "li", "--cn", "李明", "--key-password", "demo"});
    ASSERT_EQ(pki.exit_code, 0) << pki.output;
    const int dicom_port = test::freePort(), http_port = test::freePort(),
              gateway_port = test::freePort();
    const std::string hash = worklist::hashPassword("demo");
    std::ofstream(tmp / "county.toml")
        << "[server]\naet = \"COUNTY\"\ndicom_port = " << dicom_port
        << "\nhttp_port = " << http_port << "\norganization = \"县人民医院放射科\"\n"
        << "[[township]]\nid = \"wenan\"\nname = \"问安镇卫生院\"\naet = \"WENAN\"\nhost = "
           "\"127.0.0.1\"\nport = "
        << gateway_port << "\n"
        << "[[radiologist]]\nid = \"li\"\nname = \"李明\"\nmodalities = [\"CT\", "
           "\"DX\"]\ncertificate = \""
        << (tmp / "pki" / "li.pem").string() << "\"\n"
        << "[[user]]\nid = \"li\"\nrole = \"radiologist\"\npassword_hash = \"" << hash << "\"\n"
        << "[[user]]\nid = \"wenan\"\nrole = \"township\"\ntownship = \"wenan\"\npassword_hash = \""
        << hash << "\"\n";
    test::Process county(
        {server_bin.string(), "--data", (tmp / "county-data").string(), "--dicom-port",
         std::to_string(dicom_port), "--http-port", std::to_string(http_port), "--aet", "COUNTY",
         "--config", (tmp / "county.toml").string()},
        tmp / "county.log");
    ASSERT_TRUE(county.waitForOutput("ready", 60s)) << county.output();

    // The township gateway, polling the county every second as user wenan.
    std::ofstream(tmp / "township.toml")
        << "[gateway]\naet = \"WENAN\"\nport = " << gateway_port << "\ndata_dir = \"outbox\"\n"
        << "log_file = \"gateway.log\"\n"
        << "[county]\nhost = \"127.0.0.1\"\nport = " << dicom_port << "\naet = \"COUNTY\"\n"
        << "compress = true\nbackoff_initial_ms = 100\nbackoff_max_ms = 1000\n"
        << "[county.api]\nurl = \"http://127.0.0.1:" << http_port << "\"\nuser = \"wenan\"\n"
        << "password = \"demo\"\npoll_s = 1\n";
    test::Process gateway({test::binPath("countyread-send").string(), "serve", "--config",
                           (tmp / "township.toml").string()},
                          tmp / "gateway.out");
    ASSERT_TRUE(gateway.waitForOutput("gateway ready", 20s)) << gateway.output();

    dicom::StoreClient modality({"127.0.0.1", gateway_port, "CT01", "WENAN", 20});
    for (const auto& o : modality.send(ct_files)) ASSERT_TRUE(o.ok) << o.message;

    // Delivered, with the county's receipt time from its API.
    ASSERT_TRUE(test::waitUntil(
        [&] {
            auto s = gatewayStudy(tmp / "outbox", study_uid);
            return s && s->phase == sender::StudyPhase::Delivered && !s->county_received_at.empty();
        },
        60s))
        << test::readText(tmp / "gateway.log");
    httplib::Client api("127.0.0.1", http_port);
    const std::string li = login(api, "li");
    ASSERT_FALSE(li.empty());
    httplib::Headers auth{{"Authorization", "Bearer " + li}};
    auto instances = api.Get("/api/v1/studies/" + study_uid + "/instances", auth);
    ASSERT_TRUE(instances && instances->status == 200);
    auto rows = json::parse(instances->body);
    ASSERT_EQ(rows.size(), ct_files.size());
    EXPECT_EQ(rows[0]["transfer_syntax_uid"], "1.2.840.10008.1.2.4.80");  // JPEG-LS on the wire

    // Identical re-sends (a second one-shot import of the same CD) keep one copy.
    auto again = test::run({test::binPath("countyread-send").string(), "--host", "127.0.0.1",
                            "--port", std::to_string(dicom_port), "--aet", "WENAN", "--called-aet",
                            "COUNTY", "--compress", ct_dir.string()});
    EXPECT_EQ(again.exit_code, 0) << again.output;
    instances = api.Get("/api/v1/studies/" + study_uid + "/instances", auth);
    EXPECT_EQ(json::parse(instances->body).size(), ct_files.size());

    // The radiologist signs; the county delivers the report back to WENAN (the gateway).
    auto info = dicom::readInstanceInfo(ct_files[0]);
    dicom::ReportContent content;
    content.findings = "脑实质未见明显异常密度影。";
    content.impression = "颅脑CT平扫未见明显异常。";
    content.author = {"li", "李明", "县人民医院放射科"};
    dicom::SigningIdentity id{tmp / "pki" / "li.key", "demo",
                              test::readText(tmp / "pki" / "li.pem")};
    auto signed_sr = dicom::signDataset(dicom::buildReportSr(info, {info}, content), id);
    auto posted = api.Post("/api/v1/reports/" + study_uid, auth,
                           std::string(signed_sr.begin(), signed_sr.end()), "application/dicom");
    ASSERT_TRUE(posted);
    ASSERT_EQ(posted->status, 201) << posted->body;

    ASSERT_TRUE(test::waitUntil(
        [&] {
            auto s = gatewayStudy(tmp / "outbox", study_uid);
            return s && s->phase == sender::StudyPhase::ReportReady && !s->report_file.empty();
        },
        60s))
        << test::readText(tmp / "gateway.log");
    auto s = gatewayStudy(tmp / "outbox", study_uid);
    EXPECT_NE(s->report_text.find("颅脑CT平扫未见明显异常。"), std::string::npos);
    EXPECT_FALSE(s->critical);
    EXPECT_EQ(gateway.stop(SIGTERM), 0);
    auto log = test::readText(tmp / "gateway.log");
    EXPECT_NE(log.find("report ready for study " + study_uid), std::string::npos);
    EXPECT_NE(log.find("study " + study_uid + " delivered"), std::string::npos);
}
