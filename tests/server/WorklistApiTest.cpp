// The reading workflow through the real server: quiet time and late instances, claim / open
// locks, release / reassign, return for rescan and re-send, cancel, priorities, critical
// findings, worklist filters, turnaround metrics, CSV export, Prometheus /metrics and 403s.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "dicom/archive/Database.h"
#include "dicom/model/Uid.h"
#include "tests/server/WorkflowTestServer.h"
#include "worklist/WorklistStore.h"

using namespace countyread;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

class WorklistApiTest : public ::testing::Test {
protected:
    // Sends a study and waits until it is a complete reading item.
    std::string ready(const std::string& ae, int n = 2, test::FixtureSpec spec = {}) {
        auto uid = s.sendStudy(ae, n, spec);
        s.waitForItem(uid, [](const json& i) { return i["complete"] == true && i["state"] != "received"; });
        return uid;
    }
    bool audited(const std::string& uid, const std::string& action) {
        for (auto& e : s.getJson("/api/v1/audit?target=" + uid, s.admin_token))
            if (e["action"] == action) return true;
        return false;
    }
    test::WorkflowTestServer s;
};

TEST_F(WorklistApiTest, StudyBecomesAnItemAfterTheQuietTimeAndLateInstancesAreFlagged) {
    test::FixtureSpec spec;
    spec.study_uid = dicom::newUid();
    s.sendStudy("WENAN", 2, spec);
    // Inside the quiet time: not on the worklist, not in a radiologist's list; the township sees it arriving.
    auto li = s.login("li");
    EXPECT_EQ(s.getJson("/api/v1/worklist", s.admin_token)["total"], 0);
    auto arriving = s.getJson("/api/v1/worklist?incomplete=1", s.admin_token);
    ASSERT_EQ(arriving["total"], 1);
    EXPECT_EQ(arriving["items"][0]["complete"], false);
    EXPECT_EQ(s.getJson("/api/v1/studies", li).size(), 0u);
    auto wenan = s.getJson("/api/v1/studies", s.login("wenan"));
    ASSERT_EQ(wenan.size(), 1u);
    EXPECT_EQ(wenan[0]["complete"], false);

    auto item = s.waitForItem(spec.study_uid, [](const json& i) { return i["state"] == "assigned"; });
    EXPECT_EQ(item["assigned_to"], "li");
    EXPECT_EQ(item["instances"], 2);
    EXPECT_EQ(item["late_instances"], 0);
    EXPECT_FALSE(item["deadline"].get<std::string>().empty());
    EXPECT_TRUE(audited(spec.study_uid, "study_complete"));

    // A late instance: counted, flagged for the reader, audited; the item keeps its reader.
    s.sendStudy("WENAN", 1, spec);
    item = s.waitForItem(spec.study_uid, [](const json& i) { return i["late_instances"] == 1; });
    EXPECT_EQ(item["instances"], 3);
    EXPECT_EQ(item["assigned_to"], "li");
    EXPECT_TRUE(audited(spec.study_uid, "late_instance"));
    auto mine = s.getJson("/api/v1/studies", li);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0]["late_instances"], 1);
    EXPECT_EQ(mine[0]["instances"], 3);
    // The transitions say who did what, when.
    auto tr = item["transitions"];
    ASSERT_GE(tr.size(), 2u);
    EXPECT_EQ(tr[0]["to"], "received");
    EXPECT_EQ(tr[1]["to"], "assigned");
    EXPECT_EQ(tr[1]["actor"], "auto-assign");
    EXPECT_FALSE(tr[1]["at"].get<std::string>().empty());
}

