// Query/Retrieve against the county server in-process, driven by the real DCMTK tools a
// township PACS administrator would use: findscu, movescu (into a storescp standing in for
// the township PACS) and getscu.
#include <dcmtk/dcmdata/dctk.h>
#include <gtest/gtest.h>
#include <iconv.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "dicom/model/DicomFile.h"
#include "dicom/model/Uid.h"
#include "dicom/net/StoreClient.h"
#include "server/ServerApp.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
namespace fs = std::filesystem;

namespace {

std::string toGb18030(const std::string& utf8) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) return {};
    std::string in = utf8, out(utf8.size() * 4, '\0');
    char* src = in.data();
    char* dst = out.data();
    size_t src_left = in.size(), dst_left = out.size();
    size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    iconv_close(cd);
    if (rc == static_cast<size_t>(-1)) return {};
    out.resize(out.size() - dst_left);
    return out;
}

std::vector<fs::path> filesIn(const fs::path& dir) {
    std::vector<fs::path> out;
    if (!fs::exists(dir)) return out;
    for (auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().string().find("/.incoming") == std::string::npos)
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// Attribute values of a DICOM file (with or without meta header), as stored (no conversion).
struct Dataset {
    explicit Dataset(const fs::path& file) {
        ok = ff.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect)
                 .good();
    }
    std::string operator[](const DcmTagKey& tag) {
        OFString v;
        ff.getDataset()->findAndGetOFStringArray(tag, v);
        return v.c_str();
    }
    bool has(const DcmTagKey& tag) { return ff.getDataset()->tagExists(tag); }
    DcmFileFormat ff;
    bool ok = false;
};

// The bytes of a Part 10 file after its meta header: the dataset exactly as encoded.
dicom::Bytes datasetBytes(const fs::path& file) {
    auto b = dicom::readFileBytes(file);
    if (b.size() < 144 || std::string(b.begin() + 128, b.begin() + 132) != "DICM") return b;
    // (0002,0000) UL group length comes first: tag(4) VR(2) length(2) value(4).
    size_t group_length =
        b[140] | (b[141] << 8) | (b[142] << 16) | (static_cast<size_t>(b[143]) << 24);
    size_t start = 144 + group_length;
    return start <= b.size() ? dicom::Bytes(b.begin() + static_cast<long>(start), b.end()) : b;
}

class QueryRetrieveInteropTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* tool : {"findscu", "movescu", "getscu", "storescp"})
            if (!test::haveProgram(tool)) GTEST_SKIP() << tool << " (DCMTK) is not installed";
        dicom_port = test::freePort();
        township_port = test::freePort();
        std::ofstream(tmp / "county.toml") << R"([server]
