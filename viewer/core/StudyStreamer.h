#pragma once
// Progressive loading: downloads and decodes a study's instances on background threads and
// hands each decoded image over as soon as it is ready, the image to show first before any
// other, so the radiologist sees it before the series has arrived.
//
// Order (loadOrder): the initial image (middle instance of the largest series for CT/MR/PT,
// else the first image), then the rest of its series outward from it (the slices the
// radiologist scrolls to first), then the other series in series-number order. Non-image
// instances (SR, presentation states) are skipped. Callbacks run on the worker threads: the
// receiver must hand them to its own thread (the UI queues them to the Qt event loop).
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dicom/model/InstanceInfo.h"
#include "viewer/core/InstanceFetcher.h"
#include "viewer/core/LoadedStudy.h"

namespace countyread::viewer {

class StudyStreamer {
public:
    using FetcherFactory = std::function<std::unique_ptr<InstanceFetcher>()>;
    struct Callbacks {
        // One decoded instance (all its frames); `attributes` is set for the first instance
        // whose patient/study attributes could be read, else null.
        std::function<void(std::vector<LoadedImage> images,
                           std::shared_ptr<const dicom::InstanceInfo> attributes)>
            images;
        std::function<void(const std::string& warning)> warning;
        std::function<void(int done, int total)> progress;
        std::function<void()> finished;  // every instance tried (not called when cancelled)
    };

    StudyStreamer(std::vector<InstanceRow> instances, std::string study_modality,
                  FetcherFactory factory);
    ~StudyStreamer();  // cancels and joins
    StudyStreamer(const StudyStreamer&) = delete;
    StudyStreamer& operator=(const StudyStreamer&) = delete;

    // `workers` threads (at least 1). Returns at once.
    void start(Callbacks callbacks, int workers);
    // Loads everything on the calling thread, then returns (finished is called).
    void run(Callbacks callbacks);
    // Stops handing out work; threads finish their current instance silently. Joins.
    void cancel();
    bool cancelled() const { return cancelled_; }

    int total() const { return static_cast<int>(order_.size()); }
    // The instance loaded first (the one to show first); "" when there is none.
    std::string initialInstance() const {
        return order_.empty() ? std::string() : instances_[order_.front()].sop_instance_uid;
    }
    int done() const { return done_; }

    // Indices into `instances` in loading order (images only); exposed for tests.
    static std::vector<std::size_t> loadOrder(const std::vector<InstanceRow>& instances,
                                              const std::string& study_modality);
    // Whether an instance row is worth downloading as an image.
    static bool probablyImage(const InstanceRow& row);

private:
    void work(InstanceFetcher& fetcher);
    void loadOne(InstanceFetcher& fetcher, const InstanceRow& row);

    std::vector<InstanceRow> instances_;
    std::vector<std::size_t> order_;
    FetcherFactory factory_;
    Callbacks callbacks_;
    std::vector<std::thread> threads_;
    std::atomic<std::size_t> next_{0};
    std::atomic<int> done_{0};
    std::atomic<int> running_{0};
    std::atomic<bool> cancelled_{false};
    std::atomic<bool> attributes_sent_{false};
    std::mutex attributes_mutex_;
};

}  // namespace countyread::viewer
