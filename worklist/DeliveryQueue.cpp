#include "worklist/DeliveryQueue.h"

#include <algorithm>

#include "dicom/archive/Archive.h"
#include "worklist/WorklistSchema.h"

namespace countyread::worklist {

using dicom::Statement;

namespace {
const char* kColumns =
    "id, study_uid, sop_instance_uid, township, state, attempts, next_attempt_at, last_error, "
    "created_at, delivered_at";

Delivery fromRow(Statement& q) {
    return {q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), static_cast<int>(q.integer(5)),
            q.text(6),    q.text(7), q.text(8), q.text(9)};
}
}  // namespace

DeliveryQueue::DeliveryQueue(std::shared_ptr<dicom::Database> db) : db_(std::move(db)) {
    ensureWorklistSchema(*db_);
}

void DeliveryQueue::enqueue(const std::string& study_uid, const std::string& sop,
                            const std::string& township) {
    auto now = dicom::nowIso8601();
    db_->transaction([&] {
        db_->prepare("INSERT INTO deliveries (study_uid, sop_instance_uid, township, next_attempt_at, "
                     "created_at) VALUES (?,?,?,?,?) ON CONFLICT(sop_instance_uid, township) DO NOTHING")
            .bindAll({study_uid, sop, township, now, now})
            .step();
    });
}

std::vector<Delivery> DeliveryQueue::due(const std::string& now_iso) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kColumns +
                          " FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ? "
                          "ORDER BY next_attempt_at, id");
    q.bind(1, now_iso);
    std::vector<Delivery> out;
    while (q.step()) out.push_back(fromRow(q));
    return out;
}

bool DeliveryQueue::claim(int64_t id, const std::string& now_iso, const std::string& until_iso) {
    return db_->transaction([&] {
        return db_->prepare("UPDATE deliveries SET next_attempt_at = ? WHERE id = ? AND "
                            "state = 'pending' AND next_attempt_at <= ? RETURNING id")
            .bindAll({until_iso, id, now_iso})
            .step();
    });
}

void DeliveryQueue::succeeded(int64_t id, const std::string& now_iso) {
    db_->transaction([&] {
        db_->prepare("UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, "
                     "delivered_at = ?, last_error = '' WHERE id = ?")
            .bindAll({now_iso, id})
            .step();
    });
}

void DeliveryQueue::failed(int64_t id, const std::string& error, const std::string& next_iso) {
    db_->transaction([&] {
        db_->prepare("UPDATE deliveries SET attempts = attempts + 1, last_error = ?, "
                     "next_attempt_at = ? WHERE id = ?")
            .bindAll({error, next_iso, id})
            .step();
    });
}

std::vector<Delivery> DeliveryQueue::forStudy(const std::string& study_uid) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kColumns +
                          " FROM deliveries WHERE study_uid = ? ORDER BY id");
    q.bind(1, study_uid);
    std::vector<Delivery> out;
    while (q.step()) out.push_back(fromRow(q));
    return out;
}

std::chrono::seconds DeliveryQueue::backoff(int attempts) {
    int shift = std::clamp(attempts, 0, 8);
    return std::min(std::chrono::seconds(2LL << shift), std::chrono::seconds(300));
}

}  // namespace countyread::worklist
