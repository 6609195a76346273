#include "worklist/Escalation.h"

#include <algorithm>
#include <tuple>

namespace countyread::worklist {

std::string toString(RiskLevel level) { return level == RiskLevel::Overdue ? "overdue" : "at_risk"; }

std::string toString(EscalationAction action) {
    switch (action) {
        case EscalationAction::Reroute: return "reroute";
        case EscalationAction::AdminAttention: return "admin_attention";
        case EscalationAction::WaitForReader: return "wait_for_reader";
    }
    return "admin_attention";
}

std::vector<Escalation> findEscalations(const std::vector<const WorkItem*>& items,
                                        const TurnaroundPolicy& policy,
                                        const AssignmentEngine& engine, Instant now) {
    std::vector<Escalation> out;
    for (const WorkItem* item : items) {
        if (!isUnread(item->state)) continue;
        if (!policy.usedAtLeast(*item, now, kAtRiskNumerator, kAtRiskDenominator)) continue;
        Escalation e;
        e.study_uid = item->study_uid;
        e.level = policy.usedAtLeast(*item, now, 1, 1) ? RiskLevel::Overdue : RiskLevel::AtRisk;
        e.fraction_used = policy.fractionUsed(*item, now);
        e.deadline = policy.deadline(*item);
        e.assigned_to = item->state == ReadingState::Received ? "" : item->assigned_to;
        if (item->state == ReadingState::InReading) {
            e.action = e.level == RiskLevel::Overdue ? EscalationAction::AdminAttention
                                                     : EscalationAction::WaitForReader;
            e.reason = "being read by " + item->assigned_to;
        } else if (item->state == ReadingState::Received) {
            auto d = engine.choose(*item, now);
            e.action = d ? EscalationAction::Reroute : EscalationAction::AdminAttention;
            e.suggested = d.radiologist.value_or("");
            e.reason = d.reason;
        } else {
            auto d = engine.choose(*item, now, {item->assigned_to, false});
            bool assignee_on_duty = engine.onDuty(item->assigned_to, now);
            if (d && (!assignee_on_duty || engine.load(*d.radiologist) < engine.load(item->assigned_to))) {
                e.action = EscalationAction::Reroute;
                e.suggested = *d.radiologist;
                e.reason = d.reason + (assignee_on_duty ? "" : "; " + item->assigned_to + " is off duty");
            } else {
                e.action = EscalationAction::AdminAttention;
                e.reason = d ? "no on-duty radiologist with a lower load than " + item->assigned_to
                             : d.reason;
            }
        }
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const Escalation& a, const Escalation& b) {
        return std::tie(a.deadline, a.study_uid) < std::tie(b.deadline, b.study_uid);
    });
    return out;
}

}  // namespace countyread::worklist
