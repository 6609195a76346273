#pragma once
// Helpers for tests: temp dirs, free TCP ports, child processes, locating sample data.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace countyread::test {

namespace fs = std::filesystem;

// A fresh directory removed at destruction (kept when COUNTYREAD_KEEP_TEMP is set).
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "countyread-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& child) const { return path_ / child; }

private:
    fs::path path_;
};

// A TCP port on 127.0.0.1 that was free when asked.
int freePort();

// Absolute path of a program built by this project (build/bin/NAME).
fs::path binPath(const std::string& name);
fs::path sourceDir();

// ../shared/sample-data beside the repository, or nullopt (tests then GTEST_SKIP).
std::optional<fs::path> sharedSampleData();

// True when `program` is found on PATH.
bool haveProgram(const std::string& program);

struct RunResult {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};
// Runs argv to completion (with a timeout), capturing output.
RunResult run(const std::vector<std::string>& argv,
              std::chrono::seconds timeout = std::chrono::seconds(120),
              const std::vector<std::string>& extra_env = {});

// A child process running in the background; killed (SIGTERM, then SIGKILL) at destruction.
class Process {
public:
    Process(const std::vector<std::string>& argv, const fs::path& log_file,
            const std::vector<std::string>& extra_env = {});
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;
    int pid() const { return pid_; }
    bool running();
    // Waits until the log contains `needle`; false on timeout or exit.
    bool waitForOutput(const std::string& needle, std::chrono::milliseconds timeout);
    std::string output() const;
    int stop(int signal_number = 15, std::chrono::milliseconds grace = std::chrono::seconds(10));

private:
    int pid_ = -1;
    int status_ = -1;
    fs::path log_;
};

std::string readText(const fs::path& file);
bool waitForTcp(int port, std::chrono::milliseconds timeout);

}  // namespace countyread::test
