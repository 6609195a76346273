// Orthanc (Debian package) as a real peer: it sends to the county by C-STORE, then queries
// it (C-FIND) and retrieves from it (C-MOVE to itself).
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "dicom/model/DicomFile.h"
#include "tests/interop/InteropServer.h"
#include "tests/support/DicomFixtures.h"

using namespace countyread;
using namespace countyread::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

class Orthanc {
public:
    Orthanc(const TempDir& dir, int county_port, int dicom_port_)
        : dicom_port(dicom_port_), http_port(freePort()) {
        json cfg = {{"Name", "township-orthanc"},
                    {"StorageDirectory", (dir / "orthanc-storage").string()},
                    {"IndexDirectory", (dir / "orthanc-index").string()},
                    {"DicomAet", "ORTHANC"},
                    {"DicomPort", dicom_port},
                    {"HttpPort", http_port},
                    {"RemoteAccessAllowed", false},
                    {"AuthenticationEnabled", false},
                    {"DefaultEncoding", "Utf8"},
                    {"DicomModalities", {{"county", {"COUNTY", "127.0.0.1", county_port}}}}};
        std::ofstream(dir / "orthanc.json") << cfg.dump(2);
        process = std::make_unique<Process>(std::vector<std::string>{"Orthanc", (dir / "orthanc.json").string()},
                                            dir / "orthanc.log");
        if (!waitForTcp(http_port, 30s)) throw std::runtime_error("Orthanc did not start: " + process->output());
        client = std::make_unique<httplib::Client>("127.0.0.1", http_port);
        client->set_read_timeout(60, 0);
    }
    json post(const std::string& path, const std::string& body, const char* type = "application/json") {
        auto res = client->Post(path.c_str(), body, type);
        if (!res || res->status >= 300)
            throw std::runtime_error("Orthanc POST " + path + " failed: " + (res ? res->body : "no answer"));
        return res->body.empty() ? json() : json::parse(res->body);
    }
    json get(const std::string& path) {
        auto res = client->Get(path.c_str());
        if (!res || res->status != 200) throw std::runtime_error("Orthanc GET " + path + " failed");
        return json::parse(res->body);
    }
    int dicom_port, http_port;
    std::unique_ptr<Process> process;
    std::unique_ptr<httplib::Client> client;
};

}  // namespace

TEST(OrthancInterop, SendsQueriesAndRetrieves) {
    if (!haveProgram("Orthanc")) GTEST_SKIP() << "Orthanc is not installed";
    TempDir tmp("countyread-orthanc");
    int orthanc_dicom = freePort();
    // The county knows the Orthanc township as AE ORTHANC (allowed to send, and a move target).
    std::unique_ptr<InteropServer> county;
    {
        county = std::make_unique<InteropServer>(tmp, std::vector<PeerTownship>{{"orthanc", "ORTHANC", orthanc_dicom}});
    }
    Orthanc orthanc(tmp, county->dicomPort(), orthanc_dicom);

    // 1. Orthanc receives a study (upload) and sends it to the county by C-STORE.
    FixtureSpec spec;
    spec.charset = "GB18030";
    spec.patient_name_utf8 = "张伟";
    spec.patient_id = "ORTHANC-1";
    auto file = tmp / "ct.dcm";
    auto sop = writeFixture(file, spec);
    auto bytes = dicom::readFileBytes(file);
    auto uploaded = orthanc.post("/instances", std::string(bytes.begin(), bytes.end()), "application/dicom");
    std::string orthanc_id = uploaded["ID"];
    orthanc.post("/modalities/county/store", json(orthanc_id).dump());
    auto [status, body] = county->get("/api/v1/instances/" + sop);
    ASSERT_EQ(status, 200) << "the county did not receive Orthanc's C-STORE";
    EXPECT_EQ(dicom::readInstanceInfo(dicom::Bytes(body.begin(), body.end())).patient_name, "张伟");

    // 2. Orthanc forgets it, then finds it on the county with a Chinese wildcard and retrieves it.
    orthanc.client->Delete(("/instances/" + orthanc_id).c_str());
    ASSERT_TRUE(orthanc.get("/instances").empty());
    auto query = orthanc.post("/modalities/county/query",
                              json{{"Level", "Study"}, {"Query", {{"PatientName", "张*"}, {"StudyInstanceUID", ""}}}}.dump());
    std::string qid = query["ID"];
    auto answers = orthanc.get("/queries/" + qid + "/answers");
    ASSERT_EQ(answers.size(), 1u) << "C-FIND from Orthanc found nothing";
    auto content = orthanc.get("/queries/" + qid + "/answers/0/content?simplify");
    EXPECT_EQ(content["PatientName"], "张伟");
    orthanc.post("/queries/" + qid + "/retrieve", json{{"TargetAet", "ORTHANC"}, {"Synchronous", true}}.dump());
    auto instances = orthanc.get("/instances");
    ASSERT_EQ(instances.size(), 1u) << "C-MOVE to Orthanc delivered nothing";
    auto tags = orthanc.get("/instances/" + instances[0].get<std::string>() + "/simplified-tags");
    EXPECT_EQ(tags["SOPInstanceUID"], sop);
}
