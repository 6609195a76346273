#include "DashboardBench.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <random>

#include "dicom/archive/Database.h"
#include "worklist/Escalation.h"
#include "worklist/Roster.h"
#include "worklist/TurnaroundMetrics.h"
#include "worklist/WorklistQuery.h"
#include "worklist/WorklistRow.h"
#include "worklist/WorklistSchema.h"

namespace countyread::bench {

using namespace countyread::worklist;
using dicom::SqlValue;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string beijingDay(Instant t) {
    std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(toShanghaiLocal(t))};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return buf;
}

// The Beijing midnight that starts the day of `t`.
Instant beijingMidnight(Instant t) {
    auto local = std::chrono::floor<std::chrono::days>(toShanghaiLocal(t));
    return Instant{local.time_since_epoch()} - std::chrono::hours{8};
}

std::string iso(Instant t) { return t == Instant{} ? std::string() : isoMillis(t); }

std::string thousands(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

// Multi-row INSERTs with '?' placeholders, prepared once per batch size.
class BatchInsert {
public:
    BatchInsert(dicom::Database& db, std::string table, std::vector<std::string> columns)
        : db_(db), table_(std::move(table)), columns_(std::move(columns)),
          rows_per_statement_(std::max<std::size_t>(1, 12000 / columns_.size())) {}

    void add(std::vector<SqlValue> row) {
        for (auto& v : row) pending_.push_back(std::move(v));
        ++rows_;
        if (rows_ == rows_per_statement_) flush();
    }
    void flush() {
        if (rows_ == 0) return;
        if (rows_ == rows_per_statement_) {
            if (!full_) full_ = std::make_unique<dicom::Statement>(db_.prepare(sql(rows_)));
            full_->bindAll(pending_);
            full_->step();
            full_->reset();
        } else {
            db_.prepare(sql(rows_)).bindAll(pending_).step();
        }
        pending_.clear();
        rows_ = 0;
    }

private:
    std::string sql(std::size_t rows) const {
        std::string one = "(";
        for (std::size_t c = 0; c < columns_.size(); ++c) one += c ? ",?" : "?";
        one += ")";
        std::string s = "INSERT INTO " + table_ + " (";
        for (std::size_t c = 0; c < columns_.size(); ++c) s += (c ? "," : "") + columns_[c];
        s += ") VALUES ";
        for (std::size_t r = 0; r < rows; ++r) s += (r ? "," : "") + one;
        return s;
    }

    dicom::Database& db_;
    std::string table_;
    std::vector<std::string> columns_;
    std::size_t rows_per_statement_;
    std::vector<SqlValue> pending_;
    std::size_t rows_ = 0;
    std::unique_ptr<dicom::Statement> full_;
};

struct LoadCounts {
    std::int64_t items = 0, critical = 0, critical_open = 0, deliveries = 0, pending = 0, unread = 0;
    double seconds = 0;
};

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡"};
const char* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
                              "明", "超", "秀英", "霞", "平", "刚", "桂英", "小明", "建国", "淑珍"};
const char* const kFindings[] = {"大量气胸", "急性脑出血", "主动脉夹层", "肺栓塞", "消化道穿孔", "张力性气胸"};

