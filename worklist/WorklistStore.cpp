#include "worklist/WorklistStore.h"

#include <algorithm>
#include <cstdio>

#include "worklist/WorklistSchema.h"

namespace countyread::worklist {

using dicom::Statement;
using dicom::SqlValue;

std::string isoMillis(Instant t) {
    auto s = toIso8601(t);  // "...:05Z"
    return s.substr(0, s.size() - 1) + ".000Z";
}

namespace {

const char* kColumns =
    "study_uid, township, modality, priority, state, assigned_to, received_at, assigned_at, "
    "opened_at, signed_at, signed_by, delivered_at, report_sop_uid";
const char* kRowColumns =
    "study_uid, township, modality, priority, state, assigned_to, received_at, assigned_at, "
    "opened_at, signed_at, signed_by, delivered_at, report_sop_uid, patient_name, patient_id, "
    "body_part, calling_ae, complete, first_instance_at, last_instance_at, updated_at, "
    "instance_count, late_instances, priority_source, deadline_at, at_risk_at, received_day, "
    "returned_at, return_reason, cancelled_at, cancel_reason, amended_at, locked_by, "
    "lock_expires_at, critical, escalation, escalated_at";

void fillItem(ReadingItem& i, Statement& q) {
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
}

ReadingItem fromRow(Statement& q) {
    ReadingItem i;
    fillItem(i, q);
    return i;
}

}  // namespace

WorklistRow worklistRowFrom(Statement& q) {
    WorklistRow r;
    fillItem(r, q);
    int c = 13;
    r.patient_name = q.text(c++);
    r.patient_id = q.text(c++);
    r.body_part = q.text(c++);
    r.calling_ae = q.text(c++);
    r.complete = q.integer(c++) != 0;
    r.first_instance_at = q.text(c++);
    r.last_instance_at = q.text(c++);
    r.updated_at = q.text(c++);
    r.instance_count = static_cast<int>(q.integer(c++));
    r.late_instances = static_cast<int>(q.integer(c++));
    r.priority_source = q.text(c++);
    r.deadline_at = q.text(c++);
    r.at_risk_at = q.text(c++);
    r.received_day = q.text(c++);
    r.returned_at = q.text(c++);
    r.return_reason = q.text(c++);
    r.cancelled_at = q.text(c++);
    r.cancel_reason = q.text(c++);
    r.amended_at = q.text(c++);
    r.locked_by = q.text(c++);
    r.lock_expires_at = q.text(c++);
    r.critical = static_cast<int>(q.integer(c++));
    r.escalation = q.text(c++);
    r.escalated_at = q.text(c++);
    return r;
}
const char* worklistRowColumns() { return kRowColumns; }

WorklistStore::WorklistStore(std::shared_ptr<dicom::Database> db) : db_(std::move(db)) {
    ensureWorklistSchema(*db_);
}

std::pair<ReadingItem, bool> WorklistStore::ensureItem(const std::string& study_uid,
                                                       const std::string& township,
                                                       const std::string& modality,
                                                       Priority priority, const std::string& now) {
    InstanceArrival in;
    in.study_uid = study_uid;
    in.township = township;
    in.modality = modality;
    in.priority = priority;
    auto out = noteInstance(in, now, false);
    return {static_cast<ReadingItem>(out.row), out.created};
}

ArrivalOutcome WorklistStore::noteInstance(const InstanceArrival& in, const std::string& now,
                                           bool wait_for_quiet) {
    return db_->transaction([&] {
        ArrivalOutcome out;
        // RETURNING yields a row only when this call inserted it (SQLite and PostgreSQL).
        out.created =
            db_->prepare("INSERT INTO reading_items (study_uid, township, modality, priority, state, "
                         "received_at, patient_name, patient_id, body_part, calling_ae, complete, "
                         "first_instance_at, last_instance_at, updated_at, instance_count, "
                         "priority_source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                         "ON CONFLICT(study_uid) DO NOTHING RETURNING study_uid")
                .bindAll({in.study_uid, in.township, in.modality, toString(in.priority),
                          toString(ReadingState::Received), now, in.patient_name, in.patient_id,
                          in.body_part, in.calling_ae, int64_t{wait_for_quiet ? 0 : 1}, now, now, now,
                          int64_t{std::max(1, in.archive_instances)}, in.priority_source})
                .step();
        if (out.created) {
            db_->prepare("INSERT INTO reading_transitions (study_uid, from_state, to_state, actor, at) "
                         "VALUES (?, '', 'received', ?, ?)")
                .bindAll({in.study_uid, in.township.empty() ? std::string("dicom") : in.township, now})
                .step();
        } else {
            auto current = row(in.study_uid);
            if (!current) throw WorkflowError("no reading item for study " + in.study_uid);
            int count = std::max(in.archive_instances, current->instance_count + 1);
            if (current->state == ReadingState::ReturnedForRescan) {
                // The township re-sent: received again, unassigned, the turnaround clock restarts.
                db_->prepare("UPDATE reading_items SET state = 'received', assigned_to = '', "
                             "assigned_at = '', opened_at = '', locked_by = '', lock_expires_at = '', "
                             "received_at = ?, complete = ?, last_instance_at = ?, updated_at = ?, "
                             "instance_count = ?, late_instances = 0, escalation = '', escalated_at = '' "
                             "WHERE study_uid = ?")
                    .bindAll({now, int64_t{wait_for_quiet ? 0 : 1}, now, now, int64_t{count}, in.study_uid})
                    .step();
                db_->prepare("INSERT INTO reading_transitions (study_uid, from_state, to_state, actor, "
                             "at, detail) VALUES (?, 'returned', 'received', ?, ?, 'township re-sent')")
                    .bindAll({in.study_uid, in.township.empty() ? std::string("dicom") : in.township, now})
                    .step();
                out.resent = true;
            } else {
                out.late = current->complete && wait_for_quiet;
                db_->prepare("UPDATE reading_items SET last_instance_at = ?, updated_at = ?, "
                             "instance_count = ?, late_instances = late_instances + ? WHERE study_uid = ?")
                    .bindAll({now, now, int64_t{count}, int64_t{out.late ? 1 : 0}, in.study_uid})
                    .step();
            }
        }
        out.row = *row(in.study_uid);
        return out;
    });
}

std::vector<ArrivalUpdateOutcome> WorklistStore::applyArrivals(const std::vector<ArrivalUpdate>& updates,
                                                             const std::string& now, bool wait_for_quiet) {
    if (updates.empty()) return {};
    return db_->transaction([&] {
        std::vector<ArrivalUpdateOutcome> out;
        out.reserve(updates.size());
        for (const auto& u : updates) {
            ArrivalUpdateOutcome o;
            o.study_uid = u.study_uid;
            const int64_t late_if_complete = wait_for_quiet ? u.arrivals : 0;
            auto q = db_->prepare(
                "UPDATE reading_items SET last_instance_at = ?, updated_at = ?, "
                "instance_count = CASE WHEN instance_count + ? > ? THEN instance_count + ? ELSE ? END, "
                "late_instances = late_instances + CASE WHEN complete = 1 THEN ? ELSE 0 END "
                "WHERE study_uid = ? AND state <> 'returned' "
                "RETURNING complete, state, assigned_to, CASE WHEN complete = 1 THEN ? ELSE 0 END");
            q.bindAll({u.last_at, now, int64_t{u.arrivals}, int64_t{u.archive_instances}, int64_t{u.arrivals},
                       int64_t{u.archive_instances}, late_if_complete, u.study_uid, late_if_complete});
            if (q.step()) {
                o.applied = true;
                o.complete = q.integer(0) != 0;
                o.state = q.text(1);
                o.assigned_to = q.text(2);
                o.late = static_cast<int>(q.integer(3));
            }
            out.push_back(std::move(o));
        }
        return out;
    });
}

std::vector<std::string> WorklistStore::dueForCompletion(const std::string& cutoff, int limit) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare("SELECT study_uid FROM reading_items WHERE complete = 0 AND "
                          "last_instance_at <= ? ORDER BY last_instance_at LIMIT ?");
    q.bindAll({cutoff, int64_t{limit}});
    std::vector<std::string> out;
    while (q.step()) out.push_back(q.text(0));
    return out;
}

bool WorklistStore::markComplete(const std::string& study_uid, const std::string& cutoff,
                                 const ItemSchedule& s, const std::string& now) {
    return db_->transaction([&] {
        return db_->prepare("UPDATE reading_items SET complete = 1, updated_at = ?, deadline_at = ?, "
                            "at_risk_at = ?, received_day = ? WHERE study_uid = ? AND complete = 0 "
                            "AND last_instance_at <= ? RETURNING study_uid")
            .bindAll({now, s.deadline_at, s.at_risk_at, s.received_day, study_uid, cutoff})
            .step();
    });
}

void WorklistStore::setSchedule(const std::string& study_uid, const ItemSchedule& s) {
    db_->transaction([&] {
        db_->prepare("UPDATE reading_items SET deadline_at = ?, at_risk_at = ?, received_day = ? "
                     "WHERE study_uid = ?")
            .bindAll({s.deadline_at, s.at_risk_at, s.received_day, study_uid})
            .step();
    });
}

void WorklistStore::transition(const std::string& study_uid, ReadingState to,
                               const std::string& actor, const std::string& now,
                               const std::string& extra_sql,
                               const std::vector<SqlValue>& extra_values, const std::string& detail,
                               const std::vector<ReadingState>& only_from) {
    db_->transaction([&] {
        std::string from_name;
        {
            auto q = db_->prepare("SELECT state FROM reading_items WHERE study_uid = ?");
            q.bind(1, study_uid);
            if (!q.step()) throw WorkflowError("no reading item for study " + study_uid);
            from_name = q.text(0);
        }
        auto from = readingStateFromString(from_name).value_or(ReadingState::Received);
        bool listed = only_from.empty() || std::find(only_from.begin(), only_from.end(), from) != only_from.end();
        if (!listed || !transitionAllowed(from, to))
            throw WorkflowError("study " + study_uid + " is " + from_name + " and cannot become " +
                                toString(to));
        std::vector<SqlValue> values{toString(to), now};
        values.insert(values.end(), extra_values.begin(), extra_values.end());
        values.push_back(study_uid);
        db_->prepare("UPDATE reading_items SET state = ?, updated_at = ?" + extra_sql + " WHERE study_uid = ?")
            .bindAll(values)
            .step();
        db_->prepare("INSERT INTO reading_transitions (study_uid, from_state, to_state, actor, at, detail) "
                     "VALUES (?,?,?,?,?,?)")
            .bindAll({study_uid, from_name, toString(to), actor, now, detail})
            .step();
    });
}

void WorklistStore::assign(const std::string& study_uid, const std::string& radiologist,
                           const std::string& actor, const std::string& now, const std::string& detail) {
    // A new reader: whoever held the lock no longer does; not yet opened by the new one.
    transition(study_uid, ReadingState::Assigned, actor, now,
               ", assigned_to = ?, assigned_at = ?, opened_at = '', locked_by = '', lock_expires_at = ''",
               {radiologist, now}, detail);
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
               ", signed_at = ?, signed_by = ?, report_sop_uid = ?, locked_by = '', lock_expires_at = ''",
               {now, actor, report_sop_uid}, "report " + report_sop_uid,
               {ReadingState::Assigned, ReadingState::InReading});
}

