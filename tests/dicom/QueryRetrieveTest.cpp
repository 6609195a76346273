// Query/Retrieve: the matching engine (PS3.4 C.2.2.2), the archive's index queries, and the
// listener's C-FIND over a real association (character sets in and out).
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmnet/scu.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <set>

#include "dicom/archive/ArchiveQuery.h"
#include "dicom/archive/SqlArchiveIndex.h"
#include "dicom/net/NetworkSetup.h"
#include "dicom/net/StoreListener.h"
#include "dicom/query/QueryMatcher.h"
#include "tests/support/TestDatabase.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::dicom;

// --- matching engine ------------------------------------------------------------------------

TEST(QueryMatcher, EmptyAndStarAreUniversal) {
    EXPECT_TRUE(matchesKey("PN", "", "张伟"));
    EXPECT_TRUE(matchesKey("LO", "*", ""));
    EXPECT_TRUE(matchesKey("DA", "", ""));
    EXPECT_TRUE(matchesKey("SQ", "anything", ""));
}

TEST(QueryMatcher, SingleValueIsExactAndCaseSensitiveExceptPersonNames) {
    EXPECT_TRUE(matchesKey("LO", "P0001", "P0001"));
    EXPECT_FALSE(matchesKey("LO", "p0001", "P0001"));
    EXPECT_FALSE(matchesKey("LO", "P000", "P0001"));
    EXPECT_TRUE(matchesKey("CS", "CT", "CT "));  // padding is not part of the value
    EXPECT_TRUE(matchesKey("PN", "zhang^wei", "Zhang^Wei"));
    EXPECT_TRUE(matchesKey("PN", "张伟", "张伟"));
    EXPECT_FALSE(matchesKey("PN", "张伟", "张伟伟"));
    EXPECT_TRUE(matchesKey("IS", "1", "01"));
}

TEST(QueryMatcher, WildcardsOnChineseNamesCountCharactersNotBytes) {
    EXPECT_TRUE(matchesKey("PN", "张*", "张伟"));
    EXPECT_TRUE(matchesKey("PN", "张*", "张三丰"));
    EXPECT_TRUE(matchesKey("PN", "张*", "张"));
    EXPECT_FALSE(matchesKey("PN", "张*", "李张"));
    EXPECT_TRUE(matchesKey("PN", "*伟", "欧阳伟"));
    EXPECT_TRUE(matchesKey("PN", "张?", "张伟"));  // 伟 is 3 bytes, one character
    EXPECT_FALSE(matchesKey("PN", "张?", "张三丰"));
    EXPECT_FALSE(matchesKey("PN", "张???", "张伟"));
    EXPECT_TRUE(matchesKey("PN", "?伟", "张伟"));
    EXPECT_FALSE(matchesKey("PN", "?伟", "欧阳伟"));
    EXPECT_TRUE(matchesKey("PN", "??伟", "欧阳伟"));
    EXPECT_TRUE(matchesKey("PN", "*三*", "张三丰"));
    EXPECT_TRUE(wildcardMatch("问安?卫生院", "问安镇卫生院", false));
    EXPECT_FALSE(wildcardMatch("问安?卫生院", "问安乡镇卫生院", false));
}

TEST(QueryMatcher, WildcardsAreCaseSensitiveOutsidePersonNames) {
    EXPECT_TRUE(matchesKey("LO", "头颅*", "头颅CT平扫"));
    EXPECT_TRUE(matchesKey("SH", "ACC?2", "ACC12"));
    EXPECT_FALSE(matchesKey("SH", "acc*", "ACC12"));
    EXPECT_TRUE(matchesKey("PN", "ZHANG*", "Zhang^Wei"));
}

TEST(QueryMatcher, PersonNamesMatchAnyComponentGroup) {
    const std::string name = "Zhang^Wei=张^伟=zhang^wei";
    EXPECT_TRUE(matchesKey("PN", "张*", name));
    EXPECT_TRUE(matchesKey("PN", "张伟", name));  // ideographic group written without '^'
    EXPECT_TRUE(matchesKey("PN", "张^伟", name));
    EXPECT_TRUE(matchesKey("PN", "zhang*", name));
    EXPECT_TRUE(matchesKey("PN", "Zhang^Wei", name));
    EXPECT_TRUE(matchesKey("PN", "Zhang*=张*", name));
    EXPECT_FALSE(matchesKey("PN", "李*", name));
    EXPECT_FALSE(matchesKey("PN", "Wang*", name));
    EXPECT_TRUE(matchesKey("PN", "张^伟", "张伟"));
}

