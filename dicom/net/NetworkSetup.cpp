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
            UID_JPEGProcess14TransferSyntax,
            UID_JPEGProcess14SV1TransferSyntax,
            UID_JPEGLSLosslessTransferSyntax,
            UID_JPEGLSLossyTransferSyntax,
            UID_JPEG2000LosslessOnlyTransferSyntax,
            UID_JPEG2000TransferSyntax,
            UID_RLELosslessTransferSyntax,
        };
        // An SCP profile holds at most 128 presentation contexts, so not every storage class
        // DCMTK knows (186) fits: DCMTK's list of the 120 commonly used ones does (CR, DX, MG,
        // CT, MR, US, XA, SC, NM, PET, RT, SR, KOS, presentation states, encapsulated PDF...).
        for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs; ++i)
            m[dcmLongSCUStorageSOPClassUIDs[i]] = xfers;
        m[UID_VerificationSOPClass] = {UID_LittleEndianExplicitTransferSyntax,
                                       UID_LittleEndianImplicitTransferSyntax};
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
