// One township study travels to a signed report and back, through the real programs:
// countyread-samples -> DCMTK storescu -> countyread-server -> countyread-viewer (Xvfb)
// -> signed SR -> countyread-server -> C-STORE -> storescp (the township) -> dciodvfy, dcmsign.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "dicom/model/DicomFile.h"
#include "tests/e2e/PngImage.h"
#include "tests/support/TestSupport.h"
#include "worklist/PasswordHasher.h"

using namespace countyread;
using namespace countyread::test;
using nlohmann::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

struct Env {
    std::unique_ptr<TempDir> tmp;
    int dicom_port = 0, http_port = 0, township_port = 0;
    std::unique_ptr<Process> server, township;
    fs::path samples, inbox, key, ca, wrong_key;
    std::string ct_study_uid, ct_patient_name, dr_study_uid;
    std::string token;
    RunResult storescu;   // the township's send, done in setup (ctest runs each test alone)
    std::string missing;  // a required tool that is absent
};
Env* env = nullptr;

std::string url() { return "http://127.0.0.1:" + std::to_string(env->http_port); }

json getJson(const std::string& path) {
    httplib::Client c("127.0.0.1", env->http_port);
    auto res = c.Get(path.c_str(), {{"Authorization", "Bearer " + env->token}});
    if (!res || res->status != 200) throw std::runtime_error("GET " + path + " failed");
    return json::parse(res->body);
}

json studyRow(const std::string& uid) {
    for (auto& s : getJson("/api/v1/studies"))
        if (s["study_uid"] == uid) return s;
    return {};
}

std::vector<fs::path> inboxFiles() {
    std::vector<fs::path> out;
    if (fs::exists(env->inbox))
        for (auto& e : fs::directory_iterator(env->inbox)) out.push_back(e.path());
    return out;
}

std::optional<Region> parseViewport(const std::string& out) {
    std::smatch m;
    static const std::regex re(R"(viewport (\d+) (\d+) (\d+) (\d+))");
    if (!std::regex_search(out, m, re)) return std::nullopt;
    return Region{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4])};
}

std::vector<std::string> viewerArgs(const std::string& study) {
    return {binPath("countyread-viewer").string(), "--server", url(), "--user", "li",
            "--password", "secret", "--study", study};
}

}  // namespace

class EndToEnd : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        env = new Env;
        for (auto tool : {"storescu", "storescp", "dciodvfy", "dcmsign", "xvfb-run"})
            if (!haveProgram(tool)) env->missing = tool;
        if (!fs::exists(binPath("countyread-viewer"))) env->missing = "countyread-viewer";
        if (!env->missing.empty()) return;
        env->tmp = std::make_unique<TempDir>("countyread-e2e");
        auto& t = *env->tmp;
        env->dicom_port = freePort();
        env->http_port = freePort();
        env->township_port = freePort();
        env->samples = t / "samples";
        env->inbox = t / "township-inbox";
        fs::create_directories(env->inbox);

        auto gen = run({binPath("countyread-samples").string(), "--out", env->samples.string(),
                        "--dr-size", "1024", "--ct-slices", "12", "--township-aet", "WENAN"});
        ASSERT_EQ(gen.exit_code, 0) << gen.output;
        for (auto& e : fs::recursive_directory_iterator(env->samples)) {
            if (!e.is_regular_file()) continue;
            auto info = dicom::readInstanceInfo(e.path());
            if (info.modality == "CT" && info.source_charset == "GBK") {
                env->ct_study_uid = info.study_uid;
                env->ct_patient_name = info.patient_name;
            }
            if (info.modality == "DX" && env->dr_study_uid.empty()) env->dr_study_uid = info.study_uid;
        }
        ASSERT_FALSE(env->ct_study_uid.empty()) << "generator wrote no GBK CT study";

        auto pki = t / "pki";
        auto li = run({binPath("countyread-server").string(), "demo-pki", "--dir", pki.string(),
                       "--name", "li", "--cn", "李明", "--key-password", "pw"});
        ASSERT_EQ(li.exit_code, 0) << li.output;
        auto wang = run({binPath("countyread-server").string(), "demo-pki", "--dir", pki.string(),
                         "--name", "wang", "--cn", "王强"});
        ASSERT_EQ(wang.exit_code, 0) << wang.output;
        env->key = pki / "li.key";
        env->wrong_key = pki / "wang.key";
        env->ca = pki / "ca.pem";

        auto hash = worklist::hashPassword("secret");
        std::ofstream(t / "county.toml") << "[server]\naet = \"COUNTY\"\n\n[[township]]\nid = \"wenan\"\n"
            << "name = \"问安镇卫生院\"\naet = \"WENAN\"\nhost = \"127.0.0.1\"\nport = " << env->township_port
            << "\n\n[[radiologist]]\nid = \"li\"\nname = \"李明\"\nmodalities = [\"CR\", \"DX\", \"CT\"]\n"
            << "certificate = \"pki/li.pem\"\n\n[[user]]\nid = \"li\"\nrole = \"radiologist\"\n"
            << "password_hash = \"" << hash << "\"\n";

        env->township = std::make_unique<Process>(
            std::vector<std::string>{"storescp", "-aet", "WENAN", "-od", env->inbox.string(),
                                     std::to_string(env->township_port)},
            t / "township.log");
        env->server = std::make_unique<Process>(
            std::vector<std::string>{binPath("countyread-server").string(), "--data", (t / "data").string(),
                                     "--dicom-port", std::to_string(env->dicom_port), "--http-port",
                                     std::to_string(env->http_port), "--aet", "COUNTY", "--config",
                                     (t / "county.toml").string()},
            t / "server.log");
        ASSERT_TRUE(env->server->waitForOutput("ready", 30s)) << env->server->output();
        ASSERT_TRUE(waitForTcp(env->township_port, 10s));

        httplib::Client c("127.0.0.1", env->http_port);
        auto res = c.Post("/api/v1/login", R"({"user":"li","password":"secret"})", "application/json");
        ASSERT_TRUE(res && res->status == 200);
        env->token = json::parse(res->body)["token"];
        // The township sends its studies with DCMTK's real storescu.
        env->storescu = run({"storescu", "-aet", "WENAN", "-aec", "COUNTY", "+sd", "+r", "127.0.0.1",
                             std::to_string(env->dicom_port), env->samples.string()},
                            120s, {"TCP_NODELAY=1"});
    }
    static void TearDownTestSuite() {
        delete env;
        env = nullptr;
    }
    void SetUp() override {
        if (!env->missing.empty()) GTEST_SKIP() << env->missing << " is not available";
        if (env->token.empty()) FAIL() << "environment failed to start";
    }
};

