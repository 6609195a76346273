#include "server/WorklistParams.h"

#include <cstdio>
#include <sstream>

#include "worklist/Roster.h"

namespace countyread::server {

using namespace countyread::worklist;

std::string timeParam(const std::string& text, bool end_of_day) {
    if (text.empty()) return {};
    int y = 0, m = 0, d = 0;
    char extra = 0;
    if (text.size() == 10 && std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3) {
        auto t = shanghaiTime(y, static_cast<unsigned>(m), static_cast<unsigned>(d), 0);
        if (end_of_day) t += std::chrono::days(1);
        return isoMillis(t);
    }
    auto t = parseIso8601(text);
    if (!t) throw BadParameter("not a date or time: '" + text + "' (2025-03-01 or 2025-03-01T08:00:00Z)");
    return isoMillis(*t);
}

std::vector<std::string> listParam(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string part;
    while (std::getline(ss, part, ','))
        if (!part.empty()) out.push_back(part);
    return out;
}

std::string beijingDay(const std::string& iso) {
    auto t = parseIso8601(iso);
    if (!t) return {};
    std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(toShanghaiLocal(*t))};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return buf;
}

WorklistFilter worklistFilter(const Session& s, const httplib::Request& req, const std::string& now) {
    auto param = [&](const char* k) { return req.get_param_value(k); };
    WorklistFilter f;
    f.now = now;
    f.user = s.user_id;
    f.states = listParam(param("state"));
    for (const auto& st : f.states)
        if (!readingStateFromString(st)) throw BadParameter("unknown state '" + st + "'");
    f.priorities = listParam(param("priority"));
    for (const auto& p : f.priorities)
        if (!priorityFromString(p)) throw BadParameter("unknown priority '" + p + "'");
    f.modalities = listParam(param("modality"));
    f.townships = listParam(param("township"));
    f.assigned_to = param("assigned_to");
    f.scope = param("scope");
    if (param("mine") == "1" || param("mine") == "true") f.scope = "mine";
    if (param("pool") == "1" || param("pool") == "true") f.scope = f.scope == "mine" ? "mine_or_pool" : "pool";
    if (!f.scope.empty() && f.scope != "mine" && f.scope != "pool" && f.scope != "mine_or_pool")
        throw BadParameter("scope is mine, pool or mine_or_pool");
    f.from = timeParam(param("from"), false);
    f.to = timeParam(param("to"), true);
    f.q = param("q");
    f.at_risk = param("at_risk") == "1" || param("at_risk") == "true";
    f.overdue = param("overdue") == "1" || param("overdue") == "true";
    f.critical = param("critical") == "1" || param("critical") == "true";
    f.include_incomplete = param("incomplete") == "1" || param("incomplete") == "true";
    if (req.has_param("sort")) {
        auto sort = param("sort");
        if (!sort.empty() && sort[0] == '-') {
            f.descending = true;
            sort = sort.substr(1);
        }
        f.sort = sort;
    }
    if (param("order") == "desc") f.descending = true;
    try {
        if (req.has_param("limit")) f.limit = std::stoi(param("limit"));
        if (req.has_param("offset")) f.offset = std::stoi(param("offset"));
    } catch (const std::exception&) {
        throw BadParameter("limit and offset are numbers");
    }
    if (f.limit < 1 || f.limit > 1000) throw BadParameter("limit is 1..1000");
    if (f.offset < 0) throw BadParameter("offset is >= 0");

    if (s.role == "township") {
        for (const auto& t : f.townships)
            if (t != s.township) throw std::domain_error("township users see only their own township's studies");
        f.townships = {s.township};
        if (f.scope == "mine" || f.scope == "mine_or_pool") f.scope.clear();
    } else if (s.role == "radiologist") {
        if (!f.assigned_to.empty() && f.assigned_to != s.user_id)
            throw std::domain_error("radiologists see their own items and the pool");
        if (f.scope.empty()) f.scope = f.assigned_to.empty() ? "mine_or_pool" : "mine";
        f.include_incomplete = false;
    } else if (s.role != "admin") {
        throw std::domain_error("no worklist for role " + s.role);
    }
    return f;
}

}  // namespace countyread::server
