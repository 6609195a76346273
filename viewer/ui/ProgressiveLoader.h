#pragma once
// Opens a study progressively on the GUI's behalf: a StudyStreamer downloads and decodes on
// worker threads; what they deliver is queued to the Qt event loop and added to a
// StudyAssembler there, coalesced, so the viewport gets the first image as soon as it is
// decoded and a growing study after that. Series thumbnails are made on the workers.
#include <QObject>
#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "viewer/core/SeriesThumbnail.h"
#include "viewer/core/StudyAssembler.h"
#include "viewer/core/StudyStreamer.h"

namespace countyread::viewer {

class ProgressiveLoader : public QObject {
    Q_OBJECT
public:
    explicit ProgressiveLoader(QObject* parent = nullptr);
    ~ProgressiveLoader() override;

    void start(const StudyRow& study, std::vector<InstanceRow> instances,
               StudyStreamer::FetcherFactory factory, int workers);
    void cancel();
    bool loading() const { return streamer_ && !finished_; }
    int done() const { return done_; }
    int total() const { return total_; }

    // The study as arranged now (null before the first image).
    std::shared_ptr<const LoadedStudy> study() const { return snapshot_; }
    const std::vector<std::string>& warnings() const { return warnings_; }
    // Series of the study in series-number order, for the strip (thumbnails arrive later).
    static std::vector<SeriesThumbnail> seriesOf(const std::vector<InstanceRow>& instances);

signals:
    // The image to show first (the first in loading order; any image if that one failed) is
    // in `study()`.
    void firstImage();
    // More images arrived; `study()` is the new arrangement.
    void updated(int done, int total);
    void thumbnailReady(const countyread::viewer::SeriesThumbnail& thumbnail);
    // Every instance was tried.
    void finished();

private:
    void scheduleFlush();
    void flush();

    std::unique_ptr<StudyStreamer> streamer_;
    std::unique_ptr<StudyAssembler> assembler_;
    std::shared_ptr<const LoadedStudy> snapshot_;
    std::vector<std::string> warnings_;
    std::vector<SeriesThumbnail> series_;
    int done_ = 0, total_ = 0;
    bool finished_ = false;
    int generation_ = 0;   // drops deliveries of a cancelled load
    std::string initial_;  // SOP UID of the image to show first
    bool first_sent_ = false;

    // Filled by the workers, drained by flush() on the GUI thread.
    struct Pending {
        std::vector<LoadedImage> images;
        std::vector<std::shared_ptr<const dicom::InstanceInfo>> attributes;
        std::vector<SeriesThumbnail> thumbnails;
        std::vector<std::string> warnings;
        int done = 0;
        bool finished = false;
    };
    std::mutex mutex_;
    Pending pending_;
    bool flush_scheduled_ = false;
    std::set<std::string> thumbnailed_;  // series with a thumbnail on its way (under mutex_)
};

}  // namespace countyread::viewer
