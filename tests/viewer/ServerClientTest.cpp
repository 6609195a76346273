#include <gtest/gtest.h>

#include "tests/support/TestSupport.h"
#include "tests/viewer/FakeServer.h"
#include "viewer/core/ServerClient.h"
#include "viewer/core/ServerError.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

StudyRow study(const std::string& uid, const std::string& name) {
    StudyRow r;
    r.study_uid = uid;
    r.patient_name = name;
    r.modality = "DR";
    r.state = "assigned";
    r.priority = "routine";
    return r;
}

}  // namespace

TEST(ServerClient, LoginThenListAndDownload) {
    test::FakeServer server;
    server.addStudy(study("1.2.3", "张三"));
    InstanceRow row;
    row.sop_instance_uid = "1.2.3.1";
    row.series_uid = "1.2.3.9";
    row.modality = "DR";
    server.addInstance("1.2.3", row, dicom::Bytes{'D', 'I', 'C', 'M', 0, 1, 2});

    ServerClient client(ServerUrl::parse(server.url()));
    const UserSession& s = client.login("li", "secret");
    EXPECT_EQ(s.name, "李明");
    EXPECT_EQ(s.role, "radiologist");

    auto studies = client.studies();
    ASSERT_EQ(studies.size(), 1u);
    EXPECT_EQ(studies[0].patient_name, "张三");
    EXPECT_EQ(studies[0].instances, 1);

    auto instances = client.instances("1.2.3");
    ASSERT_EQ(instances.size(), 1u);
    EXPECT_EQ(instances[0].sop_instance_uid, "1.2.3.1");
    EXPECT_EQ(client.instance("1.2.3.1"), (dicom::Bytes{'D', 'I', 'C', 'M', 0, 1, 2}));

    client.openStudy("1.2.3");
    EXPECT_EQ(server.openedStudies(), std::vector<std::string>{"1.2.3"});
    EXPECT_EQ(client.studies()[0].state, "in_reading");
}

TEST(ServerClient, BadPasswordReportsServerMessage) {
    test::FakeServer server;
    ServerClient client(ServerUrl::parse(server.url()));
    try {
        client.login("li", "wrong");
        FAIL() << "login should fail";
    } catch (const ServerError& e) {
        EXPECT_EQ(e.status(), 401);
        EXPECT_STREQ(e.what(), "用户名或密码错误 invalid credentials");
    }
}

TEST(ServerClient, CallsWithoutLoginAreRefused) {
    test::FakeServer server;
    ServerClient client(ServerUrl::parse(server.url()));
    try {
        client.studies();
        FAIL();
    } catch (const ServerError& e) {
        EXPECT_EQ(e.status(), 401);
    }
}

TEST(ServerClient, MissingThingsAre404) {
    test::FakeServer server;
    ServerClient client(ServerUrl::parse(server.url()));
    client.login("li", "secret");
    try {
        client.instance("9.9.9");
        FAIL();
    } catch (const ServerError& e) {
        EXPECT_EQ(e.status(), 404);
        EXPECT_STREQ(e.what(), "no such instance");
    }
    EXPECT_THROW(client.myCertificate(), ServerError);
}

TEST(ServerClient, PostReportReturnsAnswerOrThrowsWithMessage) {
    test::FakeServer server;
    ServerClient client(ServerUrl::parse(server.url()));
    client.login("li", "secret");
    auto answer = client.postReport("1.2.3", dicom::Bytes{1, 2, 3});
    EXPECT_EQ(answer.status, 201);
    EXPECT_EQ(answer.state, "signed");
    EXPECT_EQ(answer.sop_instance_uid, "1.2.3.4");
    ASSERT_EQ(server.postedReports().size(), 1u);
    EXPECT_EQ(server.postedReports()[0], (dicom::Bytes{1, 2, 3}));

    server.setReportCheck([](const dicom::Bytes&) {
        return std::make_pair(422, std::string(R"({"error":"signature does not verify"})"));
    });
    try {
        client.postReport("1.2.3", dicom::Bytes{4});
        FAIL();
    } catch (const ServerError& e) {
        EXPECT_EQ(e.status(), 422);
        EXPECT_STREQ(e.what(), "signature does not verify");
    }
}

TEST(ServerClient, UnreachableServerIsStatusZero) {
    ServerClient client(ServerUrl::parse("http://127.0.0.1:" + std::to_string(test::freePort())));
    try {
        client.login("li", "secret");
        FAIL();
    } catch (const ServerError& e) {
        EXPECT_EQ(e.status(), 0);
        EXPECT_NE(std::string(e.what()).find("cannot reach the server"), std::string::npos);
    }
}