TEST(QueryMatcher, UidListsMatchAnyUidExactly) {
    EXPECT_TRUE(matchesKey("UI", "1.2.3\\1.2.4", "1.2.4"));
    EXPECT_TRUE(matchesKey("UI", "1.2.3\\1.2.4", "1.2.3"));
    EXPECT_FALSE(matchesKey("UI", "1.2.3\\1.2.4", "1.2.5"));
    EXPECT_FALSE(matchesKey("UI", "1.2", "1.2.3"));
    EXPECT_TRUE(matchesKey("UI", "1.2.3", "1.2.3"));
}

TEST(QueryMatcher, DateRanges) {
    EXPECT_TRUE(matchesKey("DA", "20260101-20261231", "20261124"));
    EXPECT_TRUE(matchesKey("DA", "20261124-20261124", "20261124"));
    EXPECT_FALSE(matchesKey("DA", "20260101-20261123", "20261124"));
    EXPECT_TRUE(matchesKey("DA", "20261124-", "20261124"));
    EXPECT_TRUE(matchesKey("DA", "20260101-", "20271231"));
    EXPECT_FALSE(matchesKey("DA", "20270101-", "20261124"));
    EXPECT_TRUE(matchesKey("DA", "-20261124", "19991231"));
    EXPECT_FALSE(matchesKey("DA", "-20251231", "20261124"));
    EXPECT_TRUE(matchesKey("DA", "20261124", "20261124"));
    EXPECT_FALSE(matchesKey("DA", "20261124", "20261125"));
    EXPECT_TRUE(matchesKey("DA", "2026.11.24", "20261124"));  // ACR-NEMA style
    EXPECT_FALSE(matchesKey("DA", "20260101-20261231", ""));  // no value, no match
}

TEST(QueryMatcher, TimeRangesHonourPrecision) {
    EXPECT_TRUE(matchesKey("TM", "100000-120000", "101500"));
    EXPECT_FALSE(matchesKey("TM", "110000-120000", "101500"));
    EXPECT_TRUE(matchesKey("TM", "10-", "101500"));
    EXPECT_FALSE(matchesKey("TM", "-0959", "101500"));
    EXPECT_TRUE(matchesKey("TM", "-10", "105959.999"));  // "10" ends at 10:59:59.999999
    EXPECT_TRUE(matchesKey("TM", "1015", "101530.5"));   // single value at minute precision
    EXPECT_FALSE(matchesKey("TM", "1015", "101600"));
    EXPECT_TRUE(matchesKey("TM", "10:15:00", "101500"));
    EXPECT_FALSE(matchesKey("TM", "100000-120000", ""));
}

TEST(QueryMatcher, SeveralValuesMatchWhenAnyDoes) {
    EXPECT_TRUE(matchesKey("CS", "CT\\MR", "MR"));
    EXPECT_FALSE(matchesKey("CS", "CT\\MR", "DX"));
    EXPECT_TRUE(matchesKey("CS", "MR", "CT\\MR"));  // e.g. Modalities in Study
    EXPECT_TRUE(matchesKey("CS", "C*", "SR\\CT"));
}

TEST(QueryMatcher, RequestMatchesWhenEveryKnownKeyDoes) {
    QueryRequest r;
    r.keys = {{tags::PatientName, "PN", "张*"},
              {tags::StudyDate, "DA", "20260101-"},
              {tags::StudyDescription, "LO", ""},
              {makeTag(0x0009, 0x1001), "LO", "unsupported"}};
    QueryMatch m;
    m.values[tags::PatientName] = "张伟";
    m.values[tags::StudyDate] = "20261124";
    EXPECT_TRUE(matchesRequest(r, m));
    m.values[tags::StudyDate] = "20251124";
    EXPECT_FALSE(matchesRequest(r, m));
}

// --- the archive's index queries (the same body on every index backend) ----------------------

