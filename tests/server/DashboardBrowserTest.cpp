// The admins' dashboard in real headless Chromium against a running server with known data:
// the page must show the queue per state, the townships' Chinese names, drawn chart canvases,
// and switch to English. Keeps a screenshot under the build tree (printed). Skips when chromium
// is not installed (CI installs it: scripts/install-deps.sh).
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <regex>

#include "tests/server/WorkflowTestServer.h"

using namespace countyread;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string chromium() {
    for (const char* p : {"chromium", "chromium-browser", "google-chrome"})
        if (test::haveProgram(p)) return p;
    return {};
}

std::vector<std::string> chromiumArgs(const std::string& program, const fs::path& profile) {
    return {program, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--hide-scrollbars",
            "--disable-dev-shm-usage", "--user-data-dir=" + profile.string(), "--window-size=1400,2200",
            "--virtual-time-budget=10000", "--run-all-compositor-stages-before-draw"};
}

// The element with id `id` (the first one), up to its closing tag: crude, enough for our own markup.
std::string element(const std::string& dom, const std::string& id) {
    auto at = dom.find("id=\"" + id + "\"");
    if (at == std::string::npos) return {};
    auto open_end = dom.find('>', at);
    auto start = dom.rfind('<', at);
    auto tag_end = dom.find_first_of(" >", start + 1);
    std::string tag = dom.substr(start + 1, tag_end - start - 1);
    auto close = dom.find("</" + tag + ">", open_end);
    return dom.substr(start, close == std::string::npos ? std::string::npos : close + tag.size() + 3 - start);
}

class DashboardBrowserTest : public ::testing::Test {
protected:
    void SetUp() override {
        program = chromium();
        if (program.empty()) GTEST_SKIP() << "chromium is not installed (apt-get install chromium)";
        // Known data: three townships, items in several states, a critical finding.
        auto li = s.login("li");
        for (int i = 0; i < 3; ++i) uids.push_back(s.sendStudy("WENAN", 1));
        uids.push_back(s.sendStudy("DAZHUANG", 1));
        uids.push_back(s.sendStudy("XINZHUANG", 1));
        for (auto& uid : uids) s.waitForItem(uid, [](const json& i) { return i["state"] == "assigned"; });
        ASSERT_EQ(s.post("/api/v1/studies/" + uids[0] + "/open", li)->status, 200);                         // in_reading
        ASSERT_EQ(s.post("/api/v1/worklist/" + uids[1] + "/return", li, {{"reason", "体位不正"}})->status, 200);  // returned
        ASSERT_EQ(s.post("/api/v1/worklist/" + uids[3] + "/cancel", s.admin_token, {{"reason", "重复"}})->status, 200);
        ASSERT_EQ(s.post("/api/v1/worklist/" + uids[4] + "/critical", li, {{"finding", "急性硬膜外血肿"}})->status, 200);
        ASSERT_EQ(s.post("/api/v1/worklist/" + uids[4] + "/critical/ack", s.login("xinzhuang"))->status, 200);
        artifacts = test::binPath("server_tests").parent_path().parent_path() / "test-artifacts";
        fs::create_directories(artifacts);
    }

    std::string url(const std::string& lang) {
        return "http://127.0.0.1:" + std::to_string(s.http_port) + "/dashboard?lang=" + lang + "#token=" + s.admin_token;
    }

    std::string dumpDom(const std::string& lang) {
        auto args = chromiumArgs(program, s.tmp / ("profile-" + lang));
        args.push_back("--dump-dom");
        args.push_back(url(lang));
        auto r = test::run(args, std::chrono::seconds(120));
        EXPECT_EQ(r.exit_code, 0) << r.output;
        auto html = r.output.find("<html");
        return html == std::string::npos ? r.output : r.output.substr(html);
    }

    std::string program;
    test::WorkflowTestServer s;
    std::vector<std::string> uids;
    fs::path artifacts;
};

