#include <gtest/gtest.h>

#include "viewer/core/OverlayText.h"

using namespace countyread;
using namespace countyread::viewer;

TEST(OverlayText, ChineseCornersForCt) {
    StudyRow study;
    study.patient_name = "王小明";
    study.patient_id = "P001";
    study.patient_sex = "M";
    study.patient_birth_date = "19600102";
    study.township_name = "青山镇卫生院";
    study.study_date = "20240501";
    study.study_time = "103015";
    study.study_description = "头颅平扫";
    InstanceRow instance;
    instance.series_number = 2;
    instance.modality = "CT";
    dicom::ImageFrame frame;
    frame.width = 512;
    frame.height = 512;
    frame.slice_thickness = 5.0;
    frame.slice_location = -12.5;
    OverlayText::Input in;
    in.study = &study;
    in.instance = &instance;
    in.frame = &frame;
    in.index = 13;
    in.count = 28;
    in.window = {40, 80};
    auto t = OverlayText::build(in);
    EXPECT_EQ(t.top_left, "王小明\nID: P001\n男  1960-01-02");
    EXPECT_EQ(t.top_right, "青山镇卫生院\n2024-05-01 10:30\n头颅平扫\nCT");
    EXPECT_EQ(t.bottom_left, "序列 2\n图像 14/28\n位置 -12.5 mm  层厚 5.0 mm\n512 x 512");
    EXPECT_EQ(t.bottom_right, "窗宽 80  窗位 40 HU");
}

TEST(OverlayText, EnglishAndFallbackToFileAttributes) {
    dicom::InstanceInfo attributes;
    attributes.patient_name = "Li^Mei";
    attributes.modality = "DX";
    attributes.institution_name = "Town clinic";
    OverlayText::Input in;
    in.attributes = &attributes;
    in.count = 1;
    in.window = {2047.5, 4095};
    in.chinese = false;
    auto t = OverlayText::build(in);
    EXPECT_EQ(t.top_left, "Li Mei");
    EXPECT_EQ(t.top_right, "Town clinic\nDX");
    EXPECT_EQ(t.bottom_left, "Im 1/1");
    EXPECT_EQ(t.bottom_right, "W 4095  L 2048");  // no HU outside CT
    EXPECT_EQ(OverlayText::windowLabel({0.5, 2.25}, "MR", false), "W 2.25  L 0.50");
}
