#pragma once
// Query/Retrieve for the townships (the IQueryHandler behind the DICOM listener) over the
// archive index and blob store. Policy:
//   - a township AE finds and retrieves only the studies it sent (studies.source_ae == its AE);
//   - C-MOVE goes only to the calling township's own AE, at the host/port configured for it
//     (another township's AE or an unknown AE is answered A801: move destination unknown).
#include <memory>
#include <optional>
#include <string>

#include "dicom/archive/Archive.h"
#include "dicom/archive/ArchiveQuery.h"
#include "dicom/net/IQueryHandler.h"
#include "dicom/net/StoreClient.h"
#include "server/Config.h"

namespace countyread::server {

class QueryService : public dicom::IQueryHandler {
public:
    QueryService(const ServerConfig& config, dicom::Archive& archive,
                 std::shared_ptr<dicom::Database> db);

    std::vector<dicom::QueryMatch> find(const dicom::QueryRequest& request) override;
    std::vector<dicom::OutgoingInstance> retrieve(const dicom::QueryRequest& request) override;

    // For ListenerConfig::move_destination.
    std::optional<dicom::PeerAddress> moveDestination(const std::string& calling_ae,
                                                      const std::string& destination_ae) const;

private:
    // The source AE whose studies `calling_ae` may see; throws QueryRefused for others.
    std::string scopeOf(const std::string& calling_ae) const;

    const ServerConfig& config_;
    dicom::Archive& archive_;
    dicom::ArchiveQuery query_;
};

}  // namespace countyread::server
