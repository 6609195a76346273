#pragma once
// Escalation (超时预警): unread items (received, assigned, in reading) that have used 80% or
// more of their turnaround limit are "at risk"; past the deadline they are "overdue". For each
// one a suggestion:
//   received (in the pool)  -> re-route to the best on-duty candidate, or admin attention;
//   assigned (not opened)   -> re-route to another qualified on-duty radiologist with a lower
//                              load than the assignee (any load when the assignee is off duty),
//                              or admin attention when there is none;
//   in reading              -> wait for the reader while at risk; admin attention once overdue.
#include <string>
#include <vector>

#include "worklist/AssignmentEngine.h"
#include "worklist/TurnaroundPolicy.h"

namespace countyread::worklist {

enum class RiskLevel { AtRisk, Overdue };
enum class EscalationAction { Reroute, AdminAttention, WaitForReader };

constexpr int kAtRiskNumerator = 4, kAtRiskDenominator = 5;  // 80%

struct Escalation {
    std::string study_uid;
    RiskLevel level = RiskLevel::AtRisk;
    double fraction_used = 0;
    Instant deadline{};
    std::string assigned_to;  // "" in the pool
    EscalationAction action = EscalationAction::AdminAttention;
    std::string suggested;    // the radiologist to re-route to, for Reroute
    std::string reason;
};

// At-risk and overdue items among `items` (others are ignored), most urgent deadline first.
std::vector<Escalation> findEscalations(const std::vector<const WorkItem*>& items,
                                        const TurnaroundPolicy& policy,
                                        const AssignmentEngine& engine, Instant now);

std::string toString(RiskLevel level);
std::string toString(EscalationAction action);

}  // namespace countyread::worklist
