#include <gtest/gtest.h>

#include "sender/GatewayConfig.h"

using namespace countyread::sender;

TEST(GatewayConfig, ReadsEverySectionAndResolvesPaths) {
    auto c = parseGatewayConfig(R"(
[gateway]
aet = "WENAN_GW"
port = 11114
modalities = ["CT01", "DR01"]
data_dir = "outbox"
watch_folder = "/srv/export"
log_file = "logs/gw.log"
emergency_keywords = ["急诊"]
keep_delivered_days = 3

[county]
host = "10.1.1.5"
port = 104
aet = "COUNTY"
calling_aet = "WENAN"
associations = 3
compress = false
rate_kbps = 4000
timeout_s = 20
backoff_initial_ms = 500
backoff_max_ms = 30000

[county.api]
url = "http://10.1.1.5:8042"
user = "wenan"
password = "demo"
poll_s = 15
)",
                                "/etc/countyread");
    EXPECT_EQ(c.aet, "WENAN_GW");
    EXPECT_EQ(c.modalities, (std::vector<std::string>{"CT01", "DR01"}));
    EXPECT_EQ(c.data_dir, "/etc/countyread/outbox");
    EXPECT_EQ(c.watch_folder, "/srv/export");
    EXPECT_EQ(c.log_file, "/etc/countyread/logs/gw.log");
    EXPECT_EQ(c.emergency_keywords, (std::vector<std::string>{"急诊"}));
    EXPECT_EQ(c.keep_delivered_days, 3);
    EXPECT_EQ(c.county_host, "10.1.1.5");
    EXPECT_EQ(c.county_port, 104);
    EXPECT_EQ(c.calling_aet, "WENAN");
    EXPECT_EQ(c.associations, 3);
    EXPECT_FALSE(c.compress);
    EXPECT_EQ(c.rate_kbps, 4000);
    EXPECT_EQ(c.timeout_s, 20);
    EXPECT_EQ(c.backoff_initial_ms, 500);
    EXPECT_EQ(c.api_url, "http://10.1.1.5:8042");
    EXPECT_EQ(c.api_user, "wenan");
    EXPECT_EQ(c.poll_s, 15);
}

TEST(GatewayConfig, DefaultsAreUsable) {
    auto c = parseGatewayConfig("[county]\nhost = \"county.local\"\n", "/x");
    EXPECT_EQ(c.calling_aet, c.aet);  // the county knows us by our own AE unless told
    EXPECT_TRUE(c.compress);
    EXPECT_EQ(c.rate_kbps, 0);
    EXPECT_EQ(c.data_dir, "/x/outbox");
    EXPECT_TRUE(c.watch_folder.empty());
    EXPECT_TRUE(c.api_url.empty());
}

TEST(GatewayConfig, ExplainsMistakes) {
    auto error = [](const std::string& text) {
        try {
            parseGatewayConfig(text, "/x");
        } catch (const GatewayConfigError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(error("[gateway]\naet = \"X\"\n").find("[county] is required"), std::string::npos);
    EXPECT_NE(error("[county]\naet = \"WAY_TOO_LONG_AE_TITLE\"\n").find("county.aet"),
              std::string::npos);
    EXPECT_NE(error("[county]\nassociations = 0\n").find("associations"), std::string::npos);
    EXPECT_NE(error("[county]\nport = 70000\n").find("county.port"), std::string::npos);
    EXPECT_NE(error("[county]\nrate_kbps = -1\n").find("rate_kbps"), std::string::npos);
    EXPECT_NE(error("[county]\n[county.api]\nurl = \"http://x\"\n").find("user"),
              std::string::npos);
    EXPECT_NE(error("[county\n").find("line 1"), std::string::npos);
}
