#pragma once
#include "dicom/archive/IBlobStore.h"

namespace countyread::dicom {

// Filesystem blob store: <root>/<key>, staging in <root>/.incoming (emptied at startup).
class FileBlobStore : public IBlobStore {
public:
    explicit FileBlobStore(std::filesystem::path root);
    void commit(const std::filesystem::path& temp_file, const std::string& key) override;
    Bytes read(const std::string& key) const override;
    bool exists(const std::string& key) const override;
    void remove(const std::string& key) override;
    std::filesystem::path stagingDir() const override { return root_ / ".incoming"; }

    // Key validation: only UID characters and one '/' separator; never escapes the root.
    static bool validKey(const std::string& key);

private:
    std::filesystem::path pathOf(const std::string& key) const;
    std::filesystem::path root_;
};

}  // namespace countyread::dicom
