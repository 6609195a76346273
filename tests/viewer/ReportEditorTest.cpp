// The report editor's core against the fake server: template choice, the report routes
// (ReportApi), where a study's report stands (ReportStudyState), and what ReportSubmitter signs
// for each kind: recommendations, key images as a KOS, preliminary, verified final, addendum.
#include <gtest/gtest.h>

#include <stdexcept>

#include "dicom/sign/Signature.h"
#include "dicom/sr/KeyObjectSelection.h"
#include "dicom/sr/ReportSr.h"
#include "tests/support/TestSupport.h"
#include "tests/viewer/DemoStudy.h"
#include "tests/viewer/FakeServer.h"
#include "tests/viewer/ReportFixtures.h"
#include "tests/viewer/TestPki.h"
#include "viewer/core/ReportApi.h"
#include "viewer/core/ReportStudyState.h"
#include "viewer/core/ReportSubmitter.h"
#include "viewer/core/ServerError.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

std::string idOf(const std::vector<ReportTemplate>& list, int index) {
    return index < 0 ? std::string("none") : list.at(index).id;
}

class ReportEditor : public ::testing::Test {
protected:
    void SetUp() override {
        test::addDemoCtStudy(server_);
        server_.setCertificate(identity_.certificate_pem);
        const std::string cert = identity_.certificate_pem;
        server_.setReportCheck([cert](const dicom::Bytes& sr) {
            auto v = dicom::verifySignatures(sr, cert);
            if (!v.ok) return std::make_pair(422, R"({"error":")" + v.reason + R"("})");
            return std::make_pair(201,
                                  std::string(R"({"sop_instance_uid":"9.9","state":"signed"})"));
        });
        client_.login(test::FakeServer::kUser, test::FakeServer::kPassword);
        study_ = test::demoStudyInfo(server_);
        rows_ = client_.instances(test::kDemoStudyUid);
    }

    ServerClient::ReportAnswer submit(const ReportText& text, bool critical = false) {
        ReportSubmitter submitter(client_);
        return submitter.submit(study_, rows_, text, {identity_.key_pem, "pw", ""}, critical);
    }

    dicom::Bytes otherReport(const std::string& author, bool preliminary) {
        dicom::ReportContent c;
        c.findings = "右肺上叶见斑片影。";
        c.impression = "右肺上叶炎症。";
        c.recommendations = "抗炎治疗后复查。";
        c.author = {"wang", author, "县人民医院放射科"};
        c.preliminary = preliminary;
        return test::demoReportSr(server_, c);
    }

    test::TempDir dir_{"viewer-report-editor"};
    test::TestIdentity identity_ = test::makeTestIdentity(dir_.path(), "li", "pw");
    test::FakeServer server_;
    ServerClient client_{ServerUrl::parse(server_.url())};
    dicom::InstanceInfo study_;
    std::vector<InstanceRow> rows_;
};

}  // namespace

TEST(ReportTemplateChoice, ByModalityThenBodyPart) {
    const auto list = ReportApi::parseTemplates(test::reportTemplatesJson());
    ASSERT_EQ(list.size(), 4u);
    EXPECT_EQ(list[1].name, "头颅CT平扫");
    EXPECT_EQ(list[1].phrases.size(), 2u);
    EXPECT_EQ(idOf(list, bestTemplate(list, "CT", "")), "ct-head");  // server order decides
    EXPECT_EQ(idOf(list, bestTemplate(list, "CT", "CHEST")), "ct-chest");
    EXPECT_EQ(idOf(list, bestTemplate(list, "ct", "chest")), "ct-chest");
    EXPECT_EQ(idOf(list, bestTemplate(list, "DX", "")), "dr-chest-pa");
    EXPECT_EQ(idOf(list, bestTemplate(list, "CR", "CHEST")), "dr-chest-pa");
    // A modality no specific template names gets the generic one; a CT knee the first CT one.
    EXPECT_EQ(idOf(list, bestTemplate(list, "MR", "HEAD")), "generic");
    EXPECT_EQ(idOf(list, bestTemplate(list, "CT", "KNEE")), "ct-head");
    std::vector<ReportTemplate> ct_only(list.begin() + 1, list.begin() + 3);
    EXPECT_EQ(bestTemplate(ct_only, "DX", "CHEST"), -1);
    EXPECT_EQ(bestTemplate({}, "CT", "HEAD"), -1);
}

