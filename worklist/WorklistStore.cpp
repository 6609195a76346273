#include "worklist/WorklistStore.h"

#include "worklist/WorklistSchema.h"

namespace countyread::worklist {

using dicom::Statement;
using dicom::SqlValue;

namespace {

const char* kColumns =
    "study_uid, township, modality, priority, state, assigned_to, received_at, assigned_at, "
    "opened_at, signed_at, signed_by, delivered_at, report_sop_uid";

ReadingItem fromRow(Statement& q) {
    ReadingItem i;
    i.study_uid = q.text(0);
    i.township = q.text(1);
    i.modality = q.text(2);
    i.priority = priorityFromString(q.text(3)).value_or(Priority::Routine);
    i.state = readingStateFromString(q.text(4)).value_or(ReadingState::Received);
    i.assigned_to = q.text(5);
    i.received_at = q.text(6);
    i.assigned_at = q.text(7);
    i.opened_at = q.text(8);
    i.signed_at = q.text(9);
    i.signed_by = q.text(10);
    i.delivered_at = q.text(11);
    i.report_sop_uid = q.text(12);
    return i;
}

}  // namespace

WorklistStore::WorklistStore(std::shared_ptr<dicom::Database> db) : db_(std::move(db)) {
    ensureWorklistSchema(*db_);
}

std::pair<ReadingItem, bool> WorklistStore::ensureItem(const std::string& study_uid,
                                                       const std::string& township,
                                                       const std::string& modality,
                                                       Priority priority, const std::string& now) {
    return db_->transaction([&] {
        // RETURNING yields a row only when this call inserted it (SQLite and PostgreSQL).
        bool created = db_->prepare("INSERT INTO reading_items (study_uid, township, modality, "
                                    "priority, state, received_at) VALUES (?,?,?,?,?,?) "
                                    "ON CONFLICT(study_uid) DO NOTHING RETURNING study_uid")
                           .bindAll({study_uid, township, modality, toString(priority),
                                     toString(ReadingState::Received), now})
                           .step();
        if (created) {
            db_->prepare("INSERT INTO reading_transitions (study_uid, from_state, to_state, actor, at) "
                         "VALUES (?, '', 'received', ?, ?)")
                .bindAll({study_uid, township.empty() ? std::string("dicom") : township, now})
                .step();
        }
        auto q = db_->prepare(std::string("SELECT ") + kColumns +
                              " FROM reading_items WHERE study_uid = ?");
        q.bind(1, study_uid);
        q.step();
        return std::make_pair(fromRow(q), created);
    });
}

void WorklistStore::transition(const std::string& study_uid, ReadingState to,
                               const std::string& actor, const std::string& now,
                               const std::string& extra_sql,
                               const std::vector<SqlValue>& extra_values) {
    db_->transaction([&] {
        std::string from_name;
        {
            auto q = db_->prepare("SELECT state FROM reading_items WHERE study_uid = ?");
            q.bind(1, study_uid);
            if (!q.step()) throw WorkflowError("no reading item for study " + study_uid);
            from_name = q.text(0);
        }
        auto from = readingStateFromString(from_name).value_or(ReadingState::Received);
        if (!transitionAllowed(from, to))
            throw WorkflowError("study " + study_uid + " is " + from_name + " and cannot become " +
                                toString(to));
        std::vector<SqlValue> values{toString(to)};
        values.insert(values.end(), extra_values.begin(), extra_values.end());
        values.push_back(study_uid);
        db_->prepare("UPDATE reading_items SET state = ?" + extra_sql + " WHERE study_uid = ?")
            .bindAll(values)
            .step();
        db_->prepare("INSERT INTO reading_transitions (study_uid, from_state, to_state, actor, at) "
                     "VALUES (?,?,?,?,?)")
            .bindAll({study_uid, from_name, toString(to), actor, now})
            .step();
    });
}

void WorklistStore::assign(const std::string& study_uid, const std::string& radiologist,
                           const std::string& actor, const std::string& now) {
    transition(study_uid, ReadingState::Assigned, actor, now,
               ", assigned_to = ?, assigned_at = ?", {radiologist, now});
}

void WorklistStore::markOpened(const std::string& study_uid, const std::string& actor,
                               const std::string& now) {
    auto item = find(study_uid);
    if (item && item->state == ReadingState::InReading) return;  // re-opening is not a change
    transition(study_uid, ReadingState::InReading, actor, now, ", opened_at = ?", {now});
}

void WorklistStore::markSigned(const std::string& study_uid, const std::string& actor,
                               const std::string& report_sop_uid, const std::string& now) {
    transition(study_uid, ReadingState::Signed, actor, now,
               ", signed_at = ?, signed_by = ?, report_sop_uid = ?", {now, actor, report_sop_uid});
}

void WorklistStore::markAmended(const std::string& study_uid, const std::string& actor,
                                const std::string& report_sop_uid, const std::string& now) {
    transition(study_uid, ReadingState::Amended, actor, now, ", report_sop_uid = ?", {report_sop_uid});
}

void WorklistStore::markDelivered(const std::string& study_uid, const std::string& now) {
    transition(study_uid, ReadingState::Delivered, "delivery", now, ", delivered_at = ?", {now});
}

std::optional<ReadingItem> WorklistStore::find(const std::string& study_uid) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kColumns + " FROM reading_items WHERE study_uid = ?");
    q.bind(1, study_uid);
    if (!q.step()) return std::nullopt;
    return fromRow(q);
}

std::vector<ReadingItem> WorklistStore::all() {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kColumns +
                          " FROM reading_items ORDER BY CASE priority WHEN 'emergency' THEN 0 "
                          "WHEN 'urgent' THEN 1 ELSE 2 END, received_at");
    std::vector<ReadingItem> out;
    while (q.step()) out.push_back(fromRow(q));
    return out;
}

std::map<std::string, int> WorklistStore::openLoad() {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare("SELECT assigned_to, COUNT(*) FROM reading_items WHERE state IN "
                          "('assigned','in_reading') GROUP BY assigned_to");
    std::map<std::string, int> out;
    while (q.step()) out[q.text(0)] = static_cast<int>(q.integer(1));
    return out;
}

std::vector<WorklistStore::Transition> WorklistStore::transitions(const std::string& study_uid) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare("SELECT from_state, to_state, actor, at FROM reading_transitions "
                          "WHERE study_uid = ? ORDER BY id");
    q.bind(1, study_uid);
    std::vector<Transition> out;
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3)});
    return out;
}

}  // namespace countyread::worklist
