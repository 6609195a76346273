#include "dicom/net/NetworkSetup.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmnet/diutil.h>

#include <cstdlib>
#include <mutex>

namespace countyread::dicom {

void prepareDicomNetworking() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Read by dcmnet when it opens sockets.
        ::setenv("TCP_NODELAY", "1", 0);
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
        for (int i = 0; i < numberOfDcmAllStorageSOPClassUIDs; ++i)
            m[dcmAllStorageSOPClassUIDs[i]] = xfers;
        m[UID_VerificationSOPClass] = {UID_LittleEndianExplicitTransferSyntax,
                                       UID_LittleEndianImplicitTransferSyntax};
        return m;
    }();
    return contexts;
}

bool portAcceptsConnections(int port, const char* host) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, host, &addr.sin_addr);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

}  // namespace countyread::dicom
