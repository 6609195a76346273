#include "server/QueryService.h"

#include <spdlog/spdlog.h>

namespace countyread::server {

QueryService::QueryService(const ServerConfig& config, dicom::Archive& archive,
                           std::shared_ptr<dicom::Database> db)
    : config_(config), archive_(archive), query_(std::move(db)) {}

std::string QueryService::scopeOf(const std::string& calling_ae) const {
    if (const auto* township = config_.townshipByAe(calling_ae)) return township->aet;
    throw dicom::QueryRefused(0xC000, "calling AE '" + calling_ae + "' is not a township");
}

std::vector<dicom::QueryMatch> QueryService::find(const dicom::QueryRequest& request) {
    return query_.find(request, scopeOf(request.calling_ae));
}

std::vector<dicom::OutgoingInstance> QueryService::retrieve(const dicom::QueryRequest& request) {
    std::vector<dicom::OutgoingInstance> out;
    auto& blobs = archive_.blobs();
    for (auto& s : query_.instances(request, scopeOf(request.calling_ae))) {
        out.push_back({s.info.sop_class_uid, s.info.sop_instance_uid, s.info.transfer_syntax_uid,
                       [&blobs, key = s.blob_key] { return blobs.read(key); }});
    }
    return out;
}

std::optional<dicom::PeerAddress> QueryService::moveDestination(
    const std::string& calling_ae, const std::string& destination_ae) const {
    const auto* township = config_.townshipByAe(destination_ae);
    if (!township) return std::nullopt;
    if (destination_ae != calling_ae) {
        spdlog::warn("C-MOVE from '{}' to '{}' refused: a township retrieves to its own AE only",
                     calling_ae, destination_ae);
        return std::nullopt;
    }
    dicom::PeerAddress peer;
    peer.host = township->host;
    peer.port = township->port;
    peer.calling_ae = config_.aet;
    peer.called_ae = township->aet;
    return peer;
}

}  // namespace countyread::server
