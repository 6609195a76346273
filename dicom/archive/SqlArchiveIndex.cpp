#include "dicom/archive/SqlArchiveIndex.h"

#include <algorithm>
#include <tuple>

namespace countyread::dicom {

namespace {

const char* kInstanceColumns =
    "i.sop_instance_uid, i.series_uid, i.study_uid, i.sop_class_uid, i.instance_number, "
    "i.transfer_syntax_uid, i.source_charset, i.rows_, i.columns_, i.blob_key, i.size_bytes, "
    "i.sha256, i.source_ae, i.received_at, s.modality, s.series_number, s.series_description, "
    "s.body_part, st.patient_name, st.patient_id, st.study_date, st.study_description";

StoredInstance instanceFromRow(Statement& q) {
    StoredInstance s;
    s.info.sop_instance_uid = q.text(0);
    s.info.series_uid = q.text(1);
    s.info.study_uid = q.text(2);
    s.info.sop_class_uid = q.text(3);
    s.info.instance_number = static_cast<int>(q.integer(4));
    s.info.transfer_syntax_uid = q.text(5);
    s.info.source_charset = q.text(6);
    s.info.rows = static_cast<int>(q.integer(7));
    s.info.columns = static_cast<int>(q.integer(8));
    s.blob_key = q.text(9);
    s.size_bytes = q.integer(10);
    s.sha256 = q.text(11);
    s.source_ae = q.text(12);
    s.received_at = q.text(13);
    s.info.modality = q.text(14);
    s.info.series_number = static_cast<int>(q.integer(15));
    s.info.series_description = q.text(16);
    s.info.body_part = q.text(17);
    s.info.patient_name = q.text(18);
    s.info.patient_id = q.text(19);
    s.info.study_date = q.text(20);
    s.info.study_description = q.text(21);
    return s;
}

const char* kStudyColumns =
    "study_uid, patient_id, patient_name, patient_birth_date, patient_sex, study_date, "
    "study_time, study_description, accession_number, institution_name, modality, source_ae, "
    "received_at, updated_at, instance_count";

StudyRecord studyFromRow(Statement& q) {
    StudyRecord r;
    r.info.study_uid = q.text(0);
    r.info.patient_id = q.text(1);
    r.info.patient_name = q.text(2);
    r.info.patient_birth_date = q.text(3);
    r.info.patient_sex = q.text(4);
    r.info.study_date = q.text(5);
    r.info.study_time = q.text(6);
    r.info.study_description = q.text(7);
    r.info.accession_number = q.text(8);
    r.info.institution_name = q.text(9);
    r.modality = q.text(10);
    r.info.modality = r.modality;
    r.source_ae = q.text(11);
    r.received_at = q.text(12);
    r.updated_at = q.text(13);
    r.instance_count = static_cast<int>(q.integer(14));
    return r;
}

}  // namespace

SqlArchiveIndex::SqlArchiveIndex(std::shared_ptr<Database> db) : db_(std::move(db)) {
    db_->migrate("archive", archiveMigrations());
}

IndexOutcome SqlArchiveIndex::addInstance(const StoredInstance& in, std::string* previous) {
    Pending me{&in, previous, IndexOutcome::Added, nullptr, false};
    std::unique_lock lock(queue_mutex_);
    queue_.push_back(&me);
    while (!me.done) {
        if (leader_active_) {
            queue_cv_.wait(lock);
            continue;
        }
        // Become the leader: commit everything queued so far in one transaction.
        leader_active_ = true;
        std::vector<Pending*> batch;
        batch.swap(queue_);
        lock.unlock();
        commitBatch(batch);
        lock.lock();
        for (auto* p : batch) p->done = true;
        leader_active_ = false;
        queue_cv_.notify_all();
    }
    if (me.error) std::rethrow_exception(me.error);
    return me.outcome;
}

void SqlArchiveIndex::commitBatch(std::vector<Pending*>& batch) {
    // One lock order for every batch (PostgreSQL locks the study and series rows it upserts):
    // concurrent batches of this and other processes wait for each other instead of deadlocking.
    // Stable, so a SOP instance sent twice keeps its order.
    std::stable_sort(batch.begin(), batch.end(), [](const Pending* a, const Pending* b) {
        const auto &x = a->instance->info, &y = b->instance->info;
        return std::tie(x.study_uid, x.series_uid) < std::tie(y.study_uid, y.series_uid);
    });
    try {
        db_->transaction([&] {
            for (auto* p : batch) p->outcome = addOne(*p->instance, p->previous);
        });
        ++commits_;
        return;
    } catch (...) {
        if (batch.size() == 1) {
            batch[0]->error = std::current_exception();
            return;
        }
    }
    // One bad row must not fail its neighbours: retry each on its own.
    for (auto* p : batch) {
        try {
            db_->transaction([&] { p->outcome = addOne(*p->instance, p->previous); });
            ++commits_;
        } catch (...) {
            p->error = std::current_exception();
        }
    }
}

IndexOutcome SqlArchiveIndex::addOne(const StoredInstance& in, std::string* previous) {
    const auto& i = in.info;
    if (previous) previous->clear();  // a retried unit starts afresh
    {
        IndexOutcome outcome = IndexOutcome::Added;
        {
            auto q =
                db_->prepare("SELECT sha256, blob_key FROM instances WHERE sop_instance_uid = ?");
            q.bind(1, i.sop_instance_uid);
            if (q.step()) {
                if (q.text(0) == in.sha256) return IndexOutcome::IdenticalDuplicate;
                outcome = IndexOutcome::Replaced;
                if (previous) *previous = q.text(1);
            }
        }
        db_->prepare(
               "INSERT INTO studies (study_uid, patient_id, patient_name, patient_birth_date, "
               "patient_sex, study_date, study_time, study_description, accession_number, "
               "institution_name, modality, source_ae, received_at, updated_at, instance_count) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,0) ON CONFLICT(study_uid) DO UPDATE SET "
               "patient_id=excluded.patient_id, patient_name=excluded.patient_name, "
               "patient_birth_date=excluded.patient_birth_date, patient_sex=excluded.patient_sex, "
               "study_description=excluded.study_description, updated_at=excluded.updated_at")
            .bindAll({i.study_uid, i.patient_id, i.patient_name, i.patient_birth_date,
                      i.patient_sex, i.study_date, i.study_time, i.study_description,
                      i.accession_number, i.institution_name, i.modality, in.source_ae,
                      in.received_at, in.received_at})
            .step();
        db_->prepare(
               "INSERT INTO series (series_uid, study_uid, modality, series_number, "
               "series_description, body_part) VALUES (?,?,?,?,?,?) ON CONFLICT(series_uid) "
               "DO UPDATE SET series_description=excluded.series_description")
            .bindAll({i.series_uid, i.study_uid, i.modality, int64_t{i.series_number},
                      i.series_description, i.body_part})
            .step();
        db_->prepare(
               "INSERT INTO instances (sop_instance_uid, series_uid, study_uid, sop_class_uid, "
               "instance_number, transfer_syntax_uid, source_charset, rows_, columns_, blob_key, "
               "size_bytes, sha256, source_ae, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
               "ON CONFLICT(sop_instance_uid) DO UPDATE SET series_uid=excluded.series_uid, "
               "study_uid=excluded.study_uid, sop_class_uid=excluded.sop_class_uid, "
               "instance_number=excluded.instance_number, "
               "transfer_syntax_uid=excluded.transfer_syntax_uid, blob_key=excluded.blob_key, "
               "size_bytes=excluded.size_bytes, sha256=excluded.sha256, "
               "received_at=excluded.received_at")
            .bindAll({i.sop_instance_uid, i.series_uid, i.study_uid, i.sop_class_uid,
                      int64_t{i.instance_number}, i.transfer_syntax_uid, i.source_charset,
                      int64_t{i.rows}, int64_t{i.columns}, in.blob_key, in.size_bytes, in.sha256,
                      in.source_ae, in.received_at})
            .step();
        db_->prepare(
               "UPDATE studies SET instance_count = (SELECT COUNT(*) FROM instances WHERE "
               "study_uid = ?), updated_at = ? WHERE study_uid = ?")
            .bindAll({i.study_uid, in.received_at, i.study_uid})
            .step();
        return outcome;
    }
}

std::optional<StoredInstance> SqlArchiveIndex::findInstance(const std::string& sop) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kInstanceColumns +
                          " FROM instances i JOIN series s ON s.series_uid = i.series_uid "
                          "JOIN studies st ON st.study_uid = i.study_uid "
                          "WHERE i.sop_instance_uid = ?");
    q.bind(1, sop);
    if (!q.step()) return std::nullopt;
    return instanceFromRow(q);
}

