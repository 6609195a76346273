#include "dicom/net/NetworkSetup.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/oflog/oflog.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <mutex>
#include <set>

namespace countyread::dicom {

void prepareDicomNetworking() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Read by dcmnet when it opens sockets.
        ::setenv("TCP_NODELAY", "1", 0);
        // DCMTK logs every association at INFO; our own log says what matters.
        if (!std::getenv("COUNTYREAD_DCMTK_LOG")) OFLog::configure(OFLogger::WARN_LOG_LEVEL);
    });
}

const std::map<std::string, std::vector<std::string>>& acceptedContexts() {
    static const auto contexts = [] {
        std::map<std::string, std::vector<std::string>> m;
        // Stored as received: every common syntax, uncompressed first.
        const std::vector<std::string> xfers = {
            UID_LittleEndianExplicitTransferSyntax,
            UID_LittleEndianImplicitTransferSyntax,
            UID_BigEndianExplicitTransferSyntax,
            UID_DeflatedExplicitVRLittleEndianTransferSyntax,
            UID_JPEGProcess1TransferSyntax,
            UID_JPEGProcess2_4TransferSyntax,
            UID_JPEGProcess6_8TransferSyntax,   // retired, still sent by old modalities
            UID_JPEGProcess10_12TransferSyntax,  // retired
            UID_JPEGProcess14TransferSyntax,
            UID_JPEGProcess14SV1TransferSyntax,
            UID_JPEGLSLosslessTransferSyntax,
            UID_JPEGLSLossyTransferSyntax,
            UID_JPEG2000LosslessOnlyTransferSyntax,
            UID_JPEG2000TransferSyntax,
            UID_RLELosslessTransferSyntax,
        };
        // An SCP profile holds at most 128 presentation contexts, so not every storage class
        // DCMTK knows (186) fits next to verification and the six Query/Retrieve classes.
        // Start from DCMTK's list of the 120 commonly used ones (CR, DX, MG, CT, enhanced CT,
        // MR, enhanced MR, US, US multiframe, XA, RF, SC, NM, PET, RT, SR, KOS, presentation
        // states, encapsulated PDF/CDA, VL photographic/endoscopic, ophthalmic photography...),
        // drop retired classes no township device sends and the ophthalmic measurement and
        // surface-scan classes, and add the SR and presentation state classes it lacks.
        static const std::set<std::string> dropped = {
            "1.2.840.10008.5.1.1.30",        // retired hardcopy colour image
            "1.2.840.10008.5.1.1.29",        // retired hardcopy grayscale image
            "1.2.840.10008.5.1.4.1.1.5",     // retired NM
            "1.2.840.10008.5.1.4.1.1.9",     // retired standalone curve
            "1.2.840.10008.5.1.4.1.1.10",    // retired standalone modality LUT
            "1.2.840.10008.5.1.4.1.1.8",     // retired standalone overlay
            "1.2.840.10008.5.1.4.1.1.129",   // retired standalone PET curve
            "1.2.840.10008.5.1.4.1.1.11",    // retired standalone VOI LUT
            "1.2.840.10008.5.1.1.27",        // retired stored print
            "1.2.840.10008.5.1.4.1.1.77.1",  // retired VL image
            "1.2.840.10008.5.1.4.1.1.77.2",  // retired VL multiframe image
            "1.2.840.10008.5.1.4.1.1.12.3",  // retired XA bi-plane
            "1.2.840.10008.5.1.4.1.1.78.1",  // lensometry measurements
            "1.2.840.10008.5.1.4.1.1.78.2",  // autorefraction measurements
            "1.2.840.10008.5.1.4.1.1.78.3",  // keratometry measurements
            "1.2.840.10008.5.1.4.1.1.78.4",  // subjective refraction measurements
            "1.2.840.10008.5.1.4.1.1.78.5",  // visual acuity measurements
            "1.2.840.10008.5.1.4.1.1.78.7",  // ophthalmic axial measurements
            "1.2.840.10008.5.1.4.1.1.78.8",  // intraocular lens calculations
            "1.2.840.10008.5.1.4.1.1.80.1",  // visual field static perimetry
            "1.2.840.10008.5.1.4.1.1.14.1",  // intravascular OCT for presentation
            "1.2.840.10008.5.1.4.1.1.14.2",  // intravascular OCT for processing
            "1.2.840.10008.5.1.4.1.1.68.1",  // surface scan mesh
            "1.2.840.10008.5.1.4.1.1.68.2",  // surface scan point cloud
        };
        for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs; ++i)
            if (!dropped.count(dcmLongSCUStorageSOPClassUIDs[i]))
                m[dcmLongSCUStorageSOPClassUIDs[i]] = xfers;
        for (const char* added : {
                 "1.2.840.10008.5.1.4.1.1.88.35",   // extensible SR
                 "1.2.840.10008.5.1.4.1.1.88.68",   // radiopharmaceutical radiation dose SR
                 "1.2.840.10008.5.1.4.1.1.88.71",   // acquisition context SR
                 "1.2.840.10008.5.1.4.1.1.88.72",   // simplified adult echo SR
                 "1.2.840.10008.5.1.4.1.1.88.73",   // patient radiation dose SR
                 "1.2.840.10008.5.1.4.1.1.88.74",   // planned imaging agent administration SR
                 "1.2.840.10008.5.1.4.1.1.88.75",   // performed imaging agent administration SR
                 "1.2.840.10008.5.1.4.1.1.88.76",   // enhanced X-ray radiation dose SR
                 "1.2.840.10008.5.1.4.1.1.11.6",    // grayscale planar MPR volumetric PS
                 "1.2.840.10008.5.1.4.1.1.11.7",    // compositing planar MPR volumetric PS
                 "1.2.840.10008.5.1.4.1.1.11.8",    // advanced blending PS
                 "1.2.840.10008.5.1.4.1.1.11.9",    // volume rendering volumetric PS
                 "1.2.840.10008.5.1.4.1.1.11.10",   // segmented volume rendering volumetric PS
                 "1.2.840.10008.5.1.4.1.1.11.11",   // multiple volume rendering volumetric PS
                 "1.2.840.10008.5.1.4.1.1.13.1.4",  // breast projection X-ray for presentation
                 "1.2.840.10008.5.1.4.1.1.13.1.5",  // breast projection X-ray for processing
             })
            m[added] = xfers;
        m[UID_VerificationSOPClass] = {UID_LittleEndianExplicitTransferSyntax,
                                       UID_LittleEndianImplicitTransferSyntax};
        return m;
    }();
    return contexts;
}

