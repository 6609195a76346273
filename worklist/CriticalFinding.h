#pragma once
// Critical findings (危急值): a radiologist flags one on a study; the township's clinician must
// acknowledge it. The acknowledgement delay is what hospitals audit (a common target is
// 15 minutes from flag to acknowledgement; kDefaultCriticalAckLimit, configurable per call).
#include <optional>
#include <string>

#include "worklist/Clock.h"

namespace countyread::worklist {

constexpr Seconds kDefaultCriticalAckLimit = std::chrono::minutes(15);

struct CriticalFinding {
    std::string study_uid;
    std::string finding;  // e.g. "大量气胸"
    Instant flagged_at{};
    std::string flagged_by;
    std::optional<Instant> acknowledged_at;
    std::string acknowledged_by;
};

// Records the acknowledgement; throws WorkflowError when already acknowledged or when `at`
// is before the flag.
void acknowledge(CriticalFinding& finding, const std::string& by, Instant at);
// flag -> acknowledgement; nullopt while unacknowledged.
std::optional<Seconds> ackDelay(const CriticalFinding& finding);
// flag -> acknowledgement, or flag -> now while still waiting.
Seconds ackDelay(const CriticalFinding& finding, Instant now);
// Unacknowledged past the limit, or acknowledged later than the limit.
bool ackLate(const CriticalFinding& finding, Instant now, Seconds limit = kDefaultCriticalAckLimit);

}  // namespace countyread::worklist