void WorklistStore::markAmended(const std::string& study_uid, const std::string& actor,
                                const std::string& report_sop_uid, const std::string& now) {
    transition(study_uid, ReadingState::Amended, actor, now, ", report_sop_uid = ?, amended_at = ?",
               {report_sop_uid, now}, "addendum " + report_sop_uid,
               {ReadingState::Signed, ReadingState::Delivered, ReadingState::Amended});
}

void WorklistStore::markDelivered(const std::string& study_uid, const std::string& now) {
    transition(study_uid, ReadingState::Delivered, "delivery", now, ", delivered_at = ?", {now});
}

void WorklistStore::release(const std::string& study_uid, const std::string& actor, const std::string& now) {
    transition(study_uid, ReadingState::Received, actor, now,
               ", assigned_to = '', assigned_at = '', opened_at = '', locked_by = '', lock_expires_at = ''",
               {}, "released to the pool", {ReadingState::Assigned, ReadingState::InReading});
}

void WorklistStore::returnForRescan(const std::string& study_uid, const std::string& actor,
                                    const std::string& reason, const std::string& now) {
    transition(study_uid, ReadingState::ReturnedForRescan, actor, now,
               ", returned_at = ?, return_reason = ?, locked_by = '', lock_expires_at = ''", {now, reason},
               reason);
}

