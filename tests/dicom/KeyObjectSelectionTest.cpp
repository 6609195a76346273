// Key Object Selection: the key images, the description and the observer survive a round trip,
// the object is valid per dciodvfy, and bad input is refused.
#include <gtest/gtest.h>

#include "dicom/model/DicomFile.h"
#include "dicom/model/Uid.h"
#include "dicom/sr/KeyObjectSelection.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::dicom;

namespace {
KeyObjectSelection sample(const test::TempDir& tmp) {
    test::FixtureSpec spec;
    spec.charset = "GB18030";
    spec.patient_name_utf8 = "王芳";
    auto f = tmp / "ct.dcm";
    test::writeFixture(f, spec);
    auto info = readInstanceInfo(f);
    KeyObjectSelection kos;
    kos.study = info;
    kos.images.push_back({info.sop_class_uid, info.sop_instance_uid, info.series_uid, 0});
    kos.images.push_back({info.sop_class_uid, newUid(), info.series_uid, 0});
    kos.images.push_back({"1.2.840.10008.5.1.4.1.1.2.1", newUid(), newUid(), 3});  // a frame of an enhanced CT
    kos.description = "右肺下叶结节，见第 37 层";
    kos.observer = "李明";
    return kos;
}
}  // namespace

TEST(KeyObjectSelection, RoundTripKeepsImagesFramesTextAndPatient) {
    test::TempDir tmp;
    auto kos = sample(tmp);
    auto bytes = buildKeyObjectSelection(kos);
    auto info = readInstanceInfo(bytes);
    EXPECT_EQ(info.sop_class_uid, kKeyObjectSelectionSopClass);
    EXPECT_EQ(info.modality, "KO");
    EXPECT_EQ(info.study_uid, kos.study.study_uid);
    EXPECT_EQ(info.patient_name, "王芳");
    auto back = parseKeyObjectSelection(bytes);
    EXPECT_EQ(back.sop_instance_uid, info.sop_instance_uid);
    EXPECT_EQ(back.description, kos.description);
    EXPECT_EQ(back.observer, "李明");
    ASSERT_EQ(back.images.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(back.images[i].sop_instance_uid, kos.images[i].sop_instance_uid);
        EXPECT_EQ(back.images[i].sop_class_uid, kos.images[i].sop_class_uid);
        EXPECT_EQ(back.images[i].series_uid, kos.images[i].series_uid);
        EXPECT_EQ(back.images[i].frame, kos.images[i].frame);
    }
    // A chosen SOP Instance UID is kept.
    kos.sop_instance_uid = newUid();
    EXPECT_EQ(parseKeyObjectSelection(buildKeyObjectSelection(kos)).sop_instance_uid, kos.sop_instance_uid);
}

TEST(KeyObjectSelection, RefusesEmptySelectionsBadUidsAndOtherObjects) {
    test::TempDir tmp;
    auto kos = sample(tmp);
    auto empty = kos;
    empty.images.clear();
    EXPECT_THROW(buildKeyObjectSelection(empty), DicomError);
    auto bad = kos;
    bad.images[0].sop_instance_uid = "1.2.abc";
    EXPECT_THROW(buildKeyObjectSelection(bad), DicomError);
    EXPECT_THROW(parseKeyObjectSelection(readFileBytes(tmp / "ct.dcm")), DicomError);
}

TEST(KeyObjectSelection, DciodvfyFindsNoErrors) {
    if (!test::haveProgram("dciodvfy")) GTEST_SKIP() << "dciodvfy not installed";
    test::TempDir tmp;
    auto file = tmp / "kos.dcm";
    writeFileBytes(file, buildKeyObjectSelection(sample(tmp)));
    auto r = test::run({"dciodvfy", "-new", file.string()});
    EXPECT_EQ(r.output.find("Error"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("KeyObjectSelectionDocument"), std::string::npos) << r.output;
}
