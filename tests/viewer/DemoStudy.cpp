#include "tests/viewer/DemoStudy.h"

#include <algorithm>

#include "tests/viewer/PhantomDicom.h"

namespace countyread::test {

void addDemoCtStudy(FakeServer& server) {
    viewer::StudyRow study;
    study.study_uid = kDemoStudyUid;
    study.patient_name = "王秀英";
    study.patient_id = "QS2024001";
    study.patient_sex = "F";
    study.patient_birth_date = "19580312";
    study.study_date = "20240501";
    study.study_time = "093000";
    study.study_description = "头颅CT平扫";
    study.modality = "CT";
    study.township = "qingshan";
    study.township_name = "青山镇卫生院";
    study.state = "assigned";
    study.assigned_to = "li";
    study.received_at = "2024-05-01T09:41:00+08:00";
    study.priority = "urgent";
    server.addStudy(study);

    viewer::StudyRow other = study;  // a second row so the worklist is not trivial
    other.study_uid = "1.2.826.0.1.3680043.10.4000.2";
    other.patient_name = "张伟";
    other.patient_id = "HX2024017";
    other.modality = "DX";
    other.township_name = "河西乡卫生院";
    other.priority = "routine";
    other.received_at = "2024-05-01T08:15:00+08:00";
    server.addStudy(other);

    for (int n = 1; n <= 5; ++n) {
        PhantomSpec s;
        s.width = 128;
        s.height = 128;
        s.raw = halves(128, 128, 1000, 1100);
        s.slope = 1.0;
        s.intercept = -1024.0;
        s.window = {{40.0, 400.0}};
        s.pixel_spacing = {{0.5, 0.5}};
        s.z_position = 10.0 * n;
        s.patient_name = "王秀英";
        s.study_uid = kDemoStudyUid;
        s.series_uid = std::string(kDemoStudyUid) + ".2";
        s.sop_uid = std::string(kDemoStudyUid) + ".2." + std::to_string(n);
        s.instance_number = n;
        viewer::InstanceRow row;
        row.sop_instance_uid = s.sop_uid;
        row.sop_class_uid = "1.2.840.10008.5.1.4.1.1.2";
        row.series_uid = s.series_uid;
        row.series_number = 2;
        row.series_description = "轴位 5mm";
        row.instance_number = n;
        row.modality = "CT";
        row.rows = 128;
        row.columns = 128;
        server.addInstance(kDemoStudyUid, row, makePhantom(s));
    }
}

std::string addFilesAsStudy(FakeServer& server, const std::vector<std::filesystem::path>& files,
                            const std::string& township_name) {
    struct Item {
        dicom::InstanceInfo info;
        dicom::Bytes bytes;
    };
    std::vector<Item> items;
    for (const auto& f : files) {
        dicom::Bytes bytes = dicom::readFileBytes(f);
        items.push_back({dicom::readInstanceInfo(bytes), std::move(bytes)});
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        if (a.info.series_number != b.info.series_number)
            return a.info.series_number < b.info.series_number;
        return a.info.instance_number < b.info.instance_number;
    });
    const dicom::InstanceInfo& first = items.front().info;
    viewer::StudyRow study;
    study.study_uid = first.study_uid;
    study.patient_name = first.patient_name;
    study.patient_id = first.patient_id;
    study.patient_sex = first.patient_sex;
    study.patient_birth_date = first.patient_birth_date;
    study.study_date = first.study_date;
    study.study_time = first.study_time;
    study.study_description = first.study_description;
    study.modality = first.modality;
    study.township_name = township_name;
    study.state = "assigned";
    study.priority = "routine";
    study.received_at = "2024-05-01T10:00:00+08:00";
    server.addStudy(study);
    for (auto& item : items) {
        viewer::InstanceRow row;
        row.sop_instance_uid = item.info.sop_instance_uid;
        row.sop_class_uid = item.info.sop_class_uid;
        row.series_uid = item.info.series_uid;
        row.series_number = item.info.series_number;
        row.series_description = item.info.series_description;
        row.instance_number = item.info.instance_number;
        row.modality = item.info.modality;
        row.rows = item.info.rows;
        row.columns = item.info.columns;
        server.addInstance(study.study_uid, row, std::move(item.bytes));
    }
    return study.study_uid;
}

}  // namespace countyread::test