TEST_F(WorklistApiTest, OpeningLocksClaimsTheStudyAndColleaguesGet409WithTheHolder) {
    auto uid = ready("WENAN");
    auto li = s.login("li"), chen = s.login("chen");
    // li gives it back to the pool; both CT readers may now claim it.
    ASSERT_EQ(s.post("/api/v1/worklist/" + uid + "/release", li)->status, 200);
    auto pool = s.getJson("/api/v1/worklist?scope=pool", chen);
    ASSERT_EQ(pool["total"], 1);
    EXPECT_EQ(pool["items"][0]["state"], "received");
    // zhao reads only CR.
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/claim", s.login("zhao"))->status, 403);
    // chen opens it: claimed and locked.
    auto res = s.post("/api/v1/studies/" + uid + "/open", chen);
    ASSERT_EQ(res->status, 200) << res->body;
    auto body = json::parse(res->body);
    EXPECT_EQ(body["state"], "in_reading");
    EXPECT_FALSE(body["lock_expires_at"].get<std::string>().empty());
    EXPECT_EQ(body["item"]["locked_by"], "chen");
    // li is too late: 409 naming the holder.
    res = s.post("/api/v1/studies/" + uid + "/open", li);
    ASSERT_EQ(res->status, 409) << res->body;
    auto err = json::parse(res->body);
    EXPECT_EQ(err["locked_by"], "chen");
    EXPECT_NE(err["error"].get<std::string>().find("陈静"), std::string::npos) << err.dump();
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/claim", li)->status, 409);
    // Re-opening renews chen's lock.
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/open", chen)->status, 200);
    // Admin reassigns to li: the lock goes too, li can open it and chen no longer can.
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/reassign", chen, {{"to", "li"}})->status, 403);
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/reassign", s.admin_token, {{"to", "nobody"}})->status, 400);
    ASSERT_EQ(s.post("/api/v1/worklist/" + uid + "/reassign", s.admin_token, {{"to", "li"}})->status, 200);
    EXPECT_EQ(s.item(uid)["locked_by"], "");
    EXPECT_EQ(s.post("/api/v1/studies/" + uid + "/open", li)->status, 200);
    EXPECT_EQ(s.post("/api/v1/studies/" + uid + "/open", chen)->status, 409);
    EXPECT_TRUE(audited(uid, "study_reassigned"));
    EXPECT_TRUE(audited(uid, "study_opened"));
}

TEST_F(WorklistApiTest, ExpiredLocksAreFreeForOthers) {
    // The shared lock's rules, on the store the servers share.
    test::TempDir dir;
    worklist::WorklistStore store(dicom::openDatabase((dir.path() / "w.sqlite").string()));
    store.ensureItem("1.2.3", "wenan", "CT", worklist::Priority::Routine, "2025-01-01T00:00:00.000Z");
    EXPECT_TRUE(store.lock("1.2.3", "li", "2025-01-01T00:00:00.000Z", "2025-01-01T00:15:00.000Z"));
    auto refused = store.lock("1.2.3", "chen", "2025-01-01T00:10:00.000Z", "2025-01-01T00:25:00.000Z");
    EXPECT_FALSE(refused);
    EXPECT_EQ(refused.holder, "li");
    EXPECT_TRUE(store.lock("1.2.3", "chen", "2025-01-01T00:15:00.000Z", "2025-01-01T00:30:00.000Z"));
    EXPECT_FALSE(store.unlock("1.2.3", "li"));
    EXPECT_TRUE(store.lock("1.2.3", "admin", "2025-01-01T00:16:00.000Z", "2025-01-01T00:31:00.000Z", true));
}

TEST_F(WorklistApiTest, ReturnForRescanNeedsAReasonTheTownshipSeesItAndAResendRestartsTheItem) {
    test::FixtureSpec spec;
    spec.study_uid = dicom::newUid();
    ready("WENAN", 1, spec);
    auto uid = spec.study_uid;
    auto li = s.login("li");
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/return", li, json::object())->status, 400);
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/return", s.login("wenan"), {{"reason", "x"}})->status, 403);
    ASSERT_EQ(s.post("/api/v1/worklist/" + uid + "/return", li, {{"reason", "运动伪影，请重拍"}})->status, 200);
    auto wenan = s.getJson("/api/v1/studies", s.login("wenan"));
    ASSERT_EQ(wenan.size(), 1u);
    EXPECT_EQ(wenan[0]["state"], "returned");
    EXPECT_EQ(wenan[0]["return_reason"], "运动伪影，请重拍");
    // The township re-sends: received again, then (after the quiet time) assigned again.
    s.sendStudy("WENAN", 1, spec);
    auto item = s.waitForItem(uid, [](const json& i) { return i["state"] == "assigned" && i["complete"] == true; });
    bool resent = false;
    for (auto& t : item["transitions"]) resent |= t["from"] == "returned" && t["to"] == "received";
    EXPECT_TRUE(resent) << item.dump();
    EXPECT_EQ(item["late_instances"], 0);
    EXPECT_TRUE(audited(uid, "study_resent"));
}

