#pragma once
// IArchiveIndex over a Database (SQLite or PostgreSQL), with group commit of addInstance().
#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>

#include "dicom/archive/Database.h"
#include "dicom/archive/IArchiveIndex.h"

namespace countyread::dicom {

class SqlArchiveIndex : public IArchiveIndex {
public:
    // addInstance() uses group commit: concurrent callers (one per association) are batched
    // into one transaction, so durability costs one WAL flush per batch, not per instance.
    // Shares the database with other stores (e.g. the worklist). Applies the archive migrations.
    explicit SqlArchiveIndex(std::shared_ptr<Database> db);

    IndexOutcome addInstance(const StoredInstance& instance,
                             std::string* previous_blob_key = nullptr) override;
    std::optional<StoredInstance> findInstance(const std::string& sop_instance_uid) override;
    std::optional<StudyRecord> findStudy(const std::string& study_uid) override;
    std::vector<StudyRecord> studies() override;
    std::vector<StudyRecord> studiesOfPatient(const std::string& patient_id) override;
    bool referencesBlob(const std::string& blob_key) override;
    std::vector<StoredInstance> instancesOfStudy(const std::string& study_uid) override;

    // Number of transactions committed by addInstance (for tests and metrics).
    int64_t commitCount() const { return commits_; }

private:
    struct Pending {
        const StoredInstance* instance;
        std::string* previous;
        IndexOutcome outcome = IndexOutcome::Added;
        std::exception_ptr error;
        bool done = false;
    };
    IndexOutcome addOne(const StoredInstance& instance, std::string* previous);
    void commitBatch(std::vector<Pending*>& batch);

    std::shared_ptr<Database> db_;
    std::mutex queue_mutex_;
    std::condition_variable queue_cv_;
    std::vector<Pending*> queue_;
    bool leader_active_ = false;
    std::atomic<int64_t> commits_{0};
};

}  // namespace countyread::dicom
