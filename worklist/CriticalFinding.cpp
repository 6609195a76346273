#include "worklist/CriticalFinding.h"

#include <algorithm>

#include "worklist/ReadingItem.h"

namespace countyread::worklist {

void acknowledge(CriticalFinding& f, const std::string& by, Instant at) {
    if (f.acknowledged_at)
        throw WorkflowError("critical finding on " + f.study_uid + " was already acknowledged by " +
                            f.acknowledged_by);
    if (at < f.flagged_at) throw WorkflowError("an acknowledgement cannot precede the flag");
    f.acknowledged_at = at;
    f.acknowledged_by = by;
}

std::optional<Seconds> ackDelay(const CriticalFinding& f) {
    if (!f.acknowledged_at) return std::nullopt;
    return *f.acknowledged_at - f.flagged_at;
}

Seconds ackDelay(const CriticalFinding& f, Instant now) {
    return std::max(Seconds{0}, f.acknowledged_at.value_or(now) - f.flagged_at);
}

bool ackLate(const CriticalFinding& f, Instant now, Seconds limit) { return ackDelay(f, now) > limit; }

}  // namespace countyread::worklist
