#include "worklist/PriorityRules.h"

namespace countyread::worklist {

Priority priorityFromDimse(std::uint16_t dimse_priority) {
    return dimse_priority == kDimsePriorityHigh ? Priority::Urgent : Priority::Routine;
}

Priority PriorityRules::resolve(std::uint16_t dimse_priority, const std::string& township,
                                const std::string& calling_ae) const {
    if (auto it = by_ae_.find(calling_ae); !calling_ae.empty() && it != by_ae_.end()) return it->second;
    if (auto it = by_township_.find(township); !township.empty() && it != by_township_.end())
        return it->second;
    return priorityFromDimse(dimse_priority);
}

}  // namespace countyread::worklist