namespace {

class ArchiveQueryTest : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override {
        COUNTYREAD_USE_BACKEND(tdb);
        db = tdb.open();
        index = std::make_shared<SqlArchiveIndex>(db);
        // WENAN: 张伟 (CT + a report), 张三丰 (DX); DAZHUANG: another 张伟.
        add("WENAN", "P001", "张伟", "1.2.840.99.1", "20261124", "101500", "1.2.840.99.1.1", "CT",
            1, {"1.2.840.99.1.1.1", "1.2.840.99.1.1.2"});
        add("WENAN", "P001", "张伟", "1.2.840.99.1", "20261124", "101500", "1.2.840.99.1.2", "SR",
            2, {"1.2.840.99.1.2.1"});
        add("WENAN", "P002", "Zhang^Sanfeng=张^三丰", "1.2.840.99.2", "20250301", "083000",
            "1.2.840.99.2.1", "DX", 1, {"1.2.840.99.2.1.1"});
        add("DAZHUANG", "P003", "张伟", "1.2.840.99.3", "20261124", "140000", "1.2.840.99.3.1",
            "CT", 1, {"1.2.840.99.3.1.1"});
        query = std::make_unique<ArchiveQuery>(db);
    }

    void add(const std::string& ae, const std::string& pid, const std::string& name,
             const std::string& study, const std::string& date, const std::string& time,
             const std::string& series, const std::string& modality, int series_number,
             const std::vector<std::string>& sops) {
        int n = 0;
        for (const auto& sop : sops) {
            StoredInstance s;
            s.info.patient_id = pid;
            s.info.patient_name = name;
            s.info.study_uid = study;
            s.info.study_date = date;
            s.info.study_time = time;
            s.info.study_description = modality == "DX" ? "胸部正位" : "头颅CT平扫";
            s.info.accession_number = "ACC" + pid;
            s.info.series_uid = series;
            s.info.modality = modality;
            s.info.series_number = series_number;
            s.info.sop_class_uid =
                modality == "SR" ? "1.2.840.10008.5.1.4.1.1.88.11" : "1.2.840.10008.5.1.4.1.1.2";
            s.info.sop_instance_uid = sop;
            s.info.instance_number = ++n;
            s.info.rows = modality == "SR" ? 0 : 512;
            s.info.columns = modality == "SR" ? 0 : 512;
            s.info.transfer_syntax_uid = "1.2.840.10008.1.2.1";
            s.blob_key = study + "/" + sop + ".dcm";
            s.size_bytes = 1000;
            s.sha256 = sop;
            s.source_ae = ae;
            s.received_at = "2026-11-24T10:00:00.000Z";
            index->addInstance(s);
        }
    }

    QueryRequest request(QueryLevel level, std::vector<QueryKey> keys) {
        QueryRequest r;
        r.level = level;
        r.keys = std::move(keys);
        return r;
    }

    static std::set<std::string> valuesOf(const std::vector<QueryMatch>& ms, Tag tag) {
        std::set<std::string> out;
        for (const auto& m : ms) out.insert(m.values.at(tag));
        return out;
    }

    test::TestDatabase tdb{GetParam()};
    std::shared_ptr<Database> db;
    std::shared_ptr<SqlArchiveIndex> index;
    std::unique_ptr<ArchiveQuery> query;
};

INSTANTIATE_TEST_SUITE_P(Backends, ArchiveQueryTest, test::allBackends(), test::backendName);

const std::optional<std::string> kWenan = std::string("WENAN");
const std::optional<std::string> kDazhuang = std::string("DAZHUANG");

}  // namespace

TEST_P(ArchiveQueryTest, StudiesByChineseWildcardAreScopedToTheTownship) {
    auto r = request(QueryLevel::Study,
                     {{tags::PatientName, "PN", "张*"}, {tags::StudyInstanceUID, "UI", ""}});
    EXPECT_EQ(valuesOf(query->find(r, kWenan), tags::StudyInstanceUID),
              (std::set<std::string>{"1.2.840.99.1", "1.2.840.99.2"}));
    EXPECT_EQ(valuesOf(query->find(r, kDazhuang), tags::StudyInstanceUID),
              (std::set<std::string>{"1.2.840.99.3"}));
    EXPECT_EQ(query->find(r, std::nullopt).size(), 3u);
    EXPECT_TRUE(query->find(r, std::string("NOBODY")).empty());
}