// Writes the reading items (their state at the snapshot), report deliveries and critical
// findings in transactions of multi-row INSERTs.
LoadCounts load(dicom::Database& db, const SimYear& year) {
    auto t0 = Clock::now();
    LoadCounts n;
    std::mt19937_64 rng(year.seed ^ 0x5eedULL);
    auto uniform = [&] { return std::uniform_real_distribution<double>(0, 1)(rng); };
    std::lognormal_distribution<double> ack_minutes(std::log(9.0), 0.8);
    const TurnaroundPolicy& policy = *year.policy;

    BatchInsert items(db, "reading_items",
                      {"study_uid", "township", "modality", "priority", "state", "assigned_to", "received_at",
                       "assigned_at", "opened_at", "signed_at", "signed_by", "delivered_at", "report_sop_uid",
                       "patient_name", "patient_id", "body_part", "calling_ae", "priority_source", "return_reason",
                       "cancel_reason", "received_day", "first_instance_at", "last_instance_at", "updated_at",
                       "deadline_at", "at_risk_at", "returned_at", "cancelled_at", "amended_at", "complete",
                       "instance_count", "critical"});
    BatchInsert deliveries(db, "deliveries",
                           {"study_uid", "sop_instance_uid", "township", "state", "attempts", "next_attempt_at",
                            "last_error", "created_at", "delivered_at"});
    BatchInsert findings(db, "critical_findings",
                         {"study_uid", "township", "finding", "flagged_by", "flagged_at", "acknowledged_by",
                          "acknowledged_at", "ack_seconds"});
    const std::string uid_root = "1.2.156.112605.7." + std::to_string(year.seed) + ".";
    auto rad = [&](int i) { return i < 0 ? std::string() : year.radiologists[static_cast<std::size_t>(i)]; };

    // A fresh database: the triggers that drop kept days have nothing to drop yet, and PostgreSQL
    // runs them row by row (a bulk load's usual shortcut; SQLite's cost little). The queue counts'
    // triggers run as they would for any write.
    const bool postgres = db.dialect() == dicom::Dialect::PostgreSQL;
    if (postgres) db.exec("ALTER TABLE reading_items DISABLE TRIGGER turnaround_days_on_insert");
    const std::size_t chunk = 25000;
    for (std::size_t begin = 0; begin < year.items.size(); begin += chunk) {
        std::size_t end = std::min(year.items.size(), begin + chunk);
        auto rng_state = rng;  // a retried unit writes the same rows
        LoadCounts before = n;
        db.transaction([&] {
            rng = rng_state;
            n = before;
            for (std::size_t i = begin; i < end; ++i) {
                const SimItem& s = year.items[i];
                if (!s.exists) continue;
                const std::string uid = uid_root + std::to_string(i + 1);
                const std::string& township = year.townships[s.township];
                const std::string modality = year.modalities[s.modality];
                WorkItem w;
                w.modality = modality;
                w.priority = s.priority;
                w.received_at = s.received;
                Seconds limit = policy.limit(s.priority, modality);
                Instant at_risk = s.received + Seconds{(limit.count() * kAtRiskNumerator + kAtRiskDenominator - 1) /
                                                       kAtRiskDenominator};
                std::string report_uid = s.signed_at != Instant{} ? uid_root + "9." + std::to_string(i + 1) : "";
                ReadingState state = s.state;
                bool delivery_failed = false;
                if (state == ReadingState::Delivered && uniform() < 0.001) {  // the township gateway is down
                    state = ReadingState::Signed;
                    delivery_failed = true;
                }
                Instant delivered = delivery_failed ? Instant{} : s.delivered;
                int critical = 0;
                if (s.signed_at != Instant{} && uniform() < 0.006) {
                    Instant flagged = s.signed_at - Seconds{static_cast<long>(uniform() * 120)};
                    Instant acked = flagged + Seconds{static_cast<long>(ack_minutes(rng) * 60)};
                    bool open = acked > year.snapshot;
                    critical = open ? 1 : 2;
                    findings.add({uid, township, std::string(kFindings[i % std::size(kFindings)]), rad(s.signed_by),
                                  iso(flagged), open ? std::string() : township, open ? std::string() : iso(acked),
                                  open ? SqlValue(nullptr) : SqlValue(int64_t{(acked - flagged).count()})});
                    ++n.critical;
                    n.critical_open += open;
                }
                if (!report_uid.empty() && (delivered != Instant{} || delivery_failed)) {
                    Instant created = s.amended != Instant{} ? s.amended : s.signed_at;
                    deliveries.add({uid, report_uid, township, std::string(delivery_failed ? "pending" : "delivered"),
                                    int64_t{delivery_failed ? 4 : 1},
                                    iso(delivery_failed ? year.snapshot + std::chrono::minutes{5} : created),
                                    std::string(delivery_failed ? "association rejected: township offline" : ""),
                                    iso(created), iso(delivered)});
                    ++n.deliveries;
                    n.pending += delivery_failed;
                }
                std::string name = std::string(kSurnames[rng() % std::size(kSurnames)]) + kGiven[rng() % std::size(kGiven)];
                char pid[16];
                std::snprintf(pid, sizeof pid, "P%08llu", static_cast<unsigned long long>(rng() % 100000000));
                Instant updated = std::max({s.received, s.assigned, s.opened, s.signed_at, delivered, s.amended,
                                            s.returned, s.cancelled});
                bool unread = isUnread(state);
                n.unread += unread;
                items.add({uid, township, modality, toString(s.priority), toString(state), rad(s.assigned_to),
                           iso(s.received), iso(s.assigned), iso(s.opened), iso(s.signed_at), rad(s.signed_by),
                           iso(delivered), report_uid, name, std::string(pid),
                           std::string(year.body_parts[s.modality][s.body]),
                           township + (modality == "CT" ? "_CT" : "_DR"),
                           s.priority_set ? "set:" + township : std::string("dimse"),
                           std::string(s.returned != Instant{} ? "运动伪影，请重新摄片" : ""),
                           std::string(state == ReadingState::Cancelled ? "重复登记" : ""), beijingDay(s.received),
                           iso(s.first_received), iso(s.received), iso(updated), iso(s.received + limit), iso(at_risk),
                           iso(s.returned), iso(s.cancelled), iso(s.amended), int64_t{1},
                           int64_t{modality == "CT" ? 240 + static_cast<int>(i % 200) : 1 + static_cast<int>(i % 2)},
                           int64_t{critical}});
                ++n.items;
            }
            items.flush();
            deliveries.flush();
            findings.flush();
        });
    }
    if (postgres) {
        db.exec("ALTER TABLE reading_items ENABLE TRIGGER turnaround_days_on_insert");
        db.exec("VACUUM ANALYZE");  // what autovacuum does after a load
    }
    n.seconds = msSince(t0) / 1000;
    return n;
}

