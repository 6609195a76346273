#pragma once
#include "dicom/archive/IBlobStore.h"

namespace countyread::dicom {

// Filesystem blob store: <root>/<key>. Several processes may share one root: each stages its
// transfers in its own <root>/.incoming/<pid>-<random>/, locked (flock) while it lives and
// removed at a clean exit. At startup the staging folders of processes that no longer run
// (crashed mid-transfer) are removed with what they hold.
class FileBlobStore : public IBlobStore {
public:
    explicit FileBlobStore(std::filesystem::path root);
    ~FileBlobStore() override;
    FileBlobStore(const FileBlobStore&) = delete;
    FileBlobStore& operator=(const FileBlobStore&) = delete;

    void commit(const std::filesystem::path& temp_file, const std::string& key) override;
    Bytes read(const std::string& key) const override;
    bool exists(const std::string& key) const override;
    void remove(const std::string& key) override;
    std::filesystem::path stagingDir() const override { return staging_; }
    void forEach(const std::function<void(const std::string&, std::filesystem::file_time_type)>& fn) const override;

    // Key validation: only UID characters and one '/' separator; never escapes the root.
    static bool validKey(const std::string& key);

private:
    std::filesystem::path pathOf(const std::string& key) const;
    void claimStaging();

    std::filesystem::path root_;
    std::filesystem::path staging_;
    int staging_lock_fd_ = -1;
};

}  // namespace countyread::dicom
