#pragma once
// Durable queue of reports to push to townships: survives restarts, retries with backoff,
// never resends what was acknowledged.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "dicom/archive/Database.h"

namespace countyread::worklist {

struct Delivery {
    int64_t id = 0;
    std::string study_uid;
    std::string sop_instance_uid;
    std::string township;
    std::string state;  // pending, delivered
    int attempts = 0;
    std::string next_attempt_at;
    std::string last_error;
    std::string created_at;
    std::string delivered_at;
};

class DeliveryQueue {
public:
    explicit DeliveryQueue(std::shared_ptr<dicom::Database> db);

    // Idempotent: the same report to the same township is queued once.
    void enqueue(const std::string& study_uid, const std::string& sop_instance_uid,
                 const std::string& township);
    std::vector<Delivery> due(const std::string& now_iso);
    // Takes a due delivery for this server until `lease_until_iso` (servers sharing the
    // database then skip it); false when another server took it first or it is not due.
    bool claim(int64_t id, const std::string& now_iso, const std::string& lease_until_iso);
    void succeeded(int64_t id, const std::string& now_iso);
    void failed(int64_t id, const std::string& error, const std::string& next_attempt_iso);
    std::vector<Delivery> forStudy(const std::string& study_uid);

    // The workflow database (shared with the other worklist tables).
    const std::shared_ptr<dicom::Database>& database() const { return db_; }

    // Exponential backoff: 2 s, 4 s, ... capped at 5 minutes.
    static std::chrono::seconds backoff(int attempts);

private:
    std::shared_ptr<dicom::Database> db_;
};

}  // namespace countyread::worklist