aet = "COUNTY"
[[township]]
id = "wenan"
name = "问安镇卫生院"
aet = "WENAN"
host = "127.0.0.1"
port = )" << township_port << R"(
[[township]]
id = "dazhuang"
name = "大庄镇卫生院"
aet = "DAZHUANG"
host = "127.0.0.1"
port = 1
)";
        server::ServerOptions options;
        options.data_dir = tmp / "data";
        options.config = server::loadConfig(tmp / "county.toml");
        options.config.dicom_port = dicom_port;
        options.config.http_port = test::freePort();
        app = std::make_unique<server::ServerApp>(options);
        app->start();

        // The township PACS: receives C-MOVE sub-operations, writes them bit for bit.
        fs::create_directories(tmp / "township-inbox");
        township = std::make_unique<test::Process>(
            std::vector<std::string>{"storescp", "-aet", "WENAN", "+B", "-od",
                                     (tmp / "township-inbox").string(),
                                     std::to_string(township_port)},
            tmp / "storescp.log");
        ASSERT_TRUE(test::waitForTcp(township_port, std::chrono::seconds(10)));

        // WENAN: 张伟 (CT, two images, sent in GB18030) and 张三丰 (DX); DAZHUANG: another 张伟.
        zhang_wei = sendStudy("WENAN", "张伟", "P001", "GB18030", "CT", "20261124", 2);
        zhang_sanfeng = sendStudy("WENAN", "张三丰", "P002", "ISO_IR 192", "DX", "20250301", 1);
        dazhuang_study = sendStudy("DAZHUANG", "张伟", "P003", "GB18030", "CT", "20261124", 1);
    }

    std::string sendStudy(const std::string& ae, const std::string& name, const std::string& pid,
                          const std::string& charset, const std::string& modality,
                          const std::string& date, int n) {
        test::FixtureSpec spec;
        spec.patient_name_utf8 = name;
        spec.patient_id = pid;
        spec.charset = charset;
        spec.modality = modality;
        spec.study_date = date;
        spec.study_uid = dicom::newUid();
        spec.series_uid = dicom::newUid();
        std::vector<fs::path> files;
        for (int i = 1; i <= n; ++i) {
            spec.sop_uid = dicom::newUid();
            spec.instance_number = i;
            spec.fill = static_cast<short>(100 * i);
            files.push_back(tmp / "sent" / (spec.sop_uid + ".dcm"));
            fs::create_directories(files.back().parent_path());
            test::writeFixture(files.back(), spec);
            sops[spec.study_uid].push_back(spec.sop_uid);
        }
        series[spec.study_uid] = spec.series_uid;
        auto out = dicom::StoreClient({"127.0.0.1", dicom_port, ae, "COUNTY", 10}).send(files);
        for (auto& o : out) EXPECT_TRUE(o.ok) << o.message;
        return spec.study_uid;
    }

    // Runs a DCMTK tool against the county server as `ae`; tool-specific options first.
    test::RunResult tool(const std::string& program, std::vector<std::string> args,
                         const std::string& ae = "WENAN") {
        std::vector<std::string> argv{program, "-aet", ae, "-aec", "COUNTY"};
        argv.insert(argv.end(), args.begin(), args.end());
        argv.push_back("127.0.0.1");
        argv.push_back(std::to_string(dicom_port));
        return test::run(argv, std::chrono::seconds(60));
    }

    // findscu with -X: the responses as files, in order.
    std::vector<fs::path> find(const std::vector<std::string>& args,
                               const std::string& ae = "WENAN") {
        auto dir = tmp / ("find-" + std::to_string(++runs));
        fs::create_directories(dir);
        std::vector<std::string> a = args;
        a.insert(a.end(), {"-X", "-od", dir.string()});
        last = tool("findscu", a, ae);
        EXPECT_EQ(last.exit_code, 0) << last.output;
        return filesIn(dir);
    }

    // The archived copy of an instance (the blob store keeps <study>/<sop>.dcm).
    fs::path stored(const std::string& study, const std::string& sop) {
        return tmp / "data" / "instances" / study / (sop + ".dcm");
    }

    test::TempDir tmp;
    int dicom_port = 0, township_port = 0, runs = 0;
    std::unique_ptr<server::ServerApp> app;
    std::unique_ptr<test::Process> township;
    std::string zhang_wei, zhang_sanfeng, dazhuang_study;
    std::map<std::string, std::vector<std::string>> sops;  // study -> SOP Instance UIDs
    std::map<std::string, std::string> series;             // study -> its series
    test::RunResult last;
};

}  // namespace

TEST_F(QueryRetrieveInteropTest, StudyRootFindByChineseWildcardReturnsUtf8) {
    auto rsp =
        find({"-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientName=张*", "-k", "PatientID",
              "-k", "StudyInstanceUID", "-k", "StudyDate", "-k", "ModalitiesInStudy", "-k",
              "NumberOfStudyRelatedInstances", "-k", "NumberOfStudyRelatedSeries"});
    ASSERT_EQ(rsp.size(), 2u) << last.output;  // WENAN's two studies, not DAZHUANG's
    std::map<std::string, std::string> names;
    for (const auto& f : rsp) {
        Dataset d(f);
        ASSERT_TRUE(d.ok) << f;
        EXPECT_EQ(d[DCM_SpecificCharacterSet], "ISO_IR 192");
        EXPECT_EQ(d[DCM_QueryRetrieveLevel], "STUDY");
        EXPECT_EQ(d[DCM_RetrieveAETitle], "COUNTY");
        names[d[DCM_StudyInstanceUID]] = d[DCM_PatientName];
        if (d[DCM_StudyInstanceUID] == zhang_wei) {
            EXPECT_EQ(d[DCM_PatientID], "P001");
            EXPECT_EQ(d[DCM_StudyDate], "20261124");
            EXPECT_EQ(d[DCM_ModalitiesInStudy], "CT");
            EXPECT_EQ(d[DCM_NumberOfStudyRelatedInstances], "2");
            EXPECT_EQ(d[DCM_NumberOfStudyRelatedSeries], "1");
        }
        EXPECT_FALSE(d.has(DCM_StudyDescription));  // not asked for
    }
    EXPECT_EQ(names[zhang_wei], "张伟");  // decoded from the GB18030 file, sent as UTF-8
    EXPECT_EQ(names[zhang_sanfeng], "张三丰");

    // '?' is one character: only the two-character name.
    rsp = find({"-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientName=张?", "-k",
                "StudyInstanceUID"});
    ASSERT_EQ(rsp.size(), 1u) << last.output;
    EXPECT_EQ(Dataset(rsp[0])[DCM_StudyInstanceUID], zhang_wei);
}

