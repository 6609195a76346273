#include "server/StudyIngest.h"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <filesystem>
#include <system_error>


namespace countyread::server {

namespace {
// Reports, key-object selections and presentation states belong to a study but are not
// themselves something to read.
bool isReadable(const dicom::InstanceInfo& info) {
    return info.modality != "SR" && info.modality != "KO" && info.modality != "PR";
}
}  // namespace

StudyIngest::StudyIngest(const ServerConfig& config, dicom::Archive& archive,
                         worklist::WorklistStore& items, worklist::AuditLog& audit, WorkflowService& workflow)
    : config_(config), archive_(archive), items_(items), audit_(audit), workflow_(workflow) {}

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
            auto study = archive_.index().findStudy(in.info.study_uid);
            workflow_.onInstance(in.info, township ? township->id : "", in.calling_ae, in.priority,
                                 study ? study->instance_count : 0);
        } catch (const std::exception& e) {
            // The instance is durable in the archive; the worklist can be rebuilt from it.
            spdlog::error("worklist update for {} failed: {}", in.info.study_uid, e.what());
        }
    }
    return {0x0000, {}};
}

}  // namespace countyread::server