TEST_F(ReportEditor, ApiReadsTemplatesReportsAndHistory) {
    ReportApi api(client_.url(), client_.session());
    // A server without the routes: templates fail with its status, reports are "none".
    try {
        api.templates(test::kDemoStudyUid);
        FAIL() << "expected a 404";
    } catch (const ServerError& e) {
        EXPECT_EQ(e.status(), 404);
    }
    EXPECT_FALSE(api.preliminary(test::kDemoStudyUid));
    EXPECT_FALSE(api.currentReport(test::kDemoStudyUid));

    server_.setReportTemplates(test::reportTemplatesJson());
    auto templates = api.templates(test::kDemoStudyUid);
    ASSERT_EQ(templates.size(), 4u);
    EXPECT_EQ(templates[0].findings, "胸廓对称，双肺纹理清晰。");
    EXPECT_EQ(server_.templateQueries().back(), test::kDemoStudyUid);

    const dicom::Bytes preliminary = otherReport("王芳", true);
    server_.setPreliminary(test::kDemoStudyUid, preliminary);
    auto got = api.preliminary(test::kDemoStudyUid);
    ASSERT_TRUE(got);
    EXPECT_EQ(*got, preliminary);

    server_.setReportHistory(
        test::kDemoStudyUid,
        R"([{"sop_instance_uid":"1.2.3","kind":"preliminary","author":"wang","verifier":"",)"
        R"("predecessor_sop_instance_uid":"","pdf_sop_instance_uid":"","signed_at":"2024-05-01T10:00:00Z"},)"
        R"({"sop_instance_uid":"1.2.4","kind":"final","author":"wang","verifier":"li",)"
        R"("predecessor_sop_instance_uid":"1.2.3","pdf_sop_instance_uid":"1.2.5","signed_at":"2024-05-01T11:00:00Z"}])");
    auto history = api.history(test::kDemoStudyUid);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].kind, "final");
    EXPECT_EQ(history[1].verifier, "li");
    EXPECT_EQ(history[1].predecessor_sop_instance_uid, "1.2.3");
    EXPECT_EQ(history[1].pdf_sop_instance_uid, "1.2.5");
}

TEST_F(ReportEditor, StudyStateFollowsTheReport) {
    ReportApi api(client_.url(), client_.session());
    server_.setReportTemplates(test::reportTemplatesJson());
    auto state = ReportStudyState::load(api, test::kDemoStudyUid, "CT", "", client_.session());
    EXPECT_EQ(state.mode, ReportStudyState::Mode::NewReport);
    EXPECT_EQ(idOf(state.templates, state.best_template), "ct-head");
    EXPECT_TRUE(state.warnings.empty());

    // Another radiologist's preliminary: verify it.
    const dicom::Bytes preliminary = otherReport("王芳", true);
    server_.setPreliminary(test::kDemoStudyUid, preliminary);
    state = ReportStudyState::load(api, test::kDemoStudyUid, "CT", "", client_.session());
    EXPECT_EQ(state.mode, ReportStudyState::Mode::Verify);
    ASSERT_TRUE(state.existing && state.existing_ref);
    EXPECT_EQ(state.existing->observer_name, "王芳");
    EXPECT_EQ(state.existing_ref->sop_instance_uid,
              dicom::readInstanceInfo(preliminary).sop_instance_uid);

    // The user's own preliminary: wait for the senior.
    server_.setPreliminary(test::kDemoStudyUid, otherReport("李明", true));
    state = ReportStudyState::load(api, test::kDemoStudyUid, "CT", "", client_.session());
    EXPECT_EQ(state.mode, ReportStudyState::Mode::AwaitingVerification);

    // A signed report: corrections are addenda.
    const dicom::Bytes signed_report = otherReport("李明", false);
    server_.setCurrentReport(test::kDemoStudyUid, signed_report);
    state = ReportStudyState::load(api, test::kDemoStudyUid, "CT", "", client_.session());
    EXPECT_EQ(state.mode, ReportStudyState::Mode::Addendum);
    EXPECT_EQ(state.existing_ref->sop_instance_uid,
              dicom::readInstanceInfo(signed_report).sop_instance_uid);
    EXPECT_EQ(state.existing->recommendations, "抗炎治疗后复查。");
}

TEST_F(ReportEditor, RecommendationsReachTheSignedSr) {
    ReportText text;
    text.findings = "脑实质密度均匀。";
    text.impression = "颅脑CT平扫未见明显异常。";
    text.recommendations = "必要时MRI进一步检查。";
    auto answer = submit(text, true);
    EXPECT_EQ(answer.status, 201);
    ASSERT_EQ(server_.postedReports().size(), 1u);
    const dicom::Bytes sr = server_.postedReports()[0];
    EXPECT_TRUE(dicom::verifySignatures(sr, identity_.certificate_pem).ok);
    auto parsed = dicom::parseReportSr(sr);
    EXPECT_EQ(parsed.recommendations, "必要时MRI进一步检查。");
    EXPECT_EQ(parsed.findings, text.findings);
    EXPECT_TRUE(parsed.critical_finding);
    EXPECT_EQ(parsed.verification_flag, "VERIFIED");
    EXPECT_EQ(parsed.verifier_name, "李明");  // single level: the author verifies
    EXPECT_TRUE(parsed.predecessor_sop_uid.empty());
    EXPECT_TRUE(server_.postedKeyImages().empty());  // none chosen, no KOS
}

