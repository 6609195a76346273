// Files are valid Part 10 objects that dciodvfy accepts, and the CLI works.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "SampleFile.h"
#include "SampleSet.h"
#include "tests/support/TestSupport.h"

namespace countyread::samples::test {
namespace {
namespace fs = std::filesystem;
using countyread::test::TempDir;

std::vector<std::string> errorLines(const std::string& output) {
    std::vector<std::string> errors;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("Error", 0) == 0) errors.push_back(line);
    }
    return errors;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// dicom3tools (2022 and older) knows GB18030 but not GBK, and flags every GBK byte. GBK's
// double-byte codes are the same bytes in GB18030, so the GBK file is checked relabelled.
fs::path relabelledAsGb18030(const fs::path& gbk, const fs::path& dir) {
    DcmFileFormat file;
    EXPECT_TRUE(file.loadFile(gbk.c_str()).good());
    file.getDataset()->putAndInsertString(DCM_SpecificCharacterSet, "GB18030");
    fs::path out = dir / gbk.filename();
    EXPECT_TRUE(file.saveFile(out.c_str(), EXS_LittleEndianExplicit).good());
    return out;
}

TEST(SampleConformance, DciodvfyReportsNoErrors) {
    if (!countyread::test::haveProgram("dciodvfy"))
        GTEST_SKIP() << "dciodvfy (dicom3tools) not installed";
    TempDir scratch("countyread-dciodvfy");
    int checked = 0;
    for (const auto& study : sharedSamples()) {
        for (const auto& path : study.files) {
            auto result = countyread::test::run({"dciodvfy", path.string()});
            auto errors = errorLines(result.output);
            if (study.charset == "GBK") {
                std::erase_if(errors, [](const std::string& e) {
                    return e.find("Character invalid for character repertoire") !=
                               std::string::npos ||
                           e.find("contains invalid data values") != std::string::npos;
                });
                auto relabelled = countyread::test::run(
                    {"dciodvfy", relabelledAsGb18030(path, scratch.path()).string()});
                EXPECT_EQ(join(errorLines(relabelled.output)), "") << path << " as GB18030";
            }
            EXPECT_EQ(join(errors), "") << path << "\n" << result.output;
            EXPECT_NE(
                result.output.find(study.modality == "DX" ? "DXImageForPresentation" : "CTImage"),
                std::string::npos)
                << result.output;
            ++checked;
        }
    }
    EXPECT_EQ(checked, 2 + kCtSlices + 8);
}

TEST(SampleConformance, Part10MetaHeaderAndUids) {
    std::set<std::string> instances, studies;
    for (const auto& study : sharedSamples()) {
        studies.insert(study.study_uid);
        for (const auto& path : study.files) {
            SampleFile f(path);
            SCOPED_TRACE(path.string());
            const std::string sop = f.raw(DCM_SOPInstanceUID);
            EXPECT_EQ(path.filename().string(), sop + ".dcm");
            EXPECT_EQ(f.meta(DCM_MediaStorageSOPInstanceUID), sop);
            EXPECT_EQ(f.meta(DCM_TransferSyntaxUID), UID_LittleEndianExplicitTransferSyntax);
            EXPECT_EQ(f.meta(DCM_SourceApplicationEntityTitle), "WENAN");
            EXPECT_EQ(f.raw(DCM_SOPClassUID), study.modality == "DX"
                                                  ? UID_DigitalXRayImageStorageForPresentation
                                                  : UID_CTImageStorage);
            EXPECT_EQ(f.meta(DCM_MediaStorageSOPClassUID), f.raw(DCM_SOPClassUID));
            EXPECT_EQ(path.parent_path(), study.directory);
            instances.insert(sop);
        }
    }
    EXPECT_EQ(studies.size(), 4u);
    EXPECT_EQ(instances.size(), static_cast<size_t>(2 + kCtSlices + 8));
}

TEST(SampleConformance, RealisticStudyAttributes) {
    const std::regex age("[0-9]{3}Y");
    std::set<std::string> accessions, patientIds;
    for (const auto& study : sharedSamples()) {
        SampleFile f(study.files.at(0));
        SCOPED_TRACE(study.charset);
        EXPECT_EQ(f.raw(DCM_StudyDate), todayDa());
        EXPECT_EQ(f.raw(DCM_StudyTime).size(), 6u);
        EXPECT_TRUE(std::regex_match(f.raw(DCM_PatientAge), age)) << f.raw(DCM_PatientAge);
        EXPECT_EQ(f.raw(DCM_PatientBirthDate).size(), 8u);
        EXPECT_TRUE(f.raw(DCM_PatientSex) == "M" || f.raw(DCM_PatientSex) == "F");
        EXPECT_TRUE(std::regex_match(f.raw(DCM_PatientID), std::regex("WENAN-[0-9]{6}")));
        EXPECT_EQ(f.raw(DCM_Manufacturer), "CountyRead Phantom");
        EXPECT_EQ(f.raw(DCM_Modality), study.modality);
        EXPECT_FALSE(f.raw(DCM_StudyID).empty());
        EXPECT_FALSE(f.raw(DCM_StationName).empty());
        EXPECT_FALSE(f.utf8(DCM_ReferringPhysicianName).empty());
        EXPECT_GE(f.number(DCM_SeriesNumber), 1);
        accessions.insert(f.raw(DCM_AccessionNumber));
        patientIds.insert(f.raw(DCM_PatientID));
    }
    EXPECT_EQ(accessions.size(), 4u);
    EXPECT_EQ(patientIds.size(), 4u);
    SampleFile dx(studyIn("GB18030").files.at(0));
    EXPECT_EQ(dx.raw(DCM_PatientID), "WENAN-000123");
    EXPECT_EQ(dx.raw(DCM_PresentationIntentType), "FOR PRESENTATION");
    SampleFile head(studyIn("GBK").files.at(0));
    EXPECT_EQ(head.raw(DCM_BodyPartExamined), "HEAD");
    EXPECT_EQ(head.raw(DCM_PatientPosition), "HFS");
}

TEST(SampleConformance, CliPrintsOneLinePerStudyAndRerunsReplaceFiles) {
    TempDir out("countyread-samples-cli");
    std::vector<std::string> argv = {countyread::test::binPath("countyread-samples").string(),
                                     "--out",
                                     out.path().string(),
                                     "--dr-size",
                                     "96",
                                     "--ct-slices",
                                     "3",
                                     "--ct-size",
                                     "64",
                                     "--seed",
                                     "5"};
    auto result = countyread::test::run(argv);
    ASSERT_EQ(result.exit_code, 0) << result.output;
    std::istringstream lines(result.output);
    std::vector<std::string> rows;
    for (std::string line; std::getline(lines, line);) rows.push_back(line);
    ASSERT_EQ(rows.size(), 4u) << result.output;
    EXPECT_NE(rows[0].find("DX  GB18030  张伟  1 file(s)"), std::string::npos) << rows[0];
    EXPECT_NE(rows[1].find("CT  GBK  王芳  3 file(s)"), std::string::npos) << rows[1];
    EXPECT_NE(rows[2].find("DX  ISO_IR 192  李娜  1 file(s)"), std::string::npos) << rows[2];
    EXPECT_NE(rows[3].find("CT  \\ISO 2022 IR 58  Liu^Yang=刘^洋  8 file(s)"), std::string::npos)
        << rows[3];

    auto countDcm = [&] {
        int n = 0;
        for (const auto& e : fs::recursive_directory_iterator(out.path()))
            n += e.path().extension() == ".dcm";
        return n;
    };
    EXPECT_EQ(countDcm(), 1 + 3 + 1 + 8);
    ASSERT_EQ(countyread::test::run(argv).exit_code, 0);
    EXPECT_EQ(countDcm(), 1 + 3 + 1 + 8) << "a rerun replaces the study folders' files";
}

TEST(SampleConformance, CliRejectsBadArguments) {
    auto bin = countyread::test::binPath("countyread-samples").string();
    EXPECT_NE(countyread::test::run({bin}).exit_code, 0) << "--out is required";
    TempDir out("countyread-samples-bad-cli");
    auto bad = countyread::test::run({bin, "--out", out.path().string(), "--ct-size", "5000"});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.output.find("ct_size"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace countyread::samples::test