const std::map<std::string, std::vector<std::string>>& queryRetrieveContexts() {
    static const std::map<std::string, std::vector<std::string>> contexts = [] {
        std::map<std::string, std::vector<std::string>> m;
        const std::vector<std::string> xfers = {UID_LittleEndianExplicitTransferSyntax,
                                                UID_LittleEndianImplicitTransferSyntax,
                                                UID_BigEndianExplicitTransferSyntax};
        for (const char* sop : {UID_FINDPatientRootQueryRetrieveInformationModel,
                                UID_MOVEPatientRootQueryRetrieveInformationModel,
                                UID_GETPatientRootQueryRetrieveInformationModel,
                                UID_FINDStudyRootQueryRetrieveInformationModel,
                                UID_MOVEStudyRootQueryRetrieveInformationModel,
                                UID_GETStudyRootQueryRetrieveInformationModel})
            m[sop] = xfers;
        return m;
    }();
    return contexts;
}

bool portIsFree(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 && ::listen(fd, 1) == 0;
    ::close(fd);
    return ok;
}

bool portIsListening(int port) {
    // Reads the kernel's socket tables instead of connecting, so the DICOM listener does not
    // see (and log) a probe association.
    char wanted[8];
    std::snprintf(wanted, sizeof wanted, "%04X", port);
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        std::ifstream in(table);
        std::string line;
        std::getline(in, line);  // header
        while (std::getline(in, line)) {
            std::istringstream ss(line);
            std::string slot, local, remote, state;
            ss >> slot >> local >> remote >> state;
            auto colon = local.rfind(':');
            if (state == "0A" && colon != std::string::npos && local.substr(colon + 1) == wanted)
                return true;
        }
    }
    return false;
}

}  // namespace countyread::dicom
