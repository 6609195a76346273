#include <gtest/gtest.h>

#include "dicom/model/DicomFile.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

using namespace countyread;

namespace {
std::string rawPatientNameBytes(const std::filesystem::path& f) {
    // The raw bytes in the file, to prove the fixture really is in the foreign encoding.
    return test::readText(f);
}
}  // namespace

class CharsetTest : public ::testing::TestWithParam<const char*> {};

TEST_P(CharsetTest, PatientNameIsDecodedToUtf8) {
    test::TempDir tmp;
    test::FixtureSpec spec;
    spec.charset = GetParam();
    spec.patient_name_utf8 = "王小东^测试";
    auto file = tmp / "f.dcm";
    test::writeFixture(file, spec);
    if (spec.charset != "ISO_IR 192")
        EXPECT_EQ(rawPatientNameBytes(file).find("王小东"), std::string::npos)
            << "fixture should be encoded in " << spec.charset;
    auto info = dicom::readInstanceInfo(file);
    EXPECT_EQ(info.patient_name, "王小东^测试");
    EXPECT_EQ(info.source_charset, spec.charset);
    EXPECT_TRUE(info.charset_error.empty());
}

INSTANTIATE_TEST_SUITE_P(ChineseCharsets, CharsetTest,
                         ::testing::Values("GB18030", "GBK", "ISO_IR 192"));

TEST(Charset, SharedSamplesDecode) {
    auto samples = test::sharedSampleData();
    if (!samples) GTEST_SKIP() << "../shared/sample-data not present";
    auto x1 = dicom::readInstanceInfo(*samples / "charset" / "chrX1.dcm");  // ISO_IR 192
    auto x2 = dicom::readInstanceInfo(*samples / "charset" / "chrX2.dcm");  // GB18030
    EXPECT_EQ(x1.patient_name, "Wang^XiaoDong=王^小東=");
    EXPECT_EQ(x2.patient_name, "Wang^XiaoDong=王^小东=");
}

TEST(Charset, UndecodableTextIsFlaggedNotPassedOnAsInvalidUtf8) {
    auto samples = test::sharedSampleData();
    if (!samples) GTEST_SKIP() << "../shared/sample-data not present";
    // ISO 2022 IR 87 (Japanese) is not supported by glibc iconv in DCMTK 3.6.7.
    auto info = dicom::readInstanceInfo(*samples / "charset" / "chrJapMulti.dcm");
    if (info.charset_error.empty()) GTEST_SKIP() << "this DCMTK decodes IR 87";
    for (unsigned char c : info.patient_name) EXPECT_LT(c, 0x80);
}
