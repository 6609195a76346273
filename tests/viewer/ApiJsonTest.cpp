#include <gtest/gtest.h>

#include "viewer/core/ApiJson.h"
#include "viewer/core/ServerError.h"

using namespace countyread::viewer;

TEST(ApiJson, ParsesStudiesWithChineseNames) {
    const std::string body = R"([
      {"study_uid":"1.2.3","patient_name":"王^小明","patient_id":"P001","patient_sex":"M",
       "patient_birth_date":"19600102","study_date":"20240501","study_time":"103000",
       "study_description":"胸部正位","modality":"DR","township":"tw01","township_name":"青山镇卫生院",
       "state":"assigned","assigned_to":"li","received_at":"2024-05-01T10:31:00+08:00",
       "instances":1,"priority":"urgent"},
      {"study_uid":"1.2.4","patient_name":"李梅","modality":"CT","instances":"28","state":"received",
       "extra_field":{"ignored":true}},
      {"patient_name":"no uid: dropped"}
    ])";
    auto rows = api::parseStudies(body);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].study_uid, "1.2.3");
    EXPECT_EQ(rows[0].patient_name, "王^小明");
    EXPECT_EQ(rows[0].township_name, "青山镇卫生院");
    EXPECT_EQ(rows[0].study_description, "胸部正位");
    EXPECT_EQ(rows[0].priority, "urgent");
    EXPECT_EQ(rows[0].instances, 1);
    EXPECT_EQ(rows[0].received_at, "2024-05-01T10:31:00+08:00");
    EXPECT_EQ(rows[1].patient_name, "李梅");
    EXPECT_EQ(rows[1].instances, 28);  // tolerated as text
    EXPECT_EQ(rows[1].priority, "");
}

TEST(ApiJson, ParsesInstances) {
    auto rows = api::parseInstances(R"([
      {"sop_instance_uid":"1.9.1","sop_class_uid":"1.2.840.10008.5.1.4.1.1.2","series_uid":"1.9",
       "series_number":2,"series_description":"轴位","instance_number":7,"modality":"CT",
       "rows":512,"columns":512}])");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].series_number, 2);
    EXPECT_EQ(rows[0].instance_number, 7);
    EXPECT_EQ(rows[0].rows, 512);
    EXPECT_EQ(rows[0].series_description, "轴位");
}

TEST(ApiJson, ParsesLogin) {
    auto s =
        api::parseLogin(R"({"token":"abc","user":{"id":"li","name":"李明","role":"radiologist"}})");
    EXPECT_EQ(s.token, "abc");
    EXPECT_EQ(s.user_id, "li");
    EXPECT_EQ(s.name, "李明");
    EXPECT_EQ(s.role, "radiologist");
    EXPECT_THROW(api::parseLogin(R"({"user":{}})"), ServerError);
}

TEST(ApiJson, LoginRequestEscapes) {
    EXPECT_EQ(api::loginRequest("li", "p\"w"), R"({"password":"p\"w","user":"li"})");
}

TEST(ApiJson, RejectsInvalidJson) {
    EXPECT_THROW(api::parseStudies("<html>"), ServerError);
    EXPECT_THROW(api::parseStudies(R"({"error":"x"})"), ServerError);
    EXPECT_THROW(api::parseInstances(""), ServerError);
}

TEST(ApiJson, ErrorMessage) {
    EXPECT_EQ(api::errorMessage(R"({"error":"签名无效 signature does not verify"})"),
              "签名无效 signature does not verify");
    EXPECT_EQ(api::errorMessage("Bad Gateway\n"), "Bad Gateway");
    EXPECT_EQ(api::errorMessage(""), "");
}
