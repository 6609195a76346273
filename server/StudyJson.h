#pragma once
// JSON views of domain objects for the HTTP API.
#include <nlohmann/json.hpp>

#include "dicom/archive/IArchiveIndex.h"
#include "server/AccessPolicy.h"
#include "server/Config.h"
#include "worklist/DeliveryQueue.h"
#include "worklist/ReadingItem.h"
#include "worklist/WorklistRow.h"

namespace countyread::server {

nlohmann::json userJson(const ServerConfig& config, const std::string& user_id);
nlohmann::json studyJson(const ServerConfig& config, const dicom::StudyRecord& study,
                         const worklist::ReadingItem* item);
// studyJson plus what the worklist row adds: deadline, late instances, reasons, critical state.
nlohmann::json studyRowJson(const ServerConfig& config, const dicom::StudyRecord& study,
                            const worklist::WorklistRow* row, const std::string& now);
// One worklist entry (GET /api/v1/worklist); `now` decides at_risk / overdue / the lock.
nlohmann::json worklistRowJson(const ServerConfig& config, const worklist::WorklistRow& row,
                               const std::string& now);
nlohmann::json criticalJson(const ServerConfig& config, const worklist::CriticalFindingRow& f);
nlohmann::json instanceJson(const dicom::StoredInstance& instance);
nlohmann::json deliveryJson(const worklist::Delivery& delivery);

}  // namespace countyread::server
