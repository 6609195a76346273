// worklist_sim: replays a provincial year through the reading-workflow engine.
//
// 1,000,000 studies (default) from 2,000 townships, read by 300 radiologists on a Beijing-time
// roster (day, evening and night shifts, annual leave). Arrivals follow a day/night curve with
// quieter weekends; ~5% are emergencies (more at night), DR/CT is 65/35. Every assignment is a
// real ReadingWorkflow::autoAssign call timed with steady_clock; radiologists read their own
// queue in order (emergency first, then deadline) with log-normal reading times; escalation
// runs every 15 simulated minutes and its re-route suggestions are applied. A reference run of
// the old path (recount the open load from every open item, then chooseRadiologist) is timed
// on every 100th study, for the ratio.
//
// Then the dashboard (DashboardBench): the year's reading items, as they stood two hours after
// the year's end, are written into an SQLite index (and a PostgreSQL one with --postgres) through
// the worklist migrations, and every query of the admins' dashboard and /metrics is timed.
//
//   worklist_sim [--studies N] [--days D] [--radiologists R] [--townships T] [--capacity U]
//                [--seed S] [--emergency-by-load]   (AssignmentEngine::setEmergencyByLoad)
//                [--sqlite FILE | --no-sqlite] [--postgres URL] [--keep-db] [--reps N] [--no-db]
//
// --sqlite: where the SQLite index goes (default: a temp file, removed afterwards). --postgres: a
// server (libpq URI) on which a database of its own is created and dropped; dashboard_pg.sh
// starts a throwaway server and passes it. --no-db: the replay only.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <queue>
#include <random>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

#include "DashboardBench.h"
#include "worklist/Assigner.h"
#include "worklist/PriorityRules.h"
#include "worklist/ReadingWorkflow.h"
#include "worklist/TurnaroundMetrics.h"

using namespace countyread::worklist;
using namespace std::chrono;

namespace {

struct Options {
    long studies = 1'000'000;
    int days = 365;
    int radiologists = 300;
    int townships = 2000;
    int capacity = 12;  // weighted open load per radiologist (4 CTs or 12 radiographs)
    unsigned seed = 20240101;
    bool emergency_by_load = false;
    bool dashboard = true;
    countyread::bench::DashboardOptions db;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        auto arg = std::string(argv[i]);
        auto value = [&]() -> long {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return std::atol(argv[++i]);
        };
        auto text = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--emergency-by-load") o.emergency_by_load = true;
        else if (arg == "--no-db") o.dashboard = false;
        else if (arg == "--sqlite") o.db.sqlite_path = text();
        else if (arg == "--no-sqlite") o.db.sqlite = false;
        else if (arg == "--postgres") o.db.postgres_url = text();
        else if (arg == "--keep-db") o.db.keep = true;
        else if (arg == "--reps") o.db.repetitions = static_cast<int>(value());
        else if (arg == "--studies") o.studies = value();
        else if (arg == "--days") o.days = static_cast<int>(value());
        else if (arg == "--radiologists") o.radiologists = static_cast<int>(value());
        else if (arg == "--townships") o.townships = static_cast<int>(value());
        else if (arg == "--capacity") o.capacity = static_cast<int>(value());
        else if (arg == "--seed") o.seed = static_cast<unsigned>(value());
        else {
            std::fprintf(stderr,
                         "usage: worklist_sim [--studies N] [--days D] [--radiologists R] "
                         "[--townships T] [--capacity U] [--seed S] [--emergency-by-load]\n"
                         "                    [--sqlite FILE | --no-sqlite] [--postgres URL] [--keep-db] [--reps N] "
                         "[--no-db]\n");
            std::exit(arg == "--help" ? 0 : 2);
        }
    }
    if (o.studies <= 0 || o.days <= 0 || o.radiologists < 10 || o.townships < 20 || o.db.repetitions < 1) {
        std::fprintf(stderr, "need studies > 0, days > 0, radiologists >= 10, townships >= 20\n");
        std::exit(2);
    }
    return o;
}

struct Study {
    Instant at;
    std::uint16_t township;
    std::uint8_t modality;  // index into kModalities
    std::uint8_t body;      // index into the modality's body parts
    std::uint16_t dimse;
    bool emergency_flag;    // the township declares an emergency (急诊) on sending
    bool cancel;            // withdrawn by the township 10 min later (if not yet in reading)
};

