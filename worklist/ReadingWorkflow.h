#pragma once
// The reading workflow in memory: items, their states (transitionAllowed), the pool and each
// radiologist's queue in reading order (emergency first, then by deadline), incremental load
// for the assignment engine, claim locks, priorities and escalation. No I/O: persistence and
// audit subscribe through the transition listener.
#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "worklist/AssignmentEngine.h"
#include "worklist/Escalation.h"
#include "worklist/LockTable.h"
#include "worklist/TurnaroundPolicy.h"

namespace countyread::worklist {

// Reading order: emergency first, then the earliest deadline, then the earliest receipt, then uid.
struct QueueKey {
    int rank;  // 0 emergency, 1 anything else
    Instant deadline;
    Instant received_at;
    std::string study_uid;
    auto operator<=>(const QueueKey&) const = default;
};
QueueKey queueKey(const WorkItem& item, const TurnaroundPolicy& policy);
// Sorts a pool in reading order.
void orderPool(std::vector<const WorkItem*>& items, const TurnaroundPolicy& policy);

struct OpenResult {
    bool granted = false;
    std::string reason;  // why not: who holds the lock, or whom the item is assigned to
    LockResult lock;
    explicit operator bool() const { return granted; }
};

class ReadingWorkflow {
public:
    using Listener = std::function<void(const WorkItem& item, ReadingState from, const std::string& actor)>;

    ReadingWorkflow(const Clock& clock, const TurnaroundPolicy& policy, AssignmentEngine& engine);

    // A new item, received now (or at item.received_at when that is set); throws WorkflowError
    // when the study is already tracked.
    const WorkItem& receive(WorkItem item);
    // Assigns by the engine's rule; the item stays in the pool when the decision names nobody.
    Decision autoAssign(const std::string& study_uid, const std::string& actor = "auto-assign");

    // State changes; each throws WorkflowError when the workflow does not allow it.
    void assign(const std::string& study_uid, const std::string& radiologist, const std::string& actor);
    // Opening claims the item: it locks it for `user`, takes it from the pool when unassigned,
    // and refuses when another user holds the lock or the item is assigned to someone else.
    OpenResult open(const std::string& study_uid, const std::string& user, Seconds ttl = kDefaultLockTtl);
    void release(const std::string& study_uid, const std::string& actor);  // back to the pool
    void sign(const std::string& study_uid, const std::string& radiologist);
    void deliver(const std::string& study_uid);
    void amend(const std::string& study_uid, const std::string& radiologist);
    void returnForRescan(const std::string& study_uid, const std::string& actor);
    void resend(const std::string& study_uid);  // the township re-sent: received, clock restarts
    void cancel(const std::string& study_uid, const std::string& actor);
    // Administrator: the item and its lock go to `radiologist` whoever holds them.
    void forceReassign(const std::string& study_uid, const std::string& radiologist,
                       const std::string& admin);
    // Explicit priority from the township or an administrator; the deadline moves with it.
    void setPriority(const std::string& study_uid, Priority priority, const std::string& actor);

    const WorkItem* find(const std::string& study_uid) const;
    std::vector<const WorkItem*> pool() const;                                 // reading order
    std::vector<const WorkItem*> queue(const std::string& radiologist) const;  // reading order
    // The next item `radiologist` should open: the first assigned (not yet opened) one in order.
    const WorkItem* next(const std::string& radiologist) const;
    std::size_t poolSize() const { return pool_.size(); }
    std::vector<const WorkItem*> unread() const;
    std::vector<Escalation> escalations() const;
    // Drops an item that is no longer unread (signed, delivered, returned, cancelled, amended)
    // from memory, once it is persisted elsewhere; throws for an unread one.
    void forget(const std::string& study_uid);
    std::size_t size() const { return items_.size(); }

    LockTable& locks() { return locks_; }
    void setListener(Listener listener) { listener_ = std::move(listener); }

private:
    WorkItem& get(const std::string& study_uid);
    static void require(const WorkItem& item, ReadingState to);  // throws WorkflowError
    void move(WorkItem& item, ReadingState to, const std::string& actor);
    void leaveQueue(const WorkItem& item);
    void enterQueue(const WorkItem& item);

    const Clock& clock_;
    const TurnaroundPolicy& policy_;
    AssignmentEngine& engine_;
    LockTable locks_;
    Listener listener_;
    std::unordered_map<std::string, WorkItem> items_;
    std::set<QueueKey> pool_;
    std::unordered_map<std::string, std::set<QueueKey>> queues_;  // assigned + in reading
};

}  // namespace countyread::worklist