TEST_P(ArchiveQueryTest, QuestionMarkIsOneChineseCharacter) {
    auto r = request(QueryLevel::Study, {{tags::PatientName, "PN", "张?"}});
    auto found = query->find(r, kWenan);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].values.at(tags::PatientName), "张伟");
    // "张^三丰" is three characters in its ideographic group.
    r = request(QueryLevel::Study, {{tags::PatientName, "PN", "张??"}});
    EXPECT_EQ(valuesOf(query->find(r, kWenan), tags::PatientID), (std::set<std::string>{"P002"}));
    r = request(QueryLevel::Study, {{tags::PatientName, "PN", "zhang^SAN*"}});
    EXPECT_EQ(valuesOf(query->find(r, kWenan), tags::PatientID), (std::set<std::string>{"P002"}));
}

TEST_P(ArchiveQueryTest, StudyAttributesCountsAndModalities) {
    auto r = request(QueryLevel::Study, {{tags::StudyDate, "DA", "20260101-"}});
    auto found = query->find(r, kWenan);
    ASSERT_EQ(found.size(), 1u);
    auto& v = found[0].values;
    EXPECT_EQ(v.at(tags::StudyInstanceUID), "1.2.840.99.1");
    EXPECT_EQ(v.at(tags::StudyDate), "20261124");
    EXPECT_EQ(v.at(tags::StudyTime), "101500");
    EXPECT_EQ(v.at(tags::StudyDescription), "头颅CT平扫");
    EXPECT_EQ(v.at(tags::AccessionNumber), "ACCP001");
    EXPECT_EQ(v.at(tags::NumberOfStudyRelatedInstances), "3");
    EXPECT_EQ(v.at(tags::NumberOfStudyRelatedSeries), "2");
    EXPECT_EQ(v.at(tags::ModalitiesInStudy), "CT\\SR");

    r = request(QueryLevel::Study, {{tags::ModalitiesInStudy, "CS", "DX\\MR"}});
    EXPECT_EQ(valuesOf(query->find(r, kWenan), tags::PatientID), (std::set<std::string>{"P002"}));
    r = request(QueryLevel::Study,
                {{tags::StudyDate, "DA", "20250101-20251231"}, {tags::StudyTime, "TM", "08-09"}});
    EXPECT_EQ(valuesOf(query->find(r, kWenan), tags::PatientID), (std::set<std::string>{"P002"}));
    r = request(QueryLevel::Study, {{tags::StudyTime, "TM", "09-"}});
    EXPECT_EQ(valuesOf(query->find(r, kWenan), tags::PatientID), (std::set<std::string>{"P001"}));
}

TEST_P(ArchiveQueryTest, SeriesAndImagesOfAStudy) {
    auto r = request(QueryLevel::Series, {{tags::StudyInstanceUID, "UI", "1.2.840.99.1"}});
    auto series = query->find(r, kWenan);
    ASSERT_EQ(series.size(), 2u);
    EXPECT_EQ(series[0].values.at(tags::Modality), "CT");
    EXPECT_EQ(series[0].values.at(tags::SeriesNumber), "1");
    EXPECT_EQ(series[0].values.at(tags::NumberOfSeriesRelatedInstances), "2");
    EXPECT_EQ(series[1].values.at(tags::Modality), "SR");

    r = request(QueryLevel::Series,
                {{tags::StudyInstanceUID, "UI", "1.2.840.99.1"}, {tags::Modality, "CS", "SR"}});
    EXPECT_EQ(query->find(r, kWenan).size(), 1u);

    r = request(QueryLevel::Image,
                {{tags::StudyInstanceUID, "UI", "1.2.840.99.1"},
                 {tags::SOPInstanceUID, "UI", "1.2.840.99.1.1.2\\1.2.840.99.1.2.1"}});
    auto images = query->find(r, kWenan);
    EXPECT_EQ(valuesOf(images, tags::SOPInstanceUID),
              (std::set<std::string>{"1.2.840.99.1.1.2", "1.2.840.99.1.2.1"}));
    for (const auto& m : images) {
        if (m.values.at(tags::SOPInstanceUID) == "1.2.840.99.1.1.2") {
            EXPECT_EQ(m.values.at(tags::Rows), "512");
            EXPECT_EQ(m.values.at(tags::InstanceNumber), "2");
        } else {
            EXPECT_EQ(m.values.at(tags::Rows), "");  // an SR has no rows
        }
    }
    // Another township's study is invisible even by its UID.
    r = request(QueryLevel::Series, {{tags::StudyInstanceUID, "UI", "1.2.840.99.3"}});
    EXPECT_TRUE(query->find(r, kWenan).empty());
}

