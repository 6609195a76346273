// Each study really is encoded in its character set and DCMTK decodes it back.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <stdexcept>

#include "SampleFile.h"
#include "SampleSet.h"
#include "TextEncoder.h"
#include "tests/support/TestSupport.h"

namespace countyread::samples::test {
namespace {

bool isValidUtf8(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        int extra = c < 0x80             ? 0
                    : (c & 0xE0) == 0xC0 ? 1
                    : (c & 0xF0) == 0xE0 ? 2
                    : (c & 0xF8) == 0xF0 ? 3
                                         : -1;
        if (extra < 0) return false;
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        }
        i += extra + 1;
    }
    return true;
}

TEST(SampleCharset, FourStudiesInTheFourChineseCharsets) {
    const auto& studies = sharedSamples();
    ASSERT_EQ(studies.size(), 4u);
    std::set<std::string> charsets;
    for (const auto& s : studies) charsets.insert(s.charset);
    EXPECT_EQ(charsets,
              (std::set<std::string>{"GB18030", "GBK", "ISO_IR 192", "\\ISO 2022 IR 58"}));

    EXPECT_EQ(studyIn("GB18030").modality, "DX");
    EXPECT_EQ(studyIn("GBK").modality, "CT");
    EXPECT_EQ(studyIn("ISO_IR 192").modality, "DX");
    EXPECT_EQ(studyIn("\\ISO 2022 IR 58").modality, "CT");
    EXPECT_EQ(studyIn("GB18030").files.size(), 1u);
    EXPECT_EQ(studyIn("GBK").files.size(), static_cast<size_t>(kCtSlices));
    EXPECT_EQ(studyIn("ISO_IR 192").files.size(), 1u);
    EXPECT_EQ(studyIn("\\ISO 2022 IR 58").files.size(), 8u);  // max(8, ct_slices / 3)

    for (const auto& study : studies) {
        for (const auto& path : study.files) {
            SampleFile file(path);
            EXPECT_EQ(file.raw(DCM_SpecificCharacterSet), study.charset) << path;
            EXPECT_EQ(file.raw(DCM_StudyInstanceUID), study.study_uid) << path;
            EXPECT_EQ(file.raw(DCM_PatientID), study.patient_id) << path;
        }
    }
}

TEST(SampleCharset, PatientNamesAreStoredInTheDeclaredEncoding) {
    SampleFile gb18030(studyIn("GB18030").files.at(0));
    SampleFile gbk(studyIn("GBK").files.at(0));
    SampleFile utf8(studyIn("ISO_IR 192").files.at(0));
    SampleFile iso2022(studyIn("\\ISO 2022 IR 58").files.at(0));

    EXPECT_EQ(gb18030.raw(DCM_PatientName), "\xD5\xC5\xCE\xB0");  // 张伟
    EXPECT_EQ(gbk.raw(DCM_PatientName), "\xCD\xF5\xB7\xBC");      // 王芳
    EXPECT_EQ(utf8.raw(DCM_PatientName), "李娜");
    // PS3.5 Annex K style: ESC $ ) A designates GB2312 into G1 before each ideographic run.
    EXPECT_EQ(iso2022.raw(DCM_PatientName), "Liu^Yang=\x1B$)A\xC1\xF5^\x1B$)A\xD1\xF3");

    EXPECT_FALSE(isValidUtf8(gb18030.raw(DCM_PatientName)));
    EXPECT_FALSE(isValidUtf8(gbk.raw(DCM_PatientName)));
    EXPECT_FALSE(isValidUtf8(gb18030.raw(DCM_InstitutionName)));
    EXPECT_FALSE(isValidUtf8(gbk.raw(DCM_InstitutionName)));
    // (头颅CT平扫 in GBK happens to be valid UTF-8 bytes, so it proves nothing.)
    EXPECT_TRUE(isValidUtf8(utf8.raw(DCM_PatientName)));
    EXPECT_NE(iso2022.raw(DCM_InstitutionName).find("\x1B$)A"), std::string::npos);
}

TEST(SampleCharset, DcmtkDecodesEveryFileBackToTheUtf8Text) {
    const std::map<std::string, std::string> names = {{"GB18030", "张伟"},
                                                      {"GBK", "王芳"},
                                                      {"ISO_IR 192", "李娜"},
                                                      {"\\ISO 2022 IR 58", "Liu^Yang=刘^洋"}};
    for (const auto& study : sharedSamples()) {
        EXPECT_EQ(study.patient_name_utf8, names.at(study.charset));
        for (const auto& path : study.files) {
            SampleFile file(path);
            EXPECT_EQ(file.utf8(DCM_PatientName), names.at(study.charset)) << path;
            EXPECT_EQ(file.utf8(DCM_InstitutionName), "问安镇卫生院") << path;
            EXPECT_EQ(file.utf8(DCM_StudyDescription), study.description_utf8) << path;
            EXPECT_EQ(file.utf8(DCM_InstitutionalDepartmentName), "放射科") << path;
            EXPECT_EQ(file.utf8(DCM_SpecificCharacterSet), "ISO_IR 192") << path;
        }
    }
    EXPECT_EQ(studyIn("GB18030").description_utf8, "胸部正位");
    EXPECT_EQ(studyIn("GBK").description_utf8, "头颅CT平扫");
}

TEST(SampleCharset, Iso2022Ir58EncoderFollowsPs35) {
    EXPECT_EQ(TextEncoder::toIso2022Ir58("CHEST PA"), "CHEST PA");
    EXPECT_EQ(TextEncoder::toIso2022Ir58("刘洋"), "\x1B$)A\xC1\xF5\xD1\xF3");
    EXPECT_EQ(TextEncoder::toIso2022Ir58("胸部CT平扫"),
              "\x1B$)A\xD0\xD8\xB2\xBF"
              "CT\x1B$)A\xC6\xBD\xC9\xA8");
    // Korean is outside GB2312: refuse rather than write garbage.
    EXPECT_THROW(TextEncoder::toIso2022Ir58("김"), std::runtime_error);
}

TEST(SampleCharset, TownshipAndInstitutionAreConfigurable) {
    countyread::test::TempDir dir("countyread-samples-custom");
    SampleOptions options;
    options.out_dir = dir.path();
    options.township_aet = "SHIQIAO";
    options.institution = "石桥镇卫生院";
    options.dr_size = 96;
    options.ct_slices = 2;
    options.ct_size = 64;
    auto studies = generateSamples(options);
    ASSERT_EQ(studies.size(), 4u);
    for (const auto& study : studies) {
        EXPECT_EQ(study.patient_id.rfind("SHIQIAO-", 0), 0u) << study.patient_id;
        SampleFile file(study.files.at(0));
        EXPECT_EQ(file.utf8(DCM_InstitutionName), "石桥镇卫生院");
        EXPECT_EQ(file.meta(DCM_SourceApplicationEntityTitle), "SHIQIAO");
        EXPECT_EQ(file.raw(DCM_StationName).rfind("SHIQIAO-", 0), 0u);
    }
}

TEST(SampleCharset, RejectsOutOfRangeOptions) {
    countyread::test::TempDir dir("countyread-samples-bad");
    SampleOptions options;
    options.out_dir = dir.path();
    options.dr_size = 10;
    EXPECT_THROW(generateSamples(options), std::invalid_argument);
    options.dr_size = 128;
    options.township_aet = "A\\B";
    EXPECT_THROW(generateSamples(options), std::invalid_argument);
    options.township_aet = "THIS_AET_IS_TOO_LONG";
    EXPECT_THROW(generateSamples(options), std::invalid_argument);
}

}  // namespace
}  // namespace countyread::samples::test
