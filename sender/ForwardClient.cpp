#include "sender/ForwardClient.h"

#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmnet/dcmtrans.h>
#include <dcmtk/dcmnet/scu.h>

#include <cstring>
#include <map>

#include "dicom/net/NetworkSetup.h"
#include "sender/Compressor.h"
#include "sender/TokenBucket.h"

namespace countyread::sender {

namespace fs = std::filesystem;

// DcmSCU with a C-STORE that carries a priority, and byte-level progress for throttling.
class ForwardClient::Scu : public DcmSCU {
public:
    TokenBucket* throttle = nullptr;
    const Progress* progress = nullptr;
    unsigned long last_bytes = 0;
    Uint16 message_id = 0;

    OFCondition store(T_ASC_PresentationContextID pid, DcmDataset* ds, const std::string& sop_class,
                      const std::string& sop_uid, Uint16 priority, Uint16& status) {
        T_DIMSE_Message msg;
        std::memset(&msg, 0, sizeof msg);
        msg.CommandField = DIMSE_C_STORE_RQ;
        T_DIMSE_C_StoreRQ& req = msg.msg.CStoreRQ;
        req.MessageID = ++message_id;
        OFStandard::strlcpy(req.AffectedSOPClassUID, sop_class.c_str(),
                            sizeof req.AffectedSOPClassUID);
        OFStandard::strlcpy(req.AffectedSOPInstanceUID, sop_uid.c_str(),
                            sizeof req.AffectedSOPInstanceUID);
        req.DataSetType = DIMSE_DATASET_PRESENT;
        req.Priority = static_cast<T_DIMSE_Priority>(priority);
        last_bytes = 0;
        OFCondition cond = sendDIMSEMessage(pid, &msg, ds);
        if (cond.bad()) return cond;
        T_DIMSE_Message rsp;
        std::memset(&rsp, 0, sizeof rsp);
        DcmDataset* detail = nullptr;
        T_ASC_PresentationContextID rpid = pid;
        cond = receiveDIMSECommand(&rpid, &rsp, &detail);
        delete detail;
        if (cond.bad()) return cond;
        if (rsp.CommandField != DIMSE_C_STORE_RSP ||
            rsp.msg.CStoreRSP.MessageIDBeingRespondedTo != req.MessageID)
            return DIMSE_BADCOMMANDTYPE;
        status = rsp.msg.CStoreRSP.DimseStatus;
        return EC_Normal;
    }

