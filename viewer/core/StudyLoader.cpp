#include "viewer/core/StudyLoader.h"

#include <algorithm>
#include <map>

#include "dicom/image/ImageLoader.h"
#include "dicom/model/DicomFile.h"

namespace countyread::viewer {
namespace {

// Distance of a frame's origin along its slice normal, when the geometry is known.
std::optional<double> positionAlongNormal(const dicom::ImageFrame& f) {
    if (!f.image_position || !f.image_orientation) return std::nullopt;
    const auto& o = *f.image_orientation;
    double n[3] = {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
    const auto& p = *f.image_position;
    return p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
}

bool probablyImage(const InstanceRow& row) {
    if (row.rows > 0 && row.columns > 0) return true;
    // Structured reports (1.2.840.10008.5.1.4.1.1.88.*) and presentation states (…1.1.11.*)
    // carry no pixels; unknown sizes are tried anyway.
    const std::string& c = row.sop_class_uid;
    return c.rfind("1.2.840.10008.5.1.4.1.1.88.", 0) != 0 &&
           c.rfind("1.2.840.10008.5.1.4.1.1.11.", 0) != 0 && row.rows == 0;
}

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

LoadedStudy StudyLoader::load(const StudyRow& study, const Progress& progress) {
    LoadedStudy out;
    out.study = study;
    out.instances = client_.instances(study.study_uid);
    const int total = static_cast<int>(out.instances.size());
    bool have_attributes = false;
    int done = 0;
    for (const InstanceRow& row : out.instances) {
        if (progress) progress(done, total);
        ++done;
        if (!probablyImage(row)) continue;
        Bytes bytes = client_.instance(row.sop_instance_uid);
        if (!have_attributes) {
            try {
                out.attributes = dicom::readInstanceInfo(bytes);
                have_attributes = true;
            } catch (const std::exception& e) {
                out.warnings.push_back(row.sop_instance_uid + ": " + e.what());
            }
        }
        try {
            auto frames = dicom::loadFrames(bytes);
            for (auto& f : frames) {
                LoadedImage image;
                image.instance = row;
                image.frame = f.frame_index;
                image.pixels = std::make_shared<const dicom::ImageFrame>(std::move(f));
                out.images.push_back(std::move(image));
            }
        } catch (const dicom::DicomError& e) {
            out.warnings.push_back(row.sop_instance_uid + ": " + e.what());
        }
    }
    if (progress) progress(total, total);
    if (!have_attributes) out.attributes = attributesFromRow(study);
    if (out.attributes.study_uid.empty()) out.attributes.study_uid = study.study_uid;
    arrange(out);
    return out;
}

void StudyLoader::arrange(LoadedStudy& study) {
    auto& images = study.images;
    // Series order as listed by the server (series number), stable within.
    std::map<std::string, std::vector<LoadedImage>> by_series;
    std::vector<std::string> series_order;
    for (auto& image : images) {
        auto& bucket = by_series[image.instance.series_uid];
        if (bucket.empty()) series_order.push_back(image.instance.series_uid);
        bucket.push_back(std::move(image));
    }
    std::stable_sort(series_order.begin(), series_order.end(),
                     [&](const std::string& a, const std::string& b) {
                         return by_series[a].front().instance.series_number <
                                by_series[b].front().instance.series_number;
                     });
    images.clear();
    std::size_t largest_start = 0, largest_size = 0;
    for (const auto& uid : series_order) {
        auto& bucket = by_series[uid];
        bool positioned = std::all_of(bucket.begin(), bucket.end(), [](const LoadedImage& i) {
            return positionAlongNormal(*i.pixels).has_value();
        });
        std::stable_sort(
            bucket.begin(), bucket.end(), [&](const LoadedImage& a, const LoadedImage& b) {
                if (positioned)
                    return *positionAlongNormal(*a.pixels) > *positionAlongNormal(*b.pixels);
                if (a.instance.instance_number != b.instance.instance_number) {
                    return a.instance.instance_number < b.instance.instance_number;
                }
                return a.frame < b.frame;
            });
        if (bucket.size() > largest_size) {
            largest_size = bucket.size();
            largest_start = images.size();
        }
        for (auto& image : bucket) images.push_back(std::move(image));
    }
    study.initial_index = 0;
    if (images.empty()) return;
    std::string modality = images[largest_start].instance.modality;
    if (modality.empty()) modality = study.study.modality;
    if (modality == "CT" || modality == "MR" || modality == "PT") {
        study.initial_index = static_cast<int>(largest_start + (largest_size - 1) / 2);
    }
}

}  // namespace countyread::viewer
