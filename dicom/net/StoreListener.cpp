#include "dicom/net/StoreListener.h"

#include <fcntl.h>
#include <unistd.h>

#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scp.h>
#include <dcmtk/dcmnet/scppool.h>
#include <dcmtk/dcmnet/scpthrd.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <random>
#include <stdexcept>
#include <thread>

#include "dicom/model/DatasetAccess.h"
#include "dicom/net/NetworkSetup.h"

namespace countyread::dicom {

namespace fs = std::filesystem;

namespace {

constexpr Uint16 kStatusOutOfResources = 0xA700;
constexpr Uint16 kStatusSopClassMismatch = 0xA900;  // dataset does not match SOP class
constexpr Uint16 kStatusCannotUnderstand = 0xC000;

void fsyncFile(const fs::path& p) {
    int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open " + p.string());
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) throw std::runtime_error("cannot sync " + p.string());
}

// One association: a DcmSCP with the CountyRead policy hooks.
class StoreScp : public DcmThreadSCP {
public:
    StoreScp(const ListenerConfig& config, IStoreHandler& handler)
        : config_(config), handler_(handler) {}

protected:
    OFBool checkCalledAETitleAccepted(const OFString& called) override {
        if (OFString(config_.aet.c_str()) == called) return OFTrue;
        spdlog::warn("association refused: called AE '{}' is not '{}'", called.c_str(), config_.aet);
        return OFFalse;
    }

    OFBool checkCallingAETitleAccepted(const OFString& calling) override {
        if (!config_.admit) return OFTrue;
        std::string reason = config_.admit(calling.c_str(), getPeerIP().c_str());
        if (reason.empty()) return OFTrue;
        spdlog::warn("association refused: calling AE '{}' from {}: {}", calling.c_str(),
                     getPeerIP().c_str(), reason);
        return OFFalse;
    }

    OFCondition handleIncomingCommand(T_DIMSE_Message* msg,
                                      const DcmPresentationContextInfo& pc) override {
        if (msg->CommandField == DIMSE_C_STORE_RQ) return handleStore(msg->msg.CStoreRQ, pc);
        return DcmThreadSCP::handleIncomingCommand(msg, pc);
    }

private:
    OFCondition handleStore(T_DIMSE_C_StoreRQ& req, const DcmPresentationContextInfo& pc) {
        static std::atomic<uint64_t> counter{0};
        static const uint64_t salt = std::random_device{}();
        fs::path temp = config_.staging_dir /
                        ("scp-" + std::to_string(salt) + "-" + std::to_string(++counter) + ".part");
        OFCondition cond = receiveSTORERequest(req, pc.presentationContextID, OFString(temp.c_str()));
        if (cond.bad()) {
            std::error_code ec;
            fs::remove(temp, ec);
            spdlog::warn("C-STORE from '{}' failed while receiving: {}", getPeerAETitle().c_str(),
                         cond.text());
            return cond;  // association is broken; nothing was acknowledged
        }
        Uint16 status = 0;
        std::string comment;
        try {
            status = process(req, pc, temp, comment);
        } catch (const std::exception& e) {
            status = kStatusOutOfResources;
            comment = e.what();
        }
        if (status != 0) {
            std::error_code ec;
            fs::remove(temp, ec);  // no-op if the handler consumed it
            spdlog::warn("C-STORE {} from '{}' answered {:04X}: {}", req.AffectedSOPInstanceUID,
                         getPeerAETitle().c_str(), status, comment);
        }
        return sendSTOREResponse(pc.presentationContextID, req, status);
    }

    Uint16 process(T_DIMSE_C_StoreRQ& req, const DcmPresentationContextInfo& pc,
                   const fs::path& temp, std::string& comment) {
        DcmFileFormat ff;
        // Read without loading big values: only the header attributes are needed here.
        OFCondition cond = ff.loadFile(temp.c_str(), EXS_Unknown, EGL_noChange, 4096);
        if (cond.bad()) {
            comment = std::string("cannot parse dataset: ") + cond.text();
            return kStatusCannotUnderstand;
        }
        InstanceInfo info;
        try {
            info = detail::extractInfo(*ff.getDataset(), pc.acceptedTransferSyntax.c_str());
        } catch (const std::exception& e) {
            comment = e.what();
            return kStatusCannotUnderstand;
        }
        if (info.sop_class_uid != req.AffectedSOPClassUID ||
            info.sop_instance_uid != req.AffectedSOPInstanceUID) {
            comment = "dataset SOP class/instance does not match the C-STORE request";
            return kStatusSopClassMismatch;
        }
        fsyncFile(temp);
        ReceivedInstance in;
        in.calling_ae = getPeerAETitle().c_str();
        in.called_ae = getCalledAETitle().c_str();
        in.peer_host = getPeerIP().c_str();
        in.priority = static_cast<uint16_t>(req.Priority);
        in.temp_file = temp;
        in.info = std::move(info);
        auto st = handler_.onStore(in);
        comment = st.comment;
        return st.code;
    }

    const ListenerConfig& config_;
    IStoreHandler& handler_;
};

}  // namespace

// The pool creates one worker per association; each worker is a StoreScp bound to our config.
class StorePool : public DcmBaseSCPPool {
public:
    StorePool(const ListenerConfig& config, IStoreHandler& handler)
        : config_(config), handler_(handler) {}

private:
    struct Worker : public DcmBaseSCPPool::DcmBaseSCPWorker, private StoreScp {
        Worker(StorePool& pool) : DcmBaseSCPWorker(pool), StoreScp(pool.config_, pool.handler_) {}
        OFCondition setSharedConfig(const DcmSharedSCPConfig& config) override {
            return StoreScp::setSharedConfig(config);
        }
        OFBool busy() override { return StoreScp::isConnected(); }
        OFCondition workerListen(T_ASC_Association* const assoc) override {
            return StoreScp::run(assoc);
        }
    };
    DcmBaseSCPWorker* createSCPWorker() override { return new Worker(*this); }

    const ListenerConfig& config_;
    IStoreHandler& handler_;
};

struct StoreListener::Impl {
    ListenerConfig config;
    IStoreHandler& handler;
    StorePool pool;
    std::thread thread;
    std::atomic<bool> finished{false};
    OFCondition result = EC_Normal;

    Impl(ListenerConfig c, IStoreHandler& h) : config(std::move(c)), handler(h), pool(config, h) {}
};

StoreListener::StoreListener(ListenerConfig config, IStoreHandler& handler)
    : impl_(std::make_unique<Impl>(std::move(config), handler)) {
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
    for (const auto& [sop, xfers] : acceptedContexts()) {
        OFList<OFString> list;
        for (const auto& x : xfers) list.push_back(x.c_str());
        OFCondition c = cfg.addPresentationContext(sop.c_str(), list, ASC_SC_ROLE_DEFAULT);
        if (c.bad()) throw std::runtime_error("cannot accept SOP class " + sop + ": " + c.text());
    }
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
