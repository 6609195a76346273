#include "server/WorkflowService.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "dicom/archive/Archive.h"
#include "worklist/Escalation.h"
#include "worklist/WorkItem.h"

namespace countyread::server {

using namespace countyread::worklist;
using std::chrono::system_clock;

std::string isoNowMinus(int64_t seconds_ago) {
    auto t = system_clock::now() - std::chrono::seconds(seconds_ago);
    auto secs = system_clock::to_time_t(t);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()) % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms.count()));
    return buf;
}

namespace {

std::optional<std::chrono::weekday> weekdayFrom(std::string d) {
    std::transform(d.begin(), d.end(), d.begin(), [](unsigned char c) { return std::tolower(c); });
    static const char* names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    for (unsigned i = 0; i < 7; ++i)
        if (d.rfind(names[i], 0) == 0) return std::chrono::weekday{i};
    return std::nullopt;
}

// ISO 8601 with an offset, or without one in Beijing time.
Instant beijingInstant(const std::string& text) {
    if (auto t = parseIso8601(text)) return *t;
    if (auto t = parseIso8601(text + "+08:00")) return *t;
    if (auto t = parseIso8601(text + ":00+08:00")) return *t;
    throw ConfigError("not a time: '" + text + "' (use 2025-02-01T08:00 Beijing time, or an offset)");
}

}  // namespace

WorkflowService::WorkflowService(const ServerConfig& config, WorklistStore& items, AuditLog& audit)
    : config_(config), items_(items), audit_(audit) {
    const auto& wf = config.workflow;
    for (const auto& l : wf.turnaround) {
        auto p = priorityFromString(l.priority).value_or(Priority::Routine);
        auto limit = Seconds{static_cast<int64_t>(l.minutes * 60 + 0.5)};
        if (l.target == "radiography") policy_.setClassLimit(p, ModalityClass::Radiography, limit);
        else if (l.target == "ct") policy_.setClassLimit(p, ModalityClass::CT, limit);
        else if (l.target == "other") policy_.setClassLimit(p, ModalityClass::Other, limit);
        else policy_.setLimit(p, l.target, limit);
    }
    for (const auto& t : config.townships)
        if (!t.priority.empty()) rules_.setTownshipRule(t.id, *priorityFromString(t.priority));
    for (const auto& r : config.priority_rules) {
        auto p = *priorityFromString(r.priority);
        if (!r.township.empty()) rules_.setTownshipRule(r.township, p);
        else rules_.setCallingAeRule(r.aet, p);
    }
    bool any_roster = std::any_of(config.radiologists.begin(), config.radiologists.end(), [](const auto& r) {
        return !r.shifts.empty() || !r.extra_shifts.empty();
    });
    if (any_roster) {
        roster_ = std::make_unique<Roster>();
        for (const auto& r : config.radiologists) {
            std::string where = "radiologist " + r.id;
            if (r.shifts.empty() && r.extra_shifts.empty()) {  // around the clock
                for (unsigned d = 0; d < 7; ++d)
                    roster_->addWeekly(r.id, WeeklyShift{std::chrono::weekday{d}, {}, {}});
            }
            for (const auto& s : r.shifts)
                for (const auto& day : s.days) {
                    auto wd = weekdayFrom(day);
                    if (!wd) throw ConfigError(where + ": unknown day '" + day + "' (mon..sun)");
                    try {
                        roster_->addWeekly(r.id, *wd, s.start, s.end);
                    } catch (const std::invalid_argument& e) {
                        throw ConfigError(where + ": " + e.what());
                    }
                }
            for (const auto& s : r.extra_shifts) roster_->addShift(r.id, beijingInstant(s.start), beijingInstant(s.end));
            for (const auto& s : r.leave) roster_->addLeave(r.id, beijingInstant(s.start), beijingInstant(s.end));
        }
    }
    LoadWeights weights;
    for (const auto& [m, w] : wf.load_weights) weights.set(m, w);
    engine_ = std::make_unique<AssignmentEngine>(roster_.get(), weights);
    engine_->setEmergencyByLoad(wf.emergency_by_load);
    for (const auto& r : config.radiologists)
        engine_->addRadiologist({r.id, r.name, r.modalities, r.body_parts, r.townships, r.capacity});
    // Items from before deadlines were kept get theirs now.
    for (const auto& row : items_.withoutSchedule()) {
        try {
            items_.setSchedule(row.study_uid, schedule(row));
        } catch (const std::exception& e) {
            spdlog::warn("no deadline for {}: {}", row.study_uid, e.what());
        }
    }
}

