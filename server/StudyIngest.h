#pragma once
// Adapter from the DICOM listener to the archive and the worklist: stores each instance,
// creates the study's reading item and assigns it.
#include <mutex>

#include "dicom/archive/Archive.h"
#include "dicom/net/StoreListener.h"
#include "server/Config.h"
#include "worklist/AuditLog.h"
#include "worklist/WorklistStore.h"

namespace countyread::server {

class StudyIngest : public dicom::IStoreHandler {
public:
    StudyIngest(const ServerConfig& config, dicom::Archive& archive, worklist::WorklistStore& items,
                worklist::AuditLog& audit);

    dicom::StoreStatus onStore(const dicom::ReceivedInstance& instance) override;
    // Calling-AE policy for the listener: "" = admitted, else the reason for refusal.
    std::string admit(const std::string& calling_ae, const std::string& host) const;

private:
    void updateWorklist(const dicom::InstanceInfo& info, const std::string& township,
                        uint16_t dimse_priority);
    const ServerConfig& config_;
    dicom::Archive& archive_;
    worklist::WorklistStore& items_;
    worklist::AuditLog& audit_;
    std::mutex assign_mutex_;
};

}  // namespace countyread::server
