#pragma once
// The logged-in radiologist (POST /api/v1/login).
#include <string>

namespace countyread::viewer {

struct UserSession {
    std::string token;
    std::string user_id;
    std::string name;  // display name, UTF-8
    std::string role;
    std::string organization;  // optional in the login reply
};

}  // namespace countyread::viewer
