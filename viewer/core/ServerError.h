#pragma once
// A failed exchange with the server: HTTP status (0 = no answer) and a message for the user.
#include <stdexcept>
#include <string>

namespace countyread::viewer {

class ServerError : public std::runtime_error {
public:
    ServerError(int status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }

private:
    int status_;
};

}  // namespace countyread::viewer
