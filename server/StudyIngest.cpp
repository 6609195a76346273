#include "server/StudyIngest.h"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "worklist/Assigner.h"

namespace countyread::server {

namespace {
// Reports, key-object selections and presentation states belong to a study but are not
// themselves something to read.
bool isReadable(const dicom::InstanceInfo& info) {
    return info.modality != "SR" && info.modality != "KO" && info.modality != "PR";
}
}  // namespace

StudyIngest::StudyIngest(const ServerConfig& config, dicom::Archive& archive,
                         worklist::WorklistStore& items, worklist::AuditLog& audit)
    : config_(config), archive_(archive), items_(items), audit_(audit) {}

std::string StudyIngest::admit(const std::string& calling_ae, const std::string& host) const {
    if (config_.townshipByAe(calling_ae)) return {};
    return "calling AE title '" + calling_ae + "' is not a configured township";
}

dicom::StoreStatus StudyIngest::onStore(const dicom::ReceivedInstance& in) {
    const TownshipConfig* township = config_.townshipByAe(in.calling_ae);
    dicom::IngestResult result;
    try {
        result = archive_.ingest(in.temp_file, in.info, in.calling_ae);
    } catch (const std::system_error& e) {
        if (e.code().value() == ENOSPC) return {0xA700, "out of disk space"};
        return {0xA700, e.what()};
    } catch (const dicom::DicomError& e) {
        return {0xC000, e.what()};  // invalid identifiers etc.: cannot understand
    } catch (const std::exception& e) {
        return {0xA700, e.what()};
    }
    if (result.outcome == dicom::IndexOutcome::Replaced) {
        spdlog::warn("instance {} re-sent with different content: kept the newer copy",
                     in.info.sop_instance_uid);
        audit_.record(in.calling_ae, "instance_replaced", in.info.sop_instance_uid,
                      "study " + in.info.study_uid);
    }
    if (isReadable(in.info)) {
        try {
            updateWorklist(in.info, township ? township->id : "", in.priority);
        } catch (const std::exception& e) {
            // The instance is durable in the archive; the worklist can be rebuilt from it.
            spdlog::error("worklist update for {} failed: {}", in.info.study_uid, e.what());
        }
    }
    return {0x0000, {}};
}

void StudyIngest::updateWorklist(const dicom::InstanceInfo& info, const std::string& township,
                                 uint16_t dimse_priority) {
    auto priority = dimse_priority == 1 ? worklist::Priority::Urgent : worklist::Priority::Routine;
    auto now = dicom::nowIso8601();
    std::lock_guard lock(assign_mutex_);  // one assignment decision at a time
    auto [item, created] = items_.ensureItem(info.study_uid, township, info.modality, priority, now);
    if (!created) return;
    std::vector<worklist::RadiologistProfile> profiles;
    for (const auto& r : config_.radiologists)
        profiles.push_back({r.id, r.name, r.modalities, r.townships});
    if (auto who = worklist::chooseRadiologist(profiles, item, items_.openLoad())) {
        items_.assign(info.study_uid, *who, "auto-assign", now);
        spdlog::info("study {} from {} ({}) assigned to {}", info.study_uid, township, info.modality,
                     *who);
    } else {
        spdlog::info("study {} ({}) left in the pool: no radiologist reads {}", info.study_uid,
                     info.modality, info.modality);
    }
}

}  // namespace countyread::server
