#include "dicom/net/InstanceSender.h"

#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmnet/scu.h>

#include <set>
#include <utility>

#include "dicom/model/DatasetAccess.h"
#include "dicom/net/NetworkSetup.h"

namespace countyread::dicom {

std::vector<SendOutcome> sendInstances(const PeerAddress& peer,
                                       const std::vector<OutgoingInstance>& instances,
                                       const MoveOriginator& originator,
                                       const std::function<bool(const SendOutcome&)>& progress) {
    prepareDicomNetworking();
    std::vector<SendOutcome> outcomes;
    if (instances.empty()) return outcomes;

    DcmSCU scu;
    scu.setAETitle(peer.calling_ae.c_str());
    scu.setPeerHostName(peer.host.c_str());
    scu.setPeerPort(static_cast<Uint16>(peer.port));
    scu.setPeerAETitle(peer.called_ae.c_str());
    scu.setACSETimeout(static_cast<Uint32>(peer.timeout_s));
    scu.setDIMSETimeout(static_cast<Uint32>(peer.timeout_s));
    scu.setConnectionTimeout(peer.timeout_s);

    // One context per (class, syntax), then implicit little endian for uncompressed data;
    // at most 128 contexts fit in one association.
    std::set<std::pair<std::string, std::string>> proposed;
    auto propose = [&](const std::string& sop, const std::string& xfer) {
        if (proposed.size() >= 128 || sop.empty() || xfer.empty()) return;
        if (!proposed.insert({sop, xfer}).second) return;
        OFList<OFString> list;
        list.push_back(xfer.c_str());
        scu.addPresentationContext(sop.c_str(), list);
    };
    for (const auto& i : instances) propose(i.sop_class_uid, i.transfer_syntax_uid);
    for (const auto& i : instances)
        if (DcmXfer(i.transfer_syntax_uid.c_str()).isNotEncapsulated())
            propose(i.sop_class_uid, UID_LittleEndianImplicitTransferSyntax);

    OFCondition cond = scu.initNetwork();
    if (cond.good()) cond = scu.negotiateAssociation();
    if (cond.bad())
        throw DicomError("cannot open association with " + peer.called_ae + "@" + peer.host + ":" +
                         std::to_string(peer.port) + ": " + cond.text());

    for (const auto& item : instances) {
        SendOutcome o;
        o.sop_instance_uid = item.sop_instance_uid;
        T_ASC_PresentationContextID pid = scu.findPresentationContextID(
            item.sop_class_uid.c_str(), item.transfer_syntax_uid.c_str());
        if (pid == 0)
            pid = scu.findAnyPresentationContextID(item.sop_class_uid.c_str(),
                                                   item.transfer_syntax_uid.c_str());
        if (pid == 0) {
            o.message = "destination accepted no presentation context for " + item.sop_class_uid +
                        " / " + item.transfer_syntax_uid;
        } else if (!scu.isConnected()) {
            o.message = "association to the destination was lost";
        } else {
            try {
                DcmFileFormat ff;
                detail::loadFromBytes(ff, item.read());
                Uint16 status = 0xFFFF;
                cond = scu.sendSTORERequest(pid, OFFilename(), ff.getDataset(), status,
                                            originator.ae_title.c_str(), originator.message_id);
                o.status = status;
                if (cond.bad()) {
                    o.message = std::string("C-STORE failed: ") + cond.text();
                } else if (status == 0 || (status & 0xF000) == 0xB000) {
                    o.ok = true;
                    if (status != 0) o.message = "warning status";
                } else {
                    char buf[64];
                    std::snprintf(buf, sizeof buf, "destination refused with status 0x%04X",
                                  status);
                    o.message = buf;
                }
            } catch (const std::exception& e) {
                o.message = e.what();
            }
        }
        outcomes.push_back(o);
        if (progress && !progress(o)) break;
    }
    if (scu.isConnected()) scu.releaseAssociation();
    return outcomes;
}

}  // namespace countyread::dicom
