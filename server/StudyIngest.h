#pragma once
// Adapter from the DICOM listener to the archive and the worklist: stores each instance and
// tells the reading workflow (which makes the study a reading item once it is quiet).
#include <mutex>

#include "dicom/archive/Archive.h"
#include "dicom/net/StoreListener.h"
#include "server/Config.h"
#include "server/WorkflowService.h"
#include "worklist/AuditLog.h"
#include "worklist/WorklistStore.h"

namespace countyread::server {

class StudyIngest : public dicom::IStoreHandler {
public:
    StudyIngest(const ServerConfig& config, dicom::Archive& archive, worklist::WorklistStore& items,
                worklist::AuditLog& audit, WorkflowService& workflow);

    dicom::StoreStatus onStore(const dicom::ReceivedInstance& instance) override;
    // Calling-AE policy for the listener: "" = admitted, else the reason for refusal.
    std::string admit(const std::string& calling_ae, const std::string& host) const;

private:
    const ServerConfig& config_;
    dicom::Archive& archive_;
    worklist::WorklistStore& items_;
    worklist::AuditLog& audit_;
    WorkflowService& workflow_;
};

}  // namespace countyread::server
