// The report flow against the fake server, with a real key pair and the dicom library's SR
// builder and signer: what the server receives must verify against the radiologist's certificate.
#include <gtest/gtest.h>

#include "dicom/sign/Signature.h"
#include "dicom/sr/ReportSr.h"
#include "tests/support/TestSupport.h"
#include "tests/viewer/FakeServer.h"
#include "tests/viewer/PhantomDicom.h"
#include "tests/viewer/TestPki.h"
#include "viewer/core/ReportSubmitter.h"
#include "viewer/core/ServerError.h"

using namespace countyread;
using namespace countyread::viewer;

TEST(ReportSubmitter, SignsAndPostsAReportThatVerifies) {
    test::TempDir dir("viewer-report");
    auto keys = test::makeTestIdentity(dir.path(), "li", "keypw");

    test::FakeServer server;
    server.setCertificate(keys.certificate_pem);
    StudyRow study;
    study.study_uid = "1.2.826.0.1.3680043.10.3000.1";
    server.addStudy(study);
    test::PhantomSpec s;
    s.study_uid = study.study_uid;
    s.sop_uid = study.study_uid + ".1.1";
    s.series_uid = study.study_uid + ".1";
    s.raw = std::vector<std::uint16_t>(64 * 64, 7);
    const dicom::Bytes image = test::makePhantom(s);
    InstanceRow row;
    row.sop_instance_uid = s.sop_uid;
    row.sop_class_uid = "1.2.840.10008.5.1.4.1.1.2";
    row.series_uid = s.series_uid;
    row.series_number = 1;
    row.instance_number = 1;
    row.modality = "CT";
    server.addInstance(study.study_uid, row, image);
    std::string expected_certificate = keys.certificate_pem;
    server.setReportCheck([expected_certificate](const dicom::Bytes& sr) {
        auto v = dicom::verifySignatures(sr, expected_certificate);
        if (!v.ok) return std::make_pair(422, R"({"error":")" + v.reason + R"("})");
        return std::make_pair(201, std::string(R"({"sop_instance_uid":"9.9","state":"signed"})"));
    });

    ServerClient client(ServerUrl::parse(server.url()));
    client.login(test::FakeServer::kUser, test::FakeServer::kPassword);
    ReportSubmitter submitter(client);
    ReportText text{"双肺纹理清晰，未见实变。", "胸部未见明显异常。"};
    SigningKey key{keys.key_pem, "keypw", ""};  // certificate fetched from the server
    auto answer = submitter.submit(dicom::readInstanceInfo(image), {row}, text, key, true);
    EXPECT_EQ(answer.status, 201);
    EXPECT_EQ(answer.state, "signed");

    ASSERT_EQ(server.postedReports().size(), 1u);
    auto parsed = dicom::parseReportSr(server.postedReports()[0]);
    EXPECT_EQ(parsed.study_uid, study.study_uid);
    EXPECT_EQ(parsed.findings, text.findings);
    EXPECT_EQ(parsed.impression, text.impression);
    EXPECT_EQ(parsed.observer_name, "李明");
    EXPECT_TRUE(parsed.critical_finding);
}

TEST(ReportSubmitter, WrongKeyPasswordFailsBeforeSending) {
    test::TempDir dir("viewer-report");
    auto keys = test::makeTestIdentity(dir.path(), "li", "keypw");
    test::FakeServer server;
    ServerClient client(ServerUrl::parse(server.url()));
    client.login(test::FakeServer::kUser, test::FakeServer::kPassword);
    dicom::InstanceInfo study;
    study.study_uid = "1.2.3";
    study.patient_name = "李明";
    study.modality = "CT";
    InstanceRow row;
    row.sop_instance_uid = "1.2.3.1.1";
    row.sop_class_uid = "1.2.840.10008.5.1.4.1.1.2";
    row.series_uid = "1.2.3.1";
    EXPECT_ANY_THROW(ReportSubmitter(client).submit(study, {row}, {"所见", "意见"},
                                                    {keys.key_pem, "wrong", keys.certificate_pem}));
    EXPECT_TRUE(server.postedReports().empty());
}

TEST(ReportSubmitter, ServerRefusalCarriesItsMessage) {
    test::TempDir dir("viewer-report");
    auto keys = test::makeTestIdentity(dir.path(), "li", "keypw");
    test::FakeServer server;
    server.setReportCheck([](const dicom::Bytes&) {
        return std::make_pair(422, std::string(R"({"error":"signature does not verify"})"));
    });
    ServerClient client(ServerUrl::parse(server.url()));
    client.login(test::FakeServer::kUser, test::FakeServer::kPassword);
    dicom::InstanceInfo study;
    study.study_uid = "1.2.3";
    study.patient_name = "李明";
    study.modality = "CT";
    try {
        ReportSubmitter(client).submit(study, {}, {"所见", "意见"},
                                       {keys.key_pem, "keypw", keys.certificate_pem});
        FAIL();
    } catch (const ServerError& e) {
        EXPECT_EQ(e.status(), 422);
        EXPECT_STREQ(e.what(), "signature does not verify");
    }
}