TEST_P(ArchiveQueryTest, PatientsAreGroupedWithCounts) {
    auto r = request(QueryLevel::Patient, {{tags::PatientName, "PN", "张*"}});
    auto patients = query->find(r, kWenan);
    ASSERT_EQ(patients.size(), 2u);
    for (const auto& p : patients) {
        if (p.values.at(tags::PatientID) == "P001") {
            EXPECT_EQ(p.values.at(tags::NumberOfPatientRelatedStudies), "1");
            EXPECT_EQ(p.values.at(tags::NumberOfPatientRelatedSeries), "2");
            EXPECT_EQ(p.values.at(tags::NumberOfPatientRelatedInstances), "3");
        }
    }
    // Study-level keys do not filter a PATIENT-level query.
    r = request(QueryLevel::Patient,
                {{tags::PatientID, "LO", "P001"}, {tags::StudyDate, "DA", "19000101"}});
    EXPECT_EQ(query->find(r, kWenan).size(), 1u);
}

TEST_P(ArchiveQueryTest, RetrieveSelectsInstancesUnderTheUniqueKeys) {
    auto r =
        request(QueryLevel::Study, {{tags::StudyInstanceUID, "UI", "1.2.840.99.1\\1.2.840.99.2"}});
    auto all = query->instances(r, kWenan);
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all[0].blob_key, "1.2.840.99.1/1.2.840.99.1.1.1.dcm");
    EXPECT_EQ(all[0].info.transfer_syntax_uid, "1.2.840.10008.1.2.1");
    EXPECT_EQ(all[0].info.sop_class_uid, "1.2.840.10008.5.1.4.1.1.2");
    r = request(QueryLevel::Series, {{tags::StudyInstanceUID, "UI", "1.2.840.99.1"},
                                     {tags::SeriesInstanceUID, "UI", "1.2.840.99.1.2"}});
    ASSERT_EQ(query->instances(r, kWenan).size(), 1u);
    r = request(QueryLevel::Patient, {{tags::PatientID, "LO", "P001"}});
    EXPECT_EQ(query->instances(r, kWenan).size(), 3u);
    r = request(QueryLevel::Study, {{tags::StudyInstanceUID, "UI", "1.2.840.99.3"}});
    EXPECT_TRUE(query->instances(r, kWenan).empty());
    EXPECT_EQ(query->instances(r, kDazhuang).size(), 1u);
}

TEST_P(ArchiveQueryTest, LikeSpecialCharactersInKeysAreLiteral) {
    auto r = request(QueryLevel::Study, {{tags::PatientID, "LO", "P%"}});
    EXPECT_TRUE(query->find(r, kWenan).empty());
    r = request(QueryLevel::Study, {{tags::PatientID, "LO", "P_0*"}});
    EXPECT_TRUE(query->find(r, kWenan).empty());
    r = request(QueryLevel::Study, {{tags::PatientID, "LO", "P00?"}});
    EXPECT_EQ(query->find(r, kWenan).size(), 2u);
}

// --- presentation contexts ------------------------------------------------------------------

