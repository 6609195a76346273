#pragma once
// Accepts signed reports from radiologists: verifies the signature against the certificate
// registered for the signer, archives the SR and its printable PDF (Encapsulated PDF), marks
// the item signed, queues delivery of both to the township.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dicom/archive/Archive.h"
#include "server/Config.h"
#include "server/ReportPrinter.h"
#include "worklist/AuditLog.h"
#include "worklist/DeliveryQueue.h"
#include "worklist/ReportRegistry.h"
#include "worklist/WorklistStore.h"

namespace countyread::server {

struct ReportOutcome {
    int http_status = 500;  // 201 accepted; 4xx with `error` otherwise
    std::string error;
    std::string sop_instance_uid;
    std::string kind;      // preliminary, final, addendum
    std::string state;     // the reading item's state afterwards
    std::string verifier;  // preliminary: who is to verify it ("" = nobody configured)
};

class ReportService {
public:
    ReportService(const ServerConfig& config, dicom::Archive& archive,
                  worklist::WorklistStore& items, worklist::DeliveryQueue& deliveries,
                  worklist::AuditLog& audit, std::function<void()> wake_delivery);

    // One signed SR from a radiologist: a single-level report, a preliminary (the author needs
    // a senior's verification; the item goes to a verifier), the senior's verified final
    // (names the preliminary as predecessor), or an addendum (names the current report).
    ReportOutcome submit(const std::string& user_id, const std::string& study_uid,
                         const dicom::Bytes& part10);
    std::vector<worklist::ReportRecord> history(const std::string& study_uid);
    std::optional<worklist::ReportRecord> pendingPreliminary(const std::string& study_uid);

private:
    const ServerConfig& config_;
    dicom::Archive& archive_;
    worklist::WorklistStore& items_;
    worklist::DeliveryQueue& deliveries_;
    worklist::AuditLog& audit_;
    std::function<void()> wake_delivery_;
    std::string chooseVerifier(const worklist::ReadingItem& item, const std::string& author);
    std::vector<report::PdfSigner> signersOf(const worklist::ReportRecord& record);
    ReportPrinter printer_;
    worklist::ReportRegistry registry_;
};

}  // namespace countyread::server
