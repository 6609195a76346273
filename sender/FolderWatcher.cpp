#include "sender/FolderWatcher.h"

#include <spdlog/spdlog.h>

#include <fstream>

#include "sender/DicomHeader.h"
#include "sender/InputFiles.h"
#include "sender/Outbox.h"

namespace countyread::sender {

namespace fs = std::filesystem;

FolderWatcher::FolderWatcher(Outbox& outbox, fs::path folder, EmergencyRule rule,
                             std::chrono::milliseconds interval)
    : outbox_(outbox), folder_(std::move(folder)), rule_(std::move(rule)), interval_(interval) {
    fs::create_directories(folder_);
}

FolderWatcher::~FolderWatcher() { stop(); }

void FolderWatcher::start() {
    stop_ = false;
    thread_ = std::thread([this] {
        while (!stop_) {
            try {
                scanOnce();
            } catch (const std::exception& e) {
                spdlog::error("watch folder {}: {}", folder_.string(), e.what());
            }
            for (auto waited = std::chrono::milliseconds(0); waited < interval_ && !stop_;
                 waited += std::chrono::milliseconds(100))
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
}

void FolderWatcher::stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

int FolderWatcher::scanOnce() {
    int queued = 0;
    std::map<fs::path, Seen> now;
    const fs::path rejected = folder_ / "rejected";
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(
             folder_, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const auto& p = it->path();
        if (it->is_directory() && p == rejected) {
            it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file()) continue;
        auto name = p.filename().string();
        // Files still being written by the modality usually carry such names.
        if (name.empty() || name[0] == '.' || name.ends_with(".part") || name.ends_with(".tmp") ||
            isDicomdirName(p))
            continue;
        std::error_code e2;
        Seen s{fs::file_size(p, e2), fs::last_write_time(p, e2)};
        if (e2) continue;
        now[p] = s;
        auto before = seen_.find(p);
        if (before == seen_.end() || before->second.size != s.size ||
            before->second.mtime != s.mtime)
            continue;  // not stable yet
        auto h = readDicomHeader(p);
        if (!h.error.empty()) {
            fs::create_directories(rejected);
            auto dest = rejected / p.filename();
            fs::rename(p, dest, e2);
            std::ofstream(dest.string() + ".txt") << h.error << "\n";
            spdlog::warn("watch folder: {} is not queued: {} (moved to {})", p.string(), h.error,
                         rejected.string());
            now.erase(p);
            continue;
        }
        const bool emergency = rule_.matches(h.study_description);
        try {
            outbox_.add(p, Outbox::Storage::Copy,
                        emergency ? Priority::Emergency : Priority::Routine,
                        "folder:" + folder_.string());
        } catch (const std::exception& e) {
            fs::create_directories(rejected);
            auto dest = rejected / p.filename();
            fs::rename(p, dest, e2);
            std::ofstream(dest.string() + ".txt") << e.what() << "\n";
            spdlog::warn("watch folder: {} is not queued: {} (moved to {})", p.string(), e.what(),
                         rejected.string());
            now.erase(p);
            continue;
        }
        fs::remove(p, e2);
        now.erase(p);
        ++queued;
        spdlog::info("watch folder: queued {} (study {}){}", h.sop_uid, h.study_uid,
                     emergency ? ", EMERGENCY" : "");
    }
    seen_ = std::move(now);
    return queued;
}

}  // namespace countyread::sender
