#include "server/MetricsApi.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "server/HttpApi.h"
#include "server/ReportPrinter.h"
#include "server/StudyJson.h"
#include "server/WorkflowService.h"
#include "server/WorklistParams.h"
#include "worklist/CriticalFinding.h"
#include "worklist/TurnaroundMetrics.h"
#include "worklist/WorklistQuery.h"

namespace countyread::server {

using nlohmann::json;
using namespace countyread::worklist;

namespace {

struct Period {
    std::string from, to;  // [from, to) in the tables' text form
};

// ?from=&to= (dates are Beijing days, `to` inclusive); default: the last 7 Beijing days.
Period periodOf(const httplib::Request& req) {
    Period p{timeParam(req.get_param_value("from"), false), timeParam(req.get_param_value("to"), true)};
    if (p.to.empty()) p.to = timeParam(beijingDay(dicom::nowIso8601()), true);
    if (p.from.empty()) p.from = isoMillis(*parseIso8601(p.to) - std::chrono::days(7));
    if (p.from >= p.to) throw BadParameter("'from' must be before 'to'");
    return p;
}

std::string csvField(const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string localTime(const std::string& iso) { return iso.empty() ? "" : shanghaiTime(iso); }

json statsJson(const ServerConfig& config, const std::vector<TurnaroundStats>& rows, GroupBy by) {
    json out = json::array();
    for (const auto& r : rows) {
        std::string name = r.group;
        if (by == GroupBy::Township) {
            if (const auto* t = config.townshipById(r.group)) name = t->name;
        } else if (by == GroupBy::Radiologist) {
            if (const auto* rad = config.radiologist(r.group)) name = rad->name;
        }
        out.push_back({{"group", r.group},
                       {"name", name},
                       {"signed", r.signed_count},
                       {"late_unsigned", r.late_unsigned},
                       {"median_s", r.median.count()},
                       {"p90_s", r.p90.count()},
                       {"within_limit", r.within_limit},
                       {"share_within_limit", r.share_within_limit}});
    }
    return out;
}

bool bearerMatches(const httplib::Request& req, const std::string& token) {
    auto header = req.get_header_value("Authorization");
    const std::string expected = "Bearer " + token;
    return header.size() == expected.size() && CRYPTO_memcmp(header.data(), expected.data(), header.size()) == 0;
}

}  // namespace

void MetricsApi::routes(httplib::Server& srv) {
    auto self = std::make_shared<MetricsApi>(*this);
    auto authed = [self](AuthedHandler handler) { return server::authed(self->ctx_.sessions, std::move(handler)); };
    // Admins see the county; township users their own township; radiologists nothing here.
    auto scope = [](const Session& s, httplib::Response& res) -> std::optional<std::string> {
        if (s.role == "admin") return std::string();
        if (s.role == "township") return s.township;
        sendError(res, 403, "turnaround figures are for admins and township users");
        return std::nullopt;
    };

    srv.Get("/api/v1/metrics/summary",
            authed([self, scope](const Session& s, const httplib::Request&, httplib::Response& res) {
                auto township = scope(s, res);
                if (!township) return;
                WorklistQuery q(self->ctx_.items.database());
                auto now = dicom::nowIso8601();
                json queue = json::array();
                std::map<std::string, int64_t> by_state, by_priority;
                for (const auto& c : q.queueCounts(*township)) {
                    queue.push_back({{"state", c.state}, {"priority", c.priority}, {"count", c.count}});
                    by_state[c.state] += c.count;
                    by_priority[c.priority] += c.count;
                }
                WorklistFilter f;
                f.now = now;
                f.at_risk = true;
                f.sort = "deadline";
                f.limit = 100;
                if (!township->empty()) f.townships = {*township};
                json risky = json::array();
                for (const auto& r : q.list(f).rows) risky.push_back(worklistRowJson(self->ctx_.config, r, now));
                json open_critical = json::array();
                for (const auto& c : q.criticalFindings("", "", *township, true)) open_critical.push_back(criticalJson(self->ctx_.config, c));
                sendJson(res, {{"now", now},
                               {"queue", queue},
                               {"by_state", by_state},
                               {"by_priority", by_priority},
                               {"at_risk", q.countAtRisk(now, *township)},
                               {"overdue", q.countOverdue(now, *township)},
                               {"arriving", township->empty() ? q.countIncomplete() : 0},
                               {"deliveries_pending", township->empty() ? q.pendingDeliveries() : 0},
                               {"at_risk_items", risky},
                               {"critical_open", open_critical}});
            }));

    srv.Get("/api/v1/metrics/turnaround",
            authed([self, scope](const Session& s, const httplib::Request& req, httplib::Response& res) {
                auto township = scope(s, res);
                if (!township) return;
                Period p;
                try {
                    p = periodOf(req);
                } catch (const BadParameter& e) {
                    return sendError(res, 400, e.what());
                }
                auto* wf = self->workflow_();
                TurnaroundPolicy fallback;
                const TurnaroundPolicy& policy = wf ? wf->policy() : fallback;
                auto ack_limit = wf ? wf->criticalAckLimit() : kDefaultCriticalAckLimit;
                WorklistQuery q(self->ctx_.items.database());
                auto now = dicom::nowIso8601();
                // Settled Beijing days come from the kept per-day figures (turnaround_days):
                // a year of a province in well under 200 ms.
                auto report = q.turnaround(p.from, p.to, *township, now, policy);
                json groups;
                const std::pair<const char*, GroupBy> kinds[] = {{"township", GroupBy::Township},
                                                                 {"radiologist", GroupBy::Radiologist},
                                                                 {"modality", GroupBy::Modality},
                                                                 {"priority", GroupBy::Priority}};
                for (const auto& [name, by] : kinds) {
                    auto rows = report.groups(by);
                    if (by == GroupBy::Radiologist)  // unsigned items have no radiologist
                        rows.erase(std::remove_if(rows.begin(), rows.end(), [](auto& r) { return r.group.empty(); }),
                                   rows.end());
                    groups[name] = statsJson(self->ctx_.config, rows, by);
                }
                const auto& overall = report.overall;
                json volume = json::array();
                auto last_day = beijingDay(isoMillis(*parseIso8601(p.to) - std::chrono::seconds(1)));
                for (const auto& d : q.dailyVolume(beijingDay(p.from), last_day, *township, now))
                    volume.push_back({{"day", d.day}, {"received", d.received}, {"signed", d.signed_count}});
                // Critical findings: flag -> acknowledgement delays.
                std::vector<Seconds> delays;
                int64_t open = 0, late = 0;
                json findings = json::array();
                auto now_t = *parseIso8601(now);
                for (const auto& f : q.criticalFindings(p.from, p.to, *township)) {
                    findings.push_back(criticalJson(self->ctx_.config, f));
                    if (f.ack_seconds >= 0) {
                        delays.emplace_back(f.ack_seconds);
                        if (Seconds(f.ack_seconds) > ack_limit) ++late;
                    } else {
                        ++open;
                        auto flagged = parseIso8601(f.flagged_at);
                        if (flagged && now_t - *flagged > ack_limit) ++late;
                    }
                }
                auto acknowledged = delays.size();
                auto median = percentile(delays, 50), p90 = percentile(delays, 90);
                json body{{"from", p.from},
                          {"to", p.to},
                          {"township", *township},
                          {"items", report.items},
                          {"groups", groups},
                          {"daily_volume", volume},
                          {"critical",
                           {{"count", findings.size()},
                            {"acknowledged", acknowledged},
                            {"open", open},
                            {"late", late},
                            {"limit_s", ack_limit.count()},
                            {"median_ack_s", median.count()},
                            {"p90_ack_s", p90.count()},
                            {"findings", findings}}}};
                body["overall"] = overall.empty() ? json::object() : statsJson(self->ctx_.config, overall, GroupBy::Modality)[0];
                sendJson(res, body);
            }));

    // The worklist as CSV for Excel: UTF-8 with a byte order mark, CRLF lines, Beijing times.
    srv.Get("/api/v1/export/worklist.csv",
            authed([self](const Session& s, const httplib::Request& req, httplib::Response& res) {
                if (s.role != "admin" && s.role != "township")
                    return sendError(res, 403, "exports are for admins and township users");
                auto now = dicom::nowIso8601();
                WorklistFilter f;
                try {
                    f = worklistFilter(s, req, now);
                } catch (const BadParameter& e) {
                    return sendError(res, 400, e.what());
                } catch (const std::domain_error& e) {
                    return sendError(res, 403, e.what());
                }
                if (!req.has_param("sort")) f.sort = "received_at";
                f.limit = 1000;
                std::ostringstream out;
                out << "\xEF\xBB\xBF"
                    << "study_uid,patient_id,patient_name,township,township_name,modality,priority,state,assigned_to,"
                       "received_at,assigned_at,opened_at,signed_at,signed_by,delivered_at,deadline,tat_minutes,"
                       "within_limit,instances,late_instances,critical,return_reason,cancel_reason\r\n";
                WorklistQuery q(self->ctx_.items.database());
                int64_t rows = 0;
                for (f.offset = 0; rows < 200000; f.offset += f.limit) {
                    auto page = q.list(f);
                    for (const auto& r : page.rows) {
                        const auto* t = self->ctx_.config.townshipById(r.township);
                        std::string tat, within;
                        auto received = parseIso8601(r.received_at);
                        auto signed_at = parseIso8601(r.signed_at);
                        if (received && signed_at) {
                            tat = std::to_string((*signed_at - *received).count() / 60);
                            within = r.signed_at <= r.deadline_at ? "yes" : "no";
                        }
                        const std::vector<std::string> cells{
                            r.study_uid, r.patient_id, r.patient_name, r.township, t ? t->name : "", r.modality,
                            toString(r.priority), toString(r.state), r.assigned_to, localTime(r.received_at),
                            localTime(r.assigned_at), localTime(r.opened_at), localTime(r.signed_at), r.signed_by,
                            localTime(r.delivered_at), localTime(r.deadline_at), tat, within,
                            std::to_string(r.instance_count), std::to_string(r.late_instances),
                            r.critical == 1 ? "open" : r.critical == 2 ? "acknowledged" : "", r.return_reason,
                            r.cancel_reason};
                        for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csvField(cells[i]);
                        out << "\r\n";
                        ++rows;
                    }
                    if (static_cast<int>(page.rows.size()) < f.limit) break;
                }
                self->ctx_.audit.record(s.user_id, "worklist_exported", "", std::to_string(rows) + " rows (CSV)");
                res.set_header("Content-Disposition", "attachment; filename=\"countyread-worklist.csv\"");
                res.set_content(out.str(), "text/csv; charset=utf-8");
            }));

    // Prometheus text format. Needs "Authorization: Bearer <[metrics] token>" or an admin's
    // session token. Aggregate counts only: no patient data.
    srv.Get("/metrics", [self](const httplib::Request& req, httplib::Response& res) {
        const auto& token = self->ctx_.config.metrics_token;
        bool ok = !token.empty() && bearerMatches(req, token);
        if (!ok) {
            auto header = req.get_header_value("Authorization");
            if (header.rfind("Bearer ", 0) != 0)
                return sendError(res, 401, "GET /metrics needs a bearer token ([metrics] token or an admin's)");
            auto session = self->ctx_.sessions.authenticate(header.substr(7));
            if (!session) return sendError(res, 401, "invalid or expired token");
            if (session->role != "admin") return sendError(res, 403, "only admins and the metrics token read /metrics");
        }
        WorklistQuery q(self->ctx_.items.database());
        auto now = dicom::nowIso8601();
        std::ostringstream out;
        out << "# HELP countyread_reading_items Reading items by state and priority.\n"
               "# TYPE countyread_reading_items gauge\n";
        std::map<std::pair<std::string, std::string>, int64_t> counts;
        for (const char* st : {"received", "assigned", "in_reading", "signed", "delivered", "returned", "cancelled",
                               "amended"})
            for (const char* p : {"emergency", "urgent", "routine"}) counts[{st, p}] = 0;
        for (const auto& c : q.queueCounts()) counts[{c.state, c.priority}] = c.count;
        for (const auto& [k, v] : counts)
            out << "countyread_reading_items{state=\"" << k.first << "\",priority=\"" << k.second << "\"} " << v << "\n";
        out << "# HELP countyread_reading_items_at_risk Unread items past 80% of their turnaround limit, not yet overdue.\n"
               "# TYPE countyread_reading_items_at_risk gauge\n"
            << "countyread_reading_items_at_risk " << q.countAtRisk(now) << "\n"
            << "# HELP countyread_reading_items_overdue Unread items past their turnaround deadline.\n"
               "# TYPE countyread_reading_items_overdue gauge\n"
            << "countyread_reading_items_overdue " << q.countOverdue(now) << "\n"
            << "# HELP countyread_reading_items_arriving Studies inside their quiet time (not yet reading items).\n"
               "# TYPE countyread_reading_items_arriving gauge\n"
            << "countyread_reading_items_arriving " << q.countIncomplete() << "\n"
            << "# HELP countyread_delivery_queue_pending Report deliveries waiting to reach a township.\n"
               "# TYPE countyread_delivery_queue_pending gauge\n"
            << "countyread_delivery_queue_pending " << q.pendingDeliveries() << "\n"
            << "# HELP countyread_critical_findings_unacknowledged Critical findings the township has not acknowledged.\n"
               "# TYPE countyread_critical_findings_unacknowledged gauge\n"
            << "countyread_critical_findings_unacknowledged " << q.criticalFindings("", "", "", true).size() << "\n";
        res.set_content(out.str(), "text/plain; version=0.0.4; charset=utf-8");
    });
}

}  // namespace countyread::server