void WorklistStore::cancel(const std::string& study_uid, const std::string& actor, const std::string& reason,
                           const std::string& now) {
    transition(study_uid, ReadingState::Cancelled, actor, now,
               ", cancelled_at = ?, cancel_reason = ?, locked_by = '', lock_expires_at = ''", {now, reason},
               reason);
}

void WorklistStore::setPriority(const std::string& study_uid, Priority p, const std::string& source,
                                const ItemSchedule& s, const std::string& now) {
    db_->transaction([&] {
        bool found = db_->prepare("UPDATE reading_items SET priority = ?, priority_source = ?, deadline_at = ?, "
                                  "at_risk_at = ?, updated_at = ?, escalation = '', escalated_at = '' "
                                  "WHERE study_uid = ? RETURNING study_uid")
                         .bindAll({toString(p), source, s.deadline_at, s.at_risk_at, now, study_uid})
                         .step();
        if (!found) throw WorkflowError("no reading item for study " + study_uid);
    });
}

void WorklistStore::setEscalation(const std::string& study_uid, const std::string& escalation,
                                  const std::string& now) {
    db_->transaction([&] {
        db_->prepare("UPDATE reading_items SET escalation = ?, escalated_at = ? WHERE study_uid = ?")
            .bindAll({escalation, now, study_uid})
            .step();
    });
}