TEST(QueryRetrieveContexts, FitInOneScpProfileWithTheClassesTownshipsSend) {
    const auto& storage = acceptedContexts();
    const auto& qr = queryRetrieveContexts();
    EXPECT_LE(storage.size() + qr.size(), 128u);
    EXPECT_EQ(qr.size(), 6u);
    for (const char* uid : {UID_ComputedRadiographyImageStorage,
                            UID_DigitalXRayImageStorageForPresentation,
                            UID_DigitalXRayImageStorageForProcessing,
                            UID_DigitalMammographyXRayImageStorageForPresentation,
                            UID_CTImageStorage,
                            UID_EnhancedCTImageStorage,
                            UID_MRImageStorage,
                            UID_EnhancedMRImageStorage,
                            UID_UltrasoundImageStorage,
                            UID_UltrasoundMultiframeImageStorage,
                            UID_XRayAngiographicImageStorage,
                            UID_XRayRadiofluoroscopicImageStorage,
                            UID_SecondaryCaptureImageStorage,
                            UID_MultiframeTrueColorSecondaryCaptureImageStorage,
                            UID_NuclearMedicineImageStorage,
                            UID_PositronEmissionTomographyImageStorage,
                            UID_RTDoseStorage,
                            UID_RTPlanStorage,
                            UID_RTStructureSetStorage,
                            UID_RTImageStorage,
                            UID_BasicTextSRStorage,
                            UID_EnhancedSRStorage,
                            UID_ComprehensiveSRStorage,
                            UID_Comprehensive3DSRStorage,
                            UID_XRayRadiationDoseSRStorage,
                            UID_ExtensibleSRStorage,
                            UID_KeyObjectSelectionDocumentStorage,
                            UID_GrayscaleSoftcopyPresentationStateStorage,
                            UID_AdvancedBlendingPresentationStateStorage,
                            UID_EncapsulatedPDFStorage,
                            UID_EncapsulatedCDAStorage,
                            UID_VLPhotographicImageStorage,
                            UID_VLEndoscopicImageStorage,
                            UID_OphthalmicPhotography8BitImageStorage,
                            UID_VerificationSOPClass})
        EXPECT_TRUE(storage.count(uid)) << dcmFindNameOfUID(uid, uid);
    for (const char* uid : {UID_FINDPatientRootQueryRetrieveInformationModel,
                            UID_MOVEStudyRootQueryRetrieveInformationModel,
                            UID_GETStudyRootQueryRetrieveInformationModel})
        EXPECT_TRUE(qr.count(uid)) << dcmFindNameOfUID(uid, uid);
}

// --- the listener's C-FIND over a real association ------------------------------------------

namespace {

class NoStore : public IStoreHandler {
public:
    StoreStatus onStore(const ReceivedInstance& in) override {
        std::filesystem::remove(in.temp_file);
        return {0xA700, "not here"};
    }
};

// Answers every query with one match and remembers what it was asked.
class FakeQuery : public IQueryHandler {
public:
    std::vector<QueryMatch> find(const QueryRequest& r) override {
        std::lock_guard lock(mutex);
        seen.push_back(r);
        QueryMatch m;
        m.values[tags::PatientName] = "张伟";
        m.values[tags::PatientID] = "P001";
        m.values[tags::StudyInstanceUID] = "1.2.840.99.1";
        m.values[tags::StudyDescription] = "头颅CT平扫";
        return {m};
    }
    std::vector<OutgoingInstance> retrieve(const QueryRequest&) override { return {}; }
    std::mutex mutex;
    std::vector<QueryRequest> seen;
};

struct FindResult {
    OFCondition cond;
    std::vector<DcmDataset> matches;
    Uint16 final_status = 0xFFFF;
};

FindResult find(int port, const char* sop_class, DcmDataset& keys) {
    DcmSCU scu;
    scu.setAETitle("WENAN");
    scu.setPeerHostName("127.0.0.1");
    scu.setPeerPort(static_cast<Uint16>(port));
    scu.setPeerAETitle("COUNTY");
    scu.addPresentationContext(sop_class, {UID_LittleEndianExplicitTransferSyntax});
    FindResult out;
    out.cond = scu.initNetwork();
    if (out.cond.good()) out.cond = scu.negotiateAssociation();
    if (out.cond.bad()) return out;
    OFList<QRResponse*> responses;
    T_ASC_PresentationContextID pid =
        scu.findAnyPresentationContextID(sop_class, UID_LittleEndianExplicitTransferSyntax);
    out.cond = scu.sendFINDRequest(pid, &keys, &responses);
    for (auto* r : responses) {
        if (r->m_dataset) out.matches.push_back(*r->m_dataset);
        out.final_status = r->m_status;
        delete r;
    }
    scu.releaseAssociation();
    return out;
}

class ListenerFindTest : public ::testing::Test {
protected:
    void SetUp() override {
        port = test::freePort();
        ListenerConfig cfg;
        cfg.port = port;
        cfg.staging_dir = tmp / "staging";
        listener = std::make_unique<StoreListener>(cfg, store, &fake);
        listener->start();
    }
    test::TempDir tmp;
    int port = 0;
    NoStore store;
    FakeQuery fake;
    std::unique_ptr<StoreListener> listener;
};

std::string stringOf(DcmDataset& ds, const DcmTagKey& tag) {
    OFString v;
    ds.findAndGetOFStringArray(tag, v);
    return v.c_str();
}

}  // namespace

