// The county server in-process, driven through its real DICOM and HTTP interfaces.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "dicom/archive/Archive.h"
#include "dicom/model/DicomFile.h"
#include "dicom/model/Uid.h"
#include "dicom/net/StoreClient.h"
#include "dicom/net/StoreListener.h"
#include "dicom/pstate/PresentationState.h"
#include "dicom/sign/DemoPki.h"
#include "dicom/sr/EncapsulatedPdf.h"
#include "dicom/sr/KeyObjectSelection.h"
#include "dicom/sign/Signature.h"
#include "dicom/sr/ReportSr.h"
#include "server/ReportTemplates.h"
#include "server/ServerApp.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"
#include "worklist/PasswordHasher.h"

using namespace countyread;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Stands in for the township's PACS: counts what it receives.
class TownshipInbox : public dicom::IStoreHandler {
public:
    dicom::StoreStatus onStore(const dicom::ReceivedInstance& in) override {
        std::lock_guard lock(mutex);
        received.push_back(in.info);
        fs::remove(in.temp_file);
        return {0, {}};
    }
    std::mutex mutex;
    std::vector<dicom::InstanceInfo> received;
};

class ServerApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        dicom::DemoPki pki(tmp / "pki");
        li = pki.issue("li", "李明", "pw");
        wang = pki.issue("wang", "王强", "");
        zhao = pki.issue("zhao", "赵磊", "");
        dicom_port = test::freePort();
        http_port = test::freePort();
        township_port = test::freePort();
        auto hash = worklist::hashPassword("secret");
        std::ofstream(tmp / "county.toml") << R"([server]
aet = "COUNTY"
[[township]]
id = "wenan"
name = "问安镇卫生院"
aet = "WENAN"
host = "127.0.0.1"
port = )" << township_port << R"(
[[township]]
id = "dazhuang"
name = "大庄镇卫生院"
aet = "DAZHUANG"
port = 1
[[radiologist]]
id = "li"
name = "李明"
modalities = ["CT", "DX", "CR"]
certificate = "pki/li.pem"
verifies = true
[[radiologist]]
id = "zhao"
name = "赵磊"
modalities = ["CR"]
townships = ["wenan"]
certificate = "pki/zhao.pem"
requires_verification = true
[[radiologist]]
id = "wang"
name = "王强"
modalities = ["MR"]
certificate = "pki/wang.pem"
[[user]]
id = "li"
role = "radiologist"
password_hash = ")" << hash << R"("
[[user]]
id = "zhao"
role = "radiologist"
password_hash = ")" << hash << R"("
[[user]]
id = "wang"
role = "radiologist"
password_hash = ")" << hash << R"("
[[user]]
id = "wenan"
role = "township"
township = "wenan"
password_hash = ")" << hash << R"("
[[user]]
id = "dazhuang"
role = "township"
township = "dazhuang"
password_hash = ")" << hash << R"("
[[user]]
id = "admin"
role = "admin"
password_hash = ")" << hash << R"("
)";
        startServer();
        http = std::make_unique<httplib::Client>("127.0.0.1", http_port);
    }

    // (Re)starts the county server on the same data folder and ports.
    void startServer() {
        server::ServerOptions options;
        options.data_dir = tmp / "data";
        options.config = server::loadConfig(tmp / "county.toml");
        options.config.dicom_port = dicom_port;
        options.config.http_port = http_port;
        app.reset();
        app = std::make_unique<server::ServerApp>(options);
        app->start();
    }

    void startTownship() {
        dicom::ListenerConfig cfg;
        cfg.aet = "WENAN";
        cfg.port = township_port;
        cfg.staging_dir = tmp / "township";
        township = std::make_unique<dicom::StoreListener>(cfg, inbox);
        township->start();
    }

    std::string login(const std::string& user) {
        auto res = http->Post("/api/v1/login", json{{"user", user}, {"password", "secret"}}.dump(),
                              "application/json");
        EXPECT_TRUE(res && res->status == 200);
        return json::parse(res->body)["token"];
    }
    httplib::Headers auth(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

    // Sends one CT study of `n` images from `ae`; returns the study UID.
    std::string sendStudy(const std::string& ae, int n = 2, test::FixtureSpec spec = {}) {
        spec.charset = "GB18030";
        spec.study_uid = dicom::newUid();
        std::vector<fs::path> files;
        for (int i = 1; i <= n; ++i) {
            spec.sop_uid = "";
            spec.instance_number = i;
            files.push_back(tmp / (spec.study_uid + "-" + std::to_string(i) + ".dcm"));
            test::writeFixture(files.back(), spec);
        }
        auto out = dicom::StoreClient({"127.0.0.1", dicom_port, ae, "COUNTY", 10}).send(files);
        for (auto& o : out) EXPECT_TRUE(o.ok) << o.message;
        return spec.study_uid;
    }

    dicom::Bytes signedReport(const std::string& study_uid, const std::string& token,
                              const dicom::IssuedIdentity& id, const std::string& password,
                              const std::function<void(dicom::ReportContent&)>& edit = {}) {
        auto list = json::parse(http->Get("/api/v1/studies/" + study_uid + "/instances", auth(token))->body);
        std::string sop = list[0]["sop_instance_uid"];
        auto res = http->Get("/api/v1/instances/" + sop, auth(token));
        dicom::Bytes bytes(res->body.begin(), res->body.end());
        auto info = dicom::readInstanceInfo(bytes);
        dicom::ReportContent c;
        c.findings = "颅内未见明显异常密度影。";
        c.impression = "头颅CT平扫未见异常。";
        c.author = {"li", "李明", "县医院"};
        if (edit) edit(c);
        auto sr = dicom::buildReportSr(info, {info}, c);
        return dicom::signDataset(sr, {id.key_pem, password, test::readText(id.cert_pem)});
    }

    httplib::Result postReport(const std::string& study_uid, const std::string& token,
                               const dicom::Bytes& body) {
        return http->Post("/api/v1/reports/" + study_uid, auth(token),
                          std::string(body.begin(), body.end()), "application/dicom");
    }

    json studies(const std::string& token) {
        auto res = http->Get("/api/v1/studies", auth(token));
        EXPECT_EQ(res->status, 200);
        return json::parse(res->body);
    }

    test::TempDir tmp;
    dicom::IssuedIdentity li, wang, zhao;
    int dicom_port = 0, http_port = 0, township_port = 0;
    std::unique_ptr<server::ServerApp> app;
    std::unique_ptr<httplib::Client> http;
    TownshipInbox inbox;
    std::unique_ptr<dicom::StoreListener> township;
};

}  // namespace

