#include "server/SessionManager.h"

#include "worklist/PasswordHasher.h"

namespace countyread::server {

SessionManager::SessionManager(const ServerConfig& config, std::chrono::seconds lifetime)
    : config_(config), lifetime_(lifetime) {}

std::optional<std::string> SessionManager::login(const std::string& user, const std::string& password) {
    const UserConfig* u = config_.user(user);
    if (!u || !worklist::verifyPassword(u->password_hash, password)) return std::nullopt;
    auto token = worklist::randomToken();
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    std::erase_if(sessions_, [&](const auto& kv) { return kv.second.expires < now; });
    sessions_[token] = Session{u->id, u->role, u->township, now + lifetime_};
    return token;
}

std::optional<Session> SessionManager::authenticate(const std::string& token) {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(token);
    if (it == sessions_.end()) return std::nullopt;
    if (it->second.expires < std::chrono::steady_clock::now()) {
        sessions_.erase(it);
        return std::nullopt;
    }
    return it->second;
}

}  // namespace countyread::server
