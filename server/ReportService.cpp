#include "server/ReportService.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <tuple>

#include "dicom/sign/Signature.h"
#include "dicom/sr/ReportSr.h"

namespace countyread::server {

namespace {
bool isSrClass(const std::string& uid) {
    return uid == "1.2.840.10008.5.1.4.1.1.88.11" ||  // Basic Text SR
           uid == "1.2.840.10008.5.1.4.1.1.88.22" ||  // Enhanced SR
           uid == "1.2.840.10008.5.1.4.1.1.88.33";    // Comprehensive SR
}
}  // namespace

ReportService::ReportService(const ServerConfig& config, dicom::Archive& archive,
                             worklist::WorklistStore& items, worklist::DeliveryQueue& deliveries,
                             worklist::AuditLog& audit, std::function<void()> wake_delivery)
    : config_(config),
      archive_(archive),
      items_(items),
      deliveries_(deliveries),
      audit_(audit),
      wake_delivery_(std::move(wake_delivery)),
      printer_(config),
      registry_(deliveries.database()) {}

ReportOutcome ReportService::submit(const std::string& user_id, const std::string& study_uid,
                                    const dicom::Bytes& part10) {
    auto reject = [&](int status, const std::string& why) {
        audit_.record(user_id, "report_rejected", study_uid, why);
        spdlog::warn("report for {} from {} rejected: {}", study_uid, user_id, why);
        return ReportOutcome{status, why, {}};
    };
    const RadiologistConfig* radiologist = config_.radiologist(user_id);
    if (!radiologist) return reject(403, "only radiologists sign reports");
    if (radiologist->certificate_pem.empty())
        return reject(403, "no signing certificate is registered for " + user_id);
    auto item = items_.find(study_uid);
    if (!item) return reject(404, "no reading item for study " + study_uid);

    dicom::InstanceInfo info;
    dicom::ParsedReport parsed;
    try {
        info = dicom::readInstanceInfo(part10);
        if (isSrClass(info.sop_class_uid)) parsed = dicom::parseReportSr(part10);
    } catch (const std::exception& e) {
        return reject(400, std::string("not a DICOM object: ") + e.what());
    }
    if (!isSrClass(info.sop_class_uid)) return reject(400, "the report must be a DICOM SR object");
    if (info.study_uid != study_uid) return reject(400, "the report belongs to another study");
    auto study = archive_.index().findStudy(study_uid);
    if (!study || study->info.patient_id != info.patient_id)
        return reject(422, "the report's patient does not match the study's patient");
    if (archive_.index().findInstance(info.sop_instance_uid))
        return reject(409, "an object with SOP instance UID " + info.sop_instance_uid + " exists already");

    // Which step of the report's life this is.
    const bool has_report = item->state == worklist::ReadingState::Signed ||
                            item->state == worklist::ReadingState::Delivered ||
                            item->state == worklist::ReadingState::Amended;
    auto pending = registry_.pendingPreliminary(study_uid);
    std::string kind;
    if (!parsed.predecessor_sop_uid.empty() && has_report) {
        if (parsed.predecessor_sop_uid != item->report_sop_uid)
            return reject(409, "an addendum must correct the current report " + item->report_sop_uid);
        if (parsed.addendum.empty()) return reject(422, "an addendum needs the text of its correction");
        auto current = registry_.find(item->report_sop_uid);
        bool signer_of_current = current && (current->author == user_id || current->verifier == user_id);
        if (!signer_of_current && !radiologist->verifies)
            return reject(403, "only the report's signers or a verifying radiologist add addenda");
        kind = "addendum";
    } else if (has_report) {
        return reject(409, "the study already has a signed report; corrections are addenda");
    } else if (item->assigned_to != user_id) {
        return reject(403, "the study is assigned to " +
                               (item->assigned_to.empty() ? std::string("nobody") : item->assigned_to));
    } else if (pending && parsed.predecessor_sop_uid == pending->sop_instance_uid) {
        if (!radiologist->verifies) return reject(403, user_id + " may not verify reports");
        if (parsed.verification_flag != "VERIFIED" || parsed.verifier_name != radiologist->name)
            return reject(422, "the verified report must name " + radiologist->name + " as verifying observer");
        kind = "final";
    } else if (!parsed.predecessor_sop_uid.empty()) {
        return reject(409, "the report names a predecessor that is not awaiting verification here");
    } else if (radiologist->requires_verification) {
        if (parsed.verification_flag != "UNVERIFIED")
            return reject(422, "reports by " + user_id + " need a senior's verification: sign it as preliminary");
        kind = "preliminary";
    } else {
        if (parsed.verification_flag != "VERIFIED") return reject(422, "the report is not verified");
        kind = "final";
    }

    auto verified = dicom::verifySignatures(part10, radiologist->certificate_pem);
    if (!verified.ok) return reject(422, "signature rejected: " + verified.reason);

    auto now = dicom::nowIso8601();
    worklist::ReportRecord record{info.sop_instance_uid, study_uid, kind, user_id, user_id,
                                  parsed.predecessor_sop_uid, "", now};
    if (kind == "final" && pending) record.author = pending->author;
    std::string pdf_sop, next_reader;
    try {
        auto stored = archive_.ingestBytes(part10, "user:" + user_id);
        registry_.add(record);
        if (kind == "preliminary") {
            next_reader = chooseVerifier(*item, user_id);
            if (!next_reader.empty()) items_.assign(study_uid, next_reader, user_id, now);
        } else {
            if (kind == "addendum") items_.markAmended(study_uid, user_id, info.sop_instance_uid, now);
            else items_.markSigned(study_uid, user_id, info.sop_instance_uid, now);
            // The printable PDF: the SR is the signed, legal document; a PDF that cannot be
            // made is logged and audited, and does not hold the report back.
            try {
                auto printed = printer_.print(*study, archive_.index().instancesOfStudy(study_uid), item->township,
                                              part10, stored.stored.sha256, signersOf(record),
                                              ReportPrinter::keyImages(archive_, study_uid));
                archive_.ingestBytes(printed.part10, "server");
                pdf_sop = printed.sop_instance_uid;
                registry_.setPdf(info.sop_instance_uid, pdf_sop);
            } catch (const std::exception& e) {
                spdlog::error("PDF for report {} failed: {}", info.sop_instance_uid, e.what());
                audit_.record("server", "report_pdf_failed", study_uid, e.what());
            }
            if (!item->township.empty()) {
                deliveries_.enqueue(study_uid, info.sop_instance_uid, item->township);
                if (!pdf_sop.empty()) deliveries_.enqueue(study_uid, pdf_sop, item->township);
            }
        }
    } catch (const worklist::WorkflowError& e) {
        return reject(409, e.what());
    } catch (const std::exception& e) {
        return reject(500, std::string("could not store the report: ") + e.what());
    }
    const std::string action = kind == "preliminary" ? "report_preliminary"
                               : kind == "addendum"  ? "report_addendum"
                               : pending             ? "report_verified"
                                                     : "report_signed";
    audit_.record(user_id, action, study_uid,
                  "sop " + info.sop_instance_uid + "; signer " + verified.signer_subject +
                      (pdf_sop.empty() ? "" : "; pdf " + pdf_sop) +
                      (next_reader.empty() ? "" : "; to verify: " + next_reader));
    spdlog::info("report {} ({}) for study {} signed by {} ({})", info.sop_instance_uid, kind, study_uid, user_id,
                 verified.signer_subject);
    if (kind != "preliminary" && wake_delivery_) wake_delivery_();
    ReportOutcome out{201, {}, info.sop_instance_uid};
    out.kind = kind;
    out.state = kind == "preliminary" ? (next_reader.empty() ? "awaiting_verification" : "assigned")
                : kind == "addendum"  ? "amended"
                                      : "signed";
    out.verifier = next_reader;
    return out;
}

std::string ReportService::chooseVerifier(const worklist::ReadingItem& item, const std::string& author) {
    // A verifying radiologist who reads the modality, preferring the township's contracted team,
    // then the lowest open load.
    auto load = items_.openLoad();
    const RadiologistConfig* best = nullptr;
    auto rank = [&](const RadiologistConfig& r) {
        bool contracted = std::find(r.townships.begin(), r.townships.end(), item.township) != r.townships.end();
        return std::make_tuple(contracted ? 0 : 1, load[r.id], r.id);
    };
    for (const auto& r : config_.radiologists) {
        if (!r.verifies || r.id == author) continue;
        if (std::find(r.modalities.begin(), r.modalities.end(), item.modality) == r.modalities.end()) continue;
        if (!best || rank(r) < rank(*best)) best = &r;
    }
    return best ? best->id : "";
}

std::vector<report::PdfSigner> ReportService::signersOf(const worklist::ReportRecord& record) {
    auto name = [&](const std::string& id) {
        const auto* r = config_.radiologist(id);
        return r ? r->name : id;
    };
    std::vector<report::PdfSigner> out;
    if (record.kind == "final" && record.author != record.verifier) {
        std::string at = record.signed_at;
        if (auto pre = registry_.find(record.predecessor_sop_uid)) at = pre->signed_at;
        out.push_back({"报告医生", name(record.author), shanghaiTime(at)});
        out.push_back({"审核医生", name(record.verifier), shanghaiTime(record.signed_at)});
    } else {
        out.push_back({record.kind == "addendum" ? "更正医生" : "报告医生", name(record.author),
                       shanghaiTime(record.signed_at)});
    }
    return out;
}

std::vector<worklist::ReportRecord> ReportService::history(const std::string& study_uid) {
    return registry_.forStudy(study_uid);
}

std::optional<worklist::ReportRecord> ReportService::pendingPreliminary(const std::string& study_uid) {
    return registry_.pendingPreliminary(study_uid);
}

}  // namespace countyread::server