TEST_F(EndToEnd, RealStorescuStudyIsArchivedAndAssigned) {
    ASSERT_EQ(env->storescu.exit_code, 0) << env->storescu.output;
    auto row = studyRow(env->ct_study_uid);
    ASSERT_FALSE(row.is_null()) << "CT study not listed";
    EXPECT_EQ(row["patient_name"], env->ct_patient_name);
    EXPECT_EQ(row["patient_name"].get<std::string>().find("王"), 0u) << row.dump();
    EXPECT_EQ(row["assigned_to"], "li");
    EXPECT_EQ(row["state"], "assigned");
    EXPECT_EQ(row["township"], "wenan");
    EXPECT_EQ(row["instances"], 12);
}

TEST_F(EndToEnd, UnknownCallingAeIsRefused) {
    auto r = run({"storescu", "-aet", "STRANGER", "-aec", "COUNTY", "127.0.0.1",
                  std::to_string(env->dicom_port), env->samples.string(), "+sd", "+r"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.output.find("Calling AE Title Not Recognized"), std::string::npos) << r.output;
}

TEST_F(EndToEnd, ViewerRendersTheStudyWithWindowLevelApplied) {
    auto xvfb = [](std::vector<std::string> args) {
        args.insert(args.begin(), {"xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"});
        return args;
    };
    auto shot = env->tmp->path() / "viewer.png";
    auto args = viewerArgs(env->ct_study_uid);
    args.insert(args.end(), {"--screenshot", shot.string()});
    auto r = run(xvfb(args), 180s);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    auto viewport = parseViewport(r.output);
    ASSERT_TRUE(viewport) << r.output;
    auto img = readPngGrey(shot);
    ASSERT_GE(img.width, viewport->x + viewport->w);
    auto brain = statsOf(img, *viewport);
    // The head phantom in a brain window: plenty of grey levels, real contrast.
    EXPECT_GT(brain.stddev, 20) << "viewport looks blank";
    EXPECT_GT(brain.distinct_levels, 30);

    // A very narrow window around brain tissue makes the image nearly binary.
    auto narrow_shot = env->tmp->path() / "viewer-narrow.png";
    args = viewerArgs(env->ct_study_uid);
    args.insert(args.end(), {"--screenshot", narrow_shot.string(), "--window", "40,2"});
    r = run(xvfb(args), 180s);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("window 40 2"), std::string::npos) << r.output;
    auto narrow = statsOf(readPngGrey(narrow_shot), *parseViewport(r.output));
    EXPECT_GT(narrow.fraction_extreme, 0.97) << "narrow window should saturate almost every pixel";
    EXPECT_LT(brain.fraction_extreme, narrow.fraction_extreme - 0.1);
}

