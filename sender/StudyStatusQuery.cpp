// The read side of the outbox: study status for the gateway, the `status` command and the
// technician window (which opens the index from its own process).
#include <mutex>

#include "sender/LocalDb.h"
#include "sender/Outbox.h"

namespace countyread::sender {

std::string toString(InstanceState s) {
    switch (s) {
        case InstanceState::Queued:
            return "queued";
        case InstanceState::Delivered:
            return "delivered";
        case InstanceState::Rejected:
            return "rejected";
    }
    return "queued";
}

std::string toString(StudyPhase p) {
    switch (p) {
        case StudyPhase::Queued:
            return "queued";
        case StudyPhase::Sending:
            return "sending";
        case StudyPhase::Delivered:
            return "delivered";
        case StudyPhase::ReportReady:
            return "report_ready";
        case StudyPhase::Failed:
            return "failed";
    }
    return "queued";
}

std::string phaseLabelZh(StudyPhase p) {
    switch (p) {
        case StudyPhase::Queued:
            return "排队中";
        case StudyPhase::Sending:
            return "发送中";
        case StudyPhase::Delivered:
            return "已送达";
        case StudyPhase::ReportReady:
            return "报告已出";
        case StudyPhase::Failed:
            return "发送失败";
    }
    return "排队中";
}

std::vector<StudyStatus> readStudyStatus(LocalDb& db) {
    std::lock_guard lock(db.mutex());
    auto st = db.prepare(R"sql(
SELECT s.study_uid, s.patient_name, s.patient_id, s.modality, s.description, s.study_date,
       s.priority, s.created_at, s.county_received_at, s.county_state, s.signed_at, s.signed_by,
       s.report_file, s.report_text, s.critical, s.critical_ack,
       COUNT(i.seq),
       COALESCE(SUM(i.state='delivered'), 0),
       COALESCE(SUM(i.state='rejected'), 0),
       COALESCE(SUM(i.size), 0),
       COALESCE(SUM(CASE WHEN i.state='delivered' THEN i.size END), 0),
       COALESCE(SUM(CASE WHEN i.state='delivered' THEN i.sent_bytes END), 0),
       COALESCE(MAX(i.attempts), 0),
       COALESCE(MAX(i.delivered_at), ''),
       COALESCE((SELECT e.last_error FROM instances e WHERE e.study_uid=s.study_uid AND
                 e.last_error<>'' AND e.state<>'delivered' ORDER BY e.seq DESC LIMIT 1), '')
FROM studies s LEFT JOIN instances i ON i.study_uid=s.study_uid
GROUP BY s.study_uid
ORDER BY s.priority DESC, s.created_at DESC, s.study_uid)sql");
    std::vector<StudyStatus> out;
    while (st.step()) {
        StudyStatus s;
        s.study_uid = st.getText(0);
        s.patient_name = st.getText(1);
        s.patient_id = st.getText(2);
        s.modality = st.getText(3);
        s.description = st.getText(4);
        s.study_date = st.getText(5);
        s.priority = st.getInt(6) > 0 ? Priority::Emergency : Priority::Routine;
        s.created_at = st.getText(7);
        s.county_received_at = st.getText(8);
        s.county_state = st.getText(9);
        s.signed_at = st.getText(10);
        s.signed_by = st.getText(11);
        s.report_file = st.getText(12);
        s.report_text = st.getText(13);
        s.critical = st.getInt(14) != 0;
        s.critical_acknowledged = st.getInt(15) != 0;
        s.instances = static_cast<int>(st.getInt(16));
        s.delivered = static_cast<int>(st.getInt(17));
        s.rejected = static_cast<int>(st.getInt(18));
        s.bytes_total = st.getInt(19);
        s.bytes_delivered = st.getInt(20);
        s.bytes_on_wire = st.getInt(21);
        s.started = st.getInt(22) > 0;
        s.delivered_at = st.getText(23);
        s.last_error = st.getText(24);
        if (!s.signed_at.empty())
            s.phase = StudyPhase::ReportReady;
        else if (s.instances > 0 && s.delivered == s.instances)
            s.phase = StudyPhase::Delivered;
        else if (s.rejected > 0 && s.delivered + s.rejected == s.instances)
            s.phase = StudyPhase::Failed;
        else if (s.started || s.delivered > 0)
            s.phase = StudyPhase::Sending;
        else
            s.phase = StudyPhase::Queued;
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace countyread::sender
