#pragma once
// The workstation's local cache of downloaded DICOM instances: one file per SOP Instance UID
// in a folder, at most `max_bytes` in total; the least recently used files are evicted first.
// Reopening a study (or its prior) then costs no network. Thread-safe: the background loader's
// workers read and write it concurrently.
#include <cstdint>
#include <filesystem>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace countyread::viewer {

class InstanceCache {
public:
    using Bytes = std::vector<unsigned char>;

    // Creates the folder if needed and indexes the files already there (oldest first by
    // modification time). Evicts at once if they exceed `max_bytes`.
    InstanceCache(std::filesystem::path folder, std::uint64_t max_bytes);

    std::optional<Bytes> get(const std::string& sop_instance_uid);
    // Stores (write to a temporary file, then rename) and evicts down to the limit. An
    // instance larger than the whole limit is not stored. Returns false when not stored.
    bool put(const std::string& sop_instance_uid, const Bytes& bytes);
    bool contains(const std::string& sop_instance_uid) const;
    void remove(const std::string& sop_instance_uid);

    std::uint64_t sizeBytes() const;
    std::uint64_t maxBytes() const { return max_bytes_; }
    std::size_t count() const;
    const std::filesystem::path& folder() const { return folder_; }
    // Least recently used first (for tests and diagnostics).
    std::vector<std::string> lruOrder() const;

    // "$XDG_CACHE_HOME/countyread/instances" (or ~/.cache/...); $COUNTYREAD_CACHE_DIR wins.
    static std::filesystem::path defaultFolder();
    // A file name for a UID: the UID itself when it is a valid UID (digits and dots), else a
    // hex digest, so no UID can escape the folder.
    static std::string fileNameFor(const std::string& sop_instance_uid);

private:
    struct Entry {
        std::uint64_t size = 0;
        std::list<std::string>::iterator lru;
    };
    void touch(const std::string& key);
    void evictLocked();
    void eraseLocked(const std::string& key);

    std::filesystem::path folder_;
    std::uint64_t max_bytes_;
    mutable std::mutex mutex_;
    std::list<std::string> lru_;  // front = least recently used; keys are file names
    std::unordered_map<std::string, Entry> entries_;
    std::uint64_t total_ = 0;
};

}  // namespace countyread::viewer
