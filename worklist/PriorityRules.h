#pragma once
// Where an item's priority comes from, in order of precedence (the first that applies wins):
//   1. an explicit priority set later by the township or an administrator (ReadingWorkflow::setPriority);
//   2. a rule for the calling AE title (one modality or gateway, e.g. a township's emergency room);
//   3. a rule for the township (e.g. "every study from township X is an emergency");
//   4. the DIMSE priority of the C-STORE request (0x0000 MEDIUM, 0x0001 HIGH, 0x0002 LOW).
// DIMSE mapping: HIGH -> urgent, MEDIUM -> routine, LOW -> routine, anything else -> routine.
// DIMSE cannot say "emergency": HIGH is what every modality sends for "sooner than usual", and
// an emergency (急诊) must be declared by a rule or by a person.
#include <cstdint>
#include <string>
#include <unordered_map>

#include "worklist/ReadingItem.h"

namespace countyread::worklist {

constexpr std::uint16_t kDimsePriorityMedium = 0x0000;
constexpr std::uint16_t kDimsePriorityHigh = 0x0001;
constexpr std::uint16_t kDimsePriorityLow = 0x0002;

Priority priorityFromDimse(std::uint16_t dimse_priority);

class PriorityRules {
public:
    void setTownshipRule(const std::string& township, Priority p) { by_township_[township] = p; }
    void setCallingAeRule(const std::string& calling_ae, Priority p) { by_ae_[calling_ae] = p; }
    void clearTownshipRule(const std::string& township) { by_township_.erase(township); }
    void clearCallingAeRule(const std::string& calling_ae) { by_ae_.erase(calling_ae); }

    // The priority of a newly received study (rules 2-4 above).
    Priority resolve(std::uint16_t dimse_priority, const std::string& township,
                     const std::string& calling_ae) const;

private:
    std::unordered_map<std::string, Priority> by_township_;
    std::unordered_map<std::string, Priority> by_ae_;
};

}  // namespace countyread::worklist
