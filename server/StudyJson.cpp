#include "server/StudyJson.h"

namespace countyread::server {

using nlohmann::json;

json userJson(const ServerConfig& config, const std::string& user_id) {
    const auto* u = config.user(user_id);
    const auto* r = config.radiologist(user_id);
    json j{{"id", user_id}, {"role", u ? u->role : ""}, {"name", r ? r->name : user_id}};
    if (u && !u->township.empty()) j["township"] = u->township;
    return j;
}

json studyJson(const ServerConfig& config, const dicom::StudyRecord& s,
               const worklist::ReadingItem* item) {
    const auto& i = s.info;
    std::string township = item ? item->township : "";
    const auto* t = config.townshipById(township);
    json j{{"study_uid", i.study_uid},
           {"patient_name", i.patient_name},
           {"patient_id", i.patient_id},
           {"patient_sex", i.patient_sex},
           {"patient_birth_date", i.patient_birth_date},
           {"study_date", i.study_date},
           {"study_time", i.study_time},
           {"study_description", i.study_description},
           {"accession_number", i.accession_number},
           {"modality", s.modality},
           {"township", township},
           {"township_name", t ? t->name : ""},
           {"source_ae", s.source_ae},
           {"received_at", s.received_at},
           {"updated_at", s.updated_at},
           {"instances", s.instance_count},
           {"state", item ? worklist::toString(item->state) : "received"},
           {"priority", item ? worklist::toString(item->priority) : "routine"},
           {"assigned_to", item ? item->assigned_to : ""}};
    if (item) {
        j["assigned_at"] = item->assigned_at;
        j["opened_at"] = item->opened_at;
        j["signed_at"] = item->signed_at;
        j["signed_by"] = item->signed_by;
        j["delivered_at"] = item->delivered_at;
        j["report_sop_instance_uid"] = item->report_sop_uid;
    } else {
        for (const char* k : {"assigned_at", "opened_at", "signed_at", "signed_by", "delivered_at"}) j[k] = "";
    }
    return j;
}

namespace {
const char* criticalName(int c) { return c == 1 ? "open" : c == 2 ? "acknowledged" : "none"; }
bool unread(worklist::ReadingState s) { return worklist::isUnread(s); }
}  // namespace

json studyRowJson(const ServerConfig& config, const dicom::StudyRecord& study, const worklist::WorklistRow* row,
                  const std::string& now) {
    json j = studyJson(config, study, row);
    if (!row) return j;
    j["deadline"] = row->deadline_at;
    j["complete"] = row->complete;
    j["late_instances"] = row->late_instances;
    j["priority_source"] = row->priority_source;
    j["returned_at"] = row->returned_at;
    j["return_reason"] = row->return_reason;
    j["cancelled_at"] = row->cancelled_at;
    j["cancel_reason"] = row->cancel_reason;
    j["amended_at"] = row->amended_at;
    j["critical"] = criticalName(row->critical);
    j["overdue"] = unread(row->state) && !row->deadline_at.empty() && row->deadline_at <= now;
    j["at_risk"] = unread(row->state) && !row->at_risk_at.empty() && row->at_risk_at <= now;
    return j;
}

json worklistRowJson(const ServerConfig& config, const worklist::WorklistRow& r, const std::string& now) {
    const auto* t = config.townshipById(r.township);
    const auto* reader = config.radiologist(r.assigned_to);
    bool locked = !r.locked_by.empty() && r.lock_expires_at > now;
    return {{"study_uid", r.study_uid},
            {"patient_name", r.patient_name},
            {"patient_id", r.patient_id},
            {"modality", r.modality},
            {"body_part", r.body_part},
            {"township", r.township},
            {"township_name", t ? t->name : ""},
            {"calling_ae", r.calling_ae},
            {"priority", worklist::toString(r.priority)},
            {"priority_source", r.priority_source},
            {"state", worklist::toString(r.state)},
            {"complete", r.complete},
            {"assigned_to", r.assigned_to},
            {"assigned_name", reader ? reader->name : ""},
            {"received_at", r.received_at},
            {"assigned_at", r.assigned_at},
            {"opened_at", r.opened_at},
            {"signed_at", r.signed_at},
            {"signed_by", r.signed_by},
            {"delivered_at", r.delivered_at},
            {"amended_at", r.amended_at},
            {"returned_at", r.returned_at},
            {"return_reason", r.return_reason},
            {"cancelled_at", r.cancelled_at},
            {"cancel_reason", r.cancel_reason},
            {"deadline", r.deadline_at},
            {"at_risk", unread(r.state) && !r.at_risk_at.empty() && r.at_risk_at <= now},
            {"overdue", unread(r.state) && !r.deadline_at.empty() && r.deadline_at <= now},
            {"instances", r.instance_count},
            {"late_instances", r.late_instances},
            {"updated_at", r.updated_at},
            {"locked_by", locked ? r.locked_by : ""},
            {"lock_expires_at", locked ? r.lock_expires_at : ""},
            {"critical", criticalName(r.critical)},
            {"escalation", r.escalation},
            {"escalated_at", r.escalated_at}};
}

json criticalJson(const ServerConfig& config, const worklist::CriticalFindingRow& f) {
    const auto* t = config.townshipById(f.township);
    json j{{"id", f.id},
           {"study_uid", f.study_uid},
           {"township", f.township},
           {"township_name", t ? t->name : f.township},
           {"finding", f.finding},
           {"flagged_by", f.flagged_by},
           {"flagged_at", f.flagged_at},
           {"acknowledged_by", f.acknowledged_by},
           {"acknowledged_at", f.acknowledged_at}};
    j["ack_seconds"] = f.ack_seconds >= 0 ? json(f.ack_seconds) : json(nullptr);
    return j;
}

json instanceJson(const dicom::StoredInstance& s) {
    const auto& i = s.info;
    return {{"sop_instance_uid", i.sop_instance_uid}, {"sop_class_uid", i.sop_class_uid},
            {"series_uid", i.series_uid},             {"series_number", i.series_number},
            {"series_description", i.series_description}, {"instance_number", i.instance_number},
            {"modality", i.modality},                 {"rows", i.rows},
            {"columns", i.columns},                   {"transfer_syntax_uid", i.transfer_syntax_uid},
            {"size_bytes", s.size_bytes}};
}

json deliveryJson(const worklist::Delivery& d) {
    return {{"sop_instance_uid", d.sop_instance_uid}, {"township", d.township},
            {"state", d.state},                       {"attempts", d.attempts},
            {"last_error", d.last_error},             {"next_attempt_at", d.next_attempt_at},
            {"created_at", d.created_at},             {"delivered_at", d.delivered_at}};
}

}  // namespace countyread::server
