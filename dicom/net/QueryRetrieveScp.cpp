// C-FIND, C-MOVE and C-GET of the county listener (PS3.4 Annex C): identifiers in, matches
// and sub-operations out. What exists and who may see it is the IQueryHandler's business.
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmnet/dimse.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "dicom/model/DatasetAccess.h"
#include "dicom/net/AssociationScp.h"
#include "dicom/net/InstanceSender.h"
#include "dicom/net/QueryIdentifier.h"

namespace countyread::dicom::detail {

namespace {

constexpr Uint16 kSuccess = 0x0000;
constexpr Uint16 kPending = 0xFF00;
constexpr Uint16 kCancel = 0xFE00;
constexpr Uint16 kSubOperationFailures = 0xB000;  // warning: complete, one or more failures
constexpr Uint16 kOutOfResourcesSubOperations = 0xA702;
constexpr Uint16 kMoveDestinationUnknown = 0xA801;
constexpr Uint16 kUnableToProcess = 0xC000;

Uint16 clamp16(size_t n) { return n > 0xFFFF ? 0xFFFF : static_cast<Uint16>(n); }

std::string modelName(QueryModel m) {
    return m == QueryModel::PatientRoot ? "patient root" : "study root";
}

}  // namespace

struct AssociationScp::SubOperations {
    size_t total = 0, completed = 0, failed = 0, warning = 0;
    std::vector<std::string> failed_uids;