const char* const kModalities[] = {"DX", "CR", "DR", "CT"};
const char* const kXrayParts[] = {"CHEST", "EXTREMITY", "SPINE"};
const char* const kCtParts[] = {"HEAD", "CHEST", "ABDOMEN"};

std::string name(char prefix, long i, int width) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%c%0*ld", prefix, width, i);
    return buf;
}

enum class Ev { ReadDone, Tick, Resend, Cancel };
struct Event {
    Instant at;
    long seq;
    Ev type;
    long index;
    bool operator>(const Event& o) const { return std::tie(at, seq) > std::tie(o.at, o.seq); }
};

double pct(std::vector<std::int64_t>& v, double p) {
    if (v.empty()) return 0;
    auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()) / 100.0 - 1e-9));
    rank = std::clamp<std::size_t>(rank, 1, v.size());
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(rank - 1), v.end());
    return static_cast<double>(v[rank - 1]);
}

}  // namespace

int main(int argc, char** argv) {
    const Options opt = parse(argc, argv);
    std::mt19937_64 rng(opt.seed);
    auto uniform = [&] { return std::uniform_real_distribution<double>(0, 1)(rng); };
    const Instant start = shanghaiTime(2024, 1, 1, 0);  // a Monday, Beijing time
    const Instant end = start + days{opt.days};
    auto wall_start = steady_clock::now();

    // --- Townships, radiologists, roster -------------------------------------------------------
    const int counties = std::max(1, opt.townships / 20);
    std::vector<std::string> townships;
    std::vector<double> township_weight;
    std::lognormal_distribution<double> activity(0, 0.6);
    for (int t = 0; t < opt.townships; ++t) {
        townships.push_back(name('T', t + 1, 4));
        township_weight.push_back(activity(rng));
    }
    auto county_townships = [&](int c) {
        std::vector<std::string> out;
        for (int t = c * 20; t < std::min(opt.townships, c * 20 + 20); ++t) out.push_back(townships[t]);
        return out;
    };

    Roster roster;
    AssignmentEngine engine(&roster);
    engine.setEmergencyByLoad(opt.emergency_by_load);
    std::vector<std::string> rad_ids;
    std::vector<RadiologistProfile> legacy_profiles;
    const int n_day = opt.radiologists * 70 / 100, n_evening = opt.radiologists * 15 / 100;
    const std::vector<weekday> week = {Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday};
    for (int i = 0; i < opt.radiologists; ++i) {
        RadiologistInfo r;
        r.id = name('R', i + 1, 3);
        r.capacity = opt.capacity;
        if (i < n_day) {
            r.modalities = {"DX", "CR", "DR"};
            if (i % 20 == 7) {
                r.modalities = {"CT"};  // neuroradiologists: head CT only
                r.body_parts = {"HEAD"};
            } else if (i % 3 != 0) {
                r.modalities.push_back("CT");
            }
            auto a = county_townships(i % counties), b = county_townships((i + counties / 2) % counties);
            r.townships = a;
            r.townships.insert(r.townships.end(), b.begin(), b.end());
            for (int d = 0; d < 5; ++d) roster.addWeekly(r.id, week[d], "08:00", "17:30");
            if (i % 3 == 1) roster.addWeekly(r.id, Saturday, "08:00", "12:00");
            if (i % 3 == 2) roster.addWeekly(r.id, Sunday, "08:00", "12:00");
        } else if (i < n_day + n_evening) {
            r.modalities = {"DX", "CR", "DR", "CT"};  // evening shift: every township
            for (int k = 0; k < 5; ++k) roster.addWeekly(r.id, week[(i + k) % 7], "17:00", "01:00");
        } else {
            r.modalities = {"DX", "CR", "DR", "CT"};  // night shift: every township
            for (int k = 0; k < 4; ++k) roster.addWeekly(r.id, week[(i + 2 * k) % 7], "22:00", "08:30");
        }
        // Ten days of annual leave somewhere in the period.
        auto leave_day = start + days{static_cast<int>(uniform() * std::max(1, opt.days - 10))};
        roster.addLeave(r.id, leave_day, leave_day + days{10});
        legacy_profiles.push_back({r.id, r.id, r.modalities, r.townships});
        rad_ids.push_back(r.id);
        engine.addRadiologist(std::move(r));
    }
    std::unordered_map<std::string, int> rad_index;
    for (int i = 0; i < opt.radiologists; ++i) rad_index[rad_ids[i]] = i;

    PriorityRules rules;
    for (int t = 0; t < 4; ++t) rules.setTownshipRule(townships[t * 500 % opt.townships], Priority::Emergency);
    rules.setCallingAeRule(townships[1] + "_CT", Priority::Urgent);

    // --- Arrivals ------------------------------------------------------------------------------
    const double hour_profile[24] = {0.6, 0.5, 0.4, 0.4, 0.4, 0.5, 0.8, 1.5, 5, 8, 9, 8,
                                     4,   4,   7,   8,   7,   4,   2.5, 2, 1.8, 1.5, 1.2, 0.8};
    std::vector<double> day_weight;
    for (int d = 0; d < opt.days; ++d) {
        weekday wd{floor<days>(toShanghaiLocal(start + days{d}))};
        day_weight.push_back(wd == Saturday || wd == Sunday ? 0.55 : 1.0);
    }
    std::discrete_distribution<int> pick_day(day_weight.begin(), day_weight.end());
    std::discrete_distribution<int> pick_hour(std::begin(hour_profile), std::end(hour_profile));
    std::discrete_distribution<int> pick_township(township_weight.begin(), township_weight.end());
    std::vector<Study> studies(static_cast<std::size_t>(opt.studies));
    for (auto& s : studies) {
        int hour = pick_hour(rng);
        s.at = start + days{pick_day(rng)} + hours{hour} + seconds{static_cast<int>(uniform() * 3600)};
        s.township = static_cast<std::uint16_t>(pick_township(rng));
        bool ct = uniform() < 0.35;
        double x = uniform();
        s.modality = ct ? 3 : x < 0.7 ? 0 : x < 0.9 ? 1 : 2;
        double b = uniform();
        s.body = ct ? (b < 0.4 ? 0 : b < 0.8 ? 1 : 2) : (b < 0.6 ? 0 : b < 0.85 ? 1 : 2);
        double d = uniform();
        s.dimse = d < 0.08 ? kDimsePriorityHigh : d < 0.10 ? kDimsePriorityLow : kDimsePriorityMedium;
        bool night = hour >= 20 || hour < 7;
        s.emergency_flag = uniform() < (night ? 0.10 : 0.04);
        s.cancel = uniform() < 0.003;
    }
    std::sort(studies.begin(), studies.end(), [](const Study& a, const Study& b) { return a.at < b.at; });

    // --- The engine under test ------------------------------------------------------------------
    FakeClock clock(start);
    TurnaroundPolicy policy;
    ReadingWorkflow flow(clock, policy, engine);

    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    long seq = 0;
    auto schedule = [&](Instant at, Ev type, long index) { events.push({at, seq++, type, index}); };
    std::vector<char> busy(rad_ids.size(), 0), was_on(rad_ids.size(), 0);
    std::lognormal_distribution<double> read_dx(std::log(8.0), 0.6), read_ct(std::log(20.0), 0.6);

    std::vector<std::int64_t> decision_ns, reference_ns;
    long reference_assigned = 0;
    decision_ns.reserve(static_cast<std::size_t>(opt.studies) * 13 / 10);
    long decisions = 0, assigned = 0, pooled = 0;
    auto assignTimed = [&](const std::string& uid) {
        auto t0 = steady_clock::now();
        Decision d = flow.autoAssign(uid);
        auto t1 = steady_clock::now();
        decision_ns.push_back(duration_cast<nanoseconds>(t1 - t0).count());
        ++decisions;
        (d ? assigned : pooled)++;
        return d;
    };
    auto studyOf = [](const std::string& uid) { return std::strtol(uid.c_str() + 1, nullptr, 10); };

    std::vector<TurnaroundSample> samples;
    samples.reserve(static_cast<std::size_t>(opt.studies));

    // The items as the dashboard sees them at `snapshot`, the year's last arrival (its evening
    // queue still open): every transition up to then is kept.
    const Instant snapshot = studies.empty() ? end : studies.back().at;
    std::vector<countyread::bench::SimItem> facts(opt.dashboard ? studies.size() : 0);
    if (opt.dashboard)
        flow.setListener([&](const WorkItem& item, ReadingState, const std::string&) {
            const Instant now = clock.now();
            if (now > snapshot) return;
            auto& f = facts[static_cast<std::size_t>(studyOf(item.study_uid))];
            f.exists = true;
            f.state = item.state;
            f.priority = item.priority;
            f.received = item.received_at;
            if (f.first_received == Instant{}) f.first_received = item.received_at;
            f.assigned = item.assigned_at.value_or(Instant{});
            f.opened = item.opened_at.value_or(Instant{});
            f.signed_at = item.signed_at.value_or(Instant{});
            f.assigned_to = static_cast<std::int16_t>(item.assigned_to.empty() ? -1 : rad_index.at(item.assigned_to));
            f.signed_by = static_cast<std::int16_t>(item.signed_by.empty() ? -1 : rad_index.at(item.signed_by));
            switch (item.state) {  // times the item sets after telling the listener
                case ReadingState::InReading:
                    if (f.opened == Instant{}) f.opened = now;
                    break;
                case ReadingState::Delivered: f.delivered = now; break;
                case ReadingState::Amended: f.amended = now; break;
                case ReadingState::ReturnedForRescan: f.returned = now; break;
                case ReadingState::Cancelled: f.cancelled = now; break;
                default: break;
            }
        });
    long returned = 0, cancelled = 0, amended = 0, released = 0, emergencies = 0;
    std::map<Priority, long> by_priority;

    auto startNext = [&](int r) {
        if (busy[r] || !was_on[r]) return;
        const WorkItem* next = flow.next(rad_ids[r]);
        if (!next) return;
        std::string uid = next->study_uid;
        if (!flow.open(uid, rad_ids[r])) return;
        double minutes_to_read = modalityClass(next->modality) == ModalityClass::CT ? read_ct(rng) : read_dx(rng);
        busy[r] = 1;
        schedule(clock.now() + seconds{static_cast<long>(minutes_to_read * 60)}, Ev::ReadDone, r);
    };
    auto placed = [&](const Decision& d) {
        if (d) startNext(rad_index.at(*d.radiologist));
    };
    auto drainPool = [&](std::size_t max_attempts) {
        std::size_t attempts = 0;
        for (const WorkItem* item : flow.pool()) {
            if (attempts++ >= max_attempts) break;
            placed(assignTimed(item->study_uid));
        }
    };
    auto finish = [&](const std::string& uid) {
        flow.forget(uid);
    };

    // Escalation counters.
    long scans = 0, at_risk_seen = 0, overdue_seen = 0, reroutes = 0, admin_flags = 0;
    std::size_t peak_at_risk = 0;
    std::unordered_set<std::string> ever_at_risk, ever_overdue;

    std::size_t next_arrival = 0;
    schedule(start, Ev::Tick, 0);
    const Instant stop = end + days{2};
    while (next_arrival < studies.size() || !events.empty()) {
        bool arrival = next_arrival < studies.size() &&
                       (events.empty() || studies[next_arrival].at <= events.top().at);
        if (arrival) {
            const Study& s = studies[next_arrival];
            long index = static_cast<long>(next_arrival++);
            clock.set(s.at);
            WorkItem w;
            w.study_uid = name('s', index, 1);
            w.township = townships[s.township];
            w.modality = kModalities[s.modality];
            w.calling_ae = w.township + "_" + (s.modality == 3 ? "CT" : "DR");
            w.body_part = s.modality == 3 ? kCtParts[s.body] : kXrayParts[s.body];
            w.priority = rules.resolve(s.dimse, w.township, w.calling_ae);
            if (opt.dashboard) {
                auto& f = facts[static_cast<std::size_t>(index)];
                f.township = s.township;
                f.modality = s.modality;
                f.body = s.body;
            }
            flow.receive(w);
            if (s.emergency_flag) {
                flow.setPriority(w.study_uid, Priority::Emergency, w.township);
                if (opt.dashboard && s.at <= snapshot) {
                    facts[static_cast<std::size_t>(index)].priority = Priority::Emergency;
                    facts[static_cast<std::size_t>(index)].priority_set = true;
                }
            }
            if (index % 100 == 0) {  // the reference: recount the open load, then the old rule
                auto t0 = steady_clock::now();
                std::map<std::string, int> load;
                for (const WorkItem* open : flow.unread())
                    if (open->state != ReadingState::Received) ++load[open->assigned_to];
                ReadingItem legacy;
                legacy.modality = w.modality;
                legacy.township = w.township;
                auto who = chooseRadiologist(legacy_profiles, legacy, load);
                auto t1 = steady_clock::now();
                reference_ns.push_back(duration_cast<nanoseconds>(t1 - t0).count());
                reference_assigned += who.has_value();
            }
            placed(assignTimed(w.study_uid));
            if (s.cancel) schedule(s.at + minutes{10}, Ev::Cancel, index);
            continue;
        }
        Event e = events.top();
        events.pop();
        clock.set(e.at);
        switch (e.type) {
            case Ev::ReadDone: {
                int r = static_cast<int>(e.index);
                busy[r] = 0;
                for (const WorkItem* item : flow.queue(rad_ids[r])) {
                    if (item->state != ReadingState::InReading) continue;
                    std::string uid = item->study_uid;
                    if (uniform() < 0.01) {  // images unusable: back to the township
                        flow.returnForRescan(uid, rad_ids[r]);
                        ++returned;
                        schedule(e.at + minutes{30 + static_cast<int>(uniform() * 60)}, Ev::Resend,
                                 studyOf(uid));
                        break;
                    }
                    flow.sign(uid, rad_ids[r]);
                    const WorkItem* done = flow.find(uid);
                    samples.push_back({done->township, rad_ids[r], done->modality, done->priority,
                                       done->received_at, done->signed_at});
                    ++by_priority[done->priority];
                    emergencies += done->priority == Priority::Emergency;
                    flow.deliver(uid);
                    if (uniform() < 0.003) {
                        flow.amend(uid, rad_ids[r]);
                        flow.deliver(uid);
                        ++amended;
                    }
                    finish(uid);
                    break;
                }
                startNext(r);
                drainPool(5);
                break;
            }
            case Ev::Resend: {
                std::string uid = name('s', e.index, 1);
                flow.resend(uid);
                placed(assignTimed(uid));
                break;
            }
            case Ev::Cancel: {
                std::string uid = name('s', e.index, 1);
                const WorkItem* item = flow.find(uid);
                if (item && (item->state == ReadingState::Received || item->state == ReadingState::Assigned)) {
                    flow.cancel(uid, item->township);
                    finish(uid);
                    ++cancelled;
                }
                break;
            }
            case Ev::Tick: {
                // Shift changes: whoever went off duty gives back what they have not opened.
                for (std::size_t r = 0; r < rad_ids.size(); ++r) {
                    bool on = roster.onDuty(rad_ids[r], e.at);
                    if (was_on[r] && !on) {
                        for (const WorkItem* item : flow.queue(rad_ids[r]))
                            if (item->state == ReadingState::Assigned) {
                                flow.release(item->study_uid, "shift-end");
                                ++released;
                            }
                    }
                    was_on[r] = on;
                }
                drainPool(300);
                for (std::size_t r = 0; r < rad_ids.size(); ++r) startNext(static_cast<int>(r));
                if (e.index % 3 == 0) {  // escalation every 15 minutes
                    ++scans;
                    auto found = flow.escalations();
                    std::size_t at_risk_now = 0;
                    for (const auto& x : found) {
                        ++at_risk_now;
                        (x.level == RiskLevel::Overdue ? overdue_seen : at_risk_seen)++;
                        ever_at_risk.insert(x.study_uid);
                        if (x.level == RiskLevel::Overdue) ever_overdue.insert(x.study_uid);
                        if (x.action == EscalationAction::AdminAttention) ++admin_flags;
                        if (x.action != EscalationAction::Reroute) continue;
                        const auto* who = engine.radiologist(x.suggested);
                        const WorkItem* item = flow.find(x.study_uid);
                        if (!who || !item ||
                            (who->capacity > 0 &&
                             engine.load(x.suggested) + engine.weight(item->modality) > who->capacity))
                            continue;  // an earlier re-route in this scan filled them up
                        flow.assign(x.study_uid, x.suggested, "escalation");
                        ++reroutes;
                        startNext(rad_index.at(x.suggested));
                    }
                    peak_at_risk = std::max(peak_at_risk, at_risk_now);
                }
                if (e.at < stop && (next_arrival < studies.size() || flow.size() > 0))
                    schedule(e.at + minutes{5}, Ev::Tick, e.index + 1);
                break;
            }
        }
    }
    auto wall = duration_cast<milliseconds>(steady_clock::now() - wall_start);

    // --- Figures ----------------------------------------------------------------------------------
    std::printf("worklist_sim: %ld studies over %d days, %zu townships, %zu radiologists "
                "(%d day, %d evening, %d night), capacity %d units, seed %u%s\n",
                opt.studies, opt.days, townships.size(), rad_ids.size(), n_day, n_evening,
                opt.radiologists - n_day - n_evening, opt.capacity, opt.seed,
                opt.emergency_by_load ? ", emergencies by load" : "");
    std::printf("simulated in %.1f s wall time\n\n", static_cast<double>(wall.count()) / 1000.0);
    double med = pct(decision_ns, 50), p99 = pct(decision_ns, 99), ref = pct(reference_ns, 50);
    std::printf("assignment decisions (ReadingWorkflow::autoAssign, steady_clock): %ld (%ld assigned, "
                "%ld left in the pool)\n", decisions, assigned, pooled);
    std::printf("  median %.2f us   p99 %.2f us   (budget 1000 us: median uses %.3f%%)\n", med / 1000,
                p99 / 1000, med / 1e6 * 100);
    std::printf("  reference, recount open load + chooseRadiologist (every 100th study, %zu runs): "
                "median %.2f us = %.1fx the engine's median (%ld of them found someone)\n\n",
                reference_ns.size(), ref / 1000, med > 0 ? ref / med : 0.0, reference_assigned);

    std::printf("signed %zu, returned for rescan %ld, cancelled %ld, amended %ld, released at shift end "
                "%ld, still unread at the end %zu\n",
                samples.size(), returned, cancelled, amended, released, flow.unread().size());
    std::printf("emergency share of signed studies: %.2f%%\n\n",
                samples.empty() ? 0.0 : 100.0 * static_cast<double>(emergencies) / static_cast<double>(samples.size()));
    std::printf("%-10s %9s %10s %10s %14s\n", "priority", "signed", "median", "p90", "within limit");
    for (const auto& st : turnaroundStats(samples, GroupBy::Priority, start, stop, policy))
        std::printf("%-10s %9zu %8.1f m %8.1f m %13.2f%%\n", st.group.c_str(), st.signed_count,
                    static_cast<double>(st.median.count()) / 60, static_cast<double>(st.p90.count()) / 60,
                    st.share_within_limit * 100);
    std::printf("%-10s %9s %10s %10s %14s\n", "modality", "signed", "median", "p90", "within limit");
    for (const auto& st : turnaroundStats(samples, GroupBy::Modality, start, stop, policy))
        std::printf("%-10s %9zu %8.1f m %8.1f m %13.2f%%\n", st.group.c_str(), st.signed_count,
                    static_cast<double>(st.median.count()) / 60, static_cast<double>(st.p90.count()) / 60,
                    st.share_within_limit * 100);
    std::printf("\nescalation (every 15 min, %ld scans): items at risk (>= 80%% of the limit, unread) %zu "
                "distinct, of which overdue %zu; peak at once %zu;\n  detections at risk %ld, overdue %ld; "
                "re-routes applied %ld; admin flags %ld\n",
                scans, ever_at_risk.size(), ever_overdue.size(), peak_at_risk, at_risk_seen, overdue_seen,
                reroutes, admin_flags);
    if (!opt.dashboard) return 0;

    countyread::bench::SimYear year;
    year.townships = townships;
    year.radiologists = rad_ids;
    year.modalities.assign(std::begin(kModalities), std::end(kModalities));
    year.body_parts = {{std::begin(kXrayParts), std::end(kXrayParts)},
                       {std::begin(kXrayParts), std::end(kXrayParts)},
                       {std::begin(kXrayParts), std::end(kXrayParts)},
                       {std::begin(kCtParts), std::end(kCtParts)}};
    year.items = std::move(facts);
    year.start = start;
    year.snapshot = snapshot;
    year.policy = &policy;
    year.seed = opt.seed;
    int over = countyread::bench::runDashboardBench(year, opt.db);
    return over == 0 ? 0 : 3;
}