TEST_F(DashboardBrowserTest, ShowsQueueTurnaroundAndChartsInChineseAndEnglish) {
    // The page and its assets are served by the server itself.
    auto page = s.http->Get("/dashboard");
    ASSERT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("echarts.min.js"), std::string::npos);
    auto echarts = s.http->Get("/dashboard/echarts.min.js");
    ASSERT_EQ(echarts->status, 200);
    EXPECT_GT(echarts->body.size(), 100000u) << "ECharts was not bundled (npm ci in server/dashboard)";

    auto dom = dumpDom("zh");
    ASSERT_NE(dom.find("data-loaded=\"true\""), std::string::npos) << dom.substr(0, 3000);
    EXPECT_NE(dom.find("lang=\"zh-CN\""), std::string::npos);
    // Queue per state: 2 assigned (both routine from WENAN? one urgent from DAZHUANG was cancelled).
    auto queue = element(dom, "queue-table");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(queue, m, std::regex(R"(data-state="assigned"><td>已分配</td>.*?<td class="num total">(\d+)</td>)")))
        << queue;
    EXPECT_EQ(m[1], "2");  // uids[2] (WENAN) and uids[4] (XINZHUANG)
    for (const char* st : {"in_reading", "returned", "cancelled"})
        EXPECT_TRUE(std::regex_search(queue, std::regex(std::string("data-state=\"") + st + R"(">.*?<td class="num total">1</td>)")))
            << st << ": " << queue;
    EXPECT_NE(queue.find("阅片中"), std::string::npos);
    EXPECT_NE(queue.find("退回重拍"), std::string::npos);
    EXPECT_NE(element(dom, "kpi-open").find(">3<"), std::string::npos) << element(dom, "kpi-open");
    // Turnaround per township with the townships' Chinese names.
    auto tat = element(dom, "tat-township");
    EXPECT_NE(tat.find("问安镇卫生院"), std::string::npos) << tat;
    EXPECT_NE(tat.find("辛庄镇卫生院"), std::string::npos) << tat;
    EXPECT_NE(element(dom, "tat-priority").find("急诊"), std::string::npos);
    // Critical finding acknowledgement.
    EXPECT_NE(element(dom, "critical-table").find("急性硬膜外血肿"), std::string::npos);
    EXPECT_NE(element(dom, "critical-count").find(">1<"), std::string::npos);
    // Charts: ECharts drew into its canvases.
    for (const char* chart : {"queue-chart", "volume-chart", "tat-chart"}) {
        auto el = element(dom, chart);
        EXPECT_NE(el.find("<canvas"), std::string::npos) << chart << ": " << el.substr(0, 400);
        EXPECT_NE(el.find("data-drawn=\"true\""), std::string::npos) << chart << ": " << el.substr(0, 400);
    }
    EXPECT_NE(dom.find("id=\"export-csv\""), std::string::npos);

    auto en = dumpDom("en");
    EXPECT_NE(en.find("lang=\"en\""), std::string::npos);
    EXPECT_NE(element(en, "queue-table").find("In reading"), std::string::npos);
    EXPECT_NE(en.find("Turnaround (median / p90)"), std::string::npos);
    EXPECT_NE(element(en, "tat-township").find("问安镇卫生院"), std::string::npos);  // names stay Chinese

    // The screenshot, kept as a test artefact.
    auto png = artifacts / "dashboard-zh.png";
    fs::remove(png);
    auto args = chromiumArgs(program, s.tmp / "profile-shot");
    args.push_back("--screenshot=" + png.string());
    args.push_back(url("zh"));
    auto r = test::run(args, std::chrono::seconds(120));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    ASSERT_TRUE(fs::exists(png)) << r.output;
    EXPECT_GT(fs::file_size(png), 20000u);
    std::cout << "[ dashboard ] screenshot: " << png.string() << "\n";
}

TEST_F(DashboardBrowserTest, WithoutATokenThePageAsksForTheAdminLogin) {
    auto args = chromiumArgs(program, s.tmp / "profile-login");
    args.push_back("--dump-dom");
    args.push_back("http://127.0.0.1:" + std::to_string(s.http_port) + "/dashboard");
    auto r = test::run(args, std::chrono::seconds(120));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    auto form = element(r.output, "login");
    EXPECT_EQ(form.find(" hidden"), std::string::npos) << form;
    EXPECT_NE(form.find("管理员登录"), std::string::npos) << form;
    EXPECT_NE(element(r.output, "board").find("hidden"), std::string::npos);
}

}  // namespace
