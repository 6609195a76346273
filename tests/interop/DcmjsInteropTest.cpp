// dcmjs-dimse (an independent JavaScript DICOM stack) as a client: C-ECHO, C-STORE, C-FIND.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/interop/InteropServer.h"
#include "tests/support/DicomFixtures.h"

using namespace countyread;
using namespace countyread::test;
using nlohmann::json;

namespace {
const std::filesystem::path kDir = COUNTYREAD_INTEROP_DIR;

json dimse(std::vector<std::string> args) {
    args.insert(args.begin(), {"node", (kDir / "dimse-client.mjs").string()});
    auto r = run(args, std::chrono::seconds(60));
    auto brace = r.output.rfind("\n{");
    auto line = r.output.substr(brace == std::string::npos ? 0 : brace + 1);
    try {
        return json::parse(line);
    } catch (...) {
        return json{{"ok", false}, {"error", r.output}};
    }
}
}  // namespace

TEST(DcmjsInterop, EchoStoreAndFindWithAChineseWildcard) {
    if (!haveProgram("node")) GTEST_SKIP() << "node is not installed";
    if (!std::filesystem::exists(kDir / "node_modules" / "dcmjs-dimse"))
        GTEST_SKIP() << "dcmjs-dimse not installed (npm ci --prefix tests/interop)";
    TempDir tmp("countyread-dcmjs");
    InteropServer county(tmp, {{"wenan", "WENAN", 1}});
    auto port = std::to_string(county.dicomPort());

    auto echo = dimse({"echo", "127.0.0.1", port, "WENAN", "COUNTY"});
    EXPECT_TRUE(echo["ok"]) << echo.dump();
    auto refused = dimse({"echo", "127.0.0.1", port, "STRANGER", "COUNTY"});
    EXPECT_FALSE(refused["ok"]);
    EXPECT_NE(refused.value("error", "").find("rejected"), std::string::npos) << refused.dump();

    FixtureSpec spec;
    spec.charset = "GBK";
    spec.patient_name_utf8 = "王芳";
    spec.patient_id = "DCMJS-1";
    spec.study_uid = "1.2.826.0.1.3680043.9.7.77";
    std::vector<std::string> store = {"store", "127.0.0.1", port, "WENAN", "COUNTY"};
    for (int i = 1; i <= 3; ++i) {
        spec.sop_uid = "";
        spec.instance_number = i;
        auto f = tmp / ("f" + std::to_string(i) + ".dcm");
        writeFixture(f, spec);
        store.push_back(f.string());
    }
    auto stored = dimse(store);
    EXPECT_TRUE(stored["ok"]) << stored.dump();
    EXPECT_EQ(stored["statuses"].size(), 3u);

    auto found = dimse({"find", "127.0.0.1", port, "WENAN", "COUNTY", "PatientName=王*"});
    ASSERT_TRUE(found["ok"]) << found.dump();
    ASSERT_EQ(found["results"].size(), 1u) << found.dump();
    EXPECT_EQ(found["results"][0]["PatientID"], "DCMJS-1");
}
