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
    }
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
