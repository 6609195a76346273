#pragma once
// Query parameters of the worklist and metrics routes: times, lists, the filter itself.
#include <httplib.h>

#include <optional>
#include <string>
#include <vector>

#include "server/SessionManager.h"
#include "worklist/WorklistQuery.h"

namespace countyread::server {

struct BadParameter : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// "2025-03-01" (a Beijing date: its start, or with end_of_day the next day's start) or an ISO
// 8601 instant; "" stays "". Result: the tables' text form ("...T..:..:...000Z").
std::string timeParam(const std::string& text, bool end_of_day);
// "a,b,c" -> {"a","b","c"}.
std::vector<std::string> listParam(const std::string& text);
// The worklist filter from the query string, narrowed to what the session may see;
// throws BadParameter (400) or std::domain_error (403).
worklist::WorklistFilter worklistFilter(const Session& s, const httplib::Request& req, const std::string& now);
// Beijing date "YYYY-MM-DD" of an ISO instant in the tables' form.
std::string beijingDay(const std::string& iso);

}  // namespace countyread::server