// --- Timing -----------------------------------------------------------------------------------

struct Row {
    std::string query, period;
    std::int64_t result = 0;  // rows or count the call returned
    double median = 0, max = 0;
    bool dashboard = true;  // counts for the target (else shown for reference)
};

class Timings {
public:
    Timings(int repetitions, double target) : reps_(repetitions), target_(target) {}

    // Times fn() `repetitions` times (0: the default); its result is a row count or a count.
    template <typename Fn>
    void time(const std::string& query, const std::string& period, Fn&& fn, int repetitions = 0) {
        std::vector<double> ms;
        std::int64_t result = 0;
        for (int r = 0; r < (repetitions ? repetitions : reps_); ++r) {
            auto t0 = Clock::now();
            result = static_cast<std::int64_t>(fn());
            ms.push_back(msSince(t0));
        }
        std::sort(ms.begin(), ms.end());
        Row row{query, period, result, ms[ms.size() / 2], ms.back(), dashboard_};
        print(row);
        rows_.push_back(row);
    }
    // Rows after a heading count for the target when `dashboard`.
    void heading(const std::string& text, bool dashboard = true) {
        dashboard_ = dashboard;
        std::printf("  %s\n", text.c_str());
    }
    std::vector<Row> over(bool dashboard) const {
        std::vector<Row> out;
        for (const auto& r : rows_)
            if (r.dashboard == dashboard && r.median > target_) out.push_back(r);
        return out;
    }
    std::size_t count(bool dashboard) const {
        return static_cast<std::size_t>(
            std::count_if(rows_.begin(), rows_.end(), [&](const Row& r) { return r.dashboard == dashboard; }));
    }

private:
    void print(const Row& r) const {
        const char* verdict = r.median > target_ ? (r.dashboard ? "OVER" : "over (reference)") : (r.dashboard ? "ok" : "");
        std::printf("    %-62s %-6s %9s %9.1f ms %9.1f ms  %s\n", r.query.c_str(), r.period.c_str(),
                    thousands(r.result).c_str(), r.median, r.max, verdict);
        std::fflush(stdout);
    }
    int reps_;
    double target_;
    bool dashboard_ = true;
    std::vector<Row> rows_;
};

