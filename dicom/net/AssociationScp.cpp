#include "dicom/net/AssociationScp.h"

#include <dcmtk/dcmdata/dctk.h>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "dicom/model/DatasetAccess.h"

namespace countyread::dicom::detail {

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

}  // namespace

AssociationScp::AssociationScp(const ListenerConfig& config, IStoreHandler& store,
                               IQueryHandler* query)
    : config_(config), store_(store), query_(query) {}

OFCondition AssociationScp::run(T_ASC_Association* assoc) {
    assoc_ = assoc;
    OFCondition result = DcmThreadSCP::run(assoc);
    assoc_ = nullptr;
    return result;
}

OFBool AssociationScp::checkCalledAETitleAccepted(const OFString& called) {
    if (OFString(config_.aet.c_str()) == called) return OFTrue;
    spdlog::warn("association refused: called AE '{}' is not '{}'", called.c_str(), config_.aet);
    return OFFalse;
}

OFBool AssociationScp::checkCallingAETitleAccepted(const OFString& calling) {
    if (!config_.admit) return OFTrue;
    std::string reason = config_.admit(calling.c_str(), getPeerIP().c_str());
    if (reason.empty()) return OFTrue;
    spdlog::warn("association refused: calling AE '{}' from {}: {}", calling.c_str(),
                 getPeerIP().c_str(), reason);
    return OFFalse;
}

OFCondition AssociationScp::handleIncomingCommand(T_DIMSE_Message* msg,
                                                  const DcmPresentationContextInfo& pc) {
    switch (msg->CommandField) {
        case DIMSE_C_STORE_RQ:
            return handleStore(msg->msg.CStoreRQ, pc);
        case DIMSE_C_FIND_RQ:
            if (query_) return handleFind(msg->msg.CFindRQ, pc.presentationContextID);
            break;
        case DIMSE_C_MOVE_RQ:
            if (query_) return handleMove(msg->msg.CMoveRQ, pc.presentationContextID);
            break;
        case DIMSE_C_GET_RQ:
            if (query_) return handleGet(msg->msg.CGetRQ, pc.presentationContextID);
            break;
        default:
            break;
    }
    return DcmThreadSCP::handleIncomingCommand(msg, pc);
}

OFCondition AssociationScp::handleStore(T_DIMSE_C_StoreRQ& req,
                                        const DcmPresentationContextInfo& pc) {
    static std::atomic<uint64_t> counter{0};
    static const uint64_t salt = std::random_device{}();
    fs::path temp = config_.staging_dir /
                    ("scp-" + std::to_string(salt) + "-" + std::to_string(++counter) + ".part");
    // Receive into memory, then write the staging file ourselves: a local write failure (disk
    // full) becomes an A700 answer on a healthy association instead of a broken transfer.
    DcmDataset* received = nullptr;
    OFCondition cond = receiveSTORERequest(req, pc.presentationContextID, received);
    if (cond.bad()) {
        delete received;
        spdlog::warn("C-STORE from '{}' failed while receiving: {}", getPeerAETitle().c_str(),
                     cond.text());
        return cond;  // association is broken; nothing was acknowledged
    }
    Uint16 status = 0;
    std::string comment;
    {
        DcmFileFormat file(received, OFFalse);  // takes ownership, no copy
        file.getMetaInfo()->putAndInsertString(DCM_SourceApplicationEntityTitle,
                                               getPeerAETitle().c_str());
        E_TransferSyntax xfer = DcmXfer(pc.acceptedTransferSyntax.c_str()).getXfer();
        errno = 0;
        OFCondition saved = file.saveFile(temp.c_str(), xfer, EET_ExplicitLength, EGL_recalcGL,
                                          EPD_noChange, 0, 0, EWM_fileformat);
        if (saved.bad()) {
            status = kStatusOutOfResources;
            comment = std::string("cannot write the instance: ") + saved.text() +
                      (errno ? std::string(" (") + std::strerror(errno) + ")" : "");
        }
    }
    if (status == 0) {
        try {
            status = processStore(req, pc, temp.string(), comment);
        } catch (const std::exception& e) {
            status = kStatusOutOfResources;
            comment = e.what();
        }
    }
    if (status != 0) {
        std::error_code ec;
        fs::remove(temp, ec);  // no-op if the handler consumed it
        spdlog::warn("C-STORE {} from '{}' answered {:04X}: {}", req.AffectedSOPInstanceUID,
                     getPeerAETitle().c_str(), status, comment);
    }
    return sendSTOREResponse(pc.presentationContextID, req, status);
}

Uint16 AssociationScp::processStore(T_DIMSE_C_StoreRQ& req, const DcmPresentationContextInfo& pc,
                                    const std::string& temp, std::string& comment) {
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
    auto st = store_.onStore(in);
    comment = st.comment;
    return st.code;
}

}  // namespace countyread::dicom::detail
