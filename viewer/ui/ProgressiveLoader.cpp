#include "viewer/ui/ProgressiveLoader.h"

#include <QMetaObject>
#include <algorithm>
#include <map>

#include "viewer/core/Thumbnail.h"

namespace countyread::viewer {

namespace {
constexpr int kThumbnailSide = 96;
}

ProgressiveLoader::ProgressiveLoader(QObject* parent) : QObject(parent) {}

ProgressiveLoader::~ProgressiveLoader() { cancel(); }

std::vector<SeriesThumbnail> ProgressiveLoader::seriesOf(const std::vector<InstanceRow>& rows) {
    std::map<std::string, SeriesThumbnail> by_uid;
    std::vector<std::string> order;
    for (const auto& row : rows) {
        if (!StudyStreamer::probablyImage(row)) continue;
        auto [it, inserted] = by_uid.try_emplace(row.series_uid);
        if (inserted) {
            order.push_back(row.series_uid);
            it->second.series_uid = row.series_uid;
            it->second.series_number = row.series_number;
            it->second.description = row.series_description;
            it->second.modality = row.modality;
        }
        ++it->second.instances;
    }
    std::vector<SeriesThumbnail> out;
    for (const auto& uid : order) out.push_back(by_uid[uid]);
    std::stable_sort(out.begin(), out.end(),
                     [](const SeriesThumbnail& a, const SeriesThumbnail& b) {
                         return a.series_number < b.series_number;
                     });
    return out;
}

void ProgressiveLoader::cancel() {
    if (streamer_) streamer_->cancel();  // joins: no worker touches `pending_` after this
    streamer_.reset();
    std::lock_guard lock(mutex_);
    pending_ = Pending{};
    thumbnailed_.clear();
    ++generation_;
}

void ProgressiveLoader::start(const StudyRow& study, std::vector<InstanceRow> instances,
                              StudyStreamer::FetcherFactory factory, int workers) {
    cancel();
    assembler_ = std::make_unique<StudyAssembler>(study, instances);
    snapshot_.reset();
    warnings_.clear();
    series_ = seriesOf(instances);
    finished_ = false;
    done_ = 0;
    streamer_ = std::make_unique<StudyStreamer>(instances, study.modality, std::move(factory));
    total_ = streamer_->total();
    initial_ = streamer_->initialInstance();
    first_sent_ = false;
    assembler_->setPreferredInitial(initial_);

    StudyStreamer::Callbacks c;  // these run on the worker threads
    c.images = [this](std::vector<LoadedImage> images,
                      std::shared_ptr<const dicom::InstanceInfo> attributes) {
        // Hand the images over first; the series thumbnail (OpenCV) follows, so making it
        // never delays the first image.
        std::shared_ptr<const dicom::ImageFrame> thumbnail_source;
        std::string series;
        {
            std::lock_guard lock(mutex_);
            if (!images.empty() && thumbnailed_.insert(images.front().instance.series_uid).second) {
                thumbnail_source = images.front().pixels;
                series = images.front().instance.series_uid;
            }
            for (auto& i : images) pending_.images.push_back(std::move(i));
            if (attributes) pending_.attributes.push_back(std::move(attributes));
            scheduleFlush();
        }
        if (!thumbnail_source) return;
        SeriesThumbnail t;
        t.series_uid = series;
        const auto& f = *thumbnail_source;
        t.image = Thumbnail::make(f, {f.window_center, f.window_width}, kThumbnailSide);
        std::lock_guard lock(mutex_);
        pending_.thumbnails.push_back(std::move(t));
        scheduleFlush();
    };
    c.warning = [this](const std::string& w) {
        std::lock_guard lock(mutex_);
        pending_.warnings.push_back(w);
        scheduleFlush();
    };
    c.progress = [this](int done, int) {
        std::lock_guard lock(mutex_);
        pending_.done = std::max(pending_.done, done);
        scheduleFlush();
    };
    c.finished = [this] {
        std::lock_guard lock(mutex_);
        pending_.finished = true;
        scheduleFlush();
    };
    if (total_ == 0) {
        finished_ = true;
        assembler_->finish();
        snapshot_ = assembler_->snapshot();
        QMetaObject::invokeMethod(
            this, [this] { emit finished(); }, Qt::QueuedConnection);
        return;
    }
    streamer_->start(std::move(c), workers);
}

// Called with mutex_ held, from a worker.
void ProgressiveLoader::scheduleFlush() {
    if (flush_scheduled_) return;
    flush_scheduled_ = true;
    const int generation = generation_;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation == generation_) flush();
        },
        Qt::QueuedConnection);
}

void ProgressiveLoader::flush() {
    Pending batch;
    {
        std::lock_guard lock(mutex_);
        batch = std::move(pending_);
        pending_ = Pending{};
        flush_scheduled_ = false;
    }
    if (!assembler_) return;
    for (auto& a : batch.attributes) assembler_->add({}, std::move(a));
    if (!batch.images.empty()) assembler_->add(std::move(batch.images), nullptr);
    for (auto& w : batch.warnings) {
        assembler_->warn(w);
        warnings_.push_back(std::move(w));
    }
    done_ = std::max(done_, batch.done);
    if (batch.finished) {
        finished_ = true;
        assembler_->finish();
    }
    snapshot_ = assembler_->snapshot();
    for (auto& t : batch.thumbnails) {
        for (const auto& s : series_) {
            if (s.series_uid != t.series_uid) continue;
            SeriesThumbnail full = s;
            full.image = std::move(t.image);
            emit thumbnailReady(full);
            break;
        }
    }
    // The first image shown is the intended one (with several workers another may arrive a
    // moment earlier); if that one fails, whatever is there when loading ends.
    if (!first_sent_ && assembler_->imageCount() > 0 &&
        (assembler_->contains(initial_) || finished_)) {
        first_sent_ = true;
        emit firstImage();
    }
    emit updated(done_, total_);
    if (batch.finished) emit finished();
}

}  // namespace countyread::viewer
