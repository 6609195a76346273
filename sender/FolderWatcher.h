#pragma once
// Watches a modality's export folder: a file whose size and time have not changed between
// two scans is copied into the outbox (durably) and then removed from the folder. Files that
// are not DICOM are moved to <folder>/rejected/ with a note saying why.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "sender/GatewayStoreHandler.h"

namespace countyread::sender {

class Outbox;

class FolderWatcher {
public:
    FolderWatcher(Outbox& outbox, std::filesystem::path folder, EmergencyRule rule,
                  std::chrono::milliseconds interval);
    ~FolderWatcher();
    void start();
    void stop();
    // One scan (the thread calls this); returns how many files were queued.
    int scanOnce();

private:
    Outbox& outbox_;
    std::filesystem::path folder_;
    EmergencyRule rule_;
    std::chrono::milliseconds interval_;
    struct Seen {
        std::uintmax_t size;
        std::filesystem::file_time_type mtime;
    };
    std::map<std::filesystem::path, Seen> seen_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace countyread::sender
