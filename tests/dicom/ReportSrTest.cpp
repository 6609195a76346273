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
