#include "worklist/ReadingWorkflow.h"

#include <algorithm>

namespace countyread::worklist {

QueueKey queueKey(const WorkItem& item, const TurnaroundPolicy& policy) {
    return {item.priority == Priority::Emergency ? 0 : 1, policy.deadline(item), item.received_at,
            item.study_uid};
}

void orderPool(std::vector<const WorkItem*>& items, const TurnaroundPolicy& policy) {
    std::sort(items.begin(), items.end(), [&](const WorkItem* a, const WorkItem* b) {
        return queueKey(*a, policy) < queueKey(*b, policy);
    });
}

ReadingWorkflow::ReadingWorkflow(const Clock& clock, const TurnaroundPolicy& policy,
                                 AssignmentEngine& engine)
    : clock_(clock), policy_(policy), engine_(engine) {}

WorkItem& ReadingWorkflow::get(const std::string& study_uid) {
    auto it = items_.find(study_uid);
    if (it == items_.end()) throw WorkflowError("no reading item for study " + study_uid);
    return it->second;
}

const WorkItem* ReadingWorkflow::find(const std::string& study_uid) const {
    auto it = items_.find(study_uid);
    return it == items_.end() ? nullptr : &it->second;
}

void ReadingWorkflow::leaveQueue(const WorkItem& item) {
    if (item.state == ReadingState::Received) {
        pool_.erase(queueKey(item, policy_));
    } else if (item.state == ReadingState::Assigned || item.state == ReadingState::InReading) {
        auto q = queues_.find(item.assigned_to);
        if (q != queues_.end()) q->second.erase(queueKey(item, policy_));
        engine_.removeLoad(item.assigned_to, item.modality);
    }
}

void ReadingWorkflow::enterQueue(const WorkItem& item) {
    if (item.state == ReadingState::Received) {
        pool_.insert(queueKey(item, policy_));
    } else if (item.state == ReadingState::Assigned || item.state == ReadingState::InReading) {
        queues_[item.assigned_to].insert(queueKey(item, policy_));
        engine_.addLoad(item.assigned_to, item.modality);
    }
}

void ReadingWorkflow::require(const WorkItem& item, ReadingState to) {
    if (!transitionAllowed(item.state, to))
        throw WorkflowError("study " + item.study_uid + ": " + toString(item.state) + " -> " +
                            toString(to) + " is not allowed");
}

void ReadingWorkflow::move(WorkItem& item, ReadingState to, const std::string& actor) {
    require(item, to);
    ReadingState from = item.state;
    item.state = to;
    if (listener_) listener_(item, from, actor);
}

const WorkItem& ReadingWorkflow::receive(WorkItem item) {
    if (items_.count(item.study_uid)) throw WorkflowError("study " + item.study_uid + " is already tracked");
    item.state = ReadingState::Received;
    item.assigned_to.clear();
    if (item.received_at == Instant{}) item.received_at = clock_.now();
    auto& stored = items_.emplace(item.study_uid, std::move(item)).first->second;
    enterQueue(stored);
    if (listener_) listener_(stored, ReadingState::Received, stored.township);
    return stored;
}

Decision ReadingWorkflow::autoAssign(const std::string& study_uid, const std::string& actor) {
    WorkItem& item = get(study_uid);
    if (item.state != ReadingState::Received)
        throw WorkflowError("study " + study_uid + " is " + toString(item.state) + ", not in the pool");
    Decision d = engine_.choose(item, clock_.now());
    if (d) assign(study_uid, *d.radiologist, actor);
    return d;
}

void ReadingWorkflow::assign(const std::string& study_uid, const std::string& radiologist,
                             const std::string& actor) {
    WorkItem& item = get(study_uid);
    require(item, ReadingState::Assigned);
    if (!engine_.radiologist(radiologist)) throw WorkflowError("unknown radiologist " + radiologist);
    leaveQueue(item);
    if (item.assigned_to != radiologist) locks_.clear(study_uid);
    item.assigned_to = radiologist;
    item.assigned_at = clock_.now();
    item.opened_at.reset();
    move(item, ReadingState::Assigned, actor);
    enterQueue(item);
}

OpenResult ReadingWorkflow::open(const std::string& study_uid, const std::string& user, Seconds ttl) {
    WorkItem& item = get(study_uid);
    OpenResult r;
    if (!isUnread(item.state)) {
        r.reason = "study " + study_uid + " is " + toString(item.state);
        return r;
    }
    if (item.state != ReadingState::Received && item.assigned_to != user) {
        r.reason = "assigned to " + item.assigned_to;
        r.lock.holder = locks_.holder(study_uid, clock_.now());
        return r;
    }
    r.lock = locks_.acquire(study_uid, user, clock_.now(), ttl);
    if (!r.lock) {
        r.reason = "locked by " + r.lock.holder + " until " + toIso8601(r.lock.expires_at);
        return r;
    }
    if (item.state == ReadingState::Received) {
        if (!engine_.radiologist(user)) {
            locks_.release(study_uid, user);
            r.reason = user + " is not a radiologist";
            return r;
        }
        assign(study_uid, user, user);  // clears the pool item's locks: take it again
        r.lock = locks_.acquire(study_uid, user, clock_.now(), ttl);
    }
    if (item.state == ReadingState::Assigned) {
        leaveQueue(item);
        item.opened_at = clock_.now();
        move(item, ReadingState::InReading, user);
        enterQueue(item);
    }
    r.granted = true;
    return r;
}

void ReadingWorkflow::release(const std::string& study_uid, const std::string& actor) {
    WorkItem& item = get(study_uid);
    require(item, ReadingState::Received);
    leaveQueue(item);
    locks_.clear(study_uid);
    item.assigned_to.clear();
    item.assigned_at.reset();
    item.opened_at.reset();
    move(item, ReadingState::Received, actor);
    enterQueue(item);
}

void ReadingWorkflow::sign(const std::string& study_uid, const std::string& radiologist) {
    WorkItem& item = get(study_uid);
    if (isUnread(item.state) && item.assigned_to != radiologist)
        throw WorkflowError("study " + study_uid + " is assigned to " +
                            (item.assigned_to.empty() ? std::string("nobody") : item.assigned_to));
    require(item, ReadingState::Signed);
    leaveQueue(item);
    item.signed_at = clock_.now();
    item.signed_by = radiologist;
    move(item, ReadingState::Signed, radiologist);
    locks_.clear(study_uid);
}

void ReadingWorkflow::deliver(const std::string& study_uid) {
    WorkItem& item = get(study_uid);
    move(item, ReadingState::Delivered, "delivery");
    item.delivered_at = clock_.now();
}

void ReadingWorkflow::amend(const std::string& study_uid, const std::string& radiologist) {
    move(get(study_uid), ReadingState::Amended, radiologist);
}

void ReadingWorkflow::returnForRescan(const std::string& study_uid, const std::string& actor) {
    WorkItem& item = get(study_uid);
    require(item, ReadingState::ReturnedForRescan);
    leaveQueue(item);
    locks_.clear(study_uid);
    item.assigned_to.clear();
    move(item, ReadingState::ReturnedForRescan, actor);
}

void ReadingWorkflow::resend(const std::string& study_uid) {
    WorkItem& item = get(study_uid);
    require(item, ReadingState::Received);
    item.received_at = clock_.now();
    item.assigned_at.reset();
    item.opened_at.reset();
    move(item, ReadingState::Received, item.township);
    enterQueue(item);
}

void ReadingWorkflow::cancel(const std::string& study_uid, const std::string& actor) {
    WorkItem& item = get(study_uid);
    require(item, ReadingState::Cancelled);
    leaveQueue(item);
    locks_.clear(study_uid);
    move(item, ReadingState::Cancelled, actor);
}

void ReadingWorkflow::forceReassign(const std::string& study_uid, const std::string& radiologist,
                                    const std::string& admin) {
    assign(study_uid, radiologist, admin);
    locks_.force(study_uid, radiologist, clock_.now());
}

void ReadingWorkflow::setPriority(const std::string& study_uid, Priority priority, const std::string&) {
    WorkItem& item = get(study_uid);
    if (item.priority == priority) return;
    leaveQueue(item);
    item.priority = priority;
    enterQueue(item);
}

namespace {
template <typename Keys>
void collect(const Keys& keys, const std::unordered_map<std::string, WorkItem>& items,
             std::vector<const WorkItem*>& out) {
    for (const auto& k : keys) out.push_back(&items.at(k.study_uid));
}
}  // namespace

std::vector<const WorkItem*> ReadingWorkflow::pool() const {
    std::vector<const WorkItem*> out;
    out.reserve(pool_.size());
    collect(pool_, items_, out);
    return out;
}

std::vector<const WorkItem*> ReadingWorkflow::queue(const std::string& radiologist) const {
    std::vector<const WorkItem*> out;
    if (auto q = queues_.find(radiologist); q != queues_.end()) collect(q->second, items_, out);
    return out;
}

const WorkItem* ReadingWorkflow::next(const std::string& radiologist) const {
    auto q = queues_.find(radiologist);
    if (q == queues_.end()) return nullptr;
    for (const auto& k : q->second) {
        const WorkItem& item = items_.at(k.study_uid);
        if (item.state == ReadingState::Assigned) return &item;
    }
    return nullptr;
}

std::vector<const WorkItem*> ReadingWorkflow::unread() const {
    std::vector<const WorkItem*> out = pool();
    for (const auto& [who, keys] : queues_) collect(keys, items_, out);
    return out;
}

std::vector<Escalation> ReadingWorkflow::escalations() const {
    return findEscalations(unread(), policy_, engine_, clock_.now());
}

void ReadingWorkflow::forget(const std::string& study_uid) {
    auto it = items_.find(study_uid);
    if (it == items_.end()) return;
    if (isUnread(it->second.state)) throw WorkflowError("study " + study_uid + " is still open");
    locks_.clear(study_uid);
    items_.erase(it);
}

}  // namespace countyread::worklist
