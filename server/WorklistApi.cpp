#include "server/WorklistApi.h"

#include "server/AccessPolicy.h"
#include "server/Dashboard.h"
#include "server/HttpApi.h"
#include "server/MetricsApi.h"
#include "server/StudyJson.h"
#include "server/WorkflowService.h"
#include "server/WorklistParams.h"
#include "worklist/WorklistQuery.h"

namespace countyread::server {

using nlohmann::json;

namespace {
json bodyOf(const httplib::Request& req) {
    if (req.body.empty()) return json::object();
    auto j = json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw BadParameter("the body must be a JSON object");
    return j;
}

std::string stringField(const json& body, const char* key) {
    if (!body.contains(key)) return {};
    if (!body[key].is_string()) throw BadParameter(std::string("'") + key + "' must be a string");
    return body[key].get<std::string>();
}
}  // namespace

WorkflowService* WorklistApi::workflow() const { return ctx_.workflow; }

void WorklistApi::routes(httplib::Server& srv) {
    auto authed = [this](AuthedHandler handler) { return server::authed(ctx_.sessions, std::move(handler)); };

    // The studies the caller may see (the skeleton's contract, plus the worklist's fields).
    srv.Get("/api/v1/studies", authed([this](const Session& s, const httplib::Request&, httplib::Response& res) {
        json out = json::array();
        auto now = dicom::nowIso8601();
        for (const auto& study : ctx_.archive.index().studies()) {
            auto row = ctx_.items.row(study.info.study_uid);
            if (!maySee(s, row ? &*row : nullptr)) continue;
            if (row && !row->complete && s.role == "radiologist") continue;  // still arriving
            out.push_back(studyRowJson(ctx_.config, study, row ? &*row : nullptr, now));
        }
        sendJson(res, out);
    }));

    // The worklist, filtered, sorted and paged in SQL.
    srv.Get("/api/v1/worklist", authed([this](const Session& s, const httplib::Request& req, httplib::Response& res) {
        auto now = dicom::nowIso8601();
        worklist::WorklistFilter filter;
        try {
            filter = worklistFilter(s, req, now);
        } catch (const BadParameter& e) {
            return sendError(res, 400, e.what());
        } catch (const std::domain_error& e) {
            return sendError(res, 403, e.what());
        }
        worklist::WorklistPage page;
        try {
            page = worklist::WorklistQuery(ctx_.items.database()).list(filter);
        } catch (const std::invalid_argument& e) {
            return sendError(res, 400, e.what());
        }
        json items = json::array();
        for (const auto& r : page.rows) items.push_back(worklistRowJson(ctx_.config, r, now));
        sendJson(res, {{"total", page.total}, {"limit", filter.limit}, {"offset", filter.offset}, {"items", items}});
    }));

    // One item with its history: transitions (who, when, why) and critical findings.
    srv.Get(R"(/api/v1/worklist/([0-9.]+))",
            authed([this](const Session& s, const httplib::Request& req, httplib::Response& res) {
                auto uid = req.matches[1].str();
                if (!access_.visible(s, uid, res)) return;
                auto row = ctx_.items.row(uid);
                if (!row) return sendError(res, 404, "no reading item for study " + uid);
                auto j = worklistRowJson(ctx_.config, *row, dicom::nowIso8601());
                json transitions = json::array();
                for (const auto& t : ctx_.items.transitions(uid))
                    transitions.push_back({{"from", t.from}, {"to", t.to}, {"actor", t.actor}, {"at", t.at},
                                           {"detail", t.detail}});
                j["transitions"] = transitions;
                json critical = json::array();
                for (const auto& f : ctx_.items.criticalFindings(uid)) critical.push_back(criticalJson(ctx_.config, f));
                j["critical_findings"] = critical;
                sendJson(res, j);
            }));

    // Every action: the study must be visible to the caller (404 / 403 with a message), then
    // the workflow decides (ActionError -> its status).
    using Action = std::function<json(WorkflowService&, const Session&, const std::string&, const json&)>;
    // claim_like: open and claim, where a colleague holding the study is a 409 (who), not a 403.
    auto action = [this, authed](Action fn, bool claim_like = false) {
        return authed([this, fn, claim_like](const Session& s, const httplib::Request& req, httplib::Response& res) {
            auto uid = req.matches[1].str();
            auto* wf = workflow();
            if (!wf) return sendError(res, 503, "the reading workflow is not running");
            if (claim_like && s.role == "radiologist") {
                // A colleague got there first (claimed, opened): say who, not "forbidden".
                auto row = ctx_.items.row(uid);
                if (row && row->complete && worklist::isUnread(row->state) && !row->assigned_to.empty() &&
                    row->assigned_to != s.user_id) {
                    const auto* r = ctx_.config.radiologist(row->assigned_to);
                    bool locked = !row->locked_by.empty() && row->lock_expires_at > dicom::nowIso8601();
                    return sendJson(res,
                                    {{"error", "study " + uid + " is " + (locked ? "open by " : "assigned to ") +
                                                   (r ? r->name + " (" + row->assigned_to + ")" : row->assigned_to) +
                                                   (locked ? " until " + row->lock_expires_at : "")},
                                     {"assigned_to", row->assigned_to},
                                     {"locked_by", locked ? row->locked_by : ""},
                                     {"lock_expires_at", locked ? row->lock_expires_at : ""}},
                                    409);
                }
            }
            if (!access_.visible(s, uid, res)) return;
            try {
                auto body = bodyOf(req);
                auto out = fn(*wf, s, uid, body);
                if (auto row = ctx_.items.row(uid)) out["item"] = worklistRowJson(ctx_.config, *row, dicom::nowIso8601());
                sendJson(res, out);
            } catch (const BadParameter& e) {
                sendError(res, 400, e.what());
            } catch (const ActionError& e) {
                json err{{"error", e.what()}};
                if (e.status == 409)
                    if (auto row = ctx_.items.row(uid); row && !row->locked_by.empty()) {
                        err["locked_by"] = row->locked_by;
                        err["lock_expires_at"] = row->lock_expires_at;
                        err["assigned_to"] = row->assigned_to;
                    }
                sendJson(res, err, e.status);
            }
        });
    };

    auto open = action([](WorkflowService& wf, const Session& s, const std::string& uid, const json&) {
        auto o = wf.open(s, uid);
        json j{{"state", o.state}};
        if (o.locked) j["lock_expires_at"] = o.lock_expires_at;
        return j;
    }, true);
    srv.Post(R"(/api/v1/studies/([0-9.]+)/open)", open);
    srv.Post(R"(/api/v1/worklist/([0-9.]+)/open)", open);
    srv.Post(R"(/api/v1/worklist/([0-9.]+)/claim)",
             action([](WorkflowService& wf, const Session& s, const std::string& uid, const json&) {
                 wf.claim(s, uid);
                 return json{{"claimed", true}};
             }, true));
    srv.Post(R"(/api/v1/worklist/([0-9.]+)/release)",
             action([](WorkflowService& wf, const Session& s, const std::string& uid, const json&) {
                 wf.release(s, uid);
                 return json{{"released", true}};
             }));
    srv.Post(R"(/api/v1/worklist/([0-9.]+)/reassign)",
             action([](WorkflowService& wf, const Session& s, const std::string& uid, const json& body) {
                 auto to = stringField(body, "to");
                 if (to.empty()) throw BadParameter("expected {\"to\": \"radiologist id\"}");
                 wf.reassign(s, uid, to);
                 return json{{"assigned_to", to}};
             }));
    srv.Post(R"(/api/v1/worklist/([0-9.]+)/return)",
             action([](WorkflowService& wf, const Session& s, const std::string& uid, const json& body) {
                 wf.returnForRescan(s, uid, stringField(body, "reason"));
                 return json{{"state", "returned"}};
             }));
    srv.Post(R"(/api/v1/worklist/([0-9.]+)/cancel)",
             action([](WorkflowService& wf, const Session& s, const std::string& uid, const json& body) {
                 wf.cancel(s, uid, stringField(body, "reason"));
                 return json{{"state", "cancelled"}};
             }));
    srv.Post(R"(/api/v1/worklist/([0-9.]+)/priority)",
             action([](WorkflowService& wf, const Session& s, const std::string& uid, const json& body) {
                 auto p = stringField(body, "priority");
                 wf.setPriority(s, uid, p);
                 return json{{"priority", p}};
             }));
    srv.Post(R"(/api/v1/worklist/([0-9.]+)/critical)",
             action([](WorkflowService& wf, const Session& s, const std::string& uid, const json& body) {
                 auto id = wf.flagCritical(s, uid, stringField(body, "finding"));
                 return json{{"critical_id", id}};
             }));
    srv.Post(R"(/api/v1/worklist/([0-9.]+)/critical/ack)",
             action([](WorkflowService& wf, const Session& s, const std::string& uid, const json&) {
                 json acked = json::array();
                 for (const auto& f : wf.acknowledgeCritical(s, uid)) acked.push_back(criticalJson(wf.config(), f));
                 return json{{"acknowledged", acked}};
             }));

    // Critical findings the caller may see: townships their own (the alert), radiologists the
    // ones they flagged, admins all. ?open=1: unacknowledged only.
    srv.Get("/api/v1/critical", authed([this](const Session& s, const httplib::Request& req, httplib::Response& res) {
        std::string from, to;
        try {
            from = timeParam(req.get_param_value("from"), false);
            to = timeParam(req.get_param_value("to"), true);
        } catch (const BadParameter& e) {
            return sendError(res, 400, e.what());
        }
        bool only_open = req.get_param_value("open") == "1" || req.get_param_value("open") == "true";
        auto rows = worklist::WorklistQuery(ctx_.items.database())
                        .criticalFindings(from, to, s.role == "township" ? s.township : "", only_open);
        json out = json::array();
        for (const auto& f : rows) {
            if (s.role == "radiologist" && f.flagged_by != s.user_id) continue;
            out.push_back(criticalJson(ctx_.config, f));
        }
        sendJson(res, out);
    }));

    MetricsApi(ctx_, [this] { return workflow(); }).routes(srv);
    Dashboard::routes(srv);
}

}  // namespace countyread::server
