#include "dicom/net/StoreListener.h"

#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scppool.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "dicom/net/AssociationScp.h"
#include "dicom/net/NetworkSetup.h"

namespace countyread::dicom {

namespace fs = std::filesystem;

// The pool creates one worker per association; each worker is an AssociationScp bound to our
// configuration and handlers.
class ListenerPool : public DcmBaseSCPPool {
public:
    ListenerPool(const ListenerConfig& config, IStoreHandler& store, IQueryHandler* query)
        : config_(config), store_(store), query_(query) {}

private:
    struct Worker : public DcmBaseSCPPool::DcmBaseSCPWorker, private detail::AssociationScp {
        Worker(ListenerPool& pool)
            : DcmBaseSCPWorker(pool), AssociationScp(pool.config_, pool.store_, pool.query_) {}
        OFCondition setSharedConfig(const DcmSharedSCPConfig& config) override {
            return AssociationScp::setSharedConfig(config);
        }
        OFBool busy() override { return AssociationScp::isConnected(); }
        OFCondition workerListen(T_ASC_Association* const assoc) override {
            return AssociationScp::run(assoc);
        }
    };
    DcmBaseSCPWorker* createSCPWorker() override { return new Worker(*this); }

    const ListenerConfig& config_;
    IStoreHandler& store_;
    IQueryHandler* query_;
};

struct StoreListener::Impl {
    ListenerConfig config;
    ListenerPool pool;
    std::thread thread;
    std::atomic<bool> finished{false};
    OFCondition result = EC_Normal;

    Impl(ListenerConfig c, IStoreHandler& store, IQueryHandler* query)
        : config(std::move(c)), pool(config, store, query) {}
};

namespace {
void addContexts(DcmSCPConfig& cfg, const std::map<std::string, std::vector<std::string>>& contexts,
                 T_ASC_SC_ROLE role) {
    for (const auto& [sop, xfers] : contexts) {
        OFList<OFString> list;
        for (const auto& x : xfers) list.push_back(x.c_str());
        OFCondition c = cfg.addPresentationContext(sop.c_str(), list, role);
        if (c.bad()) throw std::runtime_error("cannot accept SOP class " + sop + ": " + c.text());
    }
}
}  // namespace

StoreListener::StoreListener(ListenerConfig config, IStoreHandler& handler, IQueryHandler* query)
    : impl_(std::make_unique<Impl>(std::move(config), handler, query)) {
    prepareDicomNetworking();
    auto& cfg = impl_->pool.getConfig();
    cfg.setAETitle(impl_->config.aet.c_str());
    cfg.setPort(static_cast<Uint16>(impl_->config.port));
    cfg.setACSETimeout(static_cast<Uint32>(impl_->config.acse_timeout_s));
    cfg.setDIMSETimeout(static_cast<Uint32>(impl_->config.dimse_timeout_s));
    cfg.setConnectionBlockingMode(DUL_NOBLOCK);
    cfg.setConnectionTimeout(1);  // lets stop() take effect within a second
    cfg.setHostLookupEnabled(OFFalse);
    cfg.setMaxReceivePDULength(ASC_MAXIMUMPDUSIZE);
    impl_->pool.setMaxThreads(static_cast<Uint16>(impl_->config.max_associations));
    // Storage classes accept either role: the default one (the peer sends, C-STORE) and the SCP
    // role a C-GET requestor asks for in SCP/SCU role selection (we send on its association).
    auto storage = acceptedContexts();
    auto verification = storage.extract(UID_VerificationSOPClass);
    addContexts(cfg, storage, ASC_SC_ROLE_SCUSCP);
    if (!verification.empty())
        addContexts(cfg, {{verification.key(), verification.mapped()}}, ASC_SC_ROLE_DEFAULT);
    if (query) addContexts(cfg, queryRetrieveContexts(), ASC_SC_ROLE_DEFAULT);
    fs::create_directories(impl_->config.staging_dir);
}

StoreListener::~StoreListener() { stop(); }

void StoreListener::start() {
    if (!portIsFree(impl_->config.port))
        throw std::runtime_error("DICOM port " + std::to_string(impl_->config.port) +
                                 " is already in use");
    impl_->thread = std::thread([impl = impl_.get()] {
        impl->result = impl->pool.listen();
        impl->finished = true;
    });
    // Wait until the port accepts connections or the pool gave up (e.g. port in use).
    for (int i = 0; i < 200; ++i) {
        if (impl_->finished) break;
        if (portIsListening(impl_->config.port)) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    stop();
    throw std::runtime_error("DICOM listener could not listen on port " +
                             std::to_string(impl_->config.port) + ": " + impl_->result.text());
}

void StoreListener::stop() {
    if (!impl_->thread.joinable()) return;
    impl_->pool.stopAfterCurrentAssociations();
    impl_->thread.join();
}

}  // namespace countyread::dicom