// A period as MetricsApi's periodOf gives it: [from, to) with `to` the end of a Beijing day.
struct Period {
    std::string label, from, to, from_day, last_day;
};

Period periodEnding(const std::string& label, Instant day_end, int days) {
    Period p;
    p.label = label;
    p.to = isoMillis(day_end);
    p.from = isoMillis(day_end - std::chrono::days{days});
    p.from_day = beijingDay(day_end - std::chrono::days{days});
    p.last_day = beijingDay(day_end - Seconds{1});
    return p;
}

// What GET /api/v1/metrics/turnaround computes from samples() (server/MetricsApi.cpp).
std::size_t turnaroundLikeMetricsApi(WorklistQuery& q, const Period& p, const std::string& township,
                                     const std::string& now, const TurnaroundPolicy& policy) {
    auto samples = q.samples(p.from, p.to, township);
    auto from_t = *parseIso8601(p.from);
    auto to_t = std::min(*parseIso8601(p.to), *parseIso8601(now));
    std::size_t groups = 0;
    for (GroupBy by : {GroupBy::Township, GroupBy::Radiologist, GroupBy::Modality, GroupBy::Priority})
        groups += turnaroundStats(samples, by, from_t, to_t, policy).size();
    auto all = samples;
    for (auto& sample : all) sample.township = "all";
    groups += turnaroundStats(all, GroupBy::Township, from_t, to_t, policy).size();
    return groups;
}

std::size_t groupRows(const TurnaroundReport& r) {
    return r.by_township.size() + r.by_radiologist.size() + r.by_modality.size() + r.by_priority.size() +
           r.overall.size();
}

bool sameStats(const std::vector<TurnaroundStats>& a, const std::vector<TurnaroundStats>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].group != b[i].group || a[i].signed_count != b[i].signed_count ||
            a[i].late_unsigned != b[i].late_unsigned || a[i].median != b[i].median || a[i].p90 != b[i].p90 ||
            a[i].within_limit != b[i].within_limit || a[i].share_within_limit != b[i].share_within_limit)
            return false;
    return true;
}

// The new path against the old one, grouping by grouping.
bool sameFigures(WorklistQuery& q, const Period& p, const std::string& township, const std::string& now,
                 const TurnaroundPolicy& policy) {
    auto report = q.turnaround(p.from, p.to, township, now, policy);
    auto samples = q.samples(p.from, p.to, township);
    auto from_t = *parseIso8601(p.from);
    auto to_t = std::min(*parseIso8601(p.to), *parseIso8601(now));
    bool same = report.items == samples.size();
    for (GroupBy by : {GroupBy::Township, GroupBy::Radiologist, GroupBy::Modality, GroupBy::Priority})
        same = same && sameStats(report.groups(by), turnaroundStats(samples, by, from_t, to_t, policy));
    for (auto& s : samples) s.township = "all";
    return same && sameStats(report.overall, turnaroundStats(samples, GroupBy::Township, from_t, to_t, policy));
}

// The kept queue counts against a count of the items themselves.
bool sameQueue(dicom::Database& db, WorklistQuery& q) {
    auto kept = q.queueCounts();
    std::vector<QueueCount> counted;
    {
        std::lock_guard lock(db.mutex());
        auto s = db.prepare("SELECT state, priority, COUNT(*) FROM reading_items WHERE complete = 1 "
                            "GROUP BY state, priority ORDER BY state, priority");
        while (s.step()) counted.push_back({s.text(0), s.text(1), s.integer(2)});
    }
    if (kept.size() != counted.size()) return false;
    for (std::size_t i = 0; i < kept.size(); ++i)
        if (kept[i].state != counted[i].state || kept[i].priority != counted[i].priority ||
            kept[i].count != counted[i].count)
            return false;
    return true;
}

