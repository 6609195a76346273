#pragma once
// Worklist listings and dashboard figures, computed in SQL over the indexed reading_items
// columns (state, priority, township, received_at, deadline_at, at_risk_at): filters, sorting
// and paging happen in the database so that the answer costs the page, not the table.
//
// At provincial scale (~1,000,000 items a year, bench/worklist) what a dashboard refresh would
// otherwise recount from every item is kept beside reading_items and kept in step by triggers:
// the queue by state and priority (reading_item_counts) and, per settled Beijing day, the
// turnaround facts, daily volumes and item count (turnaround_days, built on first use).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dicom/archive/Database.h"
#include "worklist/TurnaroundMetrics.h"
#include "worklist/WorklistRow.h"

namespace countyread::worklist {

struct WorklistFilter {
    std::vector<std::string> states, priorities, modalities, townships;
    std::string assigned_to;  // exact radiologist id
    // Radiologist scopes: "mine" (assigned to `user`), "pool" (received, unassigned),
    // "mine_or_pool"; "" = no restriction.
    std::string scope;
    std::string user;
    std::string from, to;  // received_at in [from, to) (ISO 8601 UTC; either may be empty)
    std::string q;         // part of the patient's name or ID
    bool include_incomplete = false;  // items still inside their quiet time
    bool at_risk = false, overdue = false;  // unread and past 80% / past the deadline at `now`
    bool critical = false;                  // with a critical finding
    std::string now;
    std::string sort = "priority";  // priority, received_at, deadline, state, township, modality,
                                    // patient_name, assigned_to, updated_at
    bool descending = false;
    int limit = 50, offset = 0;
};

struct WorklistPage {
    int64_t total = 0;  // rows matching the filter, before limit/offset
    std::vector<WorklistRow> rows;
};

struct QueueCount {
    std::string state, priority;
    int64_t count = 0;
};

struct DayVolume {
    std::string day;  // Beijing date
    int64_t received = 0, signed_count = 0;
};

class WorklistQuery {
public:
    explicit WorklistQuery(std::shared_ptr<dicom::Database> db) : db_(std::move(db)) {}

    // Throws std::invalid_argument for an unknown sort key. The total of a plain period (no
    // filter but from/to: the CSV export) takes its settled days' counts from turnaround_days.
    WorklistPage list(const WorklistFilter& filter);

    // Complete items per state and priority (township: one township's, "" = all), from the kept
    // counts.
    std::vector<QueueCount> queueCounts(const std::string& township = {});
    int64_t countAtRisk(const std::string& now, const std::string& township = {});  // 80% used, not past
    int64_t countOverdue(const std::string& now, const std::string& township = {});
    int64_t countIncomplete();
    int64_t pendingDeliveries();
    // Items received in [from, to) (not cancelled), for TurnaroundMetrics.
    std::vector<TurnaroundSample> samples(const std::string& from, const std::string& to,
                                          const std::string& township = {});
    // The dashboard's turnaround figures for the items received in [from, to): for each grouping
    // what turnaroundStats(samples(from, to, township), by, from, min(to, now), policy) gives,
    // and `items` = samples(...).size(), without a TurnaroundSample per item. County-wide, the
    // Beijing days that ended a day or more before `now` are kept in turnaround_days (built on
    // first use, dropped by the reading_items triggers when an item of theirs changes), so that a
    // year costs a few hundred rows instead of a million.
    TurnaroundReport turnaround(const std::string& from, const std::string& to, const std::string& township,
                                const std::string& now, const TurnaroundPolicy& policy);
    // Received and signed per Beijing day, days in [from_day, to_day]. County-wide, the days that
    // ended a day or more before `now` ("" = the clock) come from turnaround_days.
    std::vector<DayVolume> dailyVolume(const std::string& from_day, const std::string& to_day,
                                       const std::string& township = {}, const std::string& now = {});
    // Critical findings flagged in [from, to).
    std::vector<CriticalFindingRow> criticalFindings(const std::string& from, const std::string& to,
                                                     const std::string& township = {}, bool only_open = false);

private:
    // Adds the facts of the items received in [from, to) (either may be empty) to `out`.
    void readFacts(const std::string& from, const std::string& to, const std::string& township,
                   TurnaroundFacts& out);
    // `days` settled Beijing days from `first` (a Beijing midnight) as turnaround_days keeps them,
    // the missing ones built first: their volumes, and their facts when asked for.
    struct KeptDays {
        std::shared_ptr<const TurnaroundFacts> facts;
        std::vector<DayVolume> volumes;  // one per day, in order
        std::vector<int64_t> listed;     // complete items received on the day, per day
    };
    KeptDays keptDays(Instant first, int days, bool with_facts);
    // Builds and keeps days [k, end) of `bounds` (day d: received_at in [bounds[d], bounds[d + 1])).
    void buildDays(const std::vector<std::string>& bounds, std::size_t k, std::size_t end,
                   std::vector<TurnaroundFacts>& built, std::vector<std::string>& digests,
                   std::vector<DayVolume>& volumes, std::vector<int64_t>& listed);

    std::shared_ptr<dicom::Database> db_;
};

}  // namespace countyread::worklist
