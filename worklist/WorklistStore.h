#pragma once
// Persistence of reading items and their state transitions (who, when, why), the claim locks
// that several county servers sharing one database must agree on, and critical findings.
// Every state change checks transitionAllowed() and throws WorkflowError when it does not fit.
// Listing, filtering and metrics queries are in WorklistQuery.
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "dicom/archive/Database.h"
#include "worklist/ReadingItem.h"
#include "worklist/WorklistRow.h"

namespace countyread::worklist {

// One readable instance arrived for a study.
struct InstanceArrival {
    std::string study_uid, township, calling_ae, modality, body_part, patient_name, patient_id;
    Priority priority = Priority::Routine;
    std::string priority_source = "dimse";
    int archive_instances = 0;  // the study's instance count in the archive after this one
};

// Further instances of a study whose item exists, coalesced by the caller (see applyArrivals).
struct ArrivalUpdate {
    std::string study_uid;
    std::string last_at;        // when the newest of them arrived
    int arrivals = 0;           // how many arrived
    int archive_instances = 0;  // the study's instance count in the archive after the newest
};

struct ArrivalUpdateOutcome {
    std::string study_uid;
    bool applied = false;  // false: the item is returned for rescan (or gone): use noteInstance
    bool complete = false;
    int late = 0;          // of the arrivals, those that came after the item was complete
    std::string state, assigned_to;
};

struct ArrivalOutcome {
    WorklistRow row;      // after the update
    bool created = false; // the study's first instance
    bool late = false;    // arrived after the item was complete (the reader must be told)
    bool resent = false;  // a returned study came back: received again, clock restarted
};

// When an item is due (computed by the caller from the TurnaroundPolicy).
struct ItemSchedule {
    std::string deadline_at, at_risk_at, received_day;
};

struct LockOutcome {
    bool granted = false;
    std::string holder, expires_at;  // the holder now (the caller when granted)
    explicit operator bool() const { return granted; }
};

// The columns of a WorklistRow, in the order worklistRowFrom reads them (for queries that build
// their own WHERE clause, see WorklistQuery).
const char* worklistRowColumns();
WorklistRow worklistRowFrom(dicom::Statement& row);

class WorklistStore {
public:
    explicit WorklistStore(std::shared_ptr<dicom::Database> db);

    // Creates the item on a study's first instance (complete at once); returns it and whether
    // it was new.
    std::pair<ReadingItem, bool> ensureItem(const std::string& study_uid, const std::string& township,
                                            const std::string& modality, Priority priority,
                                            const std::string& now);
    // Records an instance. A new item is complete at once unless `wait_for_quiet` (then it is
    // hidden until markComplete); an instance after completion counts as late; an instance for
    // a returned item brings it back to received (incomplete when `wait_for_quiet`).
    ArrivalOutcome noteInstance(const InstanceArrival& in, const std::string& now, bool wait_for_quiet);
    // Incomplete items whose last instance arrived at or before `cutoff`.
    // Applies coalesced arrivals for existing items in one transaction (one commit for many
    // instances): last instance time, count, and late arrivals when the item was already complete
    // and `wait_for_quiet`. Items returned for rescan are left alone (applied = false).
    std::vector<ArrivalUpdateOutcome> applyArrivals(const std::vector<ArrivalUpdate>& updates,
                                                    const std::string& now, bool wait_for_quiet);
    std::vector<std::string> dueForCompletion(const std::string& cutoff, int limit = 200);
    // Completes the item if it is still incomplete and quiet since `cutoff`; true for the caller
    // that did it (one winner among servers sharing the database).
    bool markComplete(const std::string& study_uid, const std::string& cutoff, const ItemSchedule& s,
                      const std::string& now);
    void setSchedule(const std::string& study_uid, const ItemSchedule& s);

    // State changes; throw WorkflowError when the workflow does not allow them.
    void assign(const std::string& study_uid, const std::string& radiologist,
                const std::string& actor, const std::string& now, const std::string& detail = {});
    void markOpened(const std::string& study_uid, const std::string& actor, const std::string& now);
    // assigned | in_reading -> signed (anything else: WorkflowError).
    void markSigned(const std::string& study_uid, const std::string& actor,
                    const std::string& report_sop_uid, const std::string& now);
    // signed | delivered | amended -> amended: an addendum replaced the current report.
    void markAmended(const std::string& study_uid, const std::string& actor,
                     const std::string& report_sop_uid, const std::string& now);
    void markDelivered(const std::string& study_uid, const std::string& now);
    // assigned | in_reading -> received, unassigned, lock dropped (back to the pool).
    void release(const std::string& study_uid, const std::string& actor, const std::string& now);
    void returnForRescan(const std::string& study_uid, const std::string& actor,
                         const std::string& reason, const std::string& now);
    void cancel(const std::string& study_uid, const std::string& actor, const std::string& reason,
                const std::string& now);
    void setPriority(const std::string& study_uid, Priority p, const std::string& source,
                     const ItemSchedule& s, const std::string& now);
    void setEscalation(const std::string& study_uid, const std::string& escalation, const std::string& now);

    // Claim lock (阅片锁): granted when free, expired or already the user's (renewed); `force`
    // (administrators) takes it from anyone.
    LockOutcome lock(const std::string& study_uid, const std::string& user, const std::string& now,
                     const std::string& expires_at, bool force = false);
    bool unlock(const std::string& study_uid, const std::string& user);

    // Critical findings (危急值).
    int64_t flagCritical(const std::string& study_uid, const std::string& finding,
                         const std::string& by, const std::string& now);
    // Acknowledges every open finding of the study; returns them (empty: none was open).
    std::vector<CriticalFindingRow> acknowledgeCritical(const std::string& study_uid,
                                                        const std::string& by, const std::string& now);
    std::vector<CriticalFindingRow> criticalFindings(const std::string& study_uid);

    std::optional<ReadingItem> find(const std::string& study_uid);
    std::optional<WorklistRow> row(const std::string& study_uid);
    std::vector<ReadingItem> all();
    // Complete unread items whose at-risk point is at or before `now`, most urgent first.
    std::vector<WorklistRow> atRisk(const std::string& now, int limit = 1000);
    // Complete items without a deadline (rows from before deadlines were kept).
    std::vector<WorklistRow> withoutSchedule(int limit = 1000);
    // Open (assigned or in reading) items per radiologist.
    std::map<std::string, int> openLoad();
    // Open items per radiologist and modality (for weighted load).
    std::map<std::string, std::map<std::string, int>> openLoadByModality();
    // Copies patient name and ID from the archive's studies table to items that lack them.
    void backfillPatients();

    struct Transition {
        std::string from, to, actor, at, detail;
    };
    std::vector<Transition> transitions(const std::string& study_uid);

    const std::shared_ptr<dicom::Database>& database() const { return db_; }

private:
    void transition(const std::string& study_uid, ReadingState to, const std::string& actor,
                    const std::string& now, const std::string& extra_sql,
                    const std::vector<dicom::SqlValue>& extra_values, const std::string& detail = {},
                    const std::vector<ReadingState>& only_from = {});
    std::shared_ptr<dicom::Database> db_;
};

}  // namespace countyread::worklist