TEST_F(ServerApiTest, HealthIsOpenEverythingElseNeedsAToken) {
    EXPECT_EQ(http->Get("/api/v1/health")->status, 200);
    auto res = http->Get("/api/v1/studies");
    EXPECT_EQ(res->status, 401);
    EXPECT_NE(json::parse(res->body)["error"].get<std::string>().find("token"), std::string::npos);
    EXPECT_EQ(http->Get("/api/v1/studies", auth("forged"))->status, 401);
    auto bad = http->Post("/api/v1/login", R"({"user":"li","password":"nope"})", "application/json");
    EXPECT_EQ(bad->status, 401);
    EXPECT_EQ(http->Post("/api/v1/login", "{", "application/json")->status, 400);
}

TEST_F(ServerApiTest, ReceivedStudyIsAssignedAndListedWithUtf8Name) {
    auto uid = sendStudy("WENAN", 3);
    auto list = studies(login("li"));
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["study_uid"], uid);
    EXPECT_EQ(list[0]["patient_name"], "张伟");
    EXPECT_EQ(list[0]["township"], "wenan");
    EXPECT_EQ(list[0]["township_name"], "问安镇卫生院");
    EXPECT_EQ(list[0]["state"], "assigned");
    EXPECT_EQ(list[0]["assigned_to"], "li");
    EXPECT_EQ(list[0]["instances"], 3);
    EXPECT_EQ(list[0]["priority"], "routine");
    EXPECT_FALSE(list[0]["received_at"].get<std::string>().empty());
}

TEST_F(ServerApiTest, UnknownCallingAeCannotStore) {
    EXPECT_THROW(dicom::StoreClient({"127.0.0.1", dicom_port, "INTRUDER", "COUNTY", 5}).echo(),
                 dicom::DicomError);
}

TEST_F(ServerApiTest, TownshipsSeeOnlyTheirOwnStudies) {
    auto wenan_uid = sendStudy("WENAN");
    auto dz_uid = sendStudy("DAZHUANG");
    auto wenan = studies(login("wenan"));
    ASSERT_EQ(wenan.size(), 1u);
    EXPECT_EQ(wenan[0]["study_uid"], wenan_uid);
    auto dz_token = login("dazhuang");
    auto dz = studies(dz_token);
    ASSERT_EQ(dz.size(), 1u);
    EXPECT_EQ(dz[0]["study_uid"], dz_uid);
    auto denied = http->Get("/api/v1/studies/" + wenan_uid + "/instances", auth(dz_token));
    EXPECT_EQ(denied->status, 403);
    EXPECT_FALSE(json::parse(denied->body)["error"].get<std::string>().empty());
    EXPECT_EQ(studies(login("admin")).size(), 2u);
    // wang reads only MR: both CT studies are li's, not in wang's list.
    EXPECT_EQ(studies(login("wang")).size(), 0u);
}

