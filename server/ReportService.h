#pragma once
// Accepts signed reports from radiologists: verifies the signature against the certificate
// registered for the signer, archives the SR and its printable PDF (Encapsulated PDF), marks
// the item signed, queues delivery of both to the township.
#include <functional>
#include <string>

#include "dicom/archive/Archive.h"
#include "server/Config.h"
#include "server/ReportPrinter.h"
#include "worklist/AuditLog.h"
#include "worklist/DeliveryQueue.h"
#include "worklist/WorklistStore.h"

namespace countyread::server {

struct ReportOutcome {
    int http_status = 500;  // 201 accepted; 4xx with `error` otherwise
    std::string error;
    std::string sop_instance_uid;
};

class ReportService {
public:
    ReportService(const ServerConfig& config, dicom::Archive& archive,
                  worklist::WorklistStore& items, worklist::DeliveryQueue& deliveries,
                  worklist::AuditLog& audit, std::function<void()> wake_delivery);

    ReportOutcome submit(const std::string& user_id, const std::string& study_uid,
                         const dicom::Bytes& part10);

private:
    const ServerConfig& config_;
    dicom::Archive& archive_;
    worklist::WorklistStore& items_;
    worklist::DeliveryQueue& deliveries_;
    worklist::AuditLog& audit_;
    std::function<void()> wake_delivery_;
    ReportPrinter printer_;
};

}  // namespace countyread::server
