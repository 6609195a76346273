#pragma once
// JSON views of domain objects for the HTTP API.
#include <nlohmann/json.hpp>

#include "dicom/archive/IArchiveIndex.h"
#include "server/AccessPolicy.h"
#include "server/Config.h"
#include "worklist/DeliveryQueue.h"
#include "worklist/ReadingItem.h"

namespace countyread::server {

nlohmann::json userJson(const ServerConfig& config, const std::string& user_id);
nlohmann::json studyJson(const ServerConfig& config, const dicom::StudyRecord& study,
                         const worklist::ReadingItem* item);
nlohmann::json instanceJson(const dicom::StoredInstance& instance);
nlohmann::json deliveryJson(const worklist::Delivery& delivery);

}  // namespace countyread::server