std::size_t criticalFigures(WorklistQuery& q, const Period& p, const std::string& township) {
    std::vector<Seconds> delays;
    auto rows = q.criticalFindings(p.from, p.to, township);
    for (const auto& f : rows)
        if (f.ack_seconds >= 0) delays.emplace_back(f.ack_seconds);
    percentile(delays, 50);
    percentile(delays, 90);
    return rows.size();
}

std::size_t summaryEndpoint(WorklistQuery& q, const std::string& township, const std::string& now) {
    std::size_t n = q.queueCounts(township).size();
    WorklistFilter f;
    f.now = now;
    f.at_risk = true;
    f.sort = "deadline";
    f.limit = 100;
    if (!township.empty()) f.townships = {township};
    n += q.list(f).rows.size();
    n += q.criticalFindings("", "", township, true).size();
    n += static_cast<std::size_t>(q.countAtRisk(now, township) + q.countOverdue(now, township));
    if (township.empty()) n += static_cast<std::size_t>(q.countIncomplete() + q.pendingDeliveries());
    return n;
}

void timeBackend(dicom::Database& db, const SimYear& year, Timings& t) {
    auto db_ptr = std::shared_ptr<dicom::Database>(&db, [](dicom::Database*) {});
    WorklistQuery q(db_ptr);
    const TurnaroundPolicy& policy = *year.policy;
    const std::string now = isoMillis(year.snapshot);
    // The dashboard's default period (the last 7 Beijing days, today included) and the year.
    const Instant today_end = beijingMidnight(year.snapshot) + std::chrono::days{1};
    const Period week = periodEnding("7 days", today_end, 7);
    const Period whole = periodEnding("year", today_end,
                                      static_cast<int>(std::chrono::floor<std::chrono::days>(today_end - year.start).count()));
    // The busiest township, for a township user's view.
    std::vector<int> per_township(year.townships.size());
    for (const auto& s : year.items)
        if (s.exists) ++per_township[s.township];
    const auto busiest_index = static_cast<std::size_t>(std::max_element(per_township.begin(), per_township.end()) -
                                                        per_township.begin());
    const std::string busiest = year.townships[busiest_index];
    auto turnaroundEndpoint = [&](const Period& p, const std::string& township) {
        return groupRows(q.turnaround(p.from, p.to, township, now, policy)) +
               q.dailyVolume(p.from_day, p.last_day, township).size() + criticalFigures(q, p, township);
    };

    t.heading("GET /api/v1/metrics/summary (admin; polled every 5 s while the dashboard is open)");
    t.time("queueCounts()", "-", [&] { return q.queueCounts().size(); });
    t.time("list(at_risk, sort=deadline, limit 100)", "-", [&] {
        WorklistFilter f;
        f.now = now;
        f.at_risk = true;
        f.sort = "deadline";
        f.limit = 100;
        return q.list(f).total;
    });
    t.time("criticalFindings(open only)", "-", [&] { return q.criticalFindings("", "", "", true).size(); });
    t.time("countAtRisk(now)", "-", [&] { return q.countAtRisk(now); });
    t.time("countOverdue(now)", "-", [&] { return q.countOverdue(now); });
    t.time("countIncomplete()", "-", [&] { return q.countIncomplete(); });
    t.time("pendingDeliveries()", "-", [&] { return q.pendingDeliveries(); });
    t.time("the whole endpoint", "-", [&] { return summaryEndpoint(q, "", now); });

    // The first call after the items were written builds turnaround_days (timed for reference below).
    auto t0 = Clock::now();
    for (const Period* p : {&week, &whole}) q.turnaround(p->from, p->to, "", now, policy);
    std::printf("  (turnaround_days built by a first call: %.1f ms)\n", msSince(t0));
    for (const Period* p : {&week, &whole}) {
        t.heading("GET /api/v1/metrics/turnaround (admin, " + p->label + ": " + p->from + " .. " + p->to + ")");
        t.time("turnaround(): every grouping + overall", p->label,
               [&] { return groupRows(q.turnaround(p->from, p->to, "", now, policy)); });
        t.time("dailyVolume()", p->label, [&] { return q.dailyVolume(p->from_day, p->last_day).size(); });
        t.time("criticalFindings(period) + ack median/p90", p->label, [&] { return criticalFigures(q, *p, ""); });
        t.time("the whole endpoint", p->label, [&] { return turnaroundEndpoint(*p, ""); });
    }

    t.heading("GET /metrics (Prometheus)");
    t.time("queueCounts + at risk + overdue + arriving + deliveries + open critical", "-", [&] {
        return q.queueCounts().size() + static_cast<std::size_t>(q.countAtRisk(now) + q.countOverdue(now) +
                                                                 q.countIncomplete() + q.pendingDeliveries()) +
               q.criticalFindings("", "", "", true).size();
    });

    t.heading("township user " + busiest + " (" + thousands(per_township[busiest_index]) + " items in the year)");
    t.time("GET /api/v1/metrics/summary", "-", [&] { return summaryEndpoint(q, busiest, now); });
    for (const Period* p : {&week, &whole})
        t.time("GET /api/v1/metrics/turnaround", p->label, [&] { return turnaroundEndpoint(*p, busiest); });

    for (const Period* p : {&week, &whole}) {
        t.heading("GET /api/v1/export/worklist.csv (admin, " + p->label +
                  "): list(from/to, sort=received_at, limit 1000), page by page");
        for (int offset : {0, 100000, 199000}) {
            if (offset && p == &week) break;
            t.time("page at offset " + thousands(offset), p->label, [&] {
                WorklistFilter f;
                f.now = now;
                f.from = p->from;
                f.to = p->to;
                f.sort = "received_at";
                f.limit = 1000;
                f.offset = offset;
                return q.list(f).total;
            });
        }
    }

    // For reference: what the same figures cost the old way, and the first (building) call.
    t.heading("for reference: turnaround figures through samples() + turnaroundStats() (MetricsApi until it calls "
              "turnaround()), turnaround() right after turnaround_days was emptied, and checks",
              false);
    std::printf("      queueCounts() and a count of reading_items: %s\n",
                sameQueue(db, q) ? "identical counts" : "DIFFERENT COUNTS");
    for (const Period* p : {&week, &whole}) {
        t.time("samples() + turnaroundStats x5", p->label, [&] { return turnaroundLikeMetricsApi(q, *p, "", now, policy); });
        t.time("turnaround(), days not kept yet (builds them)", p->label, [&] {
            db.exec("DELETE FROM turnaround_days");
            return groupRows(q.turnaround(p->from, p->to, "", now, policy));
        }, 1);
        std::printf("      turnaround() and samples() + turnaroundStats(): %s\n",
                    sameFigures(q, *p, "", now, policy) ? "identical figures" : "DIFFERENT FIGURES");
    }

    t.heading("for reference: GET /api/v1/worklist, not called by the dashboard (total = matching rows)", false);
    auto listing = [&](const std::string& name, const std::string& period, std::function<void(WorklistFilter&)> set) {
        t.time(name, period, [&] {
            WorklistFilter f;
            f.now = now;
            set(f);
            return q.list(f).total;
        });
    };
    listing("radiologist " + year.radiologists.front() + ": scope=mine_or_pool, sort=priority", "-", [&](WorklistFilter& f) {
        f.scope = "mine_or_pool";
        f.user = year.radiologists.front();
    });
    listing("open queue: state=received,assigned,in_reading", "-",
            [](WorklistFilter& f) { f.states = {"received", "assigned", "in_reading"}; });
    listing("township " + busiest + ", sort=priority", "-", [&](WorklistFilter& f) { f.townships = {busiest}; });
    listing("critical=1, sort=-received_at", "-", [](WorklistFilter& f) {
        f.critical = true;
        f.sort = "received_at";
        f.descending = true;
    });
    listing("from/to, sort=-received_at, offset 20000", "year", [&](WorklistFilter& f) {
        f.from = whole.from;
        f.to = whole.to;
        f.sort = "received_at";
        f.descending = true;
        f.offset = 20000;
    });
    listing("no filter, sort=priority (an admin's whole list)", "-", [](WorklistFilter&) {});
    listing("modality=CT, priority=emergency, sort=-received_at", "-", [](WorklistFilter& f) {
        f.modalities = {"CT"};
        f.priorities = {"emergency"};
        f.sort = "received_at";
        f.descending = true;
    });
    listing("q=<part of a patient ID>", "-", [](WorklistFilter& f) { f.q = "P0000123"; });
}

