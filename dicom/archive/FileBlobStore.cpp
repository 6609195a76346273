#include "dicom/archive/FileBlobStore.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstring>
#include <random>
#include <system_error>
#include <vector>

namespace countyread::dicom {

namespace fs = std::filesystem;

namespace {
void syncDir(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}
}  // namespace

FileBlobStore::FileBlobStore(fs::path root) : root_(std::move(root)) {
    fs::create_directories(root_ / ".incoming");
    claimStaging();
}

FileBlobStore::~FileBlobStore() {
    std::error_code ec;
    fs::remove(staging_, ec);  // only when empty; leftovers go at the next start
    if (staging_lock_fd_ >= 0) ::close(staging_lock_fd_);  // releases the lock
}

void FileBlobStore::claimStaging() {
    const auto incoming = root_ / ".incoming";
    // Claiming a folder and sweeping dead ones happen under one lock, so no process can sweep
    // a folder another has created but not yet locked.
    // (The lock file sits beside .incoming/, which holds nothing but staging folders.)
    const auto lock_file = root_ / ".incoming.lock";
    int guard = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (guard < 0)
        throw DicomError("cannot open " + lock_file.string() + ": " + std::strerror(errno));
    struct Unlock {
        int fd;
        ~Unlock() { ::close(fd); }
    } unlock{guard};
    if (::flock(guard, LOCK_EX) != 0)
        throw DicomError("cannot lock " + incoming.string() + ": " + std::strerror(errno));

    std::random_device rd;
    staging_ = incoming / (std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directory(staging_);
    staging_lock_fd_ = ::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (staging_lock_fd_ < 0 || ::flock(staging_lock_fd_, LOCK_EX | LOCK_NB) != 0)
        throw DicomError("cannot lock " + staging_.string() + ": " + std::strerror(errno));

    // Leftovers of transfers interrupted by a crash: never acknowledged, safe to drop.
    std::vector<fs::directory_entry> others;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(incoming, ec))
        if (entry.path() != staging_) others.push_back(entry);
    for (const auto& entry : others) {
        if (!entry.is_directory(ec)) {
            fs::remove(entry.path(), ec);  // a file from the earlier single-folder layout
            continue;
        }
        int fd = ::open(entry.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) fs::remove_all(entry.path(), ec);  // owner gone
        ::close(fd);
    }
}

bool FileBlobStore::validKey(const std::string& key) {
    if (key.empty() || key.size() > 200) return false;
    if (key.front() == '/' || key.front() == '.') return false;
    int slashes = 0;
    char prev = 0;
    for (char c : key) {
        bool ok = (c >= '0' && c <= '9') || c == '.' || c == '/' || (c >= 'a' && c <= 'z');
        if (!ok) return false;
        if (c == '/') ++slashes;
        if (c == '.' && prev == '.') return false;
        if (c == '.' && prev == '/') return false;
        prev = c;
    }
    return slashes <= 2;
}

fs::path FileBlobStore::pathOf(const std::string& key) const {
    if (!validKey(key)) throw DicomError("invalid storage key '" + key + "'");
    return root_ / key;
}

void FileBlobStore::commit(const fs::path& temp_file, const std::string& key) {
    auto target = pathOf(key);
    bool created = !fs::exists(target.parent_path());
    fs::create_directories(target.parent_path());
    if (::rename(temp_file.c_str(), target.c_str()) != 0)
        throw DicomError("cannot store " + target.string() + ": " + std::strerror(errno));
    syncDir(target.parent_path());
    if (created) syncDir(target.parent_path().parent_path());
}

Bytes FileBlobStore::read(const std::string& key) const { return readFileBytes(pathOf(key)); }

bool FileBlobStore::exists(const std::string& key) const { return fs::exists(pathOf(key)); }

void FileBlobStore::remove(const std::string& key) {
    std::error_code ec;
    fs::remove(pathOf(key), ec);
}

void FileBlobStore::forEach(
    const std::function<void(const std::string&, std::filesystem::file_time_type)>& fn) const {
    std::error_code ec;
    for (const auto& dir : fs::directory_iterator(root_, ec)) {
        if (!dir.is_directory(ec) || dir.path().filename().string().front() == '.') continue;  // .incoming
        for (const auto& file : fs::directory_iterator(dir.path(), ec)) {
            if (!file.is_regular_file(ec)) continue;
            auto key = dir.path().filename().string() + "/" + file.path().filename().string();
            if (!validKey(key)) continue;
            auto written = file.last_write_time(ec);
            if (!ec) fn(key, written);
        }
    }
}

}  // namespace countyread::dicom
