// countyread-viewer --report FILE: headless signing and sending (no display needed).
#include <gtest/gtest.h>

#include <fstream>

#include "dicom/sign/Signature.h"
#include "dicom/sr/ReportSr.h"
#include "tests/support/TestSupport.h"
#include "tests/viewer/ReportFixtures.h"
#include "tests/viewer/DemoStudy.h"
#include "tests/viewer/TestPki.h"

using namespace countyread;

namespace {

class ReportMode : public ::testing::Test {
protected:
    void SetUp() override {
        auto identity = test::makeTestIdentity(dir_.path(), "li", "keypw");
        key_ = identity.key_pem;
        cert_ = identity.certificate_file;
        test::addDemoCtStudy(server_);
        server_.setCertificate(test::readText(cert_));
        std::string cert = test::readText(cert_);
        server_.setReportCheck([cert](const dicom::Bytes& sr) {
            auto v = dicom::verifySignatures(sr, cert);
            if (!v.ok)
                return std::make_pair(422, std::string(R"({"error":"signature does not verify"})"));
            return std::make_pair(201,
                                  std::string(R"({"sop_instance_uid":"1.2.9","state":"signed"})"));
        });
        report_ = dir_ / "report.txt";
        std::ofstream(report_) << "脑实质密度均匀，未见异常密度影。\n脑室系统未见扩张。\n\n"
                                  "颅脑CT平扫未见明显异常。\n";
    }

    test::RunResult runViewer(const std::vector<std::string>& extra) {
        std::vector<std::string> argv = {test::binPath("countyread-viewer").string(),
                                         "--server",
                                         server_.url(),
                                         "--user",
                                         "li",
                                         "--password",
                                         "secret",
                                         "--study",
                                         test::kDemoStudyUid,
                                         "--report",
                                         report_.string(),
                                         "--key",
                                         key_.string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        // An unusable display: the report mode must not need one.
        return test::run(argv, std::chrono::seconds(60), {"DISPLAY=:4321", "QT_QPA_PLATFORM=xcb"});
    }

    test::TempDir dir_{"viewer-report-mode"};
    std::filesystem::path key_, cert_, report_;
    test::FakeServer server_;
};

}  // namespace

TEST_F(ReportMode, SignsAndSendsWithoutADisplay) {
    auto r = runViewer({"--key-password", "keypw"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("HTTP 201"), std::string::npos) << r.output;
    ASSERT_EQ(server_.postedReports().size(), 1u);
    auto parsed = dicom::parseReportSr(server_.postedReports()[0]);
    EXPECT_EQ(parsed.study_uid, test::kDemoStudyUid);
    EXPECT_EQ(parsed.patient_name, "王秀英");
    EXPECT_EQ(parsed.findings, "脑实质密度均匀，未见异常密度影。\n脑室系统未见扩张。");
    EXPECT_EQ(parsed.impression, "颅脑CT平扫未见明显异常。");
}

TEST_F(ReportMode, CertificateFromFile) {
    auto r = runViewer({"--key-password", "keypw", "--cert", cert_.string()});
    EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST_F(ReportMode, ServerRefusalIsNonZeroWithItsMessage) {
    server_.setReportCheck([](const dicom::Bytes&) {
        return std::make_pair(422, std::string(R"({"error":"signature does not verify"})"));
    });
    auto r = runViewer({"--key-password", "keypw"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.output.find("signature does not verify"), std::string::npos) << r.output;
}

TEST_F(ReportMode, WrongKeyPasswordSendsNothing) {
    auto r = runViewer({"--key-password", "wrong"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_TRUE(server_.postedReports().empty());
}

TEST_F(ReportMode, NeedsAStudy) {
    auto r = test::run({test::binPath("countyread-viewer").string(), "--server", server_.url(),
                        "--user", "li", "--password", "secret", "--report", report_.string(),
                        "--key", key_.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.output.find("--study"), std::string::npos) << r.output;
}

TEST_F(ReportMode, RecommendationsCriticalFlagAndPreliminary) {
    auto r = runViewer({"--key-password", "keypw", "--recommendations", "建议MRI进一步检查。",
                        "--critical", "--preliminary"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    ASSERT_EQ(server_.postedReports().size(), 1u);
    auto parsed = dicom::parseReportSr(server_.postedReports()[0]);
    EXPECT_EQ(parsed.recommendations, "建议MRI进一步检查。");
    EXPECT_TRUE(parsed.critical_finding);
    EXPECT_EQ(parsed.completion_flag, "COMPLETE");
    EXPECT_EQ(parsed.verification_flag, "UNVERIFIED") << "a preliminary awaits the senior";
}

TEST_F(ReportMode, SignedStudyNeedsAnAddendumAndGetsOne) {
    dicom::ReportContent c;
    c.findings = "两肺纹理清晰。";
    c.impression = "胸部未见异常。";
    c.author = {"wang", "王芳", "县人民医院放射科"};
    auto original = test::demoReportSr(server_, c);
    const auto original_uid = dicom::parseReportSr(original).sop_instance_uid;
    server_.setCurrentReport(test::kDemoStudyUid, original);

    auto refused = runViewer({"--key-password", "keypw"});
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_NE(refused.output.find("--addendum"), std::string::npos) << refused.output;
    EXPECT_TRUE(server_.postedReports().empty()) << "a signed report is never replaced";

    auto r = runViewer({"--key-password", "keypw", "--addendum", "更正：左肺上叶见小结节。"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    ASSERT_EQ(server_.postedReports().size(), 1u);
    auto parsed = dicom::parseReportSr(server_.postedReports()[0]);
    EXPECT_EQ(parsed.addendum, "更正：左肺上叶见小结节。");
    EXPECT_EQ(parsed.predecessor_sop_uid, original_uid);
}

TEST_F(ReportMode, AnotherRadiologistsPreliminaryIsVerified) {
    dicom::ReportContent c;
    c.findings = "右肺下叶片状高密度影。";
    c.impression = "右肺下叶肺炎。";
    c.author = {"wang", "王芳", "县人民医院放射科"};
    c.preliminary = true;
    auto preliminary = test::demoReportSr(server_, c);
    server_.setPreliminary(test::kDemoStudyUid, preliminary);
    auto r = runViewer({"--key-password", "keypw"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("王芳"), std::string::npos) << r.output;
    ASSERT_EQ(server_.postedReports().size(), 1u);
    auto parsed = dicom::parseReportSr(server_.postedReports()[0]);
    EXPECT_EQ(parsed.observer_name, "王芳") << "the junior stays the author";
    EXPECT_FALSE(parsed.verifier_name.empty());
    EXPECT_NE(parsed.verifier_name, "王芳");
    EXPECT_EQ(parsed.verification_flag, "VERIFIED");
    EXPECT_EQ(parsed.predecessor_sop_uid, dicom::parseReportSr(preliminary).sop_instance_uid);
}

TEST_F(ReportMode, ReportOnlyOptionsNeedReport) {
    auto r = test::run({test::binPath("countyread-viewer").string(), "--server", server_.url(),
                        "--user", "li", "--critical"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.output.find("need --report"), std::string::npos) << r.output;
}