TEST_F(WorklistApiTest, TownshipsAndAdminsCancelOnlyWhatTheyMay) {
    auto uid = ready("WENAN");
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/cancel", s.login("dazhuang"), {{"reason", "x"}})->status, 403);
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/cancel", s.login("li"), {{"reason", "x"}})->status, 403);
    auto res = s.post("/api/v1/worklist/" + uid + "/cancel", s.login("wenan"), {{"reason", "重复检查"}});
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(json::parse(res->body)["item"]["cancel_reason"], "重复检查");
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/cancel", s.admin_token)->status, 409);
    EXPECT_EQ(s.getJson("/api/v1/worklist?state=cancelled", s.admin_token)["total"], 1);
}

TEST_F(WorklistApiTest, PrioritiesComeFromRulesAndFromTheTownshipOrAnAdmin) {
    auto routine = ready("WENAN");
    auto urgent = ready("DAZHUANG");     // AE rule
    auto emergency = ready("XINZHUANG");  // township rule
    EXPECT_EQ(s.item(routine)["priority"], "routine");
    EXPECT_EQ(s.item(routine)["priority_source"], "dimse");
    EXPECT_EQ(s.item(urgent)["priority"], "urgent");
    EXPECT_EQ(s.item(urgent)["priority_source"], "ae_rule");
    EXPECT_EQ(s.item(emergency)["priority"], "emergency");
    EXPECT_EQ(s.item(emergency)["priority_source"], "township_rule");
    // Emergencies first in the worklist.
    auto list = s.getJson("/api/v1/worklist", s.admin_token);
    ASSERT_EQ(list["total"], 3);
    EXPECT_EQ(list["items"][0]["study_uid"], emergency);
    EXPECT_EQ(list["items"][2]["study_uid"], routine);

    auto wenan = s.login("wenan");
    auto before = s.item(routine)["deadline"].get<std::string>();
    EXPECT_EQ(s.post("/api/v1/worklist/" + routine + "/priority", wenan, {{"priority", "asap"}})->status, 400);
    EXPECT_EQ(s.post("/api/v1/worklist/" + urgent + "/priority", wenan, {{"priority", "emergency"}})->status, 403);
    EXPECT_EQ(s.post("/api/v1/worklist/" + routine + "/priority", s.login("li"), {{"priority", "emergency"}})->status, 403);
    ASSERT_EQ(s.post("/api/v1/worklist/" + routine + "/priority", wenan, {{"priority", "emergency"}})->status, 200);
    auto item = s.item(routine);
    EXPECT_EQ(item["priority"], "emergency");
    EXPECT_EQ(item["priority_source"], "set:wenan");
    EXPECT_LT(item["deadline"].get<std::string>(), before);  // 60 min instead of 4 h for a CT
    EXPECT_EQ(s.post("/api/v1/worklist/" + urgent + "/priority", s.admin_token, {{"priority", "routine"}})->status, 200);
    EXPECT_TRUE(audited(routine, "priority_set"));
    // GET /api/v1/studies carries priority, state timestamps and the deadline.
    for (auto& st : s.getJson("/api/v1/studies", s.admin_token)) {
        EXPECT_TRUE(st.contains("priority") && st.contains("deadline") && st.contains("assigned_at") &&
                    st.contains("signed_by") && st.contains("signed_at"))
            << st.dump();
    }
}

TEST_F(WorklistApiTest, CriticalFindingIsFlaggedSeenByItsTownshipAndAcknowledgedWithItsDelay) {
    auto uid = ready("WENAN");
    auto li = s.login("li"), wenan = s.login("wenan"), dazhuang = s.login("dazhuang");
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/critical", li, json::object())->status, 400);
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/critical", wenan, {{"finding", "x"}})->status, 403);
    ASSERT_EQ(s.post("/api/v1/worklist/" + uid + "/critical", li, {{"finding", "大量气胸"}})->status, 200);
    auto alerts = s.getJson("/api/v1/critical?open=1", wenan);
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0]["finding"], "大量气胸");
    EXPECT_EQ(s.getJson("/api/v1/critical?open=1", dazhuang).size(), 0u);
    EXPECT_EQ(s.item(uid)["critical"], "open");
    EXPECT_EQ(s.getJson("/api/v1/worklist?critical=1", s.admin_token)["total"], 1);
    // Only the study's township acknowledges, once.
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/critical/ack", li)->status, 403);
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/critical/ack", dazhuang)->status, 403);
    std::this_thread::sleep_for(1100ms);
    auto res = s.post("/api/v1/worklist/" + uid + "/critical/ack", wenan);
    ASSERT_EQ(res->status, 200) << res->body;
    auto acked = json::parse(res->body)["acknowledged"];
    ASSERT_EQ(acked.size(), 1u);
    EXPECT_GE(acked[0]["ack_seconds"].get<int>(), 1);
    EXPECT_EQ(acked[0]["acknowledged_by"], "wenan");
    EXPECT_EQ(s.post("/api/v1/worklist/" + uid + "/critical/ack", wenan)->status, 409);
    EXPECT_EQ(s.getJson("/api/v1/critical?open=1", wenan).size(), 0u);
    auto m = s.getJson("/api/v1/metrics/turnaround", s.admin_token);
    EXPECT_EQ(m["critical"]["count"], 1);
    EXPECT_EQ(m["critical"]["acknowledged"], 1);
    EXPECT_GE(m["critical"]["median_ack_s"].get<int>(), 1);
    EXPECT_TRUE(audited(uid, "critical_acknowledged"));
}