WorkflowService::~WorkflowService() { stop(); }

ItemSchedule WorkflowService::schedule(const ReadingItem& item) const {
    auto w = workItemFrom(item);
    auto limit = policy_.limit(w.priority, w.modality);
    auto at_risk = w.received_at + Seconds{(limit.count() * kAtRiskNumerator + kAtRiskDenominator - 1) /
                                           kAtRiskDenominator};
    auto local = toShanghaiLocal(w.received_at);
    std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(local)};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return {isoMillis(policy_.deadline(w)), isoMillis(at_risk), buf};
}

void WorkflowService::onInstance(const dicom::InstanceInfo& info, const std::string& township,
                                 const std::string& calling_ae, uint16_t dimse_priority, int archive_instances) {
    InstanceArrival in;
    in.study_uid = info.study_uid;
    in.township = township;
    in.calling_ae = calling_ae;
    in.modality = info.modality;
    in.body_part = info.body_part;
    in.patient_name = info.patient_name;
    in.patient_id = info.patient_id;
    in.archive_instances = archive_instances;
    in.priority = rules_.resolve(dimse_priority, township, calling_ae);
    bool ae_rule = std::any_of(config_.priority_rules.begin(), config_.priority_rules.end(),
                               [&](const auto& r) { return !r.aet.empty() && r.aet == calling_ae; });
    bool township_rule = std::any_of(config_.priority_rules.begin(), config_.priority_rules.end(),
                                     [&](const auto& r) { return !r.township.empty() && r.township == township; }) ||
                         (config_.townshipById(township) && !config_.townshipById(township)->priority.empty());
    in.priority_source = ae_rule ? "ae_rule" : township_rule ? "township_rule" : "dimse";

    auto now = dicom::nowIso8601();
    {
        std::lock_guard lock(arrivals_mutex_);
        if (updatable_.count(in.study_uid)) {
            auto& p = pending_[in.study_uid];
            p.last = in;
            p.last_sop = info.sop_instance_uid;
            p.last_at = now;
            ++p.arrivals;
            return;
        }
    }
    noteNow(in, info.sop_instance_uid, now);
}

void WorkflowService::noteNow(const InstanceArrival& in, const std::string& sop_uid, const std::string& now) {
    const bool quiet = config_.workflow.quiet_seconds > 0;
    auto out = items_.noteInstance(in, now, quiet);
    if (out.row.state != ReadingState::ReturnedForRescan && !(quiet && out.row.complete)) {
        std::lock_guard lock(arrivals_mutex_);
        if (updatable_.size() > 100000) updatable_.clear();  // a cache: forgetting costs one commit
        updatable_.insert(in.study_uid);
    }
    if (out.late) {
        spdlog::info("late instance {} for study {} (read by {})", sop_uid, in.study_uid,
                     out.row.assigned_to.empty() ? "nobody yet" : out.row.assigned_to);
        audit_.record(in.calling_ae, "late_instance", in.study_uid,
                      "sop " + sop_uid + "; " + std::to_string(out.row.late_instances) +
                          " late, state " + toString(out.row.state));
    }
    if (out.resent) audit_.record(in.calling_ae, "study_resent", in.study_uid, "returned study re-sent");
    if (!quiet && (out.created || out.resent)) {
        items_.setSchedule(in.study_uid, schedule(out.row));
        autoAssign(in.study_uid, "auto-assign");
    }
}

void WorkflowService::forgetItem(const std::string& uid) {
    std::lock_guard lock(arrivals_mutex_);
    updatable_.erase(uid);
}

void WorkflowService::flushArrivals() {
    std::unordered_map<std::string, PendingArrival> batch;
    {
        std::lock_guard lock(arrivals_mutex_);
        batch.swap(pending_);
    }
    if (batch.empty()) return;
    const bool quiet = config_.workflow.quiet_seconds > 0;
    std::vector<ArrivalUpdate> updates;
    updates.reserve(batch.size());
    for (const auto& [uid, p] : batch) updates.push_back({uid, p.last_at, p.arrivals, p.last.archive_instances});
    for (const auto& o : items_.applyArrivals(updates, dicom::nowIso8601(), quiet)) {
        const auto& p = batch.at(o.study_uid);
        if (!o.applied) {
            // Returned for rescan meanwhile (by another server): the re-send restarts the item.
            forgetItem(o.study_uid);
            noteNow(p.last, p.last_sop, p.last_at);
            continue;
        }
        if (quiet && o.complete) forgetItem(o.study_uid);
        if (o.late > 0) {
            spdlog::info("{} late instance(s) for study {} (read by {})", o.late, o.study_uid,
                         o.assigned_to.empty() ? "nobody yet" : o.assigned_to);
            audit_.record(p.last.calling_ae, "late_instance", o.study_uid,
                          std::to_string(o.late) + " late, state " + o.state);
        }
    }
}

