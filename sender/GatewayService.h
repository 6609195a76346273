#pragma once
// `countyread-send serve`: the township gateway as a service. Composition of the outbox, the
// local DICOM listener, the watched export folder, the forwarder to the county and the
// county status poller.
#include <memory>

#include "sender/GatewayConfig.h"

namespace countyread::dicom {
class StoreListener;
}

namespace countyread::sender {

class Outbox;
class Forwarder;
class FolderWatcher;
class GatewayStoreHandler;
class ReportInbox;
class CountyStatusPoller;

class GatewayService {
public:
    explicit GatewayService(GatewayConfig config);
    ~GatewayService();
    GatewayService(const GatewayService&) = delete;
    GatewayService& operator=(const GatewayService&) = delete;

    // Opens the outbox (recovering after a crash), starts forwarding, then the listener and
    // the folder watcher. Throws when the listener cannot listen.
    void start();
    void stop();

    Outbox& outbox() { return *outbox_; }
    Forwarder& forwarder() { return *forwarder_; }
    CountyStatusPoller* poller() { return poller_.get(); }
    const GatewayConfig& config() const { return config_; }

private:
    void housekeeping();

    GatewayConfig config_;
    std::unique_ptr<Outbox> outbox_;
    std::unique_ptr<Forwarder> forwarder_;
    std::unique_ptr<GatewayStoreHandler> handler_;
    std::unique_ptr<dicom::StoreListener> listener_;
    std::unique_ptr<FolderWatcher> watcher_;
    std::unique_ptr<ReportInbox> reports_;
    std::unique_ptr<CountyStatusPoller> poller_;
    struct Housekeeper;
    std::unique_ptr<Housekeeper> housekeeper_;
};

}  // namespace countyread::sender