TEST_F(WorklistApiTest, WorklistFiltersSortsAndPagesAndKeepsUsersToTheirOwn) {
    test::FixtureSpec a;
    a.patient_name_utf8 = "王小明";
    a.patient_id = "WX001";
    test::FixtureSpec b;
    b.patient_name_utf8 = "刘芳";
    b.patient_id = "LF002";
    b.modality = "DX";
    auto ua = ready("WENAN", 1, a);
    auto ub = ready("WENAN", 1, b);
    auto uc = ready("DAZHUANG", 1, {});
    auto admin = s.admin_token;
    EXPECT_EQ(s.getJson("/api/v1/worklist?township=wenan", admin)["total"], 2);
    EXPECT_EQ(s.getJson("/api/v1/worklist?modality=DX", admin)["items"][0]["study_uid"], ub);
    EXPECT_EQ(s.getJson("/api/v1/worklist?q=%E5%B0%8F%E6%98%8E", admin)["items"][0]["study_uid"], ua);  // 小明
    EXPECT_EQ(s.getJson("/api/v1/worklist?q=lf00", admin)["items"][0]["study_uid"], ub);
    EXPECT_EQ(s.getJson("/api/v1/worklist?state=assigned&assigned_to=li", admin)["total"], 3);
    EXPECT_EQ(s.getJson("/api/v1/worklist?state=signed", admin)["total"], 0);
    auto newest = s.getJson("/api/v1/worklist?sort=-received_at&limit=1", admin);
    EXPECT_EQ(newest["total"], 3);
    ASSERT_EQ(newest["items"].size(), 1u);
    EXPECT_EQ(newest["items"][0]["study_uid"], uc);
    auto second = s.getJson("/api/v1/worklist?sort=received_at&limit=1&offset=1", admin);
    EXPECT_EQ(second["items"][0]["study_uid"], ub);
    EXPECT_EQ(s.getJson("/api/v1/worklist?from=2000-01-01&to=2000-01-02", admin)["total"], 0);
    EXPECT_EQ(s.getJson("/api/v1/worklist?state=bogus", admin, 400).contains("error"), true);
    EXPECT_EQ(s.getJson("/api/v1/worklist?sort=bogus", admin, 400).contains("error"), true);
    // Townships only their own; radiologists their own and the pool.
    auto dz = s.login("dazhuang");
    EXPECT_EQ(s.getJson("/api/v1/worklist", dz)["total"], 1);
    EXPECT_NE(s.getJson("/api/v1/worklist?township=wenan", dz, 403)["error"], nullptr);
    EXPECT_EQ(s.getJson("/api/v1/worklist?scope=mine", s.login("li"))["total"], 3);
    EXPECT_EQ(s.getJson("/api/v1/worklist", s.login("chen"))["total"], 0);
    EXPECT_NE(s.getJson("/api/v1/worklist?assigned_to=li", s.login("chen"), 403)["error"], nullptr);
}

