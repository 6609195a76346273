#include "server/ReportService.h"

#include <spdlog/spdlog.h>

#include "dicom/sign/Signature.h"

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
      printer_(config) {}

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
    if (item->state == worklist::ReadingState::Signed ||
        item->state == worklist::ReadingState::Delivered)
        return reject(409, "the study already has a signed report; corrections are addenda");
    if (item->assigned_to != user_id)
        return reject(403, "the study is assigned to " +
                               (item->assigned_to.empty() ? std::string("nobody") : item->assigned_to));

    dicom::InstanceInfo info;
    try {
        info = dicom::readInstanceInfo(part10);
    } catch (const std::exception& e) {
        return reject(400, std::string("not a DICOM object: ") + e.what());
    }
    if (!isSrClass(info.sop_class_uid)) return reject(400, "the report must be a DICOM SR object");
    if (info.study_uid != study_uid) return reject(400, "the report belongs to another study");
    auto study = archive_.index().findStudy(study_uid);
    if (!study || study->info.patient_id != info.patient_id)
        return reject(422, "the report's patient does not match the study's patient");

    auto verified = dicom::verifySignatures(part10, radiologist->certificate_pem);
    if (!verified.ok) return reject(422, "signature rejected: " + verified.reason);

    std::string pdf_sop;
    try {
        auto stored = archive_.ingestBytes(part10, "user:" + user_id);
        auto signed_at = dicom::nowIso8601();
        items_.markSigned(study_uid, user_id, info.sop_instance_uid, signed_at);
        // The printable PDF: the SR is the signed, legal document; a PDF that cannot be made
        // is logged and audited, and does not hold the report back.
        try {
            auto printed = printer_.print(*study, archive_.index().instancesOfStudy(study_uid), item->township,
                                          part10, stored.stored.sha256, radiologist->name, signed_at,
                                          ReportPrinter::keyImages(archive_, study_uid));
            archive_.ingestBytes(printed.part10, "server");
            pdf_sop = printed.sop_instance_uid;
        } catch (const std::exception& e) {
            spdlog::error("PDF for report {} failed: {}", info.sop_instance_uid, e.what());
            audit_.record("server", "report_pdf_failed", study_uid, e.what());
        }
        if (!item->township.empty()) {
            deliveries_.enqueue(study_uid, info.sop_instance_uid, item->township);
            if (!pdf_sop.empty()) deliveries_.enqueue(study_uid, pdf_sop, item->township);
        }
    } catch (const std::exception& e) {
        return reject(500, std::string("could not store the report: ") + e.what());
    }
    audit_.record(user_id, "report_signed", study_uid,
                  "sop " + info.sop_instance_uid + "; signer " + verified.signer_subject +
                      (pdf_sop.empty() ? "" : "; pdf " + pdf_sop));
    spdlog::info("report {} for study {} signed by {} ({})", info.sop_instance_uid, study_uid,
                 user_id, verified.signer_subject);
    if (wake_delivery_) wake_delivery_();
    return {201, {}, info.sop_instance_uid};
}

}  // namespace countyread::server