int WorkflowService::completeQuietItems() {
    flushArrivals();
    int done = 0;
    const int quiet = config_.workflow.quiet_seconds;
    if (quiet <= 0) return 0;
    auto cutoff = isoNowMinus(quiet);
    for (const auto& uid : items_.dueForCompletion(cutoff)) {
        auto row = items_.row(uid);
        if (!row) continue;
        forgetItem(uid);  // from now on an instance may be late: it goes to the store at once
        if (!items_.markComplete(uid, cutoff, schedule(*row), dicom::nowIso8601())) continue;  // another server
        audit_.record("workflow", "study_complete", uid,
                      std::to_string(row->instance_count) + " instances, quiet " + std::to_string(quiet) + " s");
        autoAssign(uid, "auto-assign");
        ++done;
    }
    return done;
}

void WorkflowService::refreshLoads() {
    auto load = items_.openLoadByModality();
    for (const auto& r : engine_->radiologists()) {
        int units = 0;
        if (auto it = load.find(r.id); it != load.end())
            for (const auto& [modality, n] : it->second) units += n * engine_->weight(modality);
        engine_->setLoad(r.id, units);
    }
}

void WorkflowService::autoAssign(const std::string& uid, const std::string& actor) {
    std::lock_guard lock(assign_mutex_);
    auto row = items_.row(uid);
    if (!row || row->state != ReadingState::Received || !row->assigned_to.empty()) return;
    refreshLoads();
    auto item = workItemFrom(*row, row->body_part);
    auto decision = engine_->choose(item, clock_.now());
    if (!decision) {
        spdlog::info("study {} ({}) left in the pool: {}", uid, row->modality, decision.reason);
        return;
    }
    items_.assign(uid, *decision.radiologist, actor, dicom::nowIso8601(), decision.reason);
    spdlog::info("study {} from {} ({}) assigned to {}", uid, row->township, row->modality, *decision.radiologist);
}

int WorkflowService::escalate() {
    auto rows = items_.atRisk(dicom::nowIso8601());
    if (rows.empty()) return 0;
    std::lock_guard lock(assign_mutex_);
    refreshLoads();
    std::vector<WorkItem> work;
    work.reserve(rows.size());
    for (const auto& r : rows) work.push_back(workItemFrom(r, r.body_part));
    std::vector<const WorkItem*> ptrs;
    for (const auto& w : work) ptrs.push_back(&w);
    int acted = 0;
    auto now = dicom::nowIso8601();
    for (const auto& e : findEscalations(ptrs, policy_, *engine_, clock_.now())) {
        auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.study_uid == e.study_uid; });
        const std::string level = toString(e.level);
        if (it->escalation.rfind(level, 0) == 0) continue;  // handled at this level already
        bool rerouted_before = it->escalation.find("reroute") != std::string::npos;
        std::string action = toString(e.action);
        if (e.action == EscalationAction::Reroute && (!config_.workflow.reroute_at_risk || rerouted_before))
            action = toString(EscalationAction::AdminAttention);
        try {
            if (action == "reroute") {
                items_.assign(e.study_uid, e.suggested, "escalation", now,
                              level + ": from " + (e.assigned_to.empty() ? "the pool" : e.assigned_to));
                action += ":" + e.suggested;
            }
        } catch (const WorkflowError& ex) {
            spdlog::warn("escalation of {}: {}", e.study_uid, ex.what());
            action = toString(EscalationAction::AdminAttention);
        }
        items_.setEscalation(e.study_uid, level + ":" + action, now);
        audit_.record("escalation", "escalation", e.study_uid,
                      level + " (" + std::to_string(static_cast<int>(e.fraction_used * 100)) + "% used): " + action +
                          (e.reason.empty() ? "" : "; " + e.reason));
        spdlog::warn("study {} {}: {}", e.study_uid, level, action);
        ++acted;
    }
    return acted;
}

