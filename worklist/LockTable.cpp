#include "worklist/LockTable.h"

namespace countyread::worklist {

LockResult LockTable::acquire(const std::string& study_uid, const std::string& user, Instant now,
                              Seconds ttl) {
    auto [it, inserted] = locks_.try_emplace(study_uid, Lock{user, now + ttl});
    Lock& lock = it->second;
    if (!inserted && lock.user != user && now < lock.expires_at)
        return {false, lock.user, lock.expires_at};
    lock = {user, now + ttl};
    return {true, user, lock.expires_at};
}

LockResult LockTable::renew(const std::string& study_uid, const std::string& user, Instant now,
                            Seconds ttl) {
    auto it = locks_.find(study_uid);
    if (it == locks_.end() || now >= it->second.expires_at) return {false, "", {}};
    if (it->second.user != user) return {false, it->second.user, it->second.expires_at};
    it->second.expires_at = now + ttl;
    return {true, user, it->second.expires_at};
}

bool LockTable::release(const std::string& study_uid, const std::string& user) {
    auto it = locks_.find(study_uid);
    if (it == locks_.end() || it->second.user != user) return false;
    locks_.erase(it);
    return true;
}

LockResult LockTable::force(const std::string& study_uid, const std::string& new_holder, Instant now,
                            Seconds ttl) {
    locks_[study_uid] = {new_holder, now + ttl};
    return {true, new_holder, now + ttl};
}

std::string LockTable::holder(const std::string& study_uid, Instant now) const {
    auto it = locks_.find(study_uid);
    return it == locks_.end() || now >= it->second.expires_at ? std::string{} : it->second.user;
}

std::size_t LockTable::purgeExpired(Instant now) {
    return std::erase_if(locks_, [&](const auto& kv) { return now >= kv.second.expires_at; });
}

}  // namespace countyread::worklist
