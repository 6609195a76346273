#pragma once
// Where instance files live. Keys are relative, validated paths like "1.2.3/1.2.3.4.dcm".
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "dicom/model/DicomFile.h"

namespace countyread::dicom {

class IBlobStore {
public:
    virtual ~IBlobStore() = default;
    // Durably moves a fully written and synced temp file under `key` (atomic replace).
    virtual void commit(const std::filesystem::path& temp_file, const std::string& key) = 0;
    virtual Bytes read(const std::string& key) const = 0;
    virtual bool exists(const std::string& key) const = 0;
    virtual void remove(const std::string& key) = 0;
    // A directory on the same filesystem where temp files can be created before commit().
    virtual std::filesystem::path stagingDir() const = 0;
    // Every committed blob with the time it was last written (for the orphan sweep).
    virtual void forEach(
        const std::function<void(const std::string& key, std::filesystem::file_time_type written)>& fn) const = 0;
};

}  // namespace countyread::dicom