std::optional<StudyRecord> SqlArchiveIndex::findStudy(const std::string& study_uid) {
    std::lock_guard lock(db_->mutex());
    auto q =
        db_->prepare(std::string("SELECT ") + kStudyColumns + " FROM studies WHERE study_uid = ?");
    q.bind(1, study_uid);
    if (!q.step()) return std::nullopt;
    return studyFromRow(q);
}

std::vector<StudyRecord> SqlArchiveIndex::studies() {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kStudyColumns +
                          " FROM studies ORDER BY received_at DESC");
    std::vector<StudyRecord> out;
    while (q.step()) out.push_back(studyFromRow(q));
    return out;
}

std::vector<StudyRecord> SqlArchiveIndex::studiesOfPatient(const std::string& patient_id) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kStudyColumns +
                          " FROM studies WHERE patient_id = ? ORDER BY study_date DESC, received_at DESC");
    q.bind(1, patient_id);
    std::vector<StudyRecord> out;
    while (q.step()) out.push_back(studyFromRow(q));
    return out;
}

bool SqlArchiveIndex::referencesBlob(const std::string& blob_key) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare("SELECT 1 FROM instances WHERE blob_key = ?");
    q.bind(1, blob_key);
    return q.step();
}

std::vector<StoredInstance> SqlArchiveIndex::instancesOfStudy(const std::string& study_uid) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kInstanceColumns +
                          " FROM instances i JOIN series s ON s.series_uid = i.series_uid "
                          "JOIN studies st ON st.study_uid = i.study_uid WHERE i.study_uid = ? "
                          "ORDER BY s.series_number, i.series_uid, i.instance_number");
    q.bind(1, study_uid);
    std::vector<StoredInstance> out;
    while (q.step()) out.push_back(instanceFromRow(q));
    return out;
}

}  // namespace countyread::dicom