TEST_F(QueryRetrieveInteropTest, Gb18030EncodedQueryForZhangWeiMatches) {
    auto name = toGb18030("张伟");
    ASSERT_EQ(name.size(), 4u);  // two characters, two bytes each
    auto rsp =
        find({"-S", "-k", "SpecificCharacterSet=GB18030", "-k", "QueryRetrieveLevel=STUDY", "-k",
              "PatientName=" + name, "-k", "StudyInstanceUID", "-k", "StudyDescription"});
    ASSERT_EQ(rsp.size(), 1u) << last.output;
    Dataset d(rsp[0]);
    EXPECT_EQ(d[DCM_SpecificCharacterSet], "ISO_IR 192");
    EXPECT_EQ(d[DCM_PatientName], "张伟");
    EXPECT_EQ(d[DCM_StudyDescription], "测试检查");
    EXPECT_EQ(d[DCM_StudyInstanceUID], zhang_wei);
}

TEST_F(QueryRetrieveInteropTest, PatientRootFindWithDateRanges) {
    auto rsp =
        find({"-P", "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientName=张*", "-k", "PatientID",
              "-k", "NumberOfPatientRelatedStudies", "-k", "NumberOfPatientRelatedInstances"});
    ASSERT_EQ(rsp.size(), 2u) << last.output;
    for (const auto& f : rsp) {
        Dataset d(f);
        EXPECT_EQ(d[DCM_QueryRetrieveLevel], "PATIENT");
        if (d[DCM_PatientID] == "P001") {
            EXPECT_EQ(d[DCM_PatientName], "张伟");
            EXPECT_EQ(d[DCM_NumberOfPatientRelatedStudies], "1");
            EXPECT_EQ(d[DCM_NumberOfPatientRelatedInstances], "2");
        } else {
            EXPECT_EQ(d[DCM_PatientID], "P002");
        }
    }
    rsp = find({"-P", "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID=P00*", "-k",
                "StudyDate=20260101-20261231", "-k", "StudyInstanceUID"});
    ASSERT_EQ(rsp.size(), 1u) << last.output;
    EXPECT_EQ(Dataset(rsp[0])[DCM_StudyInstanceUID], zhang_wei);
    rsp = find({"-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyDate=-20251231", "-k",
                "StudyInstanceUID"});
    ASSERT_EQ(rsp.size(), 1u) << last.output;
    EXPECT_EQ(Dataset(rsp[0])[DCM_StudyInstanceUID], zhang_sanfeng);
    EXPECT_TRUE(
        find({"-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyDate=20270101-"}).empty());
}

TEST_F(QueryRetrieveInteropTest, SeriesAndImageLevelWithUidLists) {
    auto rsp =
        find({"-S", "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + zhang_wei, "-k",
              "SeriesInstanceUID", "-k", "Modality", "-k", "NumberOfSeriesRelatedInstances"});
    ASSERT_EQ(rsp.size(), 1u) << last.output;
    Dataset s(rsp[0]);
    EXPECT_EQ(s[DCM_SeriesInstanceUID], series[zhang_wei]);
    EXPECT_EQ(s[DCM_Modality], "CT");
    EXPECT_EQ(s[DCM_NumberOfSeriesRelatedInstances], "2");

    rsp = find({"-S", "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + zhang_wei, "-k",
                "SeriesInstanceUID=" + series[zhang_wei], "-k", "SOPInstanceUID", "-k",
                "SOPClassUID", "-k", "InstanceNumber"});
    ASSERT_EQ(rsp.size(), 2u) << last.output;
    std::set<std::string> got;
    for (const auto& f : rsp) {
        Dataset d(f);
        EXPECT_EQ(d[DCM_QueryRetrieveLevel], "IMAGE");
        EXPECT_EQ(d[DCM_SOPClassUID], UID_CTImageStorage);
        got.insert(d[DCM_SOPInstanceUID]);
    }
    EXPECT_EQ(got, std::set<std::string>(sops[zhang_wei].begin(), sops[zhang_wei].end()));

    // A list of study UIDs; the other township's study stays invisible.
    rsp = find({"-S", "-k", "QueryRetrieveLevel=STUDY", "-k",
                "StudyInstanceUID=" + zhang_wei + "\\" + zhang_sanfeng + "\\" + dazhuang_study});
    EXPECT_EQ(rsp.size(), 2u) << last.output;
}