void WorkflowService::start() {
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void WorkflowService::stop() {
    stopping_ = true;
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    try {
        flushArrivals();
    } catch (const std::exception& e) {
        spdlog::error("workflow: writing the last arrivals failed: {}", e.what());
    }
}

void WorkflowService::loop() {
    auto next_escalation = std::chrono::steady_clock::now();
    while (!stopping_) {
        try {
            completeQuietItems();
            if (std::chrono::steady_clock::now() >= next_escalation) {
                escalate();
                next_escalation = std::chrono::steady_clock::now() +
                                  std::chrono::seconds(config_.workflow.escalation_seconds);
            }
        } catch (const std::exception& e) {
            spdlog::error("workflow tick failed: {}", e.what());
        }
        std::unique_lock lock(tick_mutex_);
        cv_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stopping_.load(); });
    }
}

// ---- actions ----

WorklistRow WorkflowService::requireItem(const std::string& uid) {
    auto row = items_.row(uid);
    if (!row) throw ActionError(404, "no reading item for study " + uid);
    if (!row->complete) throw ActionError(409, "study " + uid + " is still arriving (quiet time not over)");
    return *row;
}

void WorkflowService::requireTownship(const Session& s, const WorklistRow& item, const std::string& what) {
    if (s.role == "admin") return;
    if (s.role == "township" && s.township == item.township) return;
    throw ActionError(403, "only the study's township or an admin may " + what);
}

namespace {
std::string nameOf(const ServerConfig& c, const std::string& id) {
    const auto* r = c.radiologist(id);
    return r ? r->name + " (" + id + ")" : id;
}
}  // namespace

void WorkflowService::claim(const Session& s, const std::string& uid) {
    if (s.role != "radiologist") throw ActionError(403, "only radiologists claim studies");
    auto item = requireItem(uid);
    if (item.assigned_to == s.user_id && isUnread(item.state)) return;  // already mine
    if (item.state != ReadingState::Received || !item.assigned_to.empty())
        throw ActionError(409, "study " + uid + " is " + toString(item.state) +
                                   (item.assigned_to.empty() ? "" : ", assigned to " + nameOf(config_, item.assigned_to)));
    const auto* me = engine_->radiologist(s.user_id);
    if (!me || !engine_->qualified(*me, workItemFrom(item, item.body_part)))
        throw ActionError(403, s.user_id + " does not read " + item.modality +
                                   (item.body_part.empty() ? "" : " " + item.body_part));
    std::lock_guard lock(assign_mutex_);
    try {
        items_.assign(uid, s.user_id, s.user_id, dicom::nowIso8601(), "claimed from the pool");
    } catch (const WorkflowError& e) {
        throw ActionError(409, e.what());
    }
    audit_.record(s.user_id, "study_claimed", uid);
}

OpenOutcome WorkflowService::open(const Session& s, const std::string& uid) {
    auto item = items_.row(uid);
    if (s.role != "radiologist" || !item || !item->complete || !isUnread(item->state)) {
        audit_.record(s.user_id, "study_viewed", uid);
        return {item ? toString(item->state) : "received", false, {}};
    }
    if (item->assigned_to.empty()) claim(s, uid);  // opening a pool item claims it
    else if (item->assigned_to != s.user_id)
        throw ActionError(409, "study " + uid + " is assigned to " + nameOf(config_, item->assigned_to));
    auto now = dicom::nowIso8601();
    auto expires = isoNowMinus(-60LL * config_.workflow.lock_minutes);
    auto lock = items_.lock(uid, s.user_id, now, expires);
    if (!lock)
        throw ActionError(409, "study " + uid + " is open by " + nameOf(config_, lock.holder) + " until " +
                                   lock.expires_at);
    try {
        items_.markOpened(uid, s.user_id, now);
    } catch (const WorkflowError& e) {
        items_.unlock(uid, s.user_id);
        throw ActionError(409, e.what());
    }
    audit_.record(s.user_id, "study_opened", uid, "lock until " + lock.expires_at);
    return {"in_reading", true, lock.expires_at};
}

void WorkflowService::release(const Session& s, const std::string& uid) {
    auto item = requireItem(uid);
    if (s.role != "admin" && !(s.role == "radiologist" && item.assigned_to == s.user_id))
        throw ActionError(403, "only the assigned radiologist or an admin releases a study");
    try {
        items_.release(uid, s.user_id, dicom::nowIso8601());
    } catch (const WorkflowError& e) {
        throw ActionError(409, e.what());
    }
    audit_.record(s.user_id, "study_released", uid, "back to the pool from " + item.assigned_to);
}

