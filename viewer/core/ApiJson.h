#pragma once
// JSON bodies of the server's REST API <-> viewer structs. Throws ServerError(status 0)
// when a body is not the JSON the contract promises.
#include <string>
#include <vector>

#include "viewer/core/InstanceRow.h"
#include "viewer/core/StudyRow.h"
#include "viewer/core/UserSession.h"

namespace countyread::viewer::api {

std::string loginRequest(const std::string& user, const std::string& password);
UserSession parseLogin(const std::string& body);
std::vector<StudyRow> parseStudies(const std::string& body);
std::vector<InstanceRow> parseInstances(const std::string& body);

// {"error": "..."} -> "..."; anything else -> the body itself (trimmed, shortened) or "".
std::string errorMessage(const std::string& body);

struct ReportReply {
    std::string sop_instance_uid;
    std::string state;
};
ReportReply parseReportReply(const std::string& body);
// {"sop_instance_uid": "..."} of a stored instance (e.g. a presentation state); "" if absent.
std::string parseStoredInstance(const std::string& body);

}  // namespace countyread::viewer::api
