#include "viewer/core/StudyLoader.h"

#include <algorithm>
#include <map>

#include "viewer/core/StudyAssembler.h"
#include "viewer/core/StudyStreamer.h"

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

}  // namespace

LoadedStudy StudyLoader::load(const StudyRow& study, const Progress& progress) {
    std::vector<InstanceRow> instances = client_.instances(study.study_uid);
    StudyAssembler assembler(study, instances);
    StudyStreamer streamer(instances, study.modality, [this]() -> std::unique_ptr<InstanceFetcher> {
        return std::make_unique<ClientInstanceFetcher>(client_);
    });
    StudyStreamer::Callbacks callbacks;
    callbacks.images = [&](std::vector<LoadedImage> images,
                           std::shared_ptr<const dicom::InstanceInfo> attributes) {
        assembler.add(std::move(images), std::move(attributes));
    };
    callbacks.warning = [&](const std::string& w) { assembler.warn(w); };
    const int total = static_cast<int>(instances.size());
    int done = 0;
    callbacks.progress = [&](int, int) {
        ++done;
        if (progress) progress(done, total);
    };
    if (progress) progress(0, total);
    streamer.run(std::move(callbacks));
    if (progress) progress(total, total);
    assembler.finish();
    return *assembler.snapshot();
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
