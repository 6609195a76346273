#include "viewer/core/StudyStreamer.h"

#include <algorithm>
#include <map>

#include "dicom/image/ImageLoader.h"

namespace countyread::viewer {

bool StudyStreamer::probablyImage(const InstanceRow& row) {
    if (row.rows > 0 && row.columns > 0) return true;
    // Structured reports (1.2.840.10008.5.1.4.1.1.88.*) and presentation states (…1.1.11.*)
    // carry no pixels; unknown sizes are tried anyway.
    const std::string& c = row.sop_class_uid;
    return c.rfind("1.2.840.10008.5.1.4.1.1.88.", 0) != 0 &&
           c.rfind("1.2.840.10008.5.1.4.1.1.11.", 0) != 0 && row.rows == 0;
}

std::vector<std::size_t> StudyStreamer::loadOrder(const std::vector<InstanceRow>& instances,
                                                  const std::string& study_modality) {
    // Series in series-number order (stable), each sorted by instance number.
    std::map<std::string, std::vector<std::size_t>> by_series;
    std::vector<std::string> series_order;
    for (std::size_t i = 0; i < instances.size(); ++i) {
        if (!probablyImage(instances[i])) continue;
        auto& bucket = by_series[instances[i].series_uid];
        if (bucket.empty()) series_order.push_back(instances[i].series_uid);
        bucket.push_back(i);
    }
    std::stable_sort(series_order.begin(), series_order.end(),
                     [&](const std::string& a, const std::string& b) {
                         return instances[by_series[a].front()].series_number <
                                instances[by_series[b].front()].series_number;
                     });
    std::string largest;
    for (const auto& uid : series_order) {
        auto& bucket = by_series[uid];
        std::stable_sort(bucket.begin(), bucket.end(), [&](std::size_t a, std::size_t b) {
            return instances[a].instance_number < instances[b].instance_number;
        });
        if (largest.empty() || bucket.size() > by_series[largest].size()) largest = uid;
    }
    std::vector<std::size_t> order;
    if (series_order.empty()) return order;
    const auto& first_series = by_series[largest];
    std::string modality = instances[first_series.front()].modality;
    if (modality.empty()) modality = study_modality;
    const bool volume = modality == "CT" || modality == "MR" || modality == "PT";
    // DR/CR: the first image of the first series; CT: the middle of the largest series.
    const std::string& start_series = volume ? largest : series_order.front();
    const auto& bucket = by_series[start_series];
    const std::size_t mid = volume ? (bucket.size() - 1) / 2 : 0;
    order.push_back(bucket[mid]);
    for (std::size_t step = 1; step < bucket.size(); ++step) {  // outward: mid+1, mid-1, ...
        if (mid + step < bucket.size()) order.push_back(bucket[mid + step]);
        if (step <= mid) order.push_back(bucket[mid - step]);
    }
    for (const auto& uid : series_order) {
        if (uid == start_series) continue;
        for (std::size_t i : by_series[uid]) order.push_back(i);
    }
    return order;
}

StudyStreamer::StudyStreamer(std::vector<InstanceRow> instances, std::string study_modality,
                             FetcherFactory factory)
    : instances_(std::move(instances)), factory_(std::move(factory)) {
    order_ = loadOrder(instances_, study_modality);
}

StudyStreamer::~StudyStreamer() { cancel(); }

void StudyStreamer::start(Callbacks callbacks, int workers) {
    callbacks_ = std::move(callbacks);
    workers = std::clamp(workers, 1, std::max(1, total()));
    running_ = workers;
    for (int i = 0; i < workers; ++i) {
        threads_.emplace_back([this] {
            std::unique_ptr<InstanceFetcher> fetcher;
            try {
                fetcher = factory_();
            } catch (const std::exception& e) {
                if (callbacks_.warning) callbacks_.warning(e.what());
            }
            if (fetcher) work(*fetcher);
            // The last worker out reports the end (unless cancelled).
            if (--running_ == 0 && !cancelled_) {
                if (callbacks_.finished) callbacks_.finished();
            }
        });
    }
}

void StudyStreamer::run(Callbacks callbacks) {
    callbacks_ = std::move(callbacks);
    auto fetcher = factory_();
    work(*fetcher);
    if (callbacks_.finished && !cancelled_) callbacks_.finished();
}

void StudyStreamer::cancel() {
    cancelled_ = true;
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
    threads_.clear();
}

void StudyStreamer::work(InstanceFetcher& fetcher) {
    for (;;) {
        if (cancelled_) return;
        const std::size_t slot = next_++;
        if (slot >= order_.size()) return;
        loadOne(fetcher, instances_[order_[slot]]);
        const int done = ++done_;
        if (callbacks_.progress && !cancelled_) callbacks_.progress(done, total());
    }
}

void StudyStreamer::loadOne(InstanceFetcher& fetcher, const InstanceRow& row) {
    std::vector<LoadedImage> images;
    std::shared_ptr<const dicom::InstanceInfo> attributes;
    try {
        Bytes bytes = fetcher.fetch(row.sop_instance_uid);
        // One parse for pixels and attributes; attributes are sent with the first instance.
        dicom::InstanceInfo info;
        const bool want_attributes = !attributes_sent_;
        auto frames = dicom::loadFrames(bytes, 2000, want_attributes ? &info : nullptr);
        bytes.clear();
        bytes.shrink_to_fit();
        if (want_attributes) {
            std::lock_guard lock(attributes_mutex_);
            if (!attributes_sent_) {
                attributes = std::make_shared<dicom::InstanceInfo>(std::move(info));
                attributes_sent_ = true;
            }
        }
        for (auto& f : frames) {
            LoadedImage image;
            image.instance = row;
            image.frame = f.frame_index;
            image.pixels = std::make_shared<const dicom::ImageFrame>(std::move(f));
            images.push_back(std::move(image));
        }
    } catch (const std::exception& e) {
        if (callbacks_.warning && !cancelled_)
            callbacks_.warning(row.sop_instance_uid + ": " + e.what());
    }
    if (cancelled_) return;
    if ((!images.empty() || attributes) && callbacks_.images)
        callbacks_.images(std::move(images), std::move(attributes));
}

}  // namespace countyread::viewer