void WorkflowService::reassign(const Session& s, const std::string& uid, const std::string& to) {
    if (s.role != "admin") throw ActionError(403, "only admins reassign studies");
    auto item = requireItem(uid);
    const auto* r = engine_->radiologist(to);
    if (!r) throw ActionError(400, "no radiologist '" + to + "'");
    if (!isUnread(item.state)) throw ActionError(409, "study " + uid + " is " + toString(item.state));
    std::lock_guard lock(assign_mutex_);
    try {
        // The lock goes with it: whoever was reading loses the study.
        items_.assign(uid, to, s.user_id, dicom::nowIso8601(),
                      "reassigned by admin" + (item.assigned_to.empty() ? "" : " from " + item.assigned_to));
    } catch (const WorkflowError& e) {
        throw ActionError(409, e.what());
    }
    std::string note = engine_->qualified(*r, workItemFrom(item, item.body_part)) ? "" : " (outside their skills)";
    audit_.record(s.user_id, "study_reassigned", uid, (item.assigned_to.empty() ? "pool" : item.assigned_to) + " -> " + to + note);
}

void WorkflowService::returnForRescan(const Session& s, const std::string& uid, const std::string& reason) {
    if (reason.empty()) throw ActionError(400, "a return for rescan needs a reason");
    auto item = requireItem(uid);
    if (s.role != "admin" && !(s.role == "radiologist" && item.assigned_to == s.user_id))
        throw ActionError(403, "only the assigned radiologist or an admin returns a study");
    forgetItem(uid);
    try {
        items_.returnForRescan(uid, s.user_id, reason, dicom::nowIso8601());
    } catch (const WorkflowError& e) {
        throw ActionError(409, e.what());
    }
    audit_.record(s.user_id, "study_returned", uid, reason);
}

void WorkflowService::cancel(const Session& s, const std::string& uid, const std::string& reason) {
    auto item = requireItem(uid);
    requireTownship(s, item, "cancel it");
    try {
        items_.cancel(uid, s.user_id, reason, dicom::nowIso8601());
    } catch (const WorkflowError& e) {
        throw ActionError(409, e.what());
    }
    audit_.record(s.user_id, "study_cancelled", uid, reason);
}

void WorkflowService::setPriority(const Session& s, const std::string& uid, const std::string& priority) {
    auto p = priorityFromString(priority);
    if (!p) throw ActionError(400, "priority must be emergency, urgent or routine");
    auto item = requireItem(uid);
    requireTownship(s, item, "set its priority");
    if (!isUnread(item.state)) throw ActionError(409, "study " + uid + " is " + toString(item.state) + ": too late");
    auto old = toString(item.priority);
    item.priority = *p;
    items_.setPriority(uid, *p, "set:" + s.user_id, schedule(item), dicom::nowIso8601());
    audit_.record(s.user_id, "priority_set", uid, old + " -> " + priority);
}

int64_t WorkflowService::flagCritical(const Session& s, const std::string& uid, const std::string& finding) {
    if (finding.empty()) throw ActionError(400, "describe the critical finding");
    auto item = requireItem(uid);
    if (s.role != "radiologist" || (item.assigned_to != s.user_id && item.signed_by != s.user_id))
        throw ActionError(403, "only the study's radiologist flags a critical finding");
    auto id = items_.flagCritical(uid, finding, s.user_id, dicom::nowIso8601());
    audit_.record(s.user_id, "critical_flagged", uid, finding);
    spdlog::warn("CRITICAL FINDING (危急值) on {} from {}: {}", uid, item.township, finding);
    return id;
}

std::vector<CriticalFindingRow> WorkflowService::acknowledgeCritical(const Session& s, const std::string& uid) {
    auto item = requireItem(uid);
    if (s.role != "township" || s.township != item.township)
        throw ActionError(403, "only the study's township acknowledges a critical finding");
    auto acked = items_.acknowledgeCritical(uid, s.user_id, dicom::nowIso8601());
    if (acked.empty()) throw ActionError(409, "study " + uid + " has no unacknowledged critical finding");
    for (const auto& f : acked)
        audit_.record(s.user_id, "critical_acknowledged", uid,
                      f.finding + "; after " + std::to_string(f.ack_seconds) + " s");
    return acked;
}

}  // namespace countyread::server
