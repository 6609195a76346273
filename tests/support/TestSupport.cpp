#include "tests/support/TestSupport.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace countyread::test {

TempDir::TempDir(const std::string& prefix) {
    std::random_device rd;
    auto base = fs::temp_directory_path();
    for (int i = 0; i < 100; ++i) {
        auto candidate = base / (prefix + "-" + std::to_string(rd()));
        if (fs::create_directory(candidate)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create temp dir");
}

TempDir::~TempDir() {
    if (std::getenv("COUNTYREAD_KEEP_TEMP")) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
}

int freePort() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("bind failed");
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool waitForTcp(int port, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(static_cast<uint16_t>(port));
        bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        ::close(fd);
        if (ok) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

fs::path binPath(const std::string& name) { return fs::path(COUNTYREAD_BIN_DIR) / name; }
fs::path sourceDir() { return fs::path(COUNTYREAD_SOURCE_DIR); }

std::optional<fs::path> sharedSampleData() {
    if (const char* env = std::getenv("COUNTYREAD_SHARED_SAMPLES")) {
        if (fs::is_directory(env)) return fs::path(env);
    }
    auto candidate = sourceDir().parent_path() / "shared" / "sample-data";
    if (fs::is_directory(candidate)) return candidate;
    return std::nullopt;
}

bool haveProgram(const std::string& program) {
    const char* path = std::getenv("PATH");
    if (!path) return false;
    std::stringstream ss(path);
    std::string dir;
    while (std::getline(ss, dir, ':')) {
        if (!dir.empty() && ::access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
    }
    return false;
}

namespace {
std::vector<char*> toArgv(const std::vector<std::string>& args) {
    std::vector<char*> out;
    for (auto& a : args) out.push_back(const_cast<char*>(a.c_str()));
    out.push_back(nullptr);
    return out;
}

std::vector<std::string> buildEnv(const std::vector<std::string>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) env.emplace_back(*e);
    for (auto& x : extra) {
        auto key = x.substr(0, x.find('=') + 1);
        std::erase_if(env, [&](const std::string& s) { return s.rfind(key, 0) == 0; });
        env.push_back(x);
    }
    return env;
}

int spawnTo(const std::vector<std::string>& argv, const fs::path& log,
            const std::vector<std::string>& extra_env) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    auto env = buildEnv(extra_env);
    auto envp = toArgv(env);
    auto args = toArgv(argv);
    pid_t pid = -1;
    int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
    return pid;
}
}  // namespace

std::string readText(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

RunResult run(const std::vector<std::string>& argv, std::chrono::seconds timeout,
              const std::vector<std::string>& extra_env) {
    TempDir tmp("countyread-run");
    auto log = tmp / "out.log";
    RunResult result;
    int pid = spawnTo(argv, log, extra_env);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (true) {
        int r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) break;
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            result.output = readText(log) + "\n[killed: timeout]";
            return result;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.output = readText(log);
    return result;
}

Process::Process(const std::vector<std::string>& argv, const fs::path& log_file,
                 const std::vector<std::string>& extra_env)
    : log_(log_file) {
    pid_ = spawnTo(argv, log_file, extra_env);
}

Process::~Process() {
    if (pid_ > 0) stop(SIGTERM, std::chrono::seconds(10));
}

bool Process::running() {
    if (pid_ <= 0) return false;
    int status = 0;
    int r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
        status_ = status;
        pid_ = -1;
        return false;
    }
    return true;
}

bool Process::waitForOutput(const std::string& needle, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (output().find(needle) != std::string::npos) return true;
        if (!running()) return output().find(needle) != std::string::npos;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

std::string Process::output() const { return readText(log_); }

int Process::stop(int signal_number, std::chrono::milliseconds grace) {
    if (pid_ <= 0) return status_;
    ::kill(pid_, signal_number);
    auto deadline = std::chrono::steady_clock::now() + grace;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            status_ = status;
            return status;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    status_ = status;
    return status;
}

}  // namespace countyread::test
