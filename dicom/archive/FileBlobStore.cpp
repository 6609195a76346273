#include "dicom/archive/FileBlobStore.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <system_error>

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
    fs::create_directories(root_);
    // Leftovers of transfers interrupted by a crash: never acknowledged, safe to drop.
    std::error_code ec;
    fs::remove_all(stagingDir(), ec);
    fs::create_directories(stagingDir());
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

}  // namespace countyread::dicom