LockOutcome WorklistStore::lock(const std::string& study_uid, const std::string& user, const std::string& now,
                                const std::string& expires_at, bool force) {
    return db_->transaction([&] {
        LockOutcome out;
        bool granted = db_->prepare("UPDATE reading_items SET locked_by = ?, lock_expires_at = ? "
                                    "WHERE study_uid = ? AND (? = 1 OR locked_by = '' OR locked_by = ? "
                                    "OR lock_expires_at <= ?) RETURNING study_uid")
                           .bindAll({user, expires_at, study_uid, int64_t{force ? 1 : 0}, user, now})
                           .step();
        auto q = db_->prepare("SELECT locked_by, lock_expires_at FROM reading_items WHERE study_uid = ?");
        q.bind(1, study_uid);
        if (!q.step()) throw WorkflowError("no reading item for study " + study_uid);
        out.granted = granted;
        out.holder = q.text(0);
        out.expires_at = q.text(1);
        return out;
    });
}

bool WorklistStore::unlock(const std::string& study_uid, const std::string& user) {
    return db_->transaction([&] {
        return db_->prepare("UPDATE reading_items SET locked_by = '', lock_expires_at = '' "
                            "WHERE study_uid = ? AND locked_by = ? RETURNING study_uid")
            .bindAll({study_uid, user})
            .step();
    });
}

int64_t WorklistStore::flagCritical(const std::string& study_uid, const std::string& finding,
                                    const std::string& by, const std::string& now) {
    return db_->transaction([&] {
        auto item = row(study_uid);
        if (!item) throw WorkflowError("no reading item for study " + study_uid);
        int64_t id = 0;
        {
            auto q = db_->prepare("INSERT INTO critical_findings (study_uid, township, finding, flagged_by, "
                                  "flagged_at) VALUES (?,?,?,?,?) RETURNING id");
            q.bindAll({study_uid, item->township, finding, by, now});
            q.step();
            id = q.integer(0);
        }
        db_->prepare("UPDATE reading_items SET critical = 1, updated_at = ? WHERE study_uid = ?")
            .bindAll({now, study_uid})
            .step();
        return id;
    });
}

std::vector<CriticalFindingRow> WorklistStore::acknowledgeCritical(const std::string& study_uid,
                                                                   const std::string& by,
                                                                   const std::string& now) {
    auto now_t = parseIso8601(now);
    return db_->transaction([&] {
        std::vector<CriticalFindingRow> open;
        for (auto& f : criticalFindings(study_uid))
            if (f.acknowledged_at.empty()) open.push_back(f);
        for (auto& f : open) {
            auto flagged = parseIso8601(f.flagged_at);
            f.ack_seconds = (now_t && flagged) ? std::max<int64_t>(0, (*now_t - *flagged).count()) : 0;
            f.acknowledged_by = by;
            f.acknowledged_at = now;
            db_->prepare("UPDATE critical_findings SET acknowledged_by = ?, acknowledged_at = ?, "
                         "ack_seconds = ? WHERE id = ?")
                .bindAll({by, now, f.ack_seconds, f.id})
                .step();
        }
        if (!open.empty())
            db_->prepare("UPDATE reading_items SET critical = 2, updated_at = ? WHERE study_uid = ?")
                .bindAll({now, study_uid})
                .step();
        return open;
    });
}