TEST_F(QueryRetrieveInteropTest, TownshipsFindOnlyTheirOwnStudies) {
    auto rsp = find(
        {"-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientName=张*", "-k", "StudyInstanceUID"},
        "DAZHUANG");
    ASSERT_EQ(rsp.size(), 1u) << last.output;
    EXPECT_EQ(Dataset(rsp[0])[DCM_StudyInstanceUID], dazhuang_study);
    auto refused = tool("findscu", {"-S", "-k", "QueryRetrieveLevel=STUDY"}, "INTRUDER");
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_NE(refused.output.find("Rejected"), std::string::npos) << refused.output;
}

TEST_F(QueryRetrieveInteropTest, MoveSendsTheStudyToTheTownshipPacs) {
    auto r = tool("movescu", {"-v", "-S", "-aem", "WENAN", "-k", "QueryRetrieveLevel=STUDY", "-k",
                              "StudyInstanceUID=" + zhang_wei});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("Received Move Response 1 (Pending)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Received Final Move Response (Success)"), std::string::npos)
        << r.output;
    auto got = filesIn(tmp / "township-inbox");
    ASSERT_EQ(got.size(), 2u) << r.output << test::readText(tmp / "storescp.log");
    for (const auto& f : got) {
        Dataset d(f);
        ASSERT_TRUE(d.ok);
        auto sop = d[DCM_SOPInstanceUID];
        EXPECT_EQ(d[DCM_StudyInstanceUID], zhang_wei);
        EXPECT_EQ(d[DCM_SpecificCharacterSet], "GB18030");  // the file as the township sent it
        auto original = stored(zhang_wei, sop);
        ASSERT_TRUE(fs::exists(original)) << original;
        EXPECT_TRUE(datasetBytes(f) == datasetBytes(original))
            << "dataset of " << sop << " differs";
    }
}

TEST_F(QueryRetrieveInteropTest, MoveToUnknownOrForeignDestinationIsRefused) {
    for (const char* dest : {"NOWHERE", "DAZHUANG"}) {
        auto r = tool("movescu", {"-v", "-S", "-aem", dest, "-k", "QueryRetrieveLevel=STUDY", "-k",
                                  "StudyInstanceUID=" + zhang_wei});
        EXPECT_NE(r.output.find("Refused: MoveDestinationUnknown"), std::string::npos)
            << dest << "\n"
            << r.output;
    }
    EXPECT_TRUE(filesIn(tmp / "township-inbox").empty());
    // A study of another township cannot be moved: nothing matches.
    auto r = tool("movescu", {"-v", "-S", "-aem", "WENAN", "-k", "QueryRetrieveLevel=STUDY", "-k",
                              "StudyInstanceUID=" + dazhuang_study});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(filesIn(tmp / "township-inbox").empty());
}

TEST_F(QueryRetrieveInteropTest, GetRetrievesByteIdenticalInstances) {
    auto out = tmp / "get";
    fs::create_directories(out);
    auto r = tool("getscu", {"-S", "+B", "-od", out.string(), "-k", "QueryRetrieveLevel=STUDY",
                             "-k", "StudyInstanceUID=" + zhang_wei});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    auto got = filesIn(out);
    ASSERT_EQ(got.size(), 2u) << r.output;
    std::set<std::string> uids;
    for (const auto& f : got) {
        Dataset d(f);
        ASSERT_TRUE(d.ok);
        auto sop = d[DCM_SOPInstanceUID];
        uids.insert(sop);
        EXPECT_TRUE(datasetBytes(f) == datasetBytes(stored(zhang_wei, sop)))
            << "dataset of " << sop << " differs";
    }
    EXPECT_EQ(uids, std::set<std::string>(sops[zhang_wei].begin(), sops[zhang_wei].end()));

    // IMAGE level, one instance; and another township's study yields nothing.
    auto one = tmp / "get-one";
    fs::create_directories(one);
    r = tool("getscu",
             {"-P", "-od", one.string(), "-k", "QueryRetrieveLevel=IMAGE", "-k", "PatientID=P001",
              "-k", "StudyInstanceUID=" + zhang_wei, "-k", "SeriesInstanceUID=" + series[zhang_wei],
              "-k", "SOPInstanceUID=" + sops[zhang_wei][1]});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    ASSERT_EQ(filesIn(one).size(), 1u) << r.output;
    EXPECT_EQ(Dataset(filesIn(one)[0])[DCM_SOPInstanceUID], sops[zhang_wei][1]);
    auto none = tmp / "get-none";
    fs::create_directories(none);
    tool("getscu", {"-S", "-od", none.string(), "-k", "QueryRetrieveLevel=STUDY", "-k",
                    "StudyInstanceUID=" + dazhuang_study});
    EXPECT_TRUE(filesIn(none).empty());
}