TEST_F(EndToEnd, SignedReportIsVerifiedDeliveredValidAndVerifiable) {
    auto text = env->tmp->path() / "report.txt";
    std::ofstream(text) << "脑实质密度均匀，灰白质分界清楚。\n脑室系统未见扩大。\n\n颅脑CT平扫未见明显异常。\n";
    auto args = viewerArgs(env->ct_study_uid);
    args.insert(args.end(), {"--report", text.string(), "--key", env->key.string(), "--key-password", "pw"});
    auto r = run(args, 120s);  // headless: no display needed to sign and send
    ASSERT_EQ(r.exit_code, 0) << r.output;

    std::vector<fs::path> files;
    for (int i = 0; i < 300 && files.size() < 2; ++i) {
        files = inboxFiles();
        if (files.size() < 2) std::this_thread::sleep_for(100ms);
    }
    std::this_thread::sleep_for(500ms);
    files = inboxFiles();
    ASSERT_EQ(files.size(), 2u) << "the township should receive the signed SR and its PDF, once each";
    // delivered[0]: the SR; pdf: the Encapsulated PDF.
    std::vector<fs::path> delivered;
    fs::path pdf;
    for (auto& f : files) (dicom::readInstanceInfo(f).modality == "SR" ? delivered.push_back(f) : void(pdf = f));
    ASSERT_EQ(delivered.size(), 1u);
    ASSERT_FALSE(pdf.empty());
    auto pdf_info = dicom::readInstanceInfo(pdf);
    EXPECT_EQ(pdf_info.modality, "DOC");
    EXPECT_EQ(pdf_info.study_uid, env->ct_study_uid);
    EXPECT_EQ(pdf_info.patient_name, env->ct_patient_name);
    auto pv = run({"dciodvfy", "-new", pdf.string()});
    EXPECT_EQ(pv.output.find("Error"), std::string::npos) << pv.output;
    auto row = studyRow(env->ct_study_uid);
    for (int i = 0; i < 50 && row["state"] != "delivered"; ++i) {
        std::this_thread::sleep_for(100ms);
        row = studyRow(env->ct_study_uid);
    }
    EXPECT_EQ(row["state"], "delivered");
    EXPECT_EQ(row["signed_by"], "li");

    auto sr = dicom::readInstanceInfo(delivered[0]);
    EXPECT_EQ(sr.modality, "SR");
    EXPECT_EQ(sr.study_uid, env->ct_study_uid);
    EXPECT_EQ(sr.patient_name, env->ct_patient_name);

    auto v = run({"dciodvfy", "-new", delivered[0].string()});
    EXPECT_EQ(v.output.find("Error"), std::string::npos) << v.output;
    auto s = run({"dcmsign", "--verify", delivered[0].string(), "+cf", env->ca.string()});
    EXPECT_EQ(s.exit_code, 0) << s.output;

    // Tampering with the delivered file is caught by dcmsign too.
    auto bytes = dicom::readFileBytes(delivered[0]);
    std::string as_text(bytes.begin(), bytes.end());
    auto pos = as_text.find("未见明显异常");
    ASSERT_NE(pos, std::string::npos);
    bytes[pos + 2] ^= 0x01;
    auto tampered = env->tmp->path() / "tampered.dcm";
    dicom::writeFileBytes(tampered, bytes);
    auto t = run({"dcmsign", "--verify", tampered.string(), "+cf", env->ca.string()});
    EXPECT_NE(t.exit_code, 0) << t.output;
}

TEST_F(EndToEnd, ReportSignedWithAnUnregisteredKeyIsRejected) {
    ASSERT_FALSE(env->dr_study_uid.empty());
    auto text = env->tmp->path() / "report2.txt";
    std::ofstream(text) << "双肺纹理清晰。\n\n胸部正位片未见异常。\n";
    // wang's key with li's registered certificate: the viewer refuses to sign (mismatch);
    // with wang's own certificate the server refuses the signature.
    auto args = viewerArgs(env->dr_study_uid);
    args.insert(args.end(), {"--report", text.string(), "--key", env->wrong_key.string(), "--cert",
                             (env->wrong_key.parent_path() / "wang.pem").string()});
    auto r = run(args, 120s);
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("signature"), std::string::npos) << r.output;
    EXPECT_NE(studyRow(env->dr_study_uid)["state"], "signed");
}
