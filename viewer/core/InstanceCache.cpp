#include "viewer/core/InstanceCache.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>

namespace countyread::viewer {
namespace fs = std::filesystem;

namespace {

bool validUid(const std::string& uid) {
    if (uid.empty() || uid.size() > 64 || uid.front() == '.' || uid.back() == '.') return false;
    for (char c : uid)
        if (!(c == '.' || (c >= '0' && c <= '9'))) return false;
    return uid.find("..") == std::string::npos;
}

std::string hex64(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

// FNV-1a, twice with different offsets: a 128-bit name for odd UIDs (not security relevant:
// the cache holds the user's own downloads).
std::string digest(const std::string& s) {
    std::uint64_t a = 1469598103934665603ull, b = 1099511628211ull * 31;
    for (unsigned char c : s) {
        a = (a ^ c) * 1099511628211ull;
        b = (b ^ c) * 1099511628211ull + 7;
    }
    return hex64(a) + hex64(b);
}

}  // namespace

std::string InstanceCache::fileNameFor(const std::string& uid) {
    return validUid(uid) ? uid + ".dcm" : "x" + digest(uid) + ".dcm";
}

fs::path InstanceCache::defaultFolder() {
    if (const char* dir = std::getenv("COUNTYREAD_CACHE_DIR"); dir && *dir) return dir;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return fs::path(xdg) / "countyread" / "instances";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : "/tmp") / ".cache" / "countyread" / "instances";
}

InstanceCache::InstanceCache(fs::path folder, std::uint64_t max_bytes)
    : folder_(std::move(folder)), max_bytes_(max_bytes) {
    std::error_code ec;
    fs::create_directories(folder_, ec);
    struct Found {
        std::string name;
        std::uint64_t size;
        fs::file_time_type time;
    };
    std::vector<Found> found;
    for (const auto& entry : fs::directory_iterator(folder_, ec)) {
        if (!entry.is_regular_file(ec)) continue;
        const std::string name = entry.path().filename().string();
        if (name.size() < 5 || name.substr(name.size() - 4) != ".dcm") {
            if (name.rfind(".tmp-", 0) == 0) fs::remove(entry.path(), ec);  // interrupted write
            continue;
        }
        found.push_back({name, entry.file_size(ec), entry.last_write_time(ec)});
    }
    std::sort(found.begin(), found.end(),
              [](const Found& a, const Found& b) { return a.time < b.time; });
    std::lock_guard lock(mutex_);
    for (const auto& f : found) {
        lru_.push_back(f.name);
        entries_[f.name] = {f.size, std::prev(lru_.end())};
        total_ += f.size;
    }
    evictLocked();
}

void InstanceCache::touch(const std::string& key) {
    auto it = entries_.find(key);
    if (it == entries_.end()) return;
    lru_.splice(lru_.end(), lru_, it->second.lru);
    // Keep the order across restarts: the index is rebuilt from modification times.
    std::error_code ec;
    fs::last_write_time(folder_ / key, fs::file_time_type::clock::now(), ec);
}

std::optional<InstanceCache::Bytes> InstanceCache::get(const std::string& uid) {
    const std::string key = fileNameFor(uid);
    std::uint64_t expected = 0;
    {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(key);
        if (it == entries_.end()) return std::nullopt;
        expected = it->second.size;
    }
    // Read without the lock (workers read in parallel); a concurrent eviction makes it a miss.
    std::ifstream in(folder_ / key, std::ios::binary);
    Bytes bytes(expected);
    // One read of the known size (an iterator copy is ten times slower on a 20 MB DR).
    bool complete = false;
    if (in) {
        in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(expected));
        complete = static_cast<std::uint64_t>(in.gcount()) == expected && in.peek() == EOF;
    }
    std::lock_guard lock(mutex_);
    if (!complete) {  // gone or changed behind our back: not trusted
        if (auto it = entries_.find(key); it != entries_.end() && it->second.size == expected)
            eraseLocked(key);
        return std::nullopt;
    }
    touch(key);
    return bytes;
}

bool InstanceCache::put(const std::string& uid, const Bytes& bytes) {
    if (bytes.size() > max_bytes_) return false;
    const std::string key = fileNameFor(uid);
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    const fs::path tmp = folder_ / (".tmp-" + hex64(rng()));
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
        if (!out.good()) {
            std::error_code ec;
            fs::remove(tmp, ec);
            return false;
        }
    }
    std::lock_guard lock(mutex_);
    std::error_code ec;
    fs::rename(tmp, folder_ / key, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return false;
    }
    if (auto it = entries_.find(key); it != entries_.end()) {
        total_ -= it->second.size;
        lru_.erase(it->second.lru);
        entries_.erase(it);
    }
    lru_.push_back(key);
    entries_[key] = {bytes.size(), std::prev(lru_.end())};
    total_ += bytes.size();
    evictLocked();
    return entries_.count(key) > 0;
}

bool InstanceCache::contains(const std::string& uid) const {
    std::lock_guard lock(mutex_);
    return entries_.count(fileNameFor(uid)) > 0;
}

void InstanceCache::remove(const std::string& uid) {
    std::lock_guard lock(mutex_);
    eraseLocked(fileNameFor(uid));
}

void InstanceCache::eraseLocked(const std::string& key) {
    auto it = entries_.find(key);
    if (it == entries_.end()) return;
    total_ -= it->second.size;
    lru_.erase(it->second.lru);
    entries_.erase(it);
    std::error_code ec;
    fs::remove(folder_ / key, ec);
}

void InstanceCache::evictLocked() {
    while (total_ > max_bytes_ && !lru_.empty()) eraseLocked(lru_.front());
}

std::uint64_t InstanceCache::sizeBytes() const {
    std::lock_guard lock(mutex_);
    return total_;
}

std::size_t InstanceCache::count() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

std::vector<std::string> InstanceCache::lruOrder() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& key : lru_) out.push_back(key.substr(0, key.size() - 4));
    return out;
}

}  // namespace countyread::viewer
