#pragma once
// Claims on reading items (阅片锁): opening an item locks it for one user until an expiry that
// the holder renews while reading (default 15 min). Another user is refused and told who holds
// it; an expired lock is free for anyone; an administrator may take a lock over (force
// reassignment).
#include <string>
#include <unordered_map>

#include "worklist/Clock.h"

namespace countyread::worklist {

constexpr Seconds kDefaultLockTtl = std::chrono::minutes(15);

struct LockResult {
    bool granted = false;
    std::string holder;   // who holds the lock now (the caller when granted)
    Instant expires_at{};
    explicit operator bool() const { return granted; }
};

class LockTable {
public:
    // Takes the lock, or renews it when `user` already holds it.
    LockResult acquire(const std::string& study_uid, const std::string& user, Instant now,
                       Seconds ttl = kDefaultLockTtl);
    // Renews only a lock the user still holds (unexpired); refused otherwise.
    LockResult renew(const std::string& study_uid, const std::string& user, Instant now,
                     Seconds ttl = kDefaultLockTtl);
    // Gives the lock back; false when the user did not hold it.
    bool release(const std::string& study_uid, const std::string& user);
    // Administrator override: the lock passes to `new_holder` whoever held it.
    LockResult force(const std::string& study_uid, const std::string& new_holder, Instant now,
                     Seconds ttl = kDefaultLockTtl);
    // The unexpired holder, or "".
    std::string holder(const std::string& study_uid, Instant now) const;
    void clear(const std::string& study_uid) { locks_.erase(study_uid); }
    std::size_t purgeExpired(Instant now);  // how many were dropped
    std::size_t size() const { return locks_.size(); }

private:
    struct Lock {
        std::string user;
        Instant expires_at;
    };
    std::unordered_map<std::string, Lock> locks_;
};

}  // namespace countyread::worklist
