#pragma once
// DICOM listener (C-ECHO, C-STORE) over a pool of associations. Policy lives in the handler.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "dicom/model/InstanceInfo.h"

namespace countyread::dicom {

struct ReceivedInstance {
    std::string calling_ae;
    std::string called_ae;
    std::string peer_host;
    uint16_t priority = 0;  // DIMSE priority: 0 medium, 1 high, 2 low
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
};

class StoreListener {
public:
    StoreListener(ListenerConfig config, IStoreHandler& handler);
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
