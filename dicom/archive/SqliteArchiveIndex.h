#pragma once
#include <memory>

#include "dicom/archive/IArchiveIndex.h"
#include "dicom/archive/SqliteDb.h"

namespace countyread::dicom {

class SqliteArchiveIndex : public IArchiveIndex {
public:
    // Shares the connection with other stores of the same database file (e.g. the worklist).
    explicit SqliteArchiveIndex(std::shared_ptr<SqliteDb> db);

    IndexOutcome addInstance(const StoredInstance& instance,
                             std::string* previous_blob_key = nullptr) override;
    std::optional<StoredInstance> findInstance(const std::string& sop_instance_uid) override;
    std::optional<StudyRecord> findStudy(const std::string& study_uid) override;
    std::vector<StudyRecord> studies() override;
    std::vector<StoredInstance> instancesOfStudy(const std::string& study_uid) override;

private:
    std::shared_ptr<SqliteDb> db_;
};

}  // namespace countyread::dicom
