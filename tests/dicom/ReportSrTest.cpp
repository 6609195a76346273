#include <gtest/gtest.h>

#include "dicom/model/DicomFile.h"
#include "dicom/sr/ReportSr.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::dicom;

namespace {
InstanceInfo studyInstance(const test::TempDir& tmp) {
    test::FixtureSpec spec;
    spec.charset = "GB18030";
    spec.patient_name_utf8 = "张伟";
    auto f = tmp / "ct.dcm";
    test::writeFixture(f, spec);
    return readInstanceInfo(f);
}

ReportContent content() {
    ReportContent c;
    c.findings = "双肺纹理清晰，未见明显实变影。\n心影大小形态正常。";
    c.impression = "胸部正位片未见明显异常。";
    c.author = {"li", "李明", "县人民医院放射科"};
    return c;
}
}  // namespace

TEST(ReportSr, RoundTripKeepsChineseTextAndStudyIdentity) {
    test::TempDir tmp;
    auto study = studyInstance(tmp);
    auto bytes = buildReportSr(study, {study}, content());
    auto info = readInstanceInfo(bytes);
    EXPECT_EQ(info.study_uid, study.study_uid);
    EXPECT_EQ(info.patient_id, study.patient_id);
    EXPECT_EQ(info.modality, "SR");
    EXPECT_EQ(info.sop_class_uid, "1.2.840.10008.5.1.4.1.1.88.11");
    EXPECT_NE(info.series_uid, study.series_uid);
    auto parsed = parseReportSr(bytes);
    EXPECT_EQ(parsed.patient_name, "张伟");
    EXPECT_EQ(parsed.findings, content().findings);
    EXPECT_EQ(parsed.impression, content().impression);
    EXPECT_EQ(parsed.observer_name, "李明");
    EXPECT_EQ(parsed.completion_flag, "COMPLETE");
    EXPECT_EQ(parsed.verification_flag, "VERIFIED");
    EXPECT_FALSE(parsed.critical_finding);
}

TEST(ReportSr, CriticalFindingFlagRoundTrips) {
    test::TempDir tmp;
    auto c = content();
    c.critical_finding = true;
    auto parsed = parseReportSr(buildReportSr(studyInstance(tmp), {}, c));
    EXPECT_TRUE(parsed.critical_finding);
}

TEST(ReportSr, DciodvfyFindsNoErrors) {
    if (!test::haveProgram("dciodvfy")) GTEST_SKIP() << "dciodvfy not installed";
    test::TempDir tmp;
    auto study = studyInstance(tmp);
    auto sr = tmp / "sr.dcm";
    writeFileBytes(sr, buildReportSr(study, {study}, content()));
    auto r = test::run({"dciodvfy", "-new", sr.string()});
    EXPECT_EQ(r.output.find("Error"), std::string::npos) << r.output;
}

TEST(ReportSr, TwoLevelSigningPreliminaryThenVerifiedBySenior) {
    test::TempDir tmp;
    auto study = studyInstance(tmp);
    auto c = content();
    c.recommendations = "建议1个月后复查。";
    c.author = {"zhao", "赵磊", "县人民医院放射科"};
    c.preliminary = true;
    auto pre_bytes = buildReportSr(study, {study}, c);
    auto pre = parseReportSr(pre_bytes);
    EXPECT_EQ(pre.completion_flag, "COMPLETE");
    EXPECT_EQ(pre.verification_flag, "UNVERIFIED");
    EXPECT_EQ(pre.verifier_name, "");
    EXPECT_EQ(pre.observer_name, "赵磊");
    EXPECT_EQ(pre.recommendations, "建议1个月后复查。");

    auto pre_info = readInstanceInfo(pre_bytes);
    c.preliminary = false;
    c.verifier = ReportAuthor{"li", "李明", "县人民医院放射科"};
    c.predecessor = DocumentRef{pre_info.series_uid, pre_info.sop_class_uid, pre_info.sop_instance_uid};
    c.impression = "胸部正位片未见明显异常（已审核）。";
    auto final_bytes = buildReportSr(study, {study}, c);
    auto fin = parseReportSr(final_bytes);
    EXPECT_EQ(fin.verification_flag, "VERIFIED");
    EXPECT_EQ(fin.verifier_name, "李明");
    EXPECT_EQ(fin.observer_name, "赵磊");
    EXPECT_EQ(fin.predecessor_sop_uid, pre_info.sop_instance_uid);
    EXPECT_NE(fin.sop_instance_uid, pre.sop_instance_uid);
    // A preliminary report cannot already carry a verifier.
    c.preliminary = true;
    EXPECT_THROW(buildReportSr(study, {study}, c), DicomError);

    if (!test::haveProgram("dciodvfy")) return;
    for (auto* bytes : {&pre_bytes, &final_bytes}) {
        auto f = tmp / "sr.dcm";
        writeFileBytes(f, *bytes);
        auto r = test::run({"dciodvfy", "-new", f.string()});
        EXPECT_EQ(r.output.find("Error"), std::string::npos) << r.output;
    }
}

TEST(ReportSr, AddendumNamesTheReportItCorrects) {
    test::TempDir tmp;
    auto study = studyInstance(tmp);
    auto original = buildReportSr(study, {study}, content());
    auto info = readInstanceInfo(original);
    auto c = content();
    c.addendum = "更正：左肺下叶见一约5mm结节，建议随访。";
    EXPECT_THROW(buildReportSr(study, {study}, c), DicomError) << "an addendum without its original";
    c.predecessor = DocumentRef{info.series_uid, info.sop_class_uid, info.sop_instance_uid};
    auto bytes = buildReportSr(study, {study}, c);
    auto parsed = parseReportSr(bytes);
    EXPECT_EQ(parsed.addendum, c.addendum);
    EXPECT_EQ(parsed.predecessor_sop_uid, info.sop_instance_uid);
    EXPECT_EQ(parsed.verification_flag, "VERIFIED");
    EXPECT_EQ(parsed.verifier_name, "李明");
    c.predecessor->sop_instance_uid = "not-a-uid";
    EXPECT_THROW(buildReportSr(study, {study}, c), DicomError);
    if (!test::haveProgram("dciodvfy")) return;
    auto f = tmp / "addendum.dcm";
    writeFileBytes(f, bytes);
    auto r = test::run({"dciodvfy", "-new", f.string()});
    EXPECT_EQ(r.output.find("Error"), std::string::npos) << r.output;
}
