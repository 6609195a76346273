#pragma once
// C-STORE SCU: sends DICOM files to a peer AE over one association, reporting per file.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace countyread::dicom {

struct PeerAddress {
    std::string host = "127.0.0.1";
    int port = 11112;
    std::string calling_ae = "COUNTYREAD";
    std::string called_ae = "COUNTY";
    int timeout_s = 30;
};

struct SendOutcome {
    std::filesystem::path file;
    std::string sop_instance_uid;
    bool ok = false;
    uint16_t status = 0xFFFF;  // DIMSE status from the peer, 0xFFFF if none was received
    std::string message;       // readable explanation when !ok (or a warning)
};

class StoreClient {
public:
    explicit StoreClient(PeerAddress peer);
    ~StoreClient();

    // C-ECHO; throws DicomError with the peer's reason on failure.
    void echo();

    // Sends every file in one association (contexts proposed from the files themselves).
    // Never throws for per-file problems: each outcome says what happened. Throws
    // DicomError when the association cannot be established at all.
    std::vector<SendOutcome> send(const std::vector<std::filesystem::path>& files,
                                  const std::function<void(const SendOutcome&)>& progress = {});

private:
    PeerAddress peer_;
};

// Expands files and directories (recursively) into the list of regular files, sorted.
std::vector<std::filesystem::path> collectFiles(const std::vector<std::filesystem::path>& paths);

}  // namespace countyread::dicom
