#include "viewer/core/HttpReply.h"

#include "viewer/core/ApiJson.h"
#include "viewer/core/ServerError.h"

namespace countyread::viewer {

const httplib::Response& expectOk(const httplib::Result& res, const std::string& what) {
    if (!res)
        throw ServerError(0, "cannot reach the server (" + what + "): " + httplib::to_string(res.error()));
    if (res->status < 200 || res->status >= 300) {
        std::string message = api::errorMessage(res->body);
        if (message.empty()) message = "HTTP " + std::to_string(res->status);
        throw ServerError(res->status, message);
    }
    return *res;
}

}  // namespace countyread::viewer
