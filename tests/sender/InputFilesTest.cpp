// The one-shot sender's inputs: files, folders and CD imports with a DICOMDIR.
#include <dcmtk/dcmdata/dctk.h>
#include <gtest/gtest.h>

#include <fstream>

#include "sender/InputFiles.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::sender;
namespace fs = std::filesystem;

namespace {

// A DICOMDIR whose records point at `ids` (backslash-separated file IDs, as on a CD).
void writeDicomdir(const fs::path& file, const std::vector<std::string>& ids) {
    DcmFileFormat ff;
    auto* ds = ff.getDataset();
    ds->putAndInsertString(DCM_FileSetID, "TOWNSHIP_CD");
    auto* seq = new DcmSequenceOfItems(DCM_DirectoryRecordSequence);
    auto* patient = new DcmItem();
    patient->putAndInsertString(DCM_DirectoryRecordType, "PATIENT");
    seq->append(patient);
    for (const auto& id : ids) {
        auto* rec = new DcmItem();
        rec->putAndInsertString(DCM_DirectoryRecordType, "IMAGE");
        rec->putAndInsertString(DCM_ReferencedFileID, id.c_str());
        seq->append(rec);
    }
    ds->insert(seq);
    ff.getMetaInfo()->putAndInsertString(DCM_MediaStorageSOPClassUID,
                                         UID_MediaStorageDirectoryStorage);
    ASSERT_TRUE(ff.saveFile(file.c_str(), EXS_LittleEndianExplicit).good());
}

}  // namespace

TEST(InputFiles, FoldersAreScannedRecursivelyAndSorted) {
    test::TempDir tmp;
    fs::create_directories(tmp / "a" / "b");
    test::writeFixture(tmp / "a" / "b" / "2.dcm", {});
    test::writeFixture(tmp / "a" / "1.dcm", {});
    auto in = collectInputs({tmp / "a", tmp / "missing"});
    ASSERT_EQ(in.files.size(), 2u);
    EXPECT_EQ(in.files[0].filename(), "1.dcm");
    ASSERT_EQ(in.problems.size(), 1u);
    EXPECT_EQ(in.problems[0].path, tmp / "missing");
}

TEST(InputFiles, CdImportGoesThroughItsDicomdirIgnoringCase) {
    test::TempDir tmp;
    const fs::path cd = tmp / "cdrom";
    fs::create_directories(cd / "dicom" / "st000001");
    test::writeFixture(cd / "dicom" / "st000001" / "im000001", {});
    test::writeFixture(cd / "dicom" / "st000001" / "im000002", {});
    // Viewer software on the CD is not an image.
    std::ofstream(cd / "autorun.inf") << "[autorun]\nopen=viewer.exe\n";
    std::ofstream(cd / "viewer.exe") << "MZ...";
    // Records name upper-case ISO 9660 IDs; this mount shows lower case. One record is stale.
    writeDicomdir(cd / "DICOMDIR", {"DICOM\\ST000001\\IM000001", "DICOM\\ST000001\\IM000002",
                                    "DICOM\\ST000001\\IM000003"});
    for (const auto& root : {cd, cd / "DICOMDIR"}) {
        auto in = collectInputs({root});
        ASSERT_EQ(in.files.size(), 2u) << root;
        EXPECT_EQ(in.files[0], cd / "dicom" / "st000001" / "im000001");
        EXPECT_EQ(in.files[1], cd / "dicom" / "st000001" / "im000002");
        ASSERT_EQ(in.problems.size(), 1u);
        EXPECT_NE(in.problems[0].message.find("not found"), std::string::npos);
    }
}

TEST(InputFiles, ANestedDicomdirIsSkippedWhenScanning) {
    test::TempDir tmp;
    fs::create_directories(tmp / "export" / "sub");
    test::writeFixture(tmp / "export" / "sub" / "1.dcm", {});
    writeDicomdir(tmp / "export" / "sub" / "DICOMDIR", {"1.dcm"});
    auto in = collectInputs({tmp / "export"});
    ASSERT_EQ(in.files.size(), 1u);
    EXPECT_EQ(in.files[0].filename(), "1.dcm");
    EXPECT_TRUE(isDicomdirName("dicomdir"));
    EXPECT_FALSE(isDicomdirName("DICOMDIR.bak"));
}
