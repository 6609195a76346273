#include <gtest/gtest.h>

#include "tests/viewer/FakeServer.h"
#include "tests/viewer/PhantomDicom.h"
#include "viewer/core/StudyLoader.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

const char* kStudy = "1.2.826.0.1.3680043.10.2000.1";

InstanceRow ctRow(int n, const std::string& series = "1.2.826.0.1.3680043.10.2000.1.2",
                  int series_number = 2) {
    InstanceRow r;
    r.sop_instance_uid = std::string(kStudy) + ".2." + std::to_string(n);
    r.sop_class_uid = "1.2.840.10008.5.1.4.1.1.2";
    r.series_uid = series;
    r.series_number = series_number;
    r.instance_number = n;
    r.modality = "CT";
    r.rows = 16;
    r.columns = 16;
    return r;
}

dicom::Bytes ctSlice(const InstanceRow& row, double z, std::uint16_t value) {
    test::PhantomSpec s;
    s.width = 16;
    s.height = 16;
    s.raw = std::vector<std::uint16_t>(256, value);
    s.slope = 1;
    s.intercept = -1024;
    s.z_position = z;
    s.study_uid = kStudy;
    s.series_uid = row.series_uid;
    s.sop_uid = row.sop_instance_uid;
    s.instance_number = row.instance_number;
    return test::makePhantom(s);
}

}  // namespace

TEST(StudyLoader, DownloadsDecodesAndOrdersSlices) {
    test::FakeServer server;
    StudyRow study;
    study.study_uid = kStudy;
    study.patient_name = "李明";
    study.modality = "CT";
    server.addStudy(study);
    // Instance numbers disagree with positions: position wins (head first = highest z).
    const double z[] = {0, 10, -10, 5, -5};
    for (int n = 1; n <= 5; ++n) {
        auto row = ctRow(n);
        server.addInstance(kStudy, row,
                           ctSlice(row, z[n - 1], static_cast<std::uint16_t>(1000 + n)));
    }
    InstanceRow sr;  // a report: listed, never downloaded or shown
    sr.sop_instance_uid = std::string(kStudy) + ".9.1";
    sr.sop_class_uid = "1.2.840.10008.5.1.4.1.1.88.33";
    sr.series_uid = std::string(kStudy) + ".9";
    sr.series_number = 99;
    sr.modality = "SR";
    server.addInstance(kStudy, sr, dicom::Bytes{1, 2, 3});

    ServerClient client(ServerUrl::parse(server.url()));
    client.login(test::FakeServer::kUser, test::FakeServer::kPassword);
    int last_done = -1, last_total = -1;
    LoadedStudy loaded = StudyLoader(client).load(study, [&](int done, int total) {
        last_done = done;
        last_total = total;
    });
    EXPECT_EQ(last_done, 6);
    EXPECT_EQ(last_total, 6);
    EXPECT_EQ(server.instanceDownloads(), 5);
    EXPECT_EQ(loaded.instances.size(), 6u);
    ASSERT_EQ(loaded.images.size(), 5u);
    EXPECT_TRUE(loaded.warnings.empty());
    // z order 10, 5, 0, -5, -10 -> instance numbers 2, 4, 1, 5, 3
    const int expected[] = {2, 4, 1, 5, 3};
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(loaded.images[i].instance.instance_number, expected[i]) << i;
        EXPECT_EQ(loaded.images[i].pixels->storedValue(0, 0), 1000 + expected[i]);
    }
    EXPECT_EQ(loaded.initial_index, 2);  // CT: middle slice
    EXPECT_EQ(loaded.attributes.study_uid, kStudy);
    EXPECT_EQ(loaded.attributes.patient_name, "李明");
}

TEST(StudyLoader, UndecodableImagesBecomeWarnings) {
    test::FakeServer server;
    StudyRow study;
    study.study_uid = kStudy;
    study.modality = "DX";
    server.addStudy(study);
    auto row = ctRow(1);
    row.modality = "DX";
    server.addInstance(kStudy, row, dicom::Bytes(200, 'x'));
    ServerClient client(ServerUrl::parse(server.url()));
    client.login(test::FakeServer::kUser, test::FakeServer::kPassword);
    LoadedStudy loaded = StudyLoader(client).load(study);
    EXPECT_TRUE(loaded.empty());
    EXPECT_FALSE(loaded.warnings.empty());
    EXPECT_EQ(loaded.attributes.study_uid, kStudy);  // from the worklist row
}

TEST(StudyLoader, ArrangeWithoutGeometryUsesSeriesAndInstanceNumbers) {
    LoadedStudy s;
    s.study.modality = "DX";
    auto add = [&](const std::string& series, int series_number, int instance) {
        LoadedImage image;
        image.instance.series_uid = series;
        image.instance.series_number = series_number;
        image.instance.instance_number = instance;
        image.instance.modality = "DX";
        image.pixels = std::make_shared<dicom::ImageFrame>();
        s.images.push_back(image);
    };
    add("b", 2, 2);
    add("a", 1, 1);
    add("b", 2, 1);
    StudyLoader::arrange(s);
    ASSERT_EQ(s.images.size(), 3u);
    EXPECT_EQ(s.images[0].instance.series_uid, "a");
    EXPECT_EQ(s.images[1].instance.instance_number, 1);
    EXPECT_EQ(s.images[2].instance.instance_number, 2);
    EXPECT_EQ(s.initial_index, 0);  // projection radiography: first image
}

TEST(StudyLoader, CtStartsInTheMiddleOfTheLargestSeries) {
    LoadedStudy s;
    auto add = [&](const std::string& series, int series_number, int instance) {
        LoadedImage image;
        image.instance.series_uid = series;
        image.instance.series_number = series_number;
        image.instance.instance_number = instance;
        image.instance.modality = "CT";
        image.pixels = std::make_shared<dicom::ImageFrame>();
        s.images.push_back(image);
    };
    add("scout", 1, 1);
    for (int i = 1; i <= 28; ++i) add("axial", 2, i);
    StudyLoader::arrange(s);
    EXPECT_EQ(s.images[s.initial_index].instance.series_uid, "axial");
    EXPECT_EQ(s.images[s.initial_index].instance.instance_number, 14);
}
