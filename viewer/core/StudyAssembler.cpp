#include "viewer/core/StudyAssembler.h"

#include "viewer/core/StudyLoader.h"

namespace countyread::viewer {
namespace {

// When no instance could be read, the worklist row still names patient and study.
dicom::InstanceInfo attributesFromRow(const StudyRow& row) {
    dicom::InstanceInfo info;
    info.patient_name = row.patient_name;
    info.patient_id = row.patient_id;
    info.patient_sex = row.patient_sex;
    info.patient_birth_date = row.patient_birth_date;
    info.study_uid = row.study_uid;
    info.study_date = row.study_date;
    info.study_time = row.study_time;
    info.study_description = row.study_description;
    info.modality = row.modality;
    return info;
}

}  // namespace

StudyAssembler::StudyAssembler(StudyRow study, std::vector<InstanceRow> instances) {
    study_.study = std::move(study);
    study_.instances = std::move(instances);
    study_.attributes = attributesFromRow(study_.study);
}

void StudyAssembler::add(std::vector<LoadedImage> images,
                         std::shared_ptr<const dicom::InstanceInfo> attributes) {
    if (attributes && !have_attributes_) {
        study_.attributes = *attributes;
        if (study_.attributes.study_uid.empty())
            study_.attributes.study_uid = study_.study.study_uid;
        have_attributes_ = true;
    }
    for (auto& image : images) study_.images.push_back(std::move(image));
    snapshot_.reset();
}

bool StudyAssembler::contains(const std::string& uid) const {
    for (const auto& image : study_.images)
        if (image.instance.sop_instance_uid == uid) return true;
    return false;
}

void StudyAssembler::warn(std::string warning) { study_.warnings.push_back(std::move(warning)); }

void StudyAssembler::finish() {
    finished_ = true;
    snapshot_.reset();
}

std::shared_ptr<const LoadedStudy> StudyAssembler::snapshot() {
    if (!snapshot_) {
        auto copy = std::make_shared<LoadedStudy>(study_);
        StudyLoader::arrange(*copy);
        if (!preferred_.empty()) {
            for (std::size_t i = 0; i < copy->images.size(); ++i) {
                if (copy->images[i].instance.sop_instance_uid == preferred_) {
                    copy->initial_index = static_cast<int>(i);
                    break;
                }
            }
        }
        snapshot_ = std::move(copy);
    }
    return snapshot_;
}

}  // namespace countyread::viewer