    size_t remaining() const { return total - completed - failed - warning; }
    void record(bool ok, Uint16 status, const std::string& uid) {
        if (!ok) {
            ++failed;
            failed_uids.push_back(uid);
        } else if (status != 0) {
            ++warning;
        } else {
            ++completed;
        }
    }
    Uint16 finalStatus() const { return failed + warning > 0 ? kSubOperationFailures : kSuccess; }
    // Failed SOP Instance UID List, or null when nothing failed.
    std::unique_ptr<DcmDataset> failedIdentifier() const {
        if (failed_uids.empty()) return nullptr;
        std::string list;
        for (const auto& u : failed_uids) list += (list.empty() ? "" : "\\") + u;
        auto ds = std::make_unique<DcmDataset>();
        ds->putAndInsertString(DCM_FailedSOPInstanceUIDList, list.c_str());
        return ds;
    }
};

// --- C-FIND ---------------------------------------------------------------------------------

OFCondition AssociationScp::handleFind(T_DIMSE_C_FindRQ& req, T_ASC_PresentationContextID pid) {
    DcmDataset* raw = nullptr;
    OFCondition cond = receiveFINDRequest(req, pid, raw);
    if (cond.bad()) return cond;
    std::unique_ptr<DcmDataset> identifier(raw);
    const OFString sop = req.AffectedSOPClassUID;
    const std::string caller = getPeerAETitle().c_str();
    auto fail = [&](Uint16 status, const std::string& why) {
        spdlog::warn("C-FIND from '{}' answered {:04X}: {}", caller, status, why);
        DcmDataset detail;
        setErrorComment(detail, why);
        return sendFINDResponse(pid, req.MessageID, sop, nullptr, status, &detail);
    };
    auto model = queryModelOf(sop.c_str());
    if (!model || !identifier) return fail(kUnableToProcess, "not a Query/Retrieve C-FIND");

    QueryRequest request;
    std::string error;
    if (Uint16 status = parseIdentifier(*identifier, *model, QrService::Find, request, error))
        return fail(status, error);
    request.calling_ae = caller;
    std::vector<QueryMatch> matches;
    try {
        matches = query_->find(request);
    } catch (const QueryRefused& e) {
        return fail(e.status, e.what());
    } catch (const std::exception& e) {
        return fail(kUnableToProcess, e.what());
    }
    spdlog::info("C-FIND {} {} from '{}': {} match(es)", modelName(*model), toString(request.level),
                 caller, matches.size());
    for (const auto& m : matches) {
        if (checkForCANCEL(pid, req.MessageID).good()) {
            spdlog::info("C-FIND from '{}' cancelled", caller);
            return sendFINDResponse(pid, req.MessageID, sop, nullptr, kCancel);
        }
        DcmDataset rsp;
        buildResponse(rsp, request, m, config_.aet);
        cond = sendFINDResponse(pid, req.MessageID, sop, &rsp, kPending);
        if (cond.bad()) return cond;
    }
    return sendFINDResponse(pid, req.MessageID, sop, nullptr, kSuccess);
}

// --- C-MOVE ---------------------------------------------------------------------------------

OFCondition AssociationScp::handleMove(T_DIMSE_C_MoveRQ& req, T_ASC_PresentationContextID pid) {
    DcmDataset* raw = nullptr;
    OFString destination;
    OFCondition cond = receiveMOVERequest(req, pid, raw, destination);
    if (cond.bad()) return cond;
    std::unique_ptr<DcmDataset> identifier(raw);
    const OFString sop = req.AffectedSOPClassUID;
    const std::string caller = getPeerAETitle().c_str();
    const std::string dest = destination.c_str();
    auto fail = [&](Uint16 status, const std::string& why) {
        spdlog::warn("C-MOVE from '{}' to '{}' answered {:04X}: {}", caller, dest, status, why);
        DcmDataset detail;
        setErrorComment(detail, why);
        return sendMOVEResponse(pid, req.MessageID, sop, nullptr, status, &detail);
    };
    auto model = queryModelOf(sop.c_str());
    if (!model || !identifier) return fail(kUnableToProcess, "not a Query/Retrieve C-MOVE");

    QueryRequest request;
    std::string error;
    if (Uint16 status = parseIdentifier(*identifier, *model, QrService::Move, request, error))
        return fail(status, error);
    request.calling_ae = caller;
    std::optional<PeerAddress> peer;
    if (config_.move_destination) peer = config_.move_destination(caller, dest);
    if (!peer) return fail(kMoveDestinationUnknown, "move destination '" + dest + "' is unknown");

    std::vector<OutgoingInstance> items;
    try {
        items = query_->retrieve(request);
    } catch (const QueryRefused& e) {
        return fail(e.status, e.what());
    } catch (const std::exception& e) {
        return fail(kUnableToProcess, e.what());
    }
    spdlog::info("C-MOVE {} {} from '{}' to '{}' ({}:{}): {} instance(s)", modelName(*model),
                 toString(request.level), caller, dest, peer->host, peer->port, items.size());

    SubOperations ops;
    ops.total = items.size();
    bool cancelled = false;
    try {
        sendInstances(*peer, items, {caller, req.MessageID}, [&](const SendOutcome& o) {
            ops.record(o.ok, o.status, o.sop_instance_uid);
            if (!o.ok) spdlog::warn("C-MOVE sub-operation {}: {}", o.sop_instance_uid, o.message);
            if (ops.remaining() == 0) return true;
            if (checkForCANCEL(pid, req.MessageID).good()) {
                cancelled = true;
                return false;
            }
            return sendMOVEResponse(pid, req.MessageID, sop, nullptr, kPending, nullptr,
                                    clamp16(ops.remaining()), clamp16(ops.completed),
                                    clamp16(ops.failed), clamp16(ops.warning))
                .good();
        });
    } catch (const std::exception& e) {
        // No association with the destination: nothing was sent.
        spdlog::warn("C-MOVE from '{}' to '{}': {}", caller, dest, e.what());
        DcmDataset detail;
        setErrorComment(detail, e.what());
        return sendMOVEResponse(pid, req.MessageID, sop, nullptr, kOutOfResourcesSubOperations,
                                &detail, 0, 0, clamp16(ops.total), 0);
    }
    auto failed = ops.failedIdentifier();
    Uint16 status = cancelled ? kCancel : ops.finalStatus();
    if (status != kSuccess)
        spdlog::warn("C-MOVE from '{}' to '{}' ended {:04X}: {} completed, {} failed, {} warning",
                     caller, dest, status, ops.completed, ops.failed, ops.warning);
    return sendMOVEResponse(pid, req.MessageID, sop, failed.get(), status, nullptr,
                            cancelled ? clamp16(ops.remaining()) : 0, clamp16(ops.completed),
                            clamp16(ops.failed), clamp16(ops.warning));
}

// --- C-GET ----------------------------------------------------------------------------------

OFCondition AssociationScp::handleGet(T_DIMSE_C_GetRQ& req, T_ASC_PresentationContextID pid) {
    // DcmSCP (3.6.7) has no receiveGETRequest: read the identifier ourselves.
    DcmDataset* raw = nullptr;
    T_ASC_PresentationContextID data_pid = pid;
    OFCondition cond = receiveDIMSEDataset(&data_pid, &raw);
    if (cond.bad()) return cond;
    std::unique_ptr<DcmDataset> identifier(raw);
    const std::string caller = getPeerAETitle().c_str();
    auto fail = [&](Uint16 status, const std::string& why) {
        spdlog::warn("C-GET from '{}' answered {:04X}: {}", caller, status, why);
        return sendGetResponse(pid, req, status, SubOperations{}, true, nullptr, why);
    };
    auto model = queryModelOf(req.AffectedSOPClassUID);
    if (!model || !identifier) return fail(kUnableToProcess, "not a Query/Retrieve C-GET");

    QueryRequest request;
    std::string error;
    if (Uint16 status = parseIdentifier(*identifier, *model, QrService::Get, request, error))
        return fail(status, error);
    request.calling_ae = caller;
    std::vector<OutgoingInstance> items;
    try {
        items = query_->retrieve(request);
    } catch (const QueryRefused& e) {
        return fail(e.status, e.what());
    } catch (const std::exception& e) {
        return fail(kUnableToProcess, e.what());
    }
    spdlog::info("C-GET {} {} from '{}': {} instance(s)", modelName(*model),
                 toString(request.level), caller, items.size());

    SubOperations ops;
    ops.total = items.size();
    bool cancelled = false;
    for (const auto& item : items) {
        if (checkForCANCEL(pid, req.MessageID).good()) {
            cancelled = true;
            break;
        }
        Uint16 status = 0xFFFF;
        std::string comment;
        cond = storeOnThisAssociation(item, status, comment);
        if (cond.bad()) {
            spdlog::warn("C-GET to '{}' broke off at {}: {}", caller, item.sop_instance_uid,
                         cond.text());
            return cond;  // the association is gone
        }
        bool ok = status == 0 || (status & 0xF000) == 0xB000;
        if (!ok)
            spdlog::warn("C-GET sub-operation {} for '{}' answered {:04X}: {}",
                         item.sop_instance_uid, caller, status, comment);
        ops.record(ok, status, item.sop_instance_uid);
        if (ops.remaining() > 0) {
            cond = sendGetResponse(pid, req, kPending, ops, false, nullptr, {});
            if (cond.bad()) return cond;
        }
    }
    auto failed = ops.failedIdentifier();
    Uint16 status = cancelled ? kCancel : ops.finalStatus();
    return sendGetResponse(pid, req, status, ops, true, failed.get(), {});
}

OFCondition AssociationScp::storeOnThisAssociation(const OutgoingInstance& item, Uint16& status,
                                                   std::string& comment) {
    // A context for the instance's class on which the requestor took the SCP role (SCP/SCU
    // role selection), preferably in the stored transfer syntax, else another uncompressed one.
    T_ASC_PresentationContextID pid = 0;
    std::string pid_xfer;
    const bool uncompressed = DcmXfer(item.transfer_syntax_uid.c_str()).isNotEncapsulated();
    const int n = ASC_countPresentationContexts(assoc_->params);
    for (int i = 0; i < n; ++i) {
        T_ASC_PresentationContext pc;
        if (ASC_getPresentationContext(assoc_->params, i, &pc).bad()) continue;
        if (pc.resultReason != ASC_P_ACCEPTANCE || item.sop_class_uid != pc.abstractSyntax)
            continue;
        if (pc.acceptedRole != ASC_SC_ROLE_SCP && pc.acceptedRole != ASC_SC_ROLE_SCUSCP) continue;
        if (item.transfer_syntax_uid == pc.acceptedTransferSyntax) {
            pid = pc.presentationContextID;
            pid_xfer = pc.acceptedTransferSyntax;
            break;
        }
        if (pid == 0 && uncompressed && DcmXfer(pc.acceptedTransferSyntax).isNotEncapsulated()) {
            pid = pc.presentationContextID;
            pid_xfer = pc.acceptedTransferSyntax;
        }
    }
    if (pid == 0) {
        status = kOutOfResourcesSubOperations;
        comment = "no accepted storage context with SCP role for " + item.sop_class_uid + " in " +
                  item.transfer_syntax_uid;
        return EC_Normal;
    }
    DcmFileFormat ff;
    try {
        detail::loadFromBytes(ff, item.read());
    } catch (const std::exception& e) {
        status = kOutOfResourcesSubOperations;
        comment = e.what();
        return EC_Normal;
    }
    T_DIMSE_C_StoreRQ rq{};
    rq.MessageID = assoc_->nextMsgID++;
    OFStandard::strlcpy(rq.AffectedSOPClassUID, item.sop_class_uid.c_str(),
                        sizeof rq.AffectedSOPClassUID);
    OFStandard::strlcpy(rq.AffectedSOPInstanceUID, item.sop_instance_uid.c_str(),
                        sizeof rq.AffectedSOPInstanceUID);
    rq.DataSetType = DIMSE_DATASET_PRESENT;
    rq.Priority = DIMSE_PRIORITY_MEDIUM;
    T_DIMSE_C_StoreRSP rsp{};
    DcmDataset* rsp_detail = nullptr;
    OFCondition cond = DIMSE_storeUser(assoc_, pid, &rq, nullptr, ff.getDataset(), nullptr, nullptr,
                                       getDIMSEBlockingMode(), static_cast<int>(getDIMSETimeout()),
                                       &rsp, &rsp_detail);
    delete rsp_detail;
    if (cond.bad()) {
        comment = cond.text();
        return cond;
    }
    status = rsp.DimseStatus;
    return EC_Normal;
}

OFCondition AssociationScp::sendGetResponse(T_ASC_PresentationContextID pid,
                                            const T_DIMSE_C_GetRQ& req, Uint16 status,
                                            const SubOperations& ops, bool final,
                                            DcmDataset* identifier, const std::string& comment) {
    T_DIMSE_C_GetRSP rsp{};
    rsp.MessageIDBeingRespondedTo = req.MessageID;
    OFStandard::strlcpy(rsp.AffectedSOPClassUID, req.AffectedSOPClassUID,
                        sizeof rsp.AffectedSOPClassUID);
    rsp.DimseStatus = status;
    rsp.DataSetType = identifier ? DIMSE_DATASET_PRESENT : DIMSE_DATASET_NULL;
    rsp.opts = O_GET_AFFECTEDSOPCLASSUID;
    if (!final || status == kCancel) {
        rsp.NumberOfRemainingSubOperations = clamp16(ops.remaining());
        rsp.opts |= O_GET_NUMBEROFREMAININGSUBOPERATIONS;
    }
    rsp.NumberOfCompletedSubOperations = clamp16(ops.completed);
    rsp.NumberOfFailedSubOperations = clamp16(ops.failed);
    rsp.NumberOfWarningSubOperations = clamp16(ops.warning);
    rsp.opts |= O_GET_NUMBEROFCOMPLETEDSUBOPERATIONS | O_GET_NUMBEROFFAILEDSUBOPERATIONS |
                O_GET_NUMBEROFWARNINGSUBOPERATIONS;
    std::unique_ptr<DcmDataset> detail;
    if (!comment.empty()) {
        detail = std::make_unique<DcmDataset>();
        setErrorComment(*detail, comment);
    }
    return DIMSE_sendGetResponse(assoc_, pid, &req, &rsp, identifier, detail.get());
}

}  // namespace countyread::dicom::detail
