#include <gtest/gtest.h>

#include <fstream>

#include "server/Config.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::server;

namespace {
const char* kGood = R"(
[server]
aet = "COUNTY"
dicom_port = 11112
http_port = 8042

[[township]]
id = "wenan"
name = "问安镇卫生院"
aet = "WENAN"
host = "127.0.0.1"
port = 11113

[[radiologist]]
id = "li"
name = "李明"
modalities = ["CR", "DX", "CT"]
certificate = "certs/li.pem"

[[user]]
id = "li"
role = "radiologist"
password_hash = "$argon2id$x"

[[user]]
id = "wenan"
role = "township"
township = "wenan"
password_hash = "$argon2id$y"
)";
}  // namespace

TEST(Config, ParsesTheDocumentedFormatWithRelativeCertificatePaths) {
    test::TempDir tmp;
    std::filesystem::create_directories(tmp / "certs");
    std::ofstream(tmp / "certs" / "li.pem") << "-----BEGIN CERTIFICATE-----\nMII\n";
    std::ofstream(tmp / "county.toml") << kGood;
    auto c = loadConfig(tmp / "county.toml");
    EXPECT_EQ(c.aet, "COUNTY");
    ASSERT_EQ(c.townships.size(), 1u);
    EXPECT_EQ(c.townships[0].name, "问安镇卫生院");
    EXPECT_EQ(c.townshipByAe("WENAN")->id, "wenan");
    EXPECT_EQ(c.townshipByAe("NOPE"), nullptr);
    ASSERT_TRUE(c.radiologist("li"));
    EXPECT_EQ(c.radiologist("li")->modalities.size(), 3u);
    EXPECT_EQ(c.radiologist("li")->certificate, tmp / "certs" / "li.pem");
    EXPECT_NE(c.radiologist("li")->certificate_pem.find("BEGIN CERTIFICATE"), std::string::npos);
    EXPECT_EQ(c.user("wenan")->township, "wenan");
}

TEST(Config, ReadableErrors) {
    auto expectError = [](const std::string& text, const std::string& needle) {
        try {
            parseConfig(text, "/nonexistent");
            ADD_FAILURE() << "no error for: " << text;
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    expectError("[server\naet=1", "config:");
    expectError("[[township]]\nid = \"a\"\n", "'aet' is required");
    expectError("[[user]]\nid = \"x\"\nrole = \"boss\"\npassword_hash = \"h\"\n", "role must be");
    expectError("[[user]]\nid = \"x\"\nrole = \"township\"\ntownship = \"nowhere\"\npassword_hash = \"h\"\n",
                "unknown township");
    expectError("[[township]]\nid=\"a\"\naet=\"A\"\n[[township]]\nid=\"b\"\naet=\"A\"\n", "duplicate township aet");
    expectError("[[radiologist]]\nid=\"li\"\ncertificate=\"missing.pem\"\n", "cannot read");
}

TEST(Config, DatabaseUrlSelectsTheIndexBackend) {
    EXPECT_EQ(parseConfig("[server]\naet = \"C\"\n", "/etc/county").database_url, "")
        << "default: the SQLite file in the data folder";
    EXPECT_EQ(parseConfig("[database]\nurl = \"postgresql://county@db.local:5432/countyread\"\n",
                          "/etc/county")
                  .database_url,
              "postgresql://county@db.local:5432/countyread");
    EXPECT_EQ(parseConfig("[database]\nurl = \"index/county.sqlite\"\n", "/etc/county").database_url,
              "/etc/county/index/county.sqlite")
        << "an SQLite path is relative to the config file";
    try {
        parseConfig("[database]\n", "/etc/county");
        ADD_FAILURE() << "no error for an empty [database]";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("'url' is required"), std::string::npos) << e.what();
    }
}

TEST(Config, ReportTemplatesFileIsRelativeAndCheckedAtLoad) {
    test::TempDir tmp;
    std::ofstream(tmp / "templates.json")
        << R"({"templates":[{"id":"us","name":"腹部超声","modalities":["US"]}]})";
    auto c = parseConfig("[server]\naet = \"C\"\nreport_templates = \"templates.json\"\n", tmp.path());
    EXPECT_EQ(c.report_templates, tmp / "templates.json");
    std::ofstream(tmp / "bad.json") << R"({"templates":[{"name":"no id","modalities":["US"]}]})";
    try {
        parseConfig("[server]\naet = \"C\"\nreport_templates = \"bad.json\"\n", tmp.path());
        ADD_FAILURE() << "a malformed template file was accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("report_templates"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos) << e.what();
    }
}
