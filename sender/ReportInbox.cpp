#include "sender/ReportInbox.h"

#include <spdlog/spdlog.h>

#include "dicom/sr/EncapsulatedPdf.h"
#include "dicom/sr/ReportSr.h"
#include "sender/Clock.h"
#include "sender/Outbox.h"

namespace countyread::sender {

namespace fs = std::filesystem;

ReportInbox::ReportInbox(Outbox& outbox, Listener listener)
    : outbox_(outbox), listener_(std::move(listener)) {}

std::string ReportInbox::displayText(const std::string& findings, const std::string& impression) {
    std::string text;
    if (!findings.empty()) text += "检查所见：" + findings;
    if (!impression.empty()) {
        if (!text.empty()) text += "\n\n";
        text += "诊断意见：" + impression;
    }
    return text;
}

std::optional<std::string> ReportInbox::accept(const dicom::Bytes& sr,
                                               const std::string& study_uid) {
    dicom::ParsedReport parsed;
    try {
        parsed = dicom::parseReportSr(sr);
    } catch (const std::exception& e) {
        spdlog::warn("report for study {} is not readable: {}", study_uid, e.what());
        return std::nullopt;
    }
    const std::string uid = study_uid.empty() ? parsed.study_uid : study_uid;
    if (uid.empty()) return std::nullopt;
    auto existing = outbox_.study(uid);
    if (!existing) {
        spdlog::warn("report {} for study {} which this gateway never sent; ignored",
                     parsed.sop_instance_uid, uid);
        return std::nullopt;
    }
    const fs::path file = outbox_.reportsDir() / (uid + ".dcm");
    dicom::writeFileBytes(file, sr);
    outbox_.setReport(uid, file, displayText(parsed.findings, parsed.impression),
                      parsed.critical_finding);
    if (existing->signed_at.empty())
        outbox_.updateCounty({uid, existing->county_received_at,
                              existing->county_state.empty() ? "signed" : existing->county_state,
                              nowIso8601(), parsed.observer_name});
    spdlog::info("report ready for study {} ({} {}){}", uid, existing->patient_name,
                 existing->description,
                 parsed.critical_finding ? ": CRITICAL FINDING (危急值)" : "");
    if (listener_)
        if (auto s = outbox_.study(uid)) listener_(*s);
    return uid;
}

std::optional<std::string> ReportInbox::acceptPdf(const dicom::Bytes& part10, const std::string& study_uid) {
    try {
        auto pdf = dicom::extractEncapsulatedPdf(part10);
        if (!outbox_.study(study_uid)) {
            spdlog::warn("printed report for study {} which this gateway never sent; ignored", study_uid);
            return std::nullopt;
        }
        const fs::path file = outbox_.reportsDir() / (study_uid + ".pdf");
        dicom::writeFileBytes(file, pdf);
        spdlog::info("printable report for study {} saved as {}", study_uid, file.string());
        return study_uid;
    } catch (const std::exception& e) {
        spdlog::warn("printed report for study {} is not readable: {}", study_uid, e.what());
        return std::nullopt;
    }
}

std::optional<std::string> ReportInbox::acceptFile(const fs::path& file) {
    auto bytes = dicom::readFileBytes(file);
    std::optional<std::string> r;
    dicom::InstanceInfo info;
    try {
        info = dicom::readInstanceInfo(bytes);
    } catch (const std::exception&) {
    }
    if (info.sop_class_uid == dicom::kEncapsulatedPdfSopClass)
        r = acceptPdf(bytes, info.study_uid);
    else
        r = accept(bytes);
    std::error_code ec;
    fs::remove(file, ec);
    return r;
}

}  // namespace countyread::sender
