#pragma once
// The reading workflow on the server: the engine's rules (TurnaroundPolicy, PriorityRules,
// Roster, AssignmentEngine, findEscalations) built from the configuration, applied to the
// persisted items (WorklistStore). It turns arriving instances into reading items once a study
// is quiet, assigns them, carries out the worklist actions of the HTTP API with their
// permission checks, and runs the background ticks (quiet-time completion, escalation).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "dicom/model/InstanceInfo.h"
#include "server/Config.h"
#include "server/SessionManager.h"
#include "worklist/AssignmentEngine.h"
#include "worklist/AuditLog.h"
#include "worklist/PriorityRules.h"
#include "worklist/Roster.h"
#include "worklist/TurnaroundPolicy.h"
#include "worklist/WorklistStore.h"

namespace countyread::server {

// A refused worklist action: the HTTP status (403, 404, 409, 400) and the message.
struct ActionError : std::runtime_error {
    ActionError(int status, const std::string& message) : std::runtime_error(message), status(status) {}
    int status;
};

struct OpenOutcome {
    std::string state;
    bool locked = false;
    std::string lock_expires_at;
};

class WorkflowService {
public:
    WorkflowService(const ServerConfig& config, worklist::WorklistStore& items, worklist::AuditLog& audit);
    ~WorkflowService();

    // From the DICOM listener: one readable instance stored (archive_instances: the study's
    // count in the archive now).
    void onInstance(const dicom::InstanceInfo& info, const std::string& township, const std::string& calling_ae,
                    uint16_t dimse_priority, int archive_instances);
    // Writes the coalesced arrivals (see onInstance) in one transaction; the background tick
    // does it every 250 ms, completeQuietItems() and stop() first.
    void flushArrivals();
    // Completes the items that have been quiet long enough and assigns them; returns how many.
    int completeQuietItems();
    // At-risk items: re-route or flag them for the admins; returns how many were acted on.
    int escalate();

    // Background ticks (quiet time every 250 ms, escalation every [workflow] escalation_seconds).
    void start();
    void stop();

    // Worklist actions for the HTTP API; throw ActionError.
    void claim(const Session& s, const std::string& uid);
    OpenOutcome open(const Session& s, const std::string& uid);
    void release(const Session& s, const std::string& uid);
    void reassign(const Session& s, const std::string& uid, const std::string& to);
    void returnForRescan(const Session& s, const std::string& uid, const std::string& reason);
    void cancel(const Session& s, const std::string& uid, const std::string& reason);
    void setPriority(const Session& s, const std::string& uid, const std::string& priority);
    int64_t flagCritical(const Session& s, const std::string& uid, const std::string& finding);
    std::vector<worklist::CriticalFindingRow> acknowledgeCritical(const Session& s, const std::string& uid);

    const worklist::TurnaroundPolicy& policy() const { return policy_; }
    const ServerConfig& config() const { return config_; }
    worklist::Seconds criticalAckLimit() const { return std::chrono::minutes(config_.workflow.critical_ack_minutes); }
    // Where the item's deadline and at-risk point fall.
    worklist::ItemSchedule schedule(const worklist::ReadingItem& item) const;

private:
    // Assigns by the engine's rule; the item stays in the pool when nobody fits.
    void autoAssign(const std::string& uid, const std::string& actor);
    void refreshLoads();
    worklist::WorklistRow requireItem(const std::string& uid);
    void requireTownship(const Session& s, const worklist::WorklistRow& item, const std::string& what);
    void loop();

    const ServerConfig& config_;
    worklist::WorklistStore& items_;
    worklist::AuditLog& audit_;
    worklist::TurnaroundPolicy policy_;
    worklist::PriorityRules rules_;
    std::unique_ptr<worklist::Roster> roster_;
    std::unique_ptr<worklist::AssignmentEngine> engine_;
    worklist::SystemClock clock_;
    std::mutex assign_mutex_;  // one assignment decision at a time in this process

    // Instances of studies whose item is known to take plain updates (still arriving, or
    // complete without a quiet time) are not written one commit each: they are coalesced here
    // and written by flushArrivals(). The archive already holds them durably; the worklist's
    // count and last-arrival time follow within a tick. First instances, late ones and re-sent
    // returned studies go to the store at once.
    struct PendingArrival {
        worklist::InstanceArrival last;  // the newest, for noteInstance when the item changed meanwhile
        std::string last_sop, last_at;
        int arrivals = 0;
    };
    // Records one arrival in the store now (creates the item, late and re-sent handling).
    void noteNow(const worklist::InstanceArrival& in, const std::string& sop_uid, const std::string& now);
    void forgetItem(const std::string& uid);
    std::mutex arrivals_mutex_;
    std::unordered_set<std::string> updatable_;  // items taking plain updates
    std::unordered_map<std::string, PendingArrival> pending_;

    std::thread thread_;
    std::mutex tick_mutex_;
    std::condition_variable cv_;
    std::atomic<bool> stopping_{false};
};

// "2024-05-01T08:30:00.123Z" `seconds_ago` before now (the format dicom::nowIso8601 writes).
std::string isoNowMinus(int64_t seconds_ago);

}  // namespace countyread::server
