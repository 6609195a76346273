#pragma once
// One association from the gateway to the county, built on DcmSCU: proposes each SOP class
// with JPEG-LS lossless (when compression is on) and with the files' own syntax, sends
// C-STORE with a DIMSE priority (DcmSCU 3.6.7's sendSTORERequest has none), reports progress
// per PDV and throttles through a shared token bucket. DCMTK types stay in the .cpp.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "dicom/net/StoreClient.h"

namespace countyread::sender {

class TokenBucket;

struct ForwardError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ForwardClientOptions {
    dicom::PeerAddress peer;          // timeout_s is the connect, ACSE and DIMSE timeout
    bool offer_jpegls = false;        // propose JPEG-LS lossless for uncompressed classes
    TokenBucket* throttle = nullptr;  // shared by all associations; nullptr: unlimited
};

struct ForwardSendResult {
    enum class Outcome {
        Stored,     // status 0000 or a warning (Bxxx): the county has it
        Refused,    // the county answered with a failure status
        NoContext,  // the county accepted no presentation context for this class/syntax
        Lost,       // the association died (or timed out) before a response arrived
        LocalError  // the file could not be read
    };
    Outcome outcome = Outcome::Lost;
    uint16_t status = 0xFFFF;
    std::string message;
    std::string syntax;      // transfer syntax used on the wire
    int64_t bytes_sent = 0;  // dataset bytes written to the association
};

// DIMSE priorities (PS3.7 C.4.1): MEDIUM 0, HIGH 1, LOW 2.
constexpr uint16_t kDimsePriorityMedium = 0;
constexpr uint16_t kDimsePriorityHigh = 1;

class ForwardClient {
public:
    explicit ForwardClient(ForwardClientOptions options);
    ~ForwardClient();
    ForwardClient(const ForwardClient&) = delete;
    ForwardClient& operator=(const ForwardClient&) = delete;

    // Negotiates an association for these (SOP class, transfer syntax of the file) pairs.
    // Throws ForwardError when the county cannot be reached or rejects the association.
    void open(const std::vector<std::pair<std::string, std::string>>& contexts);
    bool isOpen() const;
    // True when `open` proposed contexts for this class and file syntax.
    bool proposed(const std::string& sop_class, const std::string& syntax) const;
    bool acceptsJpegLs(const std::string& sop_class) const;
    // The syntax the county accepted for sending a file of `syntax` (empty: none).
    std::string acceptedSyntaxFor(const std::string& sop_class, const std::string& syntax) const;

    using Progress = std::function<void(int64_t sent)>;
    // Sends `file` (whose own transfer syntax is `file_syntax`). Never throws.
    ForwardSendResult send(const std::filesystem::path& file, const std::string& sop_class,
                           const std::string& sop_uid, const std::string& file_syntax,
                           uint16_t dimse_priority, const Progress& progress = {});
    void release();  // A-RELEASE
    void abort();    // A-ABORT

    std::string describePeer() const;

    class Scu;

private:
    ForwardClientOptions options_;
    std::unique_ptr<Scu> scu_;
    std::set<std::pair<std::string, std::string>> proposed_;
};

}  // namespace countyread::sender
