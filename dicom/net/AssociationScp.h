#pragma once
// Internal to dicom/net (DCMTK types allowed here only): one association of the county
// listener. C-ECHO and C-STORE in AssociationScp.cpp; C-FIND, C-MOVE and C-GET in
// QueryRetrieveScp.cpp.
#include <dcmtk/dcmnet/scpthrd.h>

#include <string>
#include <vector>

#include "dicom/net/StoreListener.h"

namespace countyread::dicom::detail {

class AssociationScp : public DcmThreadSCP {
public:
    AssociationScp(const ListenerConfig& config, IStoreHandler& store, IQueryHandler* query);

    // Serves one association handed over by the pool (keeps it for C-GET sub-operations).
    OFCondition run(T_ASC_Association* assoc) override;

protected:
    OFBool checkCalledAETitleAccepted(const OFString& called) override;
    OFBool checkCallingAETitleAccepted(const OFString& calling) override;
    OFCondition handleIncomingCommand(T_DIMSE_Message* msg,
                                      const DcmPresentationContextInfo& pc) override;

private:
    struct SubOperations;  // counts and failed UIDs of one C-MOVE / C-GET

    OFCondition handleStore(T_DIMSE_C_StoreRQ& req, const DcmPresentationContextInfo& pc);
    Uint16 processStore(T_DIMSE_C_StoreRQ& req, const DcmPresentationContextInfo& pc,
                        const std::string& temp, std::string& comment);

    OFCondition handleFind(T_DIMSE_C_FindRQ& req, T_ASC_PresentationContextID pid);
    OFCondition handleMove(T_DIMSE_C_MoveRQ& req, T_ASC_PresentationContextID pid);
    OFCondition handleGet(T_DIMSE_C_GetRQ& req, T_ASC_PresentationContextID pid);
    // C-STORE of one instance on this association (C-GET sub-operation): `status` is the
    // peer's answer or a failure when it could not be tried; bad only when the association broke.
    OFCondition storeOnThisAssociation(const OutgoingInstance& item, Uint16& status,
                                       std::string& comment);
    OFCondition sendGetResponse(T_ASC_PresentationContextID pid, const T_DIMSE_C_GetRQ& req,
                                Uint16 status, const SubOperations& ops, bool final,
                                DcmDataset* identifier, const std::string& comment);

    const ListenerConfig& config_;
    IStoreHandler& store_;
    IQueryHandler* query_;
    T_ASC_Association* assoc_ = nullptr;
};

}  // namespace countyread::dicom::detail
