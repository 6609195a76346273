#include "sender/OneShotSend.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <ostream>
#include <random>
#include <set>
#include <thread>

#include "sender/Forwarder.h"
#include "sender/InputFiles.h"
#include "sender/Outbox.h"
#include "sender/StatusReport.h"

namespace countyread::sender {

namespace fs = std::filesystem;

namespace {

fs::path makeTempDir() {
    std::random_device rd;
    for (int i = 0; i < 100; ++i) {
        auto p = fs::temp_directory_path() / ("countyread-send-" + std::to_string(rd()));
        if (fs::create_directory(p)) return p;
    }
    throw std::runtime_error("cannot create a temporary outbox");
}

}  // namespace

int runOneShot(const OneShotOptions& o, std::ostream& out, std::ostream& err) {
    auto inputs = collectInputs(o.inputs);
    if (inputs.files.empty() && inputs.problems.empty()) {
        err << "countyread-send: no files found in the given paths\n";
        return 2;
    }
    std::mutex print_mutex;
    size_t ok = 0, failed = 0;
    auto line = [&](bool good, const fs::path& file, const std::string& msg) {
        std::lock_guard lock(print_mutex);
        (good ? ok : failed)++;
        out << (good ? "OK     " : "FAILED ") << file.string();
        if (!msg.empty()) out << "  (" << msg << ")";
        out << std::endl;
    };
    for (const auto& p : inputs.problems) line(false, p.path, p.message);
    if (inputs.files.empty()) {
        out << ok << " sent, " << failed << " failed" << std::endl;
        return 1;
    }

    const bool temporary = o.outbox_dir.empty();
    const fs::path dir = temporary ? makeTempDir() : o.outbox_dir;
    struct Cleanup {
        fs::path dir;
        bool active;
        ~Cleanup() {
            if (!active) return;
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    } cleanup{dir, temporary};

    out << "sending " << inputs.files.size() << " file(s) to " << o.county.called_ae << "@"
        << o.county.host << ":" << o.county.port << " as " << o.county.calling_ae
        << (o.priority == Priority::Emergency ? " (emergency)" : "") << std::endl;

    Outbox outbox(dir);
    outbox.resetAttempts();
    std::map<std::string, std::vector<fs::path>> files_of;  // sop uid -> input files
    std::set<std::string> pending;
    for (const auto& f : inputs.files) {
        try {
            auto r = outbox.add(f, Outbox::Storage::Reference, o.priority, "command line");
            files_of[r.sop_uid].push_back(f);
            if (r.queued)
                pending.insert(r.sop_uid);
            else
                line(true, f, "already delivered");
        } catch (const std::exception& e) {
            line(false, f, e.what());
        }
    }

    const int max_attempts = o.retries + 1;
    ForwarderOptions fo;
    fo.county = o.county;
    fo.associations = o.associations;
    fo.compress = o.compress;
    fo.rate_bytes_per_s = o.rate_kbps * 1000 / 8;
    fo.backoff_initial = std::chrono::milliseconds(o.backoff_initial_ms);
    fo.backoff_max = std::chrono::milliseconds(o.backoff_max_ms);
    fo.max_attempts = max_attempts;
    fo.max_connect_failures = max_attempts;
    std::mutex done_mutex;
    auto finish = [&](const std::string& sop, bool good, const std::string& msg) {
        {
            std::lock_guard lock(done_mutex);
            if (!pending.erase(sop)) return;
        }
        for (const auto& f : files_of[sop]) line(good, f, msg);
    };
    Forwarder forwarder(outbox, fo, [&](const ForwardEvent& e) {
        using K = ForwardEvent::Kind;
        if (e.kind == K::Delivered)
            finish(e.item.sop_uid, true, e.message);
        else if (e.kind == K::Rejected)
            finish(e.item.sop_uid, false, e.message);
        else if (e.kind == K::Retry && e.item.attempts >= max_attempts)
            finish(e.item.sop_uid, false,
                   e.message + " (gave up after " + std::to_string(e.item.attempts) + " attempts)");
    });
    forwarder.start();
    for (;;) {
        {
            std::lock_guard lock(done_mutex);
            if (pending.empty()) break;
        }
        if (forwarder.allWorkersGaveUp()) break;
        if (outbox.claimableCount(max_attempts) == 0 && outbox.inFlightCount() == 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    forwarder.stop();
    auto stats = forwarder.stats();

    if (!forwarder.everConnected() && stats.delivered == 0 && !pending.empty()) {
        err << "countyread-send: cannot open association with " << o.county.called_ae << "@"
            << o.county.host << ":" << o.county.port << "\n";
        return 3;
    }
    std::vector<std::string> left(pending.begin(), pending.end());
    for (const auto& sop : left) finish(sop, false, "not delivered (county unreachable)");

    out << ok << " sent, " << failed << " failed" << std::endl;
    if (stats.delivered > 0) {
        int64_t saved = stats.original_bytes - stats.wire_bytes;
        out << "bytes: " << humanBytes(stats.original_bytes) << " as stored, "
            << humanBytes(stats.wire_bytes) << " on the wire";
        if (o.compress && stats.original_bytes > 0)
            out << " (" << stats.compressed << " compressed with JPEG-LS lossless, saved "
                << humanBytes(saved) << ", "
                << static_cast<int>(100.0 * static_cast<double>(saved) /
                                    static_cast<double>(stats.original_bytes))
                << "%)";
        out << std::endl;
    }
    return failed == 0 ? 0 : 1;
}

}  // namespace countyread::sender
