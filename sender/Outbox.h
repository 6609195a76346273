#pragma once
// The gateway's durable outbox: every instance a modality, a watched folder or the command
// line hands over is first stored here (file fsynced, index row committed) and only then
// acknowledged. Forwarding workers claim instances from it, in priority order, and record
// what the county answered, so a restart resumes without resending what was acknowledged.
//
// Layout: DIR/outbox.sqlite (index), DIR/objects/<SOP UID>.dcm (files as received),
// DIR/compressed/<SOP UID>.jls.dcm (cached JPEG-LS copies), DIR/incoming/ (staging for the
// listener; emptied at start), DIR/reports/ (signed reports fetched from the county).
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sender/OutboxTypes.h"

namespace countyread::sender {

class LocalDb;

class Outbox {
public:
    explicit Outbox(std::filesystem::path dir);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    std::filesystem::path stagingDir() const { return dir_ / "incoming"; }
    std::filesystem::path compressedPath(const std::string& sop_uid) const;
    std::filesystem::path reportsDir() const { return dir_ / "reports"; }
    static std::filesystem::path databasePath(const std::filesystem::path& dir) {
        return dir / "outbox.sqlite";
    }

    // How `add` takes the file: Move (a staging file of ours, renamed into the outbox), Copy
    // (a file owned by someone else, e.g. an export folder), Reference (sent from where it is:
    // the one-shot command line).
    enum class Storage { Move, Copy, Reference };
    struct AddResult {
        std::string sop_uid;
        std::string study_uid;
        bool queued = false;  // false: identical to an instance already delivered
    };
    // Durable when it returns. Throws std::runtime_error (unreadable DICOM, invalid UIDs, I/O).
    // A different file with the SOP Instance UID of a queued or delivered instance replaces it
    // and is queued again (the county replaces its copy too).
    AddResult add(const std::filesystem::path& file, Storage how, Priority priority,
                  const std::string& source);

    // Emergency studies jump the queue: every instance of the study, queued or still to come.
    void setStudyPriority(const std::string& study_uid, Priority priority);

    // --- forwarding -----------------------------------------------------------------------
    // The next instance to send: emergency first, then in arrival order; skips instances held
    // by another worker and those scheduled for later. max_attempts > 0 leaves out instances
    // that have been tried that often (the one-shot mode gives up on them).
    std::optional<OutboxItem> claim(int max_attempts = 0);
    // A send of the claimed instance begins (counted against max_attempts).
    void markAttempt(const std::string& sop_uid);
    // Distinct (SOP class, transfer syntax) of instances still to send, for negotiation.
    std::vector<std::pair<std::string, std::string>> pendingContexts(size_t limit = 64);
    // The county acknowledged the instance (status 0000 or warning).
    void markDelivered(const std::string& sop_uid, const std::string& sent_syntax,
                       int64_t sent_bytes);
    // Not delivered this time; try again no earlier than `retry_at_ms` (epoch ms).
    void markRetry(const std::string& sop_uid, const std::string& error, int64_t retry_at_ms);
    // The county refused it for good (e.g. C000 cannot understand): kept, shown, not retried
    // until requeued.
    void markRejected(const std::string& sop_uid, const std::string& error);
    void setCompressed(const std::string& sop_uid, const std::filesystem::path& file, int64_t size);
    // Forgets the attempt counts of queued instances (a new one-shot run tries them afresh).
    void resetAttempts();
    // Puts rejected instances (of one study, or all when empty) back in the queue.
    int requeueRejected(const std::string& study_uid = "");
    // Wakes up when something is added or released, or after `timeout`.
    void waitForWork(std::chrono::milliseconds timeout);
    void notifyAll();

    size_t pendingCount();  // queued, claimed or not
    size_t inFlightCount();
    // Queued instances that may still be claimed now or later (respecting max_attempts).
    size_t claimableCount(int max_attempts = 0);

    // --- status ----------------------------------------------------------------------------
    std::vector<StudyStatus> studies();
    std::optional<StudyStatus> study(const std::string& study_uid);
    std::vector<std::string> studiesAwaitingReport();
    void updateCounty(const CountyStudyUpdate& update);
    void setReport(const std::string& study_uid, const std::filesystem::path& file,
                   const std::string& text, bool critical);
    void acknowledgeCritical(const std::string& study_uid);
    // Deletes the files of instances delivered more than `days` ago (rows stay for the log).
    int purgeDelivered(int days);

    LocalDb& db() { return *db_; }

private:
    void recover();
    std::filesystem::path objectPath(const std::string& sop_uid) const;

    std::filesystem::path dir_;
    std::unique_ptr<LocalDb> db_;
    std::mutex mutex_;  // in-flight set + condition
    std::condition_variable cv_;
    std::set<std::string> in_flight_;
    uint64_t generation_ = 0;
};

// Reads study status from an outbox folder without owning it (the technician window runs in
// its own process and opens the index read-only).
std::vector<StudyStatus> readStudyStatus(LocalDb& db);

}  // namespace countyread::sender
