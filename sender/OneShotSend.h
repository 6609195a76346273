#pragma once
// The one-shot mode of countyread-send: files, folders and DICOMDIRs go to the county through
// the same outbox and forwarder as the service (several associations, retries, optional
// compression and throttling), with one status line per file and a summary.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "dicom/net/StoreClient.h"
#include "sender/OutboxTypes.h"

namespace countyread::sender {

struct OneShotOptions {
    dicom::PeerAddress county;
    std::vector<std::filesystem::path> inputs;
    int associations = 2;
    bool compress = false;
    int64_t rate_kbps = 0;
    Priority priority = Priority::Routine;
    int retries = 3;  // further attempts per instance after the first, and per connection
    // Keep the outbox here (a later run resumes and skips what was delivered); empty: a
    // temporary outbox removed at the end.
    std::filesystem::path outbox_dir;
    int backoff_initial_ms = 500;
    int backoff_max_ms = 10000;
};

// Exit codes: 0 every file accepted; 1 some failed; 2 no files; 3 the county could not be
// reached at all.
int runOneShot(const OneShotOptions& options, std::ostream& out, std::ostream& err);

}  // namespace countyread::sender