TEST_F(WorklistApiTest, CsvExportIsUtf8WithBomForAdminsAndTownships) {
    ready("WENAN");
    auto res = s.http->Get("/api/v1/export/worklist.csv", s.auth(s.admin_token));
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/csv", 0), 0u);
    ASSERT_GE(res->body.size(), 3u);
    EXPECT_EQ(res->body.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(res->body.find("study_uid,patient_id,patient_name"), 3u);
    EXPECT_NE(res->body.find("张伟"), std::string::npos);
    EXPECT_NE(res->body.find("问安镇卫生院"), std::string::npos);
    EXPECT_NE(res->body.find("\r\n"), std::string::npos);
    EXPECT_EQ(s.http->Get("/api/v1/export/worklist.csv", s.auth(s.login("li")))->status, 403);
    auto dz = s.http->Get("/api/v1/export/worklist.csv", s.auth(s.login("dazhuang")));
    ASSERT_EQ(dz->status, 200);
    EXPECT_EQ(dz->body.find("问安镇卫生院"), std::string::npos);
    bool audited_export = false;
    for (auto& e : s.getJson("/api/v1/audit", s.admin_token)) audited_export |= e["action"] == "worklist_exported";
    EXPECT_TRUE(audited_export);
}

TEST_F(WorklistApiTest, PrometheusMetricsNeedTheMetricsTokenOrAnAdmin) {
    ready("WENAN");
    EXPECT_EQ(s.http->Get("/metrics")->status, 401);
    EXPECT_EQ(s.http->Get("/metrics", s.auth(s.login("wenan")))->status, 403);
    auto res = s.http->Get("/metrics", s.auth(test::WorkflowTestServer::kMetricsToken));
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/plain", 0), 0u);
    EXPECT_NE(res->body.find("countyread_reading_items{state=\"assigned\",priority=\"routine\"} 1\n"),
              std::string::npos)
        << res->body;
    for (const char* m : {"countyread_reading_items_at_risk ", "countyread_reading_items_overdue ",
                          "countyread_delivery_queue_pending ", "countyread_critical_findings_unacknowledged ",
                          "# TYPE countyread_reading_items gauge"})
        EXPECT_NE(res->body.find(m), std::string::npos) << m;
    EXPECT_EQ(s.http->Get("/metrics", s.auth(s.admin_token))->status, 200);
}

TEST_F(WorklistApiTest, MetricsAreForAdminsAndTheirOwnTownship) {
    auto uid = ready("WENAN");
    ready("DAZHUANG");
    EXPECT_EQ(s.getJson("/api/v1/metrics/turnaround", s.login("li"), 403).contains("error"), true);
    EXPECT_EQ(s.getJson("/api/v1/metrics/summary", s.login("li"), 403).contains("error"), true);
    auto sum = s.getJson("/api/v1/metrics/summary", s.admin_token);
    EXPECT_EQ(sum["by_state"]["assigned"], 2);
    auto own = s.getJson("/api/v1/metrics/summary", s.login("wenan"));
    EXPECT_EQ(own["by_state"]["assigned"], 1);
    auto m = s.getJson("/api/v1/metrics/turnaround?from=2000-01-01", s.admin_token);
    EXPECT_EQ(m["items"], 2);
    ASSERT_EQ(m["groups"]["township"].size(), 2u);
    EXPECT_EQ(m["groups"]["township"][1]["name"], "问安镇卫生院");
    ASSERT_EQ(m["daily_volume"].size(), 1u);
    EXPECT_EQ(m["daily_volume"][0]["received"], 2);
    EXPECT_EQ(s.getJson("/api/v1/metrics/turnaround?from=bad", s.admin_token, 400).contains("error"), true);
    (void)uid;
}

// Emergency CT limit 6 s: the item is soon at risk, then overdue, and the escalation task acts.
class EscalationTest : public ::testing::Test {
protected:
    test::WorkflowTestServer s{"[workflow.turnaround_minutes]\nemergency = { CT = 0.1 }\n"};
};

TEST_F(EscalationTest, AtRiskItemsAreReroutedOrFlaggedAndVisible) {
    auto uid = s.sendStudy("XINZHUANG", 1);  // emergency by township rule
    s.waitForItem(uid, [](const json& i) { return i["complete"] == true; });
    auto item = s.waitForItem(uid, [](const json& i) { return !i["escalation"].get<std::string>().empty(); },
                              std::chrono::seconds(15));
    EXPECT_NE(item["escalation"].get<std::string>().find("at_risk"), std::string::npos) << item.dump();
    item = s.waitForItem(uid, [](const json& i) { return i["escalation"].get<std::string>().rfind("overdue", 0) == 0; },
                         std::chrono::seconds(15));
    EXPECT_EQ(item["overdue"], true);
    EXPECT_EQ(s.getJson("/api/v1/worklist?overdue=1", s.admin_token)["total"], 1);
    auto sum = s.getJson("/api/v1/metrics/summary", s.admin_token);
    EXPECT_EQ(sum["overdue"], 1);
    ASSERT_EQ(sum["at_risk_items"].size(), 1u);
    bool audited = false;
    for (auto& e : s.getJson("/api/v1/audit?target=" + uid, s.admin_token)) audited |= e["action"] == "escalation";
    EXPECT_TRUE(audited);
}

}  // namespace