std::vector<CriticalFindingRow> WorklistStore::criticalFindings(const std::string& study_uid) {
    auto read = [&] {
        auto q = db_->prepare("SELECT id, study_uid, township, finding, flagged_by, flagged_at, "
                              "acknowledged_by, acknowledged_at, ack_seconds FROM critical_findings "
                              "WHERE study_uid = ? ORDER BY id");
        q.bind(1, study_uid);
        std::vector<CriticalFindingRow> out;
        while (q.step())
            out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6),
                           q.text(7), q.isNull(8) ? -1 : q.integer(8)});
        return out;
    };
    return db_->transaction(read);
}

std::optional<ReadingItem> WorklistStore::find(const std::string& study_uid) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kColumns + " FROM reading_items WHERE study_uid = ?");
    q.bind(1, study_uid);
    if (!q.step()) return std::nullopt;
    return fromRow(q);
}

std::optional<WorklistRow> WorklistStore::row(const std::string& study_uid) {
    return db_->transaction([&]() -> std::optional<WorklistRow> {
        auto q = db_->prepare(std::string("SELECT ") + kRowColumns + " FROM reading_items WHERE study_uid = ?");
        q.bind(1, study_uid);
        if (!q.step()) return std::nullopt;
        return worklistRowFrom(q);
    });
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

std::vector<WorklistRow> WorklistStore::atRisk(const std::string& now, int limit) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kRowColumns +
                          " FROM reading_items WHERE state IN ('received','assigned','in_reading') AND "
                          "complete = 1 AND at_risk_at <> '' AND at_risk_at <= ? ORDER BY deadline_at LIMIT ?");
    q.bindAll({now, int64_t{limit}});
    std::vector<WorklistRow> out;
    while (q.step()) out.push_back(worklistRowFrom(q));
    return out;
}

std::vector<WorklistRow> WorklistStore::withoutSchedule(int limit) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kRowColumns +
                          " FROM reading_items WHERE complete = 1 AND deadline_at = '' LIMIT ?");
    q.bind(1, int64_t{limit});
    std::vector<WorklistRow> out;
    while (q.step()) out.push_back(worklistRowFrom(q));
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

std::map<std::string, std::map<std::string, int>> WorklistStore::openLoadByModality() {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare("SELECT assigned_to, modality, COUNT(*) FROM reading_items WHERE state IN "
                          "('assigned','in_reading') GROUP BY assigned_to, modality");
    std::map<std::string, std::map<std::string, int>> out;
    while (q.step()) out[q.text(0)][q.text(1)] = static_cast<int>(q.integer(2));
    return out;
}

void WorklistStore::backfillPatients() {
    try {
        db_->transaction([&] {
            db_->prepare("UPDATE reading_items SET patient_name = (SELECT s.patient_name FROM studies s "
                         "WHERE s.study_uid = reading_items.study_uid), patient_id = (SELECT s.patient_id "
                         "FROM studies s WHERE s.study_uid = reading_items.study_uid) WHERE patient_name = '' "
                         "AND patient_id = '' AND EXISTS (SELECT 1 FROM studies s WHERE s.study_uid = "
                         "reading_items.study_uid)")
                .step();
        });
    } catch (const dicom::DatabaseError&) {
        // No archive tables in this database (the worklist alone): nothing to copy.
    }
}

std::vector<WorklistStore::Transition> WorklistStore::transitions(const std::string& study_uid) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare("SELECT from_state, to_state, actor, at, detail FROM reading_transitions "
                          "WHERE study_uid = ? ORDER BY id");
    q.bind(1, study_uid);
    std::vector<Transition> out;
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4)});
    return out;
}

}  // namespace countyread::worklist