TEST_F(ServerApiTest, SignedReportIsVerifiedStoredAndDeliveredExactlyOnce) {
    startTownship();
    auto uid = sendStudy("WENAN");
    auto token = login("li");
    EXPECT_EQ(http->Post("/api/v1/studies/" + uid + "/open", auth(token), "", "text/plain")->status, 200);
    EXPECT_EQ(studies(token)[0]["state"], "in_reading");
    auto res = postReport(uid, token, signedReport(uid, token, li, "pw"));
    ASSERT_EQ(res->status, 201) << res->body;
    std::string sop = json::parse(res->body)["sop_instance_uid"];

    // Delivery happens in the background: wait for the township to have it.
    for (int i = 0; i < 100 && studies(token)[0]["state"] != "delivered"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto s = studies(token)[0];
    EXPECT_EQ(s["state"], "delivered");
    EXPECT_EQ(s["signed_by"], "li");
    EXPECT_FALSE(s["signed_at"].get<std::string>().empty());
    {
        // The township receives the signed SR and its printable PDF, each once.
        std::lock_guard lock(inbox.mutex);
        ASSERT_EQ(inbox.received.size(), 2u);
        std::sort(inbox.received.begin(), inbox.received.end(),
                  [](auto& a, auto& b) { return a.modality > b.modality; });
        EXPECT_EQ(inbox.received[0].sop_instance_uid, sop);
        EXPECT_EQ(inbox.received[0].modality, "SR");
        EXPECT_EQ(inbox.received[0].patient_name, "张伟");
        EXPECT_EQ(inbox.received[1].modality, "DOC");
        EXPECT_EQ(inbox.received[1].sop_class_uid, dicom::kEncapsulatedPdfSopClass);
        EXPECT_EQ(inbox.received[1].study_uid, uid);
        EXPECT_EQ(inbox.received[1].patient_name, "张伟");
    }
    // The township user can fetch the signed SR, and it still verifies.
    auto wenan = login("wenan");
    auto sr = http->Get("/api/v1/reports/" + uid, auth(wenan));
    ASSERT_EQ(sr->status, 200);
    EXPECT_EQ(sr->get_header_value("Content-Type"), "application/dicom");
    dicom::Bytes bytes(sr->body.begin(), sr->body.end());
    EXPECT_TRUE(dicom::verifySignatures(bytes, test::readText(li.cert_pem)).ok);
    EXPECT_EQ(dicom::parseReportSr(bytes).impression, "头颅CT平扫未见异常。");
    // A signed report is immutable.
    EXPECT_EQ(postReport(uid, token, signedReport(uid, token, li, "pw"))->status, 409);
    auto deliveries = json::parse(http->Get("/api/v1/studies/" + uid + "/deliveries", auth(wenan))->body);
    ASSERT_EQ(deliveries.size(), 2u);
    for (auto& d : deliveries) EXPECT_EQ(d["state"], "delivered");

    // The printable PDF: the township may download it; it names the patient and the signer.
    auto pdf = http->Get("/api/v1/reports/" + uid + "/pdf", auth(wenan));
    ASSERT_EQ(pdf->status, 200) << pdf->body;
    EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
    EXPECT_EQ(pdf->body.rfind("%PDF-", 0), 0u);
    EXPECT_EQ(http->Get("/api/v1/reports/" + uid + "/pdf", auth(login("dazhuang")))->status, 403);
    if (test::haveProgram("pdftotext")) {
        auto file = tmp / "report.pdf";
        std::ofstream(file, std::ios::binary) << pdf->body;
        auto text = test::run({"pdftotext", "-enc", "UTF-8", file.string(), "-"}).output;
        for (const char* want : {"张伟", "李明", "问安镇卫生院", "头颅CT平扫未见异常", "县人民医院"})
            EXPECT_NE(text.find(want), std::string::npos) << want << " not in\n" << text;
    }
    // The QR code's check: the right fingerprint says authentic (name masked), a wrong one not.
    dicom::writeFileBytes(tmp / "sr.dcm", bytes);
    auto sha = dicom::sha256File(tmp / "sr.dcm");
    auto ok = http->Get("/api/v1/verify/" + sop + "?h=" + sha.substr(0, 16));
    ASSERT_EQ(ok->status, 200) << ok->body;
    auto v = json::parse(ok->body);
    EXPECT_EQ(v["valid"], true);
    EXPECT_EQ(v["patient"], "张**");
    EXPECT_EQ(v["signed_by"], "李明");
    EXPECT_EQ(v["township"], "问安镇卫生院");
    EXPECT_EQ(http->Get("/api/v1/verify/" + sop + "?h=0000000000000000")->status, 404);
    EXPECT_EQ(http->Get("/api/v1/verify/" + sop)->status, 404);
    // The audit trail recorded who opened and who signed.
    auto audit = json::parse(http->Get("/api/v1/audit?target=" + uid, auth(login("admin")))->body);
    std::vector<std::string> actions;
    for (auto& e : audit) actions.push_back(e["actor"].get<std::string>() + ":" + e["action"].get<std::string>());
    EXPECT_NE(std::find(actions.begin(), actions.end(), "li:study_opened"), actions.end());
    EXPECT_NE(std::find(actions.begin(), actions.end(), "li:report_signed"), actions.end());
    EXPECT_NE(std::find(actions.begin(), actions.end(), "delivery:report_delivered"), actions.end());
    EXPECT_EQ(http->Get("/api/v1/audit", auth(wenan))->status, 403);
}

TEST_F(ServerApiTest, TamperedOrForeignSignedReportsAreRejected) {
    auto uid = sendStudy("WENAN");
    auto token = login("li");
    auto good = signedReport(uid, token, li, "pw");
    auto tampered = good;
    std::string s(tampered.begin(), tampered.end());
    auto pos = s.find("未见异常");
    ASSERT_NE(pos, std::string::npos);
    tampered[pos] ^= 0x01;
    auto res = postReport(uid, token, tampered);
    EXPECT_EQ(res->status, 422);
    EXPECT_NE(res->body.find("signature"), std::string::npos) << res->body;
    // Signed with wang's key: not li's registered certificate.
    res = postReport(uid, token, signedReport(uid, token, wang, ""));
    EXPECT_EQ(res->status, 422);
    // Unsigned.
    dicom::ReportContent plain;
    plain.author = {"li", "李明", ""};
    auto unsigned_sr = dicom::buildReportSr(dicom::readInstanceInfo(good), {}, plain);
    EXPECT_EQ(postReport(uid, token, unsigned_sr)->status, 422);
    // Not a radiologist / not assigned.
    EXPECT_EQ(postReport(uid, login("wenan"), good)->status, 403);
    EXPECT_EQ(postReport(uid, login("wang"), good)->status, 403);
    // Garbage body.
    EXPECT_EQ(postReport(uid, token, dicom::Bytes{'x', 'y'})->status, 400);
    // None of it changed the item.
    EXPECT_EQ(studies(token)[0]["state"], "assigned");
    // The genuine one is still accepted afterwards.
    EXPECT_EQ(postReport(uid, token, good)->status, 201);
}

TEST_F(ServerApiTest, DeliveryWaitsForTheTownshipAndThenDeliversOnce) {
    auto uid = sendStudy("WENAN");
    auto token = login("li");
    ASSERT_EQ(postReport(uid, token, signedReport(uid, token, li, "pw"))->status, 201);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    auto d = json::parse(http->Get("/api/v1/studies/" + uid + "/deliveries", auth(token))->body);
    ASSERT_EQ(d.size(), 2u);  // the SR and the PDF
    for (auto& one : d) {
        EXPECT_EQ(one["state"], "pending");
        EXPECT_GE(one["attempts"].get<int>(), 1);
        EXPECT_FALSE(one["last_error"].get<std::string>().empty());
    }
    EXPECT_EQ(studies(token)[0]["state"], "signed");
    startTownship();  // the township comes back
    for (int i = 0; i < 150 && studies(token)[0]["state"] != "delivered"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(studies(token)[0]["state"], "delivered");
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    std::lock_guard lock(inbox.mutex);
    EXPECT_EQ(inbox.received.size(), 2u) << "the SR and the PDF, once each";
}

TEST_F(ServerApiTest, PresentationStatesAreStoredWithTheStudyAndAudited) {
    auto uid = sendStudy("WENAN");
    auto other = sendStudy("WENAN");
    auto token = login("li");
    auto list = json::parse(http->Get("/api/v1/studies/" + uid + "/instances", auth(token))->body);
    ASSERT_EQ(list.size(), 2u);
    auto image = http->Get("/api/v1/instances/" + list[0]["sop_instance_uid"].get<std::string>(), auth(token));
    dicom::Bytes image_bytes(image->body.begin(), image->body.end());
    auto info = dicom::readInstanceInfo(image_bytes);

    dicom::PresentationState ps;
    ps.study = info;
    ps.images.push_back({info.sop_class_uid, info.sop_instance_uid, info.series_uid, 0, 16, 16});
    dicom::PsAnnotation length;
    length.kind = "length";
    length.graphics.push_back({dicom::PsGraphic::Type::Polyline, {{1, 1}, {9, 9}}, false});
    length.texts.push_back({"11.3 mm", dicom::PsPoint{9, 9}, std::nullopt, false});
    ps.annotations.push_back({ps.images[0], {length}});
    ps.creator_name = "李明";
    auto gsps = dicom::buildPresentationState(ps);
    auto post = [&](const std::string& study, const dicom::Bytes& body, const std::string& tok,
                    const std::string& type = "application/dicom") {
        return http->Post("/api/v1/studies/" + study + "/presentation-states", auth(tok),
                          std::string(body.begin(), body.end()), type);
    };

    // Wrong content type, not DICOM, not a presentation state, another study, a township user.
    EXPECT_EQ(post(uid, gsps, token, "application/octet-stream")->status, 415);
    EXPECT_EQ(post(uid, dicom::Bytes{'n', 'o'}, token)->status, 400);
    auto not_pr = post(uid, image_bytes, token);
    EXPECT_EQ(not_pr->status, 400);
    EXPECT_NE(not_pr->body.find("presentation state"), std::string::npos) << not_pr->body;
    EXPECT_EQ(post(other, gsps, token)->status, 409);
    EXPECT_EQ(post(uid, gsps, login("wenan"))->status, 403);
    EXPECT_EQ(json::parse(http->Get("/api/v1/studies/" + uid + "/instances", auth(token))->body).size(), 2u)
        << "rejected uploads stored nothing";

    auto res = post(uid, gsps, token);
    ASSERT_EQ(res->status, 201) << res->body;
    auto sop = json::parse(res->body)["sop_instance_uid"].get<std::string>();
    EXPECT_EQ(sop, dicom::readInstanceInfo(gsps).sop_instance_uid);

    // It comes back with the study, byte for byte, and parses to the same annotation.
    auto after = json::parse(http->Get("/api/v1/studies/" + uid + "/instances", auth(token))->body);
    ASSERT_EQ(after.size(), 3u);
    bool listed = false;
    for (auto& i : after) listed |= i["sop_instance_uid"] == sop && i["modality"] == "PR";
    EXPECT_TRUE(listed) << after.dump();
    auto back = http->Get("/api/v1/instances/" + sop, auth(token));
    ASSERT_EQ(back->status, 200);
    dicom::Bytes back_bytes(back->body.begin(), back->body.end());
    EXPECT_EQ(back_bytes, gsps);
    auto parsed = dicom::parsePresentationState(back_bytes);
    ASSERT_EQ(parsed.annotations.size(), 1u);
    ASSERT_EQ(parsed.annotations[0].annotations.size(), 1u);
    EXPECT_EQ(parsed.annotations[0].annotations[0].texts[0].text, "11.3 mm");
    // A presentation state is not something to read: the item's state is unchanged.
    for (auto& s : studies(token))
        if (s["study_uid"] == uid) EXPECT_EQ(s["state"], "assigned");
    auto audit = json::parse(http->Get("/api/v1/audit?target=" + uid, auth(login("admin")))->body);
    bool audited = false;
    for (auto& e : audit) audited |= e["actor"] == "li" && e["action"] == "presentation_state_saved";
    EXPECT_TRUE(audited) << audit.dump();
}

TEST_F(ServerApiTest, KeyImagesAreStoredAndPrintedInTheReport) {
    auto uid = sendStudy("WENAN", 3);
    auto token = login("li");
    auto list = json::parse(http->Get("/api/v1/studies/" + uid + "/instances", auth(token))->body);
    ASSERT_EQ(list.size(), 3u);
    auto image = http->Get("/api/v1/instances/" + list[1]["sop_instance_uid"].get<std::string>(), auth(token));
    auto info = dicom::readInstanceInfo(dicom::Bytes(image->body.begin(), image->body.end()));
    dicom::KeyObjectSelection kos;
    kos.study = info;
    kos.images.push_back({info.sop_class_uid, info.sop_instance_uid, info.series_uid, 0});
    kos.description = "病灶层面";
    kos.observer = "李明";
    auto bytes = dicom::buildKeyObjectSelection(kos);
    auto post = [&](const std::string& tok, const dicom::Bytes& body) {
        return http->Post("/api/v1/studies/" + uid + "/key-images", auth(tok), std::string(body.begin(), body.end()),
                          "application/dicom");
    };
    EXPECT_EQ(post(login("wenan"), bytes)->status, 403);
    EXPECT_EQ(post(token, dicom::Bytes(image->body.begin(), image->body.end()))->status, 400);
    auto res = post(token, bytes);
    ASSERT_EQ(res->status, 201) << res->body;

    ASSERT_EQ(postReport(uid, token, signedReport(uid, token, li, "pw"))->status, 201);
    auto pdf = http->Get("/api/v1/reports/" + uid + "/pdf", auth(token));
    ASSERT_EQ(pdf->status, 200) << pdf->body;
    if (!test::haveProgram("pdfimages") || !test::haveProgram("pdftotext")) GTEST_SKIP() << "poppler-utils missing";
    auto file = tmp / "report.pdf";
    std::ofstream(file, std::ios::binary) << pdf->body;
    auto images = test::run({"pdfimages", "-list", file.string()}).output;
    int image_lines = 0;
    std::istringstream lines(images);
    for (std::string line; std::getline(lines, line);) image_lines += line.find(" image ") != std::string::npos;
    EXPECT_GE(image_lines, 1) << "the key image is drawn in the PDF:\n" << images;
    auto text = test::run({"pdftotext", "-enc", "UTF-8", file.string(), "-"}).output;
    EXPECT_NE(text.find("关键图像"), std::string::npos) << text;
    EXPECT_NE(text.find("Im " + std::to_string(info.instance_number)), std::string::npos) << text;
}

TEST_F(ServerApiTest, PriorsOfTheSamePatientAreListedAndReadable) {
    test::FixtureSpec old_mr;
    old_mr.modality = "MR";  // read by wang
    old_mr.study_date = "20250301";
    auto prior = sendStudy("WENAN", 1, old_mr);
    test::FixtureSpec other_patient;
    other_patient.patient_id = "P0002";
    other_patient.patient_name_utf8 = "李娜";
    auto other = sendStudy("WENAN", 1, other_patient);
    sendStudy("DAZHUANG", 1);  // same Patient ID, another township: another person
    auto current = sendStudy("WENAN", 1);
    auto li_token = login("li");

    auto res = http->Get("/api/v1/studies/" + current + "/priors", auth(li_token));
    ASSERT_EQ(res->status, 200) << res->body;
    auto priors = json::parse(res->body);
    ASSERT_EQ(priors.size(), 1u) << priors.dump();
    EXPECT_EQ(priors[0]["study_uid"], prior);
    EXPECT_EQ(priors[0]["modality"], "MR");
    EXPECT_EQ(priors[0]["assigned_to"], "wang");
    // li reads the current study, so li may open the prior wang read.
    auto list = http->Get("/api/v1/studies/" + prior + "/instances", auth(li_token));
    ASSERT_EQ(list->status, 200) << list->body;
    auto sop = json::parse(list->body)[0]["sop_instance_uid"].get<std::string>();
    EXPECT_EQ(http->Get("/api/v1/instances/" + sop, auth(li_token))->status, 200);
    // wang, reading this patient's MR, may compare with the newer CT too; not with another
    // patient's study.
    auto wang_token = login("wang");
    EXPECT_EQ(http->Get("/api/v1/studies/" + current + "/instances", auth(wang_token))->status, 200);
    EXPECT_EQ(http->Get("/api/v1/studies/" + other + "/instances", auth(wang_token))->status, 403);
    EXPECT_EQ(http->Get("/api/v1/studies/" + other + "/priors", auth(wang_token))->status, 403);
    // ...and townships see priors of their own studies only.
    EXPECT_EQ(json::parse(http->Get("/api/v1/studies/" + current + "/priors", auth(login("wenan")))->body).size(), 1u);
    EXPECT_EQ(http->Get("/api/v1/studies/" + current + "/priors", auth(login("dazhuang")))->status, 403);
}

namespace {
dicom::DocumentRef refOf(const dicom::Bytes& sr) {
    auto i = dicom::readInstanceInfo(sr);
    return {i.series_uid, i.sop_class_uid, i.sop_instance_uid};
}
}  // namespace

TEST_F(ServerApiTest, TwoLevelSigningPreliminaryThenVerifiedBySeniorThenDelivered) {
    startTownship();
    test::FixtureSpec cr;
    cr.modality = "CR";
    auto uid = sendStudy("WENAN", 1, cr);
    auto zt = login("zhao");
    ASSERT_EQ(studies(zt)[0]["assigned_to"], "zhao");
    auto as_zhao = [](dicom::ReportContent& c) { c.author = {"zhao", "赵磊", "县医院"}; };
    // zhao's reports need verification: a self-verified one is refused.
    auto res = postReport(uid, zt, signedReport(uid, zt, zhao, "", as_zhao));
    EXPECT_EQ(res->status, 422) << res->body;
    EXPECT_NE(res->body.find("preliminary"), std::string::npos) << res->body;
    auto pre = signedReport(uid, zt, zhao, "", [&](dicom::ReportContent& c) {
        as_zhao(c);
        c.preliminary = true;
    });
    res = postReport(uid, zt, pre);
    ASSERT_EQ(res->status, 201) << res->body;
    auto body = json::parse(res->body);
    EXPECT_EQ(body["kind"], "preliminary");
    EXPECT_EQ(body["verifier"], "li");
    auto lt = login("li");
    auto row = studies(lt);
    ASSERT_EQ(row.size(), 1u);
    EXPECT_EQ(row[0]["assigned_to"], "li");
    EXPECT_EQ(row[0]["state"], "assigned");
    // Not released to the township yet.
    auto wt = login("wenan");
    EXPECT_EQ(http->Get("/api/v1/reports/" + uid, auth(wt))->status, 404);
    EXPECT_EQ(http->Get("/api/v1/reports/" + uid + "/preliminary", auth(wt))->status, 403);
    EXPECT_EQ(json::parse(http->Get("/api/v1/reports/" + uid + "/history", auth(wt))->body).size(), 0u);
    auto got = http->Get("/api/v1/reports/" + uid + "/preliminary", auth(lt));
    ASSERT_EQ(got->status, 200);
    EXPECT_EQ(dicom::Bytes(got->body.begin(), got->body.end()), pre);

    // The senior verifies: author zhao kept, li as verifying observer, the preliminary as predecessor.
    auto verify = [&](const dicom::DocumentRef& predecessor) {
        return signedReport(uid, lt, li, "pw", [&](dicom::ReportContent& c) {
            as_zhao(c);
            c.impression = "胸部正位片未见明显异常（已审核）。";
            c.verifier = dicom::ReportAuthor{"li", "李明", "县医院"};
            c.predecessor = predecessor;
        });
    };
    auto wrong = refOf(pre);
    wrong.sop_instance_uid = dicom::newUid();
    EXPECT_EQ(postReport(uid, lt, verify(wrong))->status, 409);
    auto final_sr = verify(refOf(pre));
    EXPECT_EQ(postReport(uid, zt, final_sr)->status, 403) << "zhao no longer holds the item";
    res = postReport(uid, lt, final_sr);
    ASSERT_EQ(res->status, 201) << res->body;
    EXPECT_EQ(json::parse(res->body)["kind"], "final");
    for (int i = 0; i < 100 && studies(lt)[0]["state"] != "delivered"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(studies(lt)[0]["state"], "delivered");
    {
        std::lock_guard lock(inbox.mutex);
        ASSERT_EQ(inbox.received.size(), 2u) << "the final SR and its PDF; never the preliminary";
        for (auto& r : inbox.received) EXPECT_NE(r.sop_instance_uid, refOf(pre).sop_instance_uid);
    }
    auto history = json::parse(http->Get("/api/v1/reports/" + uid + "/history", auth(lt))->body);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0]["kind"], "preliminary");
    EXPECT_EQ(history[1]["kind"], "final");
    EXPECT_EQ(history[1]["author"], "zhao");
    EXPECT_EQ(history[1]["verifier"], "li");
    auto parsed = dicom::parseReportSr(final_sr);
    EXPECT_EQ(parsed.observer_name, "赵磊");
    EXPECT_EQ(parsed.verifier_name, "李明");
    if (test::haveProgram("pdftotext")) {
        auto pdf = http->Get("/api/v1/reports/" + uid + "/pdf", auth(wt));
        ASSERT_EQ(pdf->status, 200);
        std::ofstream(tmp / "two-level.pdf", std::ios::binary) << pdf->body;
        auto text = test::run({"pdftotext", "-enc", "UTF-8", (tmp / "two-level.pdf").string(), "-"}).output;
        EXPECT_NE(text.find("报告医生：赵磊"), std::string::npos) << text;
        EXPECT_NE(text.find("审核医生：李明"), std::string::npos) << text;
    }
}

TEST_F(ServerApiTest, AddendaCorrectASignedReportAndAreDeliveredToo) {
    startTownship();
    auto uid = sendStudy("WENAN");
    auto lt = login("li");
    auto original = signedReport(uid, lt, li, "pw");
    ASSERT_EQ(postReport(uid, lt, original)->status, 201);
    for (int i = 0; i < 100 && studies(lt)[0]["state"] != "delivered"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_EQ(studies(lt)[0]["state"], "delivered");

    auto addendum = [&](const dicom::DocumentRef& ref, const std::string& text) {
        return signedReport(uid, lt, li, "pw", [&](dicom::ReportContent& c) {
            c.predecessor = ref;
            c.addendum = text;
            c.impression = "左侧额叶小片状低密度影，考虑腔隙性梗死。";
        });
    };
    // No correction text; not the current report; a radiologist who neither signed nor verifies.
    EXPECT_EQ(postReport(uid, lt, signedReport(uid, lt, li, "pw", [&](dicom::ReportContent& c) {
                  c.predecessor = refOf(original);
              }))->status, 422);
    auto stale = refOf(original);
    stale.sop_instance_uid = dicom::newUid();
    EXPECT_EQ(postReport(uid, lt, addendum(stale, "更正"))->status, 409);
    auto wangs = signedReport(uid, lt, wang, "", [&](dicom::ReportContent& c) {
        c.author = {"wang", "王强", "县医院"};
        c.predecessor = refOf(original);
        c.addendum = "更正";
    });
    EXPECT_EQ(postReport(uid, login("wang"), wangs)->status, 403);
    // A plain second report is still refused: corrections are addenda.
    EXPECT_EQ(postReport(uid, lt, signedReport(uid, lt, li, "pw"))->status, 409);

    auto first = addendum(refOf(original), "更正：左侧额叶见小片状低密度影，原报告遗漏。");
    auto res = postReport(uid, lt, first);
    ASSERT_EQ(res->status, 201) << res->body;
    EXPECT_EQ(json::parse(res->body)["state"], "amended");
    // A second addendum must name the first one (the current report) now.
    EXPECT_EQ(postReport(uid, lt, addendum(refOf(original), "再次更正"))->status, 409);
    for (int i = 0; i < 100 && studies(lt)[0]["state"] != "delivered"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto row = studies(lt)[0];
    EXPECT_EQ(row["state"], "delivered");
    EXPECT_EQ(row["report_sop_instance_uid"], refOf(first).sop_instance_uid);
    {
        std::lock_guard lock(inbox.mutex);
        EXPECT_EQ(inbox.received.size(), 4u) << "original SR + PDF, addendum SR + PDF";
    }
    // The original is unchanged in the archive and still verifies; the addendum is served now.
    auto orig_back = http->Get("/api/v1/instances/" + refOf(original).sop_instance_uid, auth(lt));
    EXPECT_EQ(dicom::Bytes(orig_back->body.begin(), orig_back->body.end()), original);
    auto current = http->Get("/api/v1/reports/" + uid, auth(login("wenan")));
    auto parsed = dicom::parseReportSr(dicom::Bytes(current->body.begin(), current->body.end()));
    EXPECT_EQ(parsed.predecessor_sop_uid, refOf(original).sop_instance_uid);
    EXPECT_NE(parsed.addendum.find("原报告遗漏"), std::string::npos);
    auto history = json::parse(http->Get("/api/v1/reports/" + uid + "/history", auth(lt))->body);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1]["kind"], "addendum");
    EXPECT_EQ(history[1]["predecessor_sop_instance_uid"], refOf(original).sop_instance_uid);
    if (test::haveProgram("pdftotext")) {
        auto pdf = http->Get("/api/v1/reports/" + uid + "/pdf", auth(lt));
        std::ofstream(tmp / "addendum.pdf", std::ios::binary) << pdf->body;
        auto text = test::run({"pdftotext", "-enc", "UTF-8", (tmp / "addendum.pdf").string(), "-"}).output;
        EXPECT_NE(text.find("补充报告"), std::string::npos) << text;
        EXPECT_NE(text.find("原报告遗漏"), std::string::npos) << text;
    }
}

TEST_F(ServerApiTest, TownshipPullsTheSignedReportAndItsPdfByCFindAndCGet) {
    if (!test::haveProgram("getscu") || !test::haveProgram("findscu")) GTEST_SKIP() << "DCMTK tools missing";
    auto uid = sendStudy("WENAN", 2);
    auto lt = login("li");
    auto sr = signedReport(uid, lt, li, "pw");
    ASSERT_EQ(postReport(uid, lt, sr)->status, 201);
    auto scu = [&](const std::string& program, std::vector<std::string> args, const std::string& ae) {
        std::vector<std::string> argv{program, "-aet", ae, "-aec", "COUNTY"};
        argv.insert(argv.end(), args.begin(), args.end());
        argv.push_back("127.0.0.1");
        argv.push_back(std::to_string(dicom_port));
        return test::run(argv, std::chrono::seconds(60));
    };
    // C-FIND at image level lists the SR and the PDF among the study's instances.
    auto find = scu("findscu", {"-S", "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + uid, "-k",
                                "SeriesInstanceUID", "-k", "SOPClassUID", "-k", "SOPInstanceUID"},
                    "WENAN");
    EXPECT_EQ(find.exit_code, 0) << find.output;
    EXPECT_NE(find.output.find(dicom::readInstanceInfo(sr).sop_instance_uid), std::string::npos) << find.output;
    EXPECT_NE(find.output.find("EncapsulatedPDFStorage"), std::string::npos) << find.output;  // findscu names UIDs
    // C-GET brings everything home: the two images, the SR (still verifying) and the PDF.
    auto out = tmp / "pulled";
    fs::create_directories(out);
    auto get = scu("getscu", {"-S", "+B", "-od", out.string(), "-k", "QueryRetrieveLevel=STUDY", "-k",
                              "StudyInstanceUID=" + uid},
                   "WENAN");
    EXPECT_EQ(get.exit_code, 0) << get.output;
    std::map<std::string, fs::path> by_modality;
    int files = 0;
    for (auto& e : fs::directory_iterator(out)) {
        ++files;
        by_modality[dicom::readInstanceInfo(e.path()).modality] = e.path();
    }
    EXPECT_EQ(files, 4);
    ASSERT_TRUE(by_modality.count("SR") && by_modality.count("DOC")) << get.output;
    EXPECT_EQ(dicom::readInstanceInfo(by_modality["SR"]).sop_instance_uid, dicom::readInstanceInfo(sr).sop_instance_uid);
    EXPECT_TRUE(dicom::verifySignatures(dicom::readFileBytes(by_modality["SR"]), test::readText(li.cert_pem)).ok);
    auto pdf = dicom::extractEncapsulatedPdf(dicom::readFileBytes(by_modality["DOC"]));
    EXPECT_EQ(std::string(pdf.begin(), pdf.begin() + 5), "%PDF-");
    // Another township cannot pull it.
    auto other = tmp / "other";
    fs::create_directories(other);
    scu("getscu", {"-S", "+B", "-od", other.string(), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + uid},
        "DAZHUANG");
    EXPECT_TRUE(fs::is_empty(other));
}

TEST(ReportTemplates, BuiltInChineseTemplatesMatchByModalityAndBodyPart) {
    auto t = server::ReportTemplates::load();
    ASSERT_GE(t.all().size(), 6u);
    auto head = t.forStudy("CT", "HEAD");
    ASSERT_FALSE(head.empty());
    EXPECT_EQ(head[0].id, "ct-head");
    EXPECT_EQ(head[0].name, "头颅CT平扫");
    EXPECT_NE(head[0].impression.find("未见明显异常"), std::string::npos);
    EXPECT_FALSE(head[0].phrases.empty());
    // Lower case and the chest template for DR; nothing for an unknown modality.
    EXPECT_EQ(t.forStudy("dx", "chest")[0].id, "dr-chest-pa");
    EXPECT_TRUE(t.forStudy("US", "").empty());
    // Without a body part every template of the modality is offered.
    EXPECT_EQ(t.forStudy("CT", "").size(), 3u);
}

TEST(ReportTemplates, MalformedFilesSayWhatIsWrong) {
    using server::ReportTemplates;
    using server::TemplateError;
    EXPECT_THROW(ReportTemplates::fromJson("{"), TemplateError);
    EXPECT_THROW(ReportTemplates::fromJson(R"({"templates":[{"name":"x","modalities":["CT"]}]})"), TemplateError);
    try {
        ReportTemplates::fromJson(R"({"templates":[{"id":"a","name":"x","modalities":["CT"]},{"id":"a","name":"y","modalities":["CT"]}]})");
        FAIL() << "duplicate ids accepted";
    } catch (const TemplateError& e) {
        EXPECT_NE(std::string(e.what()).find("duplicate id 'a'"), std::string::npos) << e.what();
    }
    test::TempDir tmp;
    std::ofstream(tmp / "t.json") << R"({"templates":[{"id":"us","name":"腹部超声","modalities":["US"],"phrases":["肝胆胰脾未见异常。"]}]})";
    auto own = ReportTemplates::load(tmp / "t.json");
    ASSERT_EQ(own.forStudy("US", "ABDOMEN").size(), 1u);
    EXPECT_EQ(own.forStudy("US", "ABDOMEN")[0].phrases[0], "肝胆胰脾未见异常。");
    EXPECT_THROW(ReportTemplates::load(tmp / "missing.json"), TemplateError);
}

TEST_F(ServerApiTest, ReportTemplatesAreServedForTheStudy) {
    auto uid = sendStudy("WENAN", 1);  // a CT (fixtures carry no body part)
    auto res = http->Get("/api/v1/report-templates?study=" + uid, auth(login("li")));
    ASSERT_EQ(res->status, 200) << res->body;
    auto list = json::parse(res->body);
    ASSERT_EQ(list.size(), 3u);
    for (auto& t : list) EXPECT_NE(std::find(t["modalities"].begin(), t["modalities"].end(), "CT"), t["modalities"].end());
    auto head = json::parse(http->Get("/api/v1/report-templates?modality=CT&body_part=HEAD", auth(login("li")))->body);
    EXPECT_EQ(head[0]["name"], "头颅CT平扫");
    EXPECT_EQ(http->Get("/api/v1/report-templates", auth(login("wenan")))->status, 403);
    EXPECT_EQ(http->Get("/api/v1/report-templates?study=" + uid, auth(login("dazhuang")))->status, 403);
}

TEST_F(ServerApiTest, QueuedDeliveriesSurviveAServerRestartAndGoOutOnce) {
    auto uid = sendStudy("WENAN");
    auto token = login("li");
    ASSERT_EQ(postReport(uid, token, signedReport(uid, token, li, "pw"))->status, 201);
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // at least one failed attempt
    auto d = json::parse(http->Get("/api/v1/studies/" + uid + "/deliveries", auth(token))->body);
    ASSERT_EQ(d.size(), 2u);
    for (auto& one : d) EXPECT_EQ(one["state"], "pending");
    app->stop();
    startServer();  // same database and files: the queue is still there
    startTownship();
    token = login("li");  // sessions do not survive a restart
    for (int i = 0; i < 150 && studies(token)[0]["state"] != "delivered"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(studies(token)[0]["state"], "delivered");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    std::lock_guard lock(inbox.mutex);
    EXPECT_EQ(inbox.received.size(), 2u) << "the SR and the PDF, once each, after the restart";
    std::set<std::string> modalities;
    for (auto& r : inbox.received) modalities.insert(r.modality);
    EXPECT_EQ(modalities, (std::set<std::string>{"SR", "DOC"}));
}
