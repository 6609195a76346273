#include "dicom/net/StoreClient.h"

#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmnet/scu.h>

#include <algorithm>
#include <map>
#include <set>

#include "dicom/model/DicomFile.h"
#include "dicom/net/NetworkSetup.h"

namespace countyread::dicom {

namespace fs = std::filesystem;

namespace {

struct FileHeader {
    fs::path file;
    std::string sop_class;
    std::string sop_instance;
    std::string xfer;
    std::string error;
};

FileHeader readHeader(const fs::path& file) {
    FileHeader h{file, {}, {}, {}, {}};
    DcmFileFormat ff;
    OFCondition cond = ff.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, 256, ERM_fileOnly);
    if (cond.bad()) {
        h.error = std::string("not a readable DICOM file: ") + cond.text();
        return h;
    }
    OFString v;
    if (ff.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPClassUID, v).good() && !v.empty())
        h.sop_class = v.c_str();
    else if (ff.getDataset()->findAndGetOFString(DCM_SOPClassUID, v).good())
        h.sop_class = v.c_str();
    if (ff.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPInstanceUID, v).good() && !v.empty())
        h.sop_instance = v.c_str();
    else if (ff.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, v).good())
        h.sop_instance = v.c_str();
    h.xfer = DcmXfer(ff.getDataset()->getOriginalXfer()).getXferID();
    if (h.sop_class.empty() || h.sop_instance.empty()) h.error = "no SOP Class/Instance UID";
    return h;
}

void configure(DcmSCU& scu, const PeerAddress& peer) {
    scu.setAETitle(peer.calling_ae.c_str());
    scu.setPeerHostName(peer.host.c_str());
    scu.setPeerPort(static_cast<Uint16>(peer.port));
    scu.setPeerAETitle(peer.called_ae.c_str());
    scu.setACSETimeout(static_cast<Uint32>(peer.timeout_s));
    scu.setDIMSETimeout(static_cast<Uint32>(peer.timeout_s));
    scu.setConnectionTimeout(peer.timeout_s);
}

void connect(DcmSCU& scu, const PeerAddress& peer) {
    OFCondition cond = scu.initNetwork();
    if (cond.good()) cond = scu.negotiateAssociation();
    if (cond.bad())
        throw DicomError("cannot open association with " + peer.called_ae + "@" + peer.host + ":" +
                         std::to_string(peer.port) + ": " + cond.text());
}

}  // namespace

std::vector<fs::path> collectFiles(const std::vector<fs::path>& paths) {
    std::vector<fs::path> out;
    for (const auto& p : paths) {
        if (fs::is_directory(p)) {
            for (auto& e : fs::recursive_directory_iterator(p))
                if (e.is_regular_file()) out.push_back(e.path());
        } else {
            out.push_back(p);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

StoreClient::StoreClient(PeerAddress peer) : peer_(std::move(peer)) { prepareDicomNetworking(); }
StoreClient::~StoreClient() = default;

void StoreClient::echo() {
    DcmSCU scu;
    configure(scu, peer_);
    scu.addPresentationContext(UID_VerificationSOPClass, {UID_LittleEndianImplicitTransferSyntax});
    connect(scu, peer_);
    OFCondition cond = scu.sendECHORequest(0);
    scu.releaseAssociation();
    if (cond.bad()) throw DicomError(std::string("C-ECHO failed: ") + cond.text());
}

std::vector<SendOutcome> StoreClient::send(const std::vector<fs::path>& files,
                                           const std::function<void(const SendOutcome&)>& progress) {
    std::vector<SendOutcome> outcomes;
    std::vector<FileHeader> headers;
    for (const auto& f : files) headers.push_back(readHeader(f));

    // Propose each (SOP class, transfer syntax) pair once; uncompressed files also offer
    // the other uncompressed syntaxes so the peer can pick.
    std::map<std::string, std::set<std::string>> wanted;
    for (const auto& h : headers) {
        if (!h.error.empty()) continue;
        wanted[h.sop_class].insert(h.xfer);
    }
    DcmSCU scu;
    configure(scu, peer_);
    size_t contexts = 0;
    // One context per (class, syntax) with only the file's own syntax, so the peer receives
    // the file as it is; uncompressed files also get a fallback context in implicit little
    // endian (the default every SCP accepts). At most 128 contexts fit in one association.
    std::set<std::pair<std::string, std::string>> proposed;
    auto propose = [&](const std::string& sop, const std::string& xfer) {
        if (contexts >= 128 || !proposed.insert({sop, xfer}).second) return;
        OFList<OFString> list;
        list.push_back(xfer.c_str());
        scu.addPresentationContext(sop.c_str(), list);
        ++contexts;
    };
    for (const auto& [sop, xfers] : wanted)
        for (const auto& x : xfers) propose(sop, x);
    for (const auto& [sop, xfers] : wanted)
        for (const auto& x : xfers)
            if (DcmXfer(x.c_str()).isNotEncapsulated()) propose(sop, UID_LittleEndianImplicitTransferSyntax);
    if (contexts > 0) connect(scu, peer_);

    for (const auto& h : headers) {
        SendOutcome o;
        o.file = h.file;
        o.sop_instance_uid = h.sop_instance;
        if (!h.error.empty()) {
            o.message = h.error;
        } else {
            T_ASC_PresentationContextID pid =
                scu.findPresentationContextID(h.sop_class.c_str(), h.xfer.c_str());
            if (pid == 0) pid = scu.findAnyPresentationContextID(h.sop_class.c_str(), h.xfer.c_str());
            if (pid == 0) {
                o.message = "peer accepted no presentation context for SOP class " + h.sop_class +
                            " / " + h.xfer;
            } else {
                Uint16 status = 0xFFFF;
                OFCondition cond = scu.sendSTORERequest(pid, OFFilename(h.file.c_str()), nullptr, status);
                o.status = status;
                if (cond.bad()) {
                    o.message = std::string("C-STORE failed: ") + cond.text();
                    if (!scu.isConnected()) {
                        // The association died: re-open it for the remaining files.
                        scu.closeAssociation(DCMSCU_ABORT_ASSOCIATION);
                        try {
                            connect(scu, peer_);
                        } catch (...) {
                        }
                    }
                } else if (status == 0 || (status & 0xF000) == 0xB000) {
                    o.ok = true;
                    if (status != 0) o.message = "warning status";
                } else {
                    char buf[64];
                    std::snprintf(buf, sizeof buf, "peer refused with status 0x%04X", status);
                    o.message = buf;
                }
            }
        }
        if (progress) progress(o);
        outcomes.push_back(std::move(o));
    }
    if (scu.isConnected()) scu.releaseAssociation();
    return outcomes;
}

}  // namespace countyread::dicom
