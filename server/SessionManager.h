#pragma once
// Logins and bearer tokens (in memory; tokens expire after 12 hours).
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "server/Config.h"

namespace countyread::server {

struct Session {
    std::string user_id;
    std::string role;
    std::string township;
    std::chrono::steady_clock::time_point expires;
};

class SessionManager {
public:
    explicit SessionManager(const ServerConfig& config,
                            std::chrono::seconds lifetime = std::chrono::hours(12));
    // Returns a token, or nullopt for an unknown user or a wrong password.
    std::optional<std::string> login(const std::string& user, const std::string& password);
    std::optional<Session> authenticate(const std::string& token);

private:
    const ServerConfig& config_;
    std::chrono::seconds lifetime_;
    std::mutex mutex_;
    std::map<std::string, Session> sessions_;
};

}  // namespace countyread::server
