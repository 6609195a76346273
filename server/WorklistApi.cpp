#include "server/WorklistApi.h"

#include "server/AccessPolicy.h"
#include "server/HttpApi.h"
#include "server/StudyJson.h"

namespace countyread::server {

using nlohmann::json;

void WorklistApi::routes(httplib::Server& srv) {
    auto authed = [this](AuthedHandler handler) { return server::authed(ctx_.sessions, std::move(handler)); };

    srv.Get("/api/v1/studies", authed([this](const Session& s, const httplib::Request&, httplib::Response& res) {
        json out = json::array();
        for (const auto& study : ctx_.archive.index().studies()) {
            auto item = ctx_.items.find(study.info.study_uid);
            if (!maySee(s, item ? &*item : nullptr)) continue;
            out.push_back(studyJson(ctx_.config, study, item ? &*item : nullptr));
        }
        sendJson(res, out);
    }));

    srv.Post(R"(/api/v1/studies/([0-9.]+)/open)",
             authed([this](const Session& s, const httplib::Request& req, httplib::Response& res) {
                 auto uid = req.matches[1].str();
                 if (!access_.visible(s, uid, res)) return;
                 auto item = ctx_.items.find(uid);
                 if (s.role != "radiologist" || !item || item->assigned_to != s.user_id) {
                     ctx_.audit.record(s.user_id, "study_viewed", uid);
                     return sendJson(res, {{"state", item ? worklist::toString(item->state) : "received"}});
                 }
                 try {
                     ctx_.items.markOpened(uid, s.user_id, dicom::nowIso8601());
                 } catch (const worklist::WorkflowError& e) {
                     return sendError(res, 409, e.what());
                 }
                 ctx_.audit.record(s.user_id, "study_opened", uid);
                 sendJson(res, {{"state", "in_reading"}});
             }));
}

}  // namespace countyread::server
