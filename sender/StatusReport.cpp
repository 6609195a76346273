#include "sender/StatusReport.h"

#include <cstdio>
#include <ostream>

namespace countyread::sender {

std::string humanBytes(int64_t bytes) {
    char buf[32];
    if (bytes >= 1024 * 1024)
        std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    else
        std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024.0);
    return buf;
}

std::string progressText(const StudyStatus& s) {
    int pct = s.bytes_total > 0 ? static_cast<int>(100 * s.bytes_delivered / s.bytes_total) : 0;
    return std::to_string(s.delivered) + "/" + std::to_string(s.instances) + " (" +
           std::to_string(pct) + "%)";
}

void printStatusTable(const std::vector<StudyStatus>& studies, std::ostream& out) {
    out << "state          priority   progress        patient / study\n";
    for (const auto& s : studies) {
        std::string state = toString(s.phase);
        state.resize(14, ' ');
        std::string prio = s.priority == Priority::Emergency ? "EMERGENCY" : "routine";
        prio.resize(10, ' ');
        std::string prog = progressText(s);
        prog.resize(15, ' ');
        out << state << " " << prio << " " << prog << " " << s.patient_name << " (" << s.patient_id
            << ") " << s.modality << " " << s.description << "  " << s.study_uid;
        if (!s.county_received_at.empty()) out << "  county received " << s.county_received_at;
        if (!s.signed_at.empty()) out << "  signed " << s.signed_at << " by " << s.signed_by;
        if (s.critical) out << "  CRITICAL";
        if (!s.last_error.empty() && s.phase != StudyPhase::Delivered &&
            s.phase != StudyPhase::ReportReady)
            out << "  last error: " << s.last_error;
        out << "\n";
    }
}

}  // namespace countyread::sender