// The same server and user with another database name (a libpq connection URI).
std::string withDatabase(const std::string& url, const std::string& name) {
    auto slash = url.find('/', url.find("://") + 3);
    auto query = url.find('?');
    auto stem = url.substr(0, slash == std::string::npos ? query : slash);
    return stem + "/" + name + (query == std::string::npos ? "" : url.substr(query));
}

}  // namespace

int runDashboardBench(const SimYear& year, const DashboardOptions& opt) {
    struct Target {
        std::string name, url;
    };
    std::vector<Target> targets;
    std::filesystem::path temp_dir;
    std::string sqlite_path = opt.sqlite_path;
    if (sqlite_path.empty()) {
        temp_dir = std::filesystem::temp_directory_path() / ("worklist_sim-" + std::to_string(::getpid()));
        std::filesystem::create_directories(temp_dir);
        sqlite_path = (temp_dir / "index.sqlite").string();
    } else {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(sqlite_path + suffix);
    }
    if (opt.sqlite) targets.push_back({"SQLite", sqlite_path});
    if (!opt.postgres_url.empty()) targets.push_back({"PostgreSQL", opt.postgres_url});

    int over = 0;
    for (const auto& target : targets) {
        std::printf("\n=== dashboard queries on %s ===\n", target.name.c_str());
        std::fflush(stdout);
        std::string url = target.url, pg_database;
        if (dicom::isPostgresUrl(url)) {
            // A new database of our own on that server, dropped afterwards (unless --keep-db).
            pg_database = "countyread_sim_" + std::to_string(::getpid());
            dicom::openDatabase(url)->exec("CREATE DATABASE " + pg_database +
                                           " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
            url = withDatabase(url, pg_database);
        }
        auto db = dicom::openDatabase(url);
        ensureWorklistSchema(*db);
        auto n = load(*db, year);
        std::printf("%s: %s reading items (%s unread at %s), %s report deliveries (%s pending), %s critical "
                    "findings (%s open); written in %.1f s\n",
                    db->describe().c_str(), thousands(n.items).c_str(), thousands(n.unread).c_str(),
                    isoMillis(year.snapshot).c_str(), thousands(n.deliveries).c_str(), thousands(n.pending).c_str(),
                    thousands(n.critical).c_str(), thousands(n.critical_open).c_str(), n.seconds);
        std::printf("  median and max of %d runs; target %.0f ms each\n", opt.repetitions, opt.target_ms);
        std::printf("    %-62s %-6s %9s %12s %12s\n", "query", "period", "result", "median", "max");
        Timings t(opt.repetitions, opt.target_ms);
        timeBackend(*db, year, t);
        auto dashboard_over = t.over(true), reference_over = t.over(false);
        std::printf("  %s: %zu of %zu dashboard queries over %.0f ms (median)", target.name.c_str(), dashboard_over.size(),
                    t.count(true), opt.target_ms);
        for (const auto& r : dashboard_over) std::printf("; %s (%s)", r.query.c_str(), r.period.c_str());
        std::printf("; for reference, %zu of %zu others\n", reference_over.size(), t.count(false));
        over += static_cast<int>(dashboard_over.size());
        db.reset();
        if (!pg_database.empty()) {
            if (opt.keep)
                std::printf("\nPostgreSQL database kept: %s\n", url.c_str());
            else
                dicom::openDatabase(target.url)->exec("DROP DATABASE IF EXISTS " + pg_database + " WITH (FORCE)");
        }
    }
    if (!temp_dir.empty() && !opt.keep) {
        std::error_code ec;
        std::filesystem::remove_all(temp_dir, ec);
    } else {
        std::printf("\nSQLite index kept: %s\n", sqlite_path.c_str());
    }
    return over;
}

}  // namespace countyread::bench
