#pragma once
// The county's DICOM listener: one AE title on one port, a pool of associations serving
// C-ECHO, C-STORE and (with a query handler) C-FIND, C-MOVE and C-GET in the Patient Root and
// Study Root models. Policy lives in the handlers and in ListenerConfig's functions.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "dicom/model/InstanceInfo.h"
#include "dicom/net/IQueryHandler.h"
#include "dicom/net/StoreClient.h"

namespace countyread::dicom {

struct ReceivedInstance {
    std::string calling_ae;
    std::string called_ae;
    std::string peer_host;
    uint16_t priority = 0;            // DIMSE priority: 0 medium, 1 high, 2 low
    std::filesystem::path temp_file;  // the dataset as received, Part 10, fsynced
    InstanceInfo info;                // text converted to UTF-8
};

struct StoreStatus {
    uint16_t code = 0;  // DIMSE status (0x0000 success, 0xA700 out of resources, ...)
    std::string comment;
};

class IStoreHandler {
public:
    virtual ~IStoreHandler() = default;
    // The handler owns temp_file from here on (move it or delete it).
    virtual StoreStatus onStore(const ReceivedInstance& instance) = 0;
};

struct ListenerConfig {
    std::string aet = "COUNTY";
    int port = 11112;
    int max_associations = 8;
    int acse_timeout_s = 30;
    int dimse_timeout_s = 60;
    std::filesystem::path staging_dir;  // where temp files are written before onStore()
    // Returns an empty string when the calling AE may connect, else the reason it may not.
    std::function<std::string(const std::string& calling_ae, const std::string& host)> admit;
    // C-MOVE: where `destination_ae` listens, for a request from `calling_ae` (the calling AE
    // of the sub-association is filled in by the function too); nullopt when the destination
    // is unknown or not allowed to that caller, answered with status A801.
    std::function<std::optional<PeerAddress>(const std::string& calling_ae,
                                             const std::string& destination_ae)>
        move_destination;
};

class StoreListener {
public:
    // Without a query handler the listener offers no Query/Retrieve SOP classes.
    StoreListener(ListenerConfig config, IStoreHandler& handler, IQueryHandler* query = nullptr);
    ~StoreListener();
    StoreListener(const StoreListener&) = delete;
    StoreListener& operator=(const StoreListener&) = delete;

    // Starts the listening thread; returns once the port accepts connections (throws if not).
    void start();
    // Stops accepting; returns after running associations finished.
    void stop();

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace countyread::dicom
