#pragma once
// The archive's index: studies, series, instances (SqlArchiveIndex: SQLite or PostgreSQL).
#include <optional>
#include <string>
#include <vector>

#include "dicom/model/InstanceInfo.h"

namespace countyread::dicom {

struct StoredInstance {
    InstanceInfo info;
    std::string blob_key;
    int64_t size_bytes = 0;
    std::string sha256;
    std::string source_ae;
    std::string received_at;  // ISO 8601 UTC
};

struct StudyRecord {
    InstanceInfo info;  // patient + study attributes (series/instance fields empty)
    std::string modality;  // first modality seen
    std::string source_ae;
    std::string received_at;
    std::string updated_at;
    int instance_count = 0;
};

enum class IndexOutcome { Added, IdenticalDuplicate, Replaced };

class IArchiveIndex {
public:
    virtual ~IArchiveIndex() = default;
    // Adds or updates one instance (and its series/study rows) in one durable transaction.
    // `previous_blob_key` receives the old key when a different instance with the same
    // SOP Instance UID was replaced.
    virtual IndexOutcome addInstance(const StoredInstance& instance,
                                     std::string* previous_blob_key = nullptr) = 0;
    virtual std::optional<StoredInstance> findInstance(const std::string& sop_instance_uid) = 0;
    virtual std::optional<StudyRecord> findStudy(const std::string& study_uid) = 0;
    virtual std::vector<StudyRecord> studies() = 0;
    // Every study with this Patient ID, newest first (priors; IDs are per township, so callers
    // also compare the issuing township and the name).
    virtual std::vector<StudyRecord> studiesOfPatient(const std::string& patient_id) = 0;
    virtual std::vector<StoredInstance> instancesOfStudy(const std::string& study_uid) = 0;
    // True when an index row references this blob key.
    virtual bool referencesBlob(const std::string& blob_key) = 0;
};

}  // namespace countyread::dicom
