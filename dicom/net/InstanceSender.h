#pragma once
// C-STORE SCU for C-MOVE sub-operations: one association to the move destination, each
// instance read only when it is sent, the Move Originator AE title and message ID on every
// C-STORE request. Context policy as StoreClient: the instance's own transfer syntax, plus
// implicit little endian for uncompressed ones.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dicom/net/IQueryHandler.h"
#include "dicom/net/StoreClient.h"

namespace countyread::dicom {

struct MoveOriginator {
    std::string ae_title;
    uint16_t message_id = 0;
};

// Sends `instances` in order; `progress` is called after each one and returns false to stop
// (C-CANCEL). Never throws for a single instance; throws DicomError when no association can be
// established with `peer`.
std::vector<SendOutcome> sendInstances(const PeerAddress& peer,
                                       const std::vector<OutgoingInstance>& instances,
                                       const MoveOriginator& originator,
                                       const std::function<bool(const SendOutcome&)>& progress);

}  // namespace countyread::dicom
