#include "sender/DurableFile.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <stdexcept>
#include <vector>

namespace countyread::sender {

namespace fs = std::filesystem;

namespace {
[[noreturn]] void fail(const std::string& what, const fs::path& p) {
    throw std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno));
}
}  // namespace

void fsyncFile(const fs::path& file) {
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail("cannot open", file);
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) fail("cannot sync", file);
}

void fsyncDir(const fs::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) fail("cannot open folder", dir);
    ::fsync(fd);
    ::close(fd);
}

void copyDurably(const fs::path& from, const fs::path& to) {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    fs::path tmp = to;
    tmp += ".tmp" + std::to_string(rng());
    int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) fail("cannot open", from);
    int out = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        ::close(in);
        fail("cannot create", tmp);
    }
    std::vector<char> buf(1 << 20);
    bool ok = true;
    for (;;) {
        ssize_t n = ::read(in, buf.data(), buf.size());
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            ok = false;
            break;
        }
        for (ssize_t off = 0; off < n;) {
            ssize_t w = ::write(out, buf.data() + off, static_cast<size_t>(n - off));
            if (w < 0) {
                if (errno == EINTR) continue;
                ok = false;
                break;
            }
            off += w;
        }
        if (!ok) break;
    }
    ::close(in);
    if (!ok || ::fsync(out) != 0) {
        int saved = errno;
        ::close(out);
        ::unlink(tmp.c_str());
        errno = saved;
        fail("cannot write", tmp);
    }
    ::close(out);
    if (::rename(tmp.c_str(), to.c_str()) != 0) {
        int saved = errno;
        ::unlink(tmp.c_str());
        errno = saved;
        fail("cannot rename to", to);
    }
    fsyncDir(to.parent_path());
}

void moveDurably(const fs::path& from, const fs::path& to) {
    if (::rename(from.c_str(), to.c_str()) == 0) {
        fsyncDir(to.parent_path());
        return;
    }
    if (errno != EXDEV) fail("cannot move to", to);
    copyDurably(from, to);
    ::unlink(from.c_str());
}

std::string contentHash(const fs::path& file) {
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail("cannot open", file);
    uint64_t h = 1469598103934665603ull;
    std::vector<unsigned char> buf(1 << 20);
    for (;;) {
        ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            ::close(fd);
            fail("cannot read", file);
        }
        for (ssize_t i = 0; i < n; ++i) {
            h ^= buf[static_cast<size_t>(i)];
            h *= 1099511628211ull;
        }
    }
    ::close(fd);
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
    return out;
}

}  // namespace countyread::sender
