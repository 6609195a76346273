#include "server/HttpApi.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <functional>

#include "dicom/model/DicomFile.h"
#include "dicom/sr/EncapsulatedPdf.h"
#include "dicom/sr/KeyObjectSelection.h"
#include "server/AccessPolicy.h"
#include "server/HttpSupport.h"
#include "server/ReportPrinter.h"
#include "server/StudyJson.h"

namespace countyread::server {

using nlohmann::json;


HttpApi::HttpApi(ApiContext ctx)
    : ctx_(ctx),
      access_(ctx_.archive, ctx_.items),
      worklist_api_(ctx_, access_),
      templates_(ReportTemplates::load(ctx_.config.report_templates)),
      http_(std::make_unique<httplib::Server>()) {
    routes();
}

HttpApi::~HttpApi() { stop(); }

void HttpApi::start(const std::string& host, int port) {
    if (!http_->bind_to_port(host.c_str(), port))
        throw std::runtime_error("HTTP API cannot listen on " + host + ":" + std::to_string(port));
    thread_ = std::thread([this] { http_->listen_after_bind(); });
    for (int i = 0; i < 500 && !http_->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

void HttpApi::stop() {
    if (http_) http_->stop();
    if (thread_.joinable()) thread_.join();
}

void HttpApi::routes() {
    auto& srv = *http_;
    srv.set_payload_max_length(64 * 1024 * 1024);
    srv.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        spdlog::debug("HTTP {} {} -> {}", req.method, req.path, res.status);
    });
    srv.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        }
        spdlog::error("HTTP handler failed: {}", what);
        sendError(res, 500, what);
    });

    auto authed = [this](AuthedHandler handler) { return server::authed(ctx_.sessions, std::move(handler)); };
    StudyAccess& access = access_;

    srv.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        sendJson(res, {{"status", "ok"}});
    });

    srv.Post("/api/v1/login", [this](const httplib::Request& req, httplib::Response& res) {
        json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.contains("user") || !body.contains("password") ||
            !body["user"].is_string() || !body["password"].is_string())
            return sendError(res, 400, "expected {\"user\": \"…\", \"password\": \"…\"}");
        auto user = body["user"].get<std::string>();
        auto token = ctx_.sessions.login(user, body["password"].get<std::string>());
        if (!token) {
            ctx_.audit.record(user, "login_failed", "", req.remote_addr);
            return sendError(res, 401, "unknown user or wrong password");
        }
        ctx_.audit.record(user, "login", "", req.remote_addr);
        sendJson(res, {{"token", *token}, {"user", userJson(ctx_.config, user)}});
    });

    srv.Get("/api/v1/me", authed([this](const Session& s, const httplib::Request&, httplib::Response& res) {
        sendJson(res, userJson(ctx_.config, s.user_id));
    }));

    srv.Get("/api/v1/me/certificate",
            authed([this](const Session& s, const httplib::Request&, httplib::Response& res) {
                const auto* r = ctx_.config.radiologist(s.user_id);
                if (!r || r->certificate_pem.empty())
                    return sendError(res, 404, "no certificate is registered for " + s.user_id);
                res.set_content(r->certificate_pem, "application/x-pem-file");
            }));

    auto visibleStudy = [&access](const Session& s, const std::string& uid, httplib::Response& res) {
        return access.visible(s, uid, res);
    };

    // Earlier studies of the same patient (same township, same Patient ID and name), newest first.
    srv.Get(R"(/api/v1/studies/([0-9.]+)/priors)",
            authed([this, visibleStudy](const Session& s, const httplib::Request& req, httplib::Response& res) {
                auto uid = req.matches[1].str();
                auto study = visibleStudy(s, uid, res);
                if (!study) return;
                json out = json::array();
                for (const auto& p : access_.priorsOf(*study)) {
                    auto item = ctx_.items.find(p.info.study_uid);
                    out.push_back(studyJson(ctx_.config, p, item ? &*item : nullptr));
                }
                sendJson(res, out);
            }));

    srv.Get(R"(/api/v1/studies/([0-9.]+)/instances)",
            authed([this, visibleStudy](const Session& s, const httplib::Request& req, httplib::Response& res) {
                auto uid = req.matches[1].str();
                if (!visibleStudy(s, uid, res)) return;
                json out = json::array();
                for (const auto& i : ctx_.archive.index().instancesOfStudy(uid)) out.push_back(instanceJson(i));
                sendJson(res, out);
            }));

    // The reading worklist: lists, claims, states, priorities, metrics (server/WorklistApi.cpp).
    worklist_api_.routes(srv);

    // Objects the workstation adds to a study (annotations as a presentation state, key images
    // as a Key Object Selection): Part 10 bytes, stored as instances of the study, audited.
    auto studyObjectRoute = [this, visibleStudy](std::string what, std::function<bool(const std::string&)> accepts,
                                                  std::string audit_action) {
        return [this, visibleStudy, what, accepts, audit_action](const Session& s, const httplib::Request& req,
                                                                  httplib::Response& res) {
            auto uid = req.matches[1].str();
            if (s.role != "radiologist" && s.role != "admin")
                return sendError(res, 403, "only radiologists and admins add " + what + "s");
            if (!visibleStudy(s, uid, res)) return;
            if (req.get_header_value("Content-Type") != "application/dicom")
                return sendError(res, 415, "send the " + what + " as application/dicom");
            dicom::Bytes body(req.body.begin(), req.body.end());
            dicom::InstanceInfo info;
            try {
                info = dicom::readInstanceInfo(body);
            } catch (const std::exception& e) {
                return sendError(res, 400, std::string("not a DICOM object: ") + e.what());
            }
            if (!accepts(info.sop_class_uid))
                return sendError(res, 400, "not a " + what + " (SOP class " + info.sop_class_uid + ")");
            if (info.study_uid != uid) return sendError(res, 409, "the " + what + " belongs to study " + info.study_uid);
            auto study = ctx_.archive.index().findStudy(uid);
            if (study && study->info.patient_id != info.patient_id)
                return sendError(res, 409, "the " + what + "'s patient does not match the study's");
            auto existing = ctx_.archive.index().findInstance(info.sop_instance_uid);
            if (existing && !accepts(existing->info.sop_class_uid))
                return sendError(res, 409, "SOP instance UID " + info.sop_instance_uid + " is taken by another object");
            try {
                ctx_.archive.ingestBytes(body, "user:" + s.user_id);
            } catch (const std::exception& e) {
                return sendError(res, 400, "could not store the " + what + ": " + e.what());
            }
            ctx_.audit.record(s.user_id, audit_action, uid, "sop " + info.sop_instance_uid);
            sendJson(res, {{"sop_instance_uid", info.sop_instance_uid}}, 201);
        };
    };
    srv.Post(R"(/api/v1/studies/([0-9.]+)/presentation-states)",
             authed(studyObjectRoute(
                 "presentation state",
                 [](const std::string& c) { return c.rfind("1.2.840.10008.5.1.4.1.1.11.", 0) == 0; },
                 "presentation_state_saved")));
    srv.Post(R"(/api/v1/studies/([0-9.]+)/key-images)",
             authed(studyObjectRoute(
                 "key object selection",
                 [](const std::string& c) { return c == dicom::kKeyObjectSelectionSopClass; }, "key_images_saved")));

    srv.Get(R"(/api/v1/studies/([0-9.]+)/deliveries)",
            authed([this, visibleStudy](const Session& s, const httplib::Request& req, httplib::Response& res) {
                auto uid = req.matches[1].str();
                if (!visibleStudy(s, uid, res)) return;
                json out = json::array();
                for (const auto& d : ctx_.deliveries.forStudy(uid)) out.push_back(deliveryJson(d));
                sendJson(res, out);
            }));

    srv.Get(R"(/api/v1/instances/([0-9.]+))",
            authed([this](const Session& s, const httplib::Request& req, httplib::Response& res) {
                auto sop = req.matches[1].str();
                auto found = ctx_.archive.index().findInstance(sop);
                if (!found) return sendError(res, 404, "no instance " + sop);
                auto study = ctx_.archive.index().findStudy(found->info.study_uid);
                if (!study || !access_.mayRead(s, *study)) return sendError(res, 403, "you may not access this instance");
                auto bytes = ctx_.archive.blobs().read(found->blob_key);
                res.set_content(reinterpret_cast<const char*>(bytes.data()), bytes.size(),
                                "application/dicom");
            }));

    srv.Post(R"(/api/v1/reports/([0-9.]+))",
             authed([this](const Session& s, const httplib::Request& req, httplib::Response& res) {
                 auto uid = req.matches[1].str();
                 if (s.role != "radiologist") return sendError(res, 403, "only radiologists sign reports");
                 if (req.get_header_value("Content-Type") != "application/dicom")
                     return sendError(res, 415, "send the signed SR as application/dicom");
                 dicom::Bytes body(req.body.begin(), req.body.end());
                 auto outcome = ctx_.reports.submit(s.user_id, uid, body);
                 if (outcome.http_status != 201) return sendError(res, outcome.http_status, outcome.error);
                 sendJson(res, {{"sop_instance_uid", outcome.sop_instance_uid}, {"kind", outcome.kind},
                                {"state", outcome.state}, {"verifier", outcome.verifier}}, 201);
             }));

    // Every signed report object of the study, oldest first: preliminary, final, addenda.
    srv.Get(R"(/api/v1/reports/([0-9.]+)/history)",
            authed([this, visibleStudy](const Session& s, const httplib::Request& req, httplib::Response& res) {
                auto uid = req.matches[1].str();
                if (!visibleStudy(s, uid, res)) return;
                json out = json::array();
                for (const auto& r : ctx_.reports.history(uid)) {
                    if (s.role == "township" && r.kind == "preliminary") continue;  // not a report yet
                    out.push_back({{"sop_instance_uid", r.sop_instance_uid}, {"kind", r.kind},
                                   {"author", r.author}, {"verifier", r.verifier},
                                   {"predecessor_sop_instance_uid", r.predecessor_sop_uid},
                                   {"pdf_sop_instance_uid", r.pdf_sop_uid}, {"signed_at", r.signed_at}});
                }
                sendJson(res, out);
            }));

    // The preliminary report awaiting verification (for the verifying radiologist's editor).
    srv.Get(R"(/api/v1/reports/([0-9.]+)/preliminary)",
            authed([this, visibleStudy](const Session& s, const httplib::Request& req, httplib::Response& res) {
                auto uid = req.matches[1].str();
                if (s.role == "township") return sendError(res, 403, "a preliminary report is not released");
                if (!visibleStudy(s, uid, res)) return;
                auto pending = ctx_.reports.pendingPreliminary(uid);
                if (!pending) return sendError(res, 404, "study " + uid + " has no report awaiting verification");
                auto bytes = ctx_.archive.readInstance(pending->sop_instance_uid);
                ctx_.audit.record(s.user_id, "preliminary_downloaded", uid);
                res.set_content(reinterpret_cast<const char*>(bytes.data()), bytes.size(), "application/dicom");
            }));

    srv.Get(R"(/api/v1/reports/([0-9.]+))",
            authed([this, visibleStudy](const Session& s, const httplib::Request& req, httplib::Response& res) {
                auto uid = req.matches[1].str();
                if (!visibleStudy(s, uid, res)) return;
                auto item = ctx_.items.find(uid);
                if (!item || item->report_sop_uid.empty())
                    return sendError(res, 404, "study " + uid + " has no signed report yet");
                auto bytes = ctx_.archive.readInstance(item->report_sop_uid);
                ctx_.audit.record(s.user_id, "report_downloaded", uid);
                res.set_content(reinterpret_cast<const char*>(bytes.data()), bytes.size(),
                                "application/dicom");
            }));

    // The printable report (the PDF inside the study's newest Encapsulated PDF instance).
    srv.Get(R"(/api/v1/reports/([0-9.]+)/pdf)",
            authed([this, visibleStudy](const Session& s, const httplib::Request& req, httplib::Response& res) {
                auto uid = req.matches[1].str();
                if (!visibleStudy(s, uid, res)) return;
                std::optional<dicom::StoredInstance> newest;
                for (auto& i : ctx_.archive.index().instancesOfStudy(uid))
                    if (i.info.sop_class_uid == dicom::kEncapsulatedPdfSopClass &&
                        (!newest || i.received_at > newest->received_at))
                        newest = i;
                if (!newest) return sendError(res, 404, "study " + uid + " has no printed report yet");
                auto pdf = dicom::extractEncapsulatedPdf(ctx_.archive.blobs().read(newest->blob_key));
                ctx_.audit.record(s.user_id, "report_pdf_downloaded", uid, "sop " + newest->info.sop_instance_uid);
                res.set_header("Content-Disposition", "inline; filename=\"report-" + uid + ".pdf\"");
                res.set_content(reinterpret_cast<const char*>(pdf.data()), pdf.size(), "application/pdf");
            }));

    // Authenticity check behind the printed report's QR code. Public (whoever holds the paper
    // may check it) and so it shows no more than the paper: the patient's name is masked.
    srv.Get(R"(/api/v1/verify/([0-9.]+))", [this](const httplib::Request& req, httplib::Response& res) {
        auto sop = req.matches[1].str();
        auto given = req.get_param_value("h");
        auto found = ctx_.archive.index().findInstance(sop);
        std::optional<worklist::ReadingItem> item;
        if (found) item = ctx_.items.find(found->info.study_uid);
        ctx_.audit.record("public", "report_verify", sop, req.remote_addr);
        if (!found || !item || item->report_sop_uid != sop || given.size() < 16 ||
            ReportPrinter::fingerprint(found->sha256) != given)
            return sendJson(res, {{"valid", false},
                                  {"message", "未找到与此二维码相符的已签名报告 (no signed report matches this code)"}},
                            404);
        std::string masked;
        const auto& name = found->info.patient_name;
        if (!name.empty()) {
            size_t first = 1;  // one UTF-8 character
            while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) ++first;
            masked = name.substr(0, first) + "**";
        }
        const auto* township = ctx_.config.townshipById(item->township);
        const auto* signer = ctx_.config.radiologist(item->signed_by);
        sendJson(res, {{"valid", true},
                       {"message", "报告真实有效 (authentic signed report)"},
                       {"hospital", ctx_.config.hospital},
                       {"township", township ? township->name : item->township},
                       {"patient", masked},
                       {"study_date", found->info.study_date},
                       {"signed_by", signer ? signer->name : item->signed_by},
                       {"signed_at", item->signed_at},
                       {"state", worklist::toString(item->state)}});
    });

    // Report templates for the workstation's editor: ?study=UID (its modality and body part) or
    // ?modality=CT&body_part=HEAD; without either, every template.
    srv.Get("/api/v1/report-templates",
            authed([this](const Session& s, const httplib::Request& req, httplib::Response& res) {
                if (s.role != "radiologist" && s.role != "admin")
                    return sendError(res, 403, "report templates are for radiologists");
                std::string modality = req.get_param_value("modality"), body_part = req.get_param_value("body_part");
                if (req.has_param("study")) {
                    auto study = access_.visible(s, req.get_param_value("study"), res);
                    if (!study) return;
                    modality = study->modality;
                    for (const auto& i : ctx_.archive.index().instancesOfStudy(study->info.study_uid))
                        if (!i.info.body_part.empty()) {
                            body_part = i.info.body_part;
                            break;
                        }
                }
                json out = json::array();
                auto list = modality.empty() ? templates_.all() : templates_.forStudy(modality, body_part);
                for (const auto& t : list)
                    out.push_back({{"id", t.id}, {"name", t.name}, {"modalities", t.modalities},
                                   {"body_parts", t.body_parts}, {"findings", t.findings},
                                   {"impression", t.impression}, {"recommendations", t.recommendations},
                                   {"phrases", t.phrases}});
                sendJson(res, out);
            }));

    srv.Get("/api/v1/audit", authed([this](const Session& s, const httplib::Request& req, httplib::Response& res) {
        if (s.role != "admin") return sendError(res, 403, "only admins read the audit trail");
        json out = json::array();
        for (const auto& e : ctx_.audit.entries(req.get_param_value("target")))
            out.push_back({{"id", e.id}, {"at", e.at}, {"actor", e.actor}, {"action", e.action},
                           {"target", e.target}, {"detail", e.detail}});
        sendJson(res, out);
    }));
}

}  // namespace countyread::server