TEST_F(ListenerFindTest, Gb18030QueryIsDecodedAndAnswerIsUtf8) {
    DcmDataset keys;
    keys.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    keys.putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
    keys.putAndInsertString(DCM_PatientName, "张*");
    keys.putAndInsertString(DCM_StudyInstanceUID, "");
    keys.putAndInsertString(DCM_StudyDescription, "");
    keys.putAndInsertString(DCM_ModalitiesInStudy, "");
    ASSERT_TRUE(keys.convertCharacterSet("GB18030").good());
    ASSERT_NE(stringOf(keys, DCM_PatientName), "张*") << "the request must travel as GB18030";

    auto r = find(port, UID_FINDStudyRootQueryRetrieveInformationModel, keys);
    ASSERT_TRUE(r.cond.good()) << r.cond.text();
    EXPECT_EQ(r.final_status, 0x0000);
    ASSERT_EQ(r.matches.size(), 1u);
    auto& m = r.matches[0];
    EXPECT_EQ(stringOf(m, DCM_SpecificCharacterSet), "ISO_IR 192");
    EXPECT_EQ(stringOf(m, DCM_PatientName), "张伟");
    EXPECT_EQ(stringOf(m, DCM_StudyDescription), "头颅CT平扫");
    EXPECT_EQ(stringOf(m, DCM_QueryRetrieveLevel), "STUDY");
    EXPECT_EQ(stringOf(m, DCM_RetrieveAETitle), "COUNTY");
    EXPECT_TRUE(m.tagExists(DCM_ModalitiesInStudy));  // asked for: present, empty
    EXPECT_FALSE(m.tagExists(DCM_PatientID));         // not asked for: absent

    std::lock_guard lock(fake.mutex);
    ASSERT_EQ(fake.seen.size(), 1u);
    EXPECT_EQ(fake.seen[0].level, QueryLevel::Study);
    EXPECT_EQ(fake.seen[0].model, QueryModel::StudyRoot);
    EXPECT_EQ(fake.seen[0].calling_ae, "WENAN");
    EXPECT_EQ(fake.seen[0].value(tags::PatientName), "张*");
}

TEST_F(ListenerFindTest, UndeclaredGb18030AndUtf8AreBothUnderstood) {
    for (const char* charset : {"GB18030", "ISO_IR 192"}) {
        DcmDataset keys;
        keys.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
        keys.putAndInsertString(DCM_PatientName, "张伟");
        if (std::string(charset) != "ISO_IR 192")
            ASSERT_TRUE(keys.convertCharacterSet(charset).good());
        keys.findAndDeleteElement(DCM_SpecificCharacterSet);  // as a careless SCU would send it
        keys.putAndInsertString(DCM_QueryRetrieveLevel, "PATIENT");
        auto r = find(port, UID_FINDPatientRootQueryRetrieveInformationModel, keys);
        ASSERT_TRUE(r.cond.good()) << r.cond.text();
        EXPECT_EQ(r.matches.size(), 1u);
    }
    std::lock_guard lock(fake.mutex);
    ASSERT_EQ(fake.seen.size(), 2u);
    for (const auto& s : fake.seen) {
        EXPECT_EQ(s.value(tags::PatientName), "张伟");
        EXPECT_EQ(s.model, QueryModel::PatientRoot);
        EXPECT_EQ(s.level, QueryLevel::Patient);
    }
}

TEST_F(ListenerFindTest, InvalidLevelIsRefusedWithoutAskingTheHandler) {
    DcmDataset keys;
    keys.putAndInsertString(DCM_QueryRetrieveLevel, "PATIENT");  // not in the study root model
    keys.putAndInsertString(DCM_PatientName, "");
    auto r = find(port, UID_FINDStudyRootQueryRetrieveInformationModel, keys);
    ASSERT_TRUE(r.cond.good()) << r.cond.text();
    EXPECT_EQ(r.final_status, 0xA900);
    EXPECT_TRUE(r.matches.empty());
    std::lock_guard lock(fake.mutex);
    EXPECT_TRUE(fake.seen.empty());
}