    void findContext(T_ASC_PresentationContextID id, OFString& as, OFString& ts) {
        findPresentationContext(id, as, ts);
    }

protected:
    void notifySENDProgress(const unsigned long bytes) override {
        if (bytes > last_bytes) {
            if (throttle) throttle->consume(static_cast<int64_t>(bytes - last_bytes));
            last_bytes = bytes;
        }
        if (progress && *progress) (*progress)(static_cast<int64_t>(bytes));
    }
};

ForwardClient::ForwardClient(ForwardClientOptions options) : options_(std::move(options)) {
    dicom::prepareDicomNetworking();
    registerCodecs();
}

ForwardClient::~ForwardClient() {
    if (isOpen()) abort();
}

bool ForwardClient::isOpen() const { return scu_ && scu_->isConnected(); }

std::string ForwardClient::describePeer() const {
    const auto& p = options_.peer;
    return p.called_ae + "@" + p.host + ":" + std::to_string(p.port);
}

void ForwardClient::open(const std::vector<std::pair<std::string, std::string>>& contexts) {
    if (isOpen()) abort();
    scu_ = std::make_unique<Scu>();
    scu_->throttle = options_.throttle;
    const auto& p = options_.peer;
    scu_->setAETitle(p.calling_ae.c_str());
    scu_->setPeerHostName(p.host.c_str());
    scu_->setPeerPort(static_cast<Uint16>(p.port));
    scu_->setPeerAETitle(p.called_ae.c_str());
    scu_->setACSETimeout(static_cast<Uint32>(p.timeout_s));
    scu_->setDIMSETimeout(static_cast<Uint32>(p.timeout_s));
    scu_->setDIMSEBlockingMode(DIMSE_NONBLOCKING);  // a stalled line ends in a timeout
    scu_->setConnectionTimeout(p.timeout_s);
    scu_->setMaxReceivePDULength(ASC_DEFAULTMAXPDU);

    // Per class: JPEG-LS lossless alone (the county may refuse it), each file syntax alone,
    // and implicit little endian for uncompressed files (every SCP takes it).
    std::map<std::string, std::set<std::string>> by_class;
    for (const auto& [sop, xfer] : contexts) by_class[sop].insert(xfer);
    proposed_.clear();
    std::set<std::pair<std::string, std::string>> offered;
    size_t count = 0;
    auto propose = [&](const std::string& sop, const std::string& xfer) {
        if (count >= 128 || !offered.insert({sop, xfer}).second) return false;
        OFList<OFString> list;
        list.push_back(xfer.c_str());
        scu_->addPresentationContext(sop.c_str(), list);
        ++count;
        return true;
    };
    for (const auto& [sop, xfers] : by_class) {
        if (count + 1 + xfers.size() > 128) break;  // leave whole classes for the next association
        bool any_uncompressed = false;
        for (const auto& x : xfers) {
            propose(sop, x);
            proposed_.insert({sop, x});
            any_uncompressed |= isUncompressedSyntax(x);
        }
        if (any_uncompressed && options_.offer_jpegls)
            propose(sop, UID_JPEGLSLosslessTransferSyntax);
        if (any_uncompressed) propose(sop, UID_LittleEndianImplicitTransferSyntax);
    }
    if (count == 0) propose(UID_VerificationSOPClass, UID_LittleEndianImplicitTransferSyntax);
    // Stalls while writing end too (the listener's sockets are not ours to change; this global
    // only applies to sockets created after it is set).
    dcmSocketSendTimeout.set(p.timeout_s);
    OFCondition cond = scu_->initNetwork();
    if (cond.good()) cond = scu_->negotiateAssociation();
    if (cond.bad()) {
        std::string reason = cond.text();
        scu_.reset();
        proposed_.clear();
        throw ForwardError("cannot open association with " + describePeer() + ": " + reason);
    }
}

bool ForwardClient::proposed(const std::string& sop_class, const std::string& syntax) const {
    return proposed_.count({sop_class, syntax}) > 0;
}

bool ForwardClient::acceptsJpegLs(const std::string& sop_class) const {
    return isOpen() && scu_->findPresentationContextID(sop_class.c_str(),
                                                       UID_JPEGLSLosslessTransferSyntax) != 0;
}

std::string ForwardClient::acceptedSyntaxFor(const std::string& sop_class,
                                             const std::string& syntax) const {
    if (!isOpen()) return {};
    if (scu_->findPresentationContextID(sop_class.c_str(), syntax.c_str()) != 0) return syntax;
    if (isUncompressedSyntax(syntax)) {
        for (const char* alt :
             {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax}) {
            if (scu_->findPresentationContextID(sop_class.c_str(), alt) != 0) return alt;
        }
    }
    return {};
}

ForwardSendResult ForwardClient::send(const fs::path& file, const std::string& sop_class,
                                      const std::string& sop_uid, const std::string& file_syntax,
                                      uint16_t dimse_priority, const Progress& progress) {
    ForwardSendResult r;
    if (!isOpen()) {
        r.outcome = ForwardSendResult::Outcome::Lost;
        r.message = "association is not open";
        return r;
    }
    std::string wire = acceptedSyntaxFor(sop_class, file_syntax);
    if (wire.empty()) {
        r.outcome = ForwardSendResult::Outcome::NoContext;
        r.message =
            "the county accepted no presentation context for " + sop_class + " in " + file_syntax;
        return r;
    }
    DcmFileFormat ff;
    OFCondition cond = ff.loadFile(file.c_str());
    if (cond.good()) cond = ff.loadAllDataIntoMemory();  // the file may be replaced meanwhile
    if (cond.bad()) {
        r.outcome = ForwardSendResult::Outcome::LocalError;
        r.message = "cannot read " + file.string() + ": " + cond.text();
        return r;
    }
    T_ASC_PresentationContextID pid =
        scu_->findPresentationContextID(sop_class.c_str(), wire.c_str());
    Uint16 status = 0xFFFF;
    scu_->progress = &progress;
    cond = scu_->store(pid, ff.getDataset(), sop_class, sop_uid, dimse_priority, status);
    scu_->progress = nullptr;
    r.syntax = wire;
    r.bytes_sent = static_cast<int64_t>(scu_->last_bytes);
    if (cond.bad()) {
        r.outcome = ForwardSendResult::Outcome::Lost;
        r.message = std::string("connection lost: ") + cond.text();
        abort();
        return r;
    }
    r.status = status;
    if (status == 0x0000 || (status & 0xF000) == 0xB000) {
        r.outcome = ForwardSendResult::Outcome::Stored;
        if (status != 0) {
            char buf[48];
            std::snprintf(buf, sizeof buf, "warning status 0x%04X", status);
            r.message = buf;
        }
    } else {
        r.outcome = ForwardSendResult::Outcome::Refused;
        char buf[64];
        std::snprintf(buf, sizeof buf, "county refused with status 0x%04X", status);
        r.message = buf;
    }
    return r;
}

void ForwardClient::release() {
    if (!scu_) return;
    if (scu_->isConnected()) scu_->releaseAssociation();
    scu_.reset();
}

void ForwardClient::abort() {
    if (!scu_) return;
    if (scu_->isConnected()) scu_->abortAssociation();
    scu_.reset();
}

}  // namespace countyread::sender
