#pragma once
// How the workstation's HTTP clients (ServerClient, ReportApi) read a reply: a success (2xx) or
// a ServerError carrying the status and the server's {"error": ...} message.
#include <httplib.h>

#include <string>

namespace countyread::viewer {

// Throws ServerError unless the reply is a success (2xx); `what` names the request for the
// message when the server cannot be reached.
const httplib::Response& expectOk(const httplib::Result& res, const std::string& what);

}  // namespace countyread::viewer