TEST_F(ReportEditor, KeyImagesArePostedAsAKosBeforeTheReport) {
    // The report check runs when the SR arrives: the KOS must be there already.
    std::size_t kos_when_report_arrived = 99;
    server_.setReportCheck([this, &kos_when_report_arrived](const dicom::Bytes&) {
        kos_when_report_arrived = server_.postedKeyImages().size();
        return std::make_pair(201, std::string(R"({"sop_instance_uid":"9.9","state":"signed"})"));
    });
    ReportText text;
    text.findings = "左侧基底节区见小片低密度影。";
    text.impression = "腔隙性脑梗死。";
    text.key_images = {rows_.at(1), rows_.at(3), rows_.at(1)};  // a repeat is named once
    ReportSubmitter submitter(client_);
    submitter.submit(study_, rows_, text, {identity_.key_pem, "pw", ""});
    EXPECT_EQ(kos_when_report_arrived, 1u);
    ASSERT_EQ(server_.postedKeyImages().size(), 1u);
    auto kos = dicom::parseKeyObjectSelection(server_.postedKeyImages()[0]);
    EXPECT_EQ(kos.study.study_uid, test::kDemoStudyUid);
    ASSERT_EQ(kos.images.size(), 2u);
    EXPECT_EQ(kos.images[0].sop_instance_uid, rows_[1].sop_instance_uid);
    EXPECT_EQ(kos.images[1].sop_instance_uid, rows_[3].sop_instance_uid);
    EXPECT_EQ(kos.images[0].sop_class_uid, rows_[1].sop_class_uid);
    EXPECT_EQ(kos.images[0].series_uid, rows_[1].series_uid);
    EXPECT_EQ(kos.observer, "李明");
    EXPECT_EQ(submitter.keyObjectUid(), kos.sop_instance_uid);

    // A wrong key password posts nothing at all.
    ReportSubmitter again(client_);
    EXPECT_ANY_THROW(again.submit(study_, rows_, text, {identity_.key_pem, "wrong", ""}));
    EXPECT_EQ(server_.postedKeyImages().size(), 1u);
    EXPECT_EQ(server_.postedReports().size(), 1u);
}

TEST_F(ReportEditor, PreliminaryIsUnverified) {
    ReportText text;
    text.findings = "双肺纹理增多。";
    text.impression = "支气管炎可能。";
    text.kind = ReportKind::Preliminary;
    submit(text);
    ASSERT_EQ(server_.postedReports().size(), 1u);
    auto parsed = dicom::parseReportSr(server_.postedReports()[0]);
    EXPECT_EQ(parsed.verification_flag, "UNVERIFIED");
    EXPECT_EQ(parsed.completion_flag, "COMPLETE");
    EXPECT_EQ(parsed.observer_name, "李明");
    EXPECT_TRUE(parsed.verifier_name.empty());
}

TEST_F(ReportEditor, VerifiedFinalKeepsTheAuthorAndNamesThePreliminary) {
    const dicom::Bytes preliminary = otherReport("王芳", true);
    ReportText text;
    text.findings = "右肺上叶见斑片影，边界模糊。";
    text.impression = "右肺上叶肺炎。";
    text.kind = ReportKind::Verified;
    text.author = dicom::ReportAuthor{"", "王芳", ""};
    text.predecessor = ReportStudyState::documentRef(preliminary);
    submit(text);
    ASSERT_EQ(server_.postedReports().size(), 1u);
    auto parsed = dicom::parseReportSr(server_.postedReports()[0]);
    EXPECT_EQ(parsed.observer_name, "王芳");
    EXPECT_EQ(parsed.verifier_name, "李明");
    EXPECT_EQ(parsed.verification_flag, "VERIFIED");
    EXPECT_EQ(parsed.predecessor_sop_uid, dicom::readInstanceInfo(preliminary).sop_instance_uid);
    EXPECT_EQ(parsed.findings, text.findings);

    ReportText missing = text;
    missing.predecessor.reset();
    EXPECT_THROW(submit(missing), std::invalid_argument);
    EXPECT_EQ(server_.postedReports().size(), 1u);
}

TEST_F(ReportEditor, AddendumNeedsItsTextAndNamesTheCurrentReport) {
    const dicom::Bytes current = otherReport("李明", false);
    ReportText text;
    text.findings = "右肺上叶见斑片影。右肺下叶小结节。";
    text.impression = "右肺上叶炎症；右肺下叶小结节。";
    text.kind = ReportKind::Addendum;
    text.predecessor = ReportStudyState::documentRef(current);
    text.key_images = {rows_.at(0)};
    text.addendum = "  \n ";
    EXPECT_THROW(submit(text), std::invalid_argument);
    EXPECT_TRUE(server_.postedReports().empty());
    EXPECT_TRUE(server_.postedKeyImages().empty());

    text.addendum = "补充：右肺下叶见4mm小结节。";
    submit(text);
    ASSERT_EQ(server_.postedReports().size(), 1u);
    auto parsed = dicom::parseReportSr(server_.postedReports()[0]);
    EXPECT_EQ(parsed.predecessor_sop_uid, dicom::readInstanceInfo(current).sop_instance_uid);
    EXPECT_EQ(parsed.addendum, "补充：右肺下叶见4mm小结节。");
    EXPECT_EQ(parsed.impression, text.impression);
    EXPECT_EQ(parsed.observer_name, "李明");
}
