#include "sender/Forwarder.h"

#include <dcmtk/dcmdata/dcuid.h>
#include <spdlog/spdlog.h>

#include <condition_variable>

#include "sender/Backoff.h"
#include "sender/Clock.h"
#include "sender/Compressor.h"
#include "sender/ForwardClient.h"
#include "sender/Outbox.h"
#include "sender/TokenBucket.h"

namespace countyread::sender {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// Failures the county will answer the same way however often we ask.
bool permanentRefusal(uint16_t status) {
    return (status & 0xF000) == 0xC000 ||  // cannot understand
           (status & 0xFF00) == 0xA900 ||  // data set does not match SOP class
           status == 0x0122 ||             // SOP class not supported
           status == 0x0124;               // not authorized
}

std::string kib(int64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024.0);
    return buf;
}

}  // namespace

Forwarder::Forwarder(Outbox& outbox, ForwarderOptions options, Observer observer)
    : outbox_(outbox), options_(std::move(options)), observer_(std::move(observer)) {
    if (options_.associations < 1) options_.associations = 1;
    throttle_ = std::make_unique<TokenBucket>(options_.rate_bytes_per_s);
    progress_.resize(static_cast<size_t>(options_.associations));
}

Forwarder::~Forwarder() { stop(); }

void Forwarder::start() {
    stop_ = false;
    for (int i = 0; i < options_.associations; ++i) threads_.emplace_back([this, i] { run(i); });
}

void Forwarder::stop() {
    stop_ = true;
    outbox_.notifyAll();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
}

std::vector<std::pair<std::string, int64_t>> Forwarder::inFlightProgress() {
    std::lock_guard lock(mutex_);
    std::vector<std::pair<std::string, int64_t>> out;
    for (const auto& p : progress_)
        if (!p.first.empty()) out.push_back(p);
    return out;
}

ForwarderStats Forwarder::stats() {
    std::lock_guard lock(mutex_);
    return stats_;
}

void Forwarder::run(int worker) {
    ForwardClientOptions copts;
    copts.peer = options_.county;
    copts.offer_jpegls = options_.compress;
    copts.throttle = throttle_.get();
    ForwardClient client(copts);
    Backoff link(options_.backoff_initial, options_.backoff_max,
                 options_.seed ? options_.seed + static_cast<uint64_t>(worker) : 0);
    bool link_down = false;
    int connect_failures = 0;
    auto last_activity = Clock::now();
    const std::string who = "[" + std::to_string(worker + 1) + "] ";

    auto pause = [&](std::chrono::milliseconds d) {
        auto until = Clock::now() + d;
        while (!stop_ && Clock::now() < until)
            outbox_.waitForWork(std::min<std::chrono::milliseconds>(
                std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()),
                std::chrono::milliseconds(200)));
    };
    auto emit = [&](ForwardEvent e) {
        if (observer_) observer_(e);
    };

    while (!stop_) {
        auto claimed = outbox_.claim(options_.max_attempts);
        if (!claimed) {
            if (client.isOpen() && Clock::now() - last_activity > options_.idle_release) {
                spdlog::info("{}idle: releasing the association with {}", who,
                             client.describePeer());
                client.release();
            }
            outbox_.waitForWork(std::chrono::milliseconds(500));
            continue;
        }
        OutboxItem item = std::move(*claimed);

        if (!client.isOpen() || !client.proposed(item.sop_class, item.transfer_syntax)) {
            auto contexts = outbox_.pendingContexts();
            contexts.insert(contexts.begin(), {item.sop_class, item.transfer_syntax});
            try {
                client.open(contexts);
                connect_failures = 0;
                ever_connected_ = true;
                if (link_down) {
                    spdlog::info("{}link to the county is back ({})", who, client.describePeer());
                    emit({ForwardEvent::Kind::LinkUp, {}, 0xFFFF, "", "", 0, 0});
                    link_down = false;
                }
            } catch (const ForwardError& e) {
                outbox_.markRetry(item.sop_uid, e.what(), 0);
                {
                    std::lock_guard lock(mutex_);
                    ++stats_.connect_failures;
                }
                auto wait = link.next();
                if (!link_down || link.failures() <= 1)
                    spdlog::warn("{}{}; retrying in {} ms", who, e.what(), wait.count());
                if (!link_down)
                    emit({ForwardEvent::Kind::LinkDown, {}, 0xFFFF, e.what(), "", 0, 0});
                link_down = true;
                if (options_.max_connect_failures > 0 &&
                    ++connect_failures >= options_.max_connect_failures) {
                    spdlog::error("{}giving up after {} failed connection attempts", who,
                                  connect_failures);
                    ++gave_up_;
                    outbox_.notifyAll();
                    return;
                }
                pause(wait);
                continue;
            }
        }

        // Compressed copy when the county takes JPEG-LS; made once and kept, so a re-send
        // after a lost acknowledgement carries the very same bytes.
        fs::path file = item.path;
        std::string syntax = item.transfer_syntax;
        if (options_.compress && isUncompressedSyntax(item.transfer_syntax) &&
            client.acceptsJpegLs(item.sop_class)) {
            if (item.compressed_size < 0 ||
                (item.compressed_size > 0 && !fs::exists(item.compressed))) {
                auto out = outbox_.compressedPath(item.sop_uid);
                std::string why;
                try {
                    auto r = compressJpegLsLossless(item.path, out, &why);
                    item.compressed = r ? out : fs::path();
                    item.compressed_size = r ? r->compressed_size : 0;
                } catch (const std::exception& e) {
                    why = e.what();
                    item.compressed.clear();
                    item.compressed_size = 0;
                }
                if (item.compressed_size == 0)
                    spdlog::debug("{}{} sent uncompressed: {}", who, item.sop_uid, why);
                outbox_.setCompressed(item.sop_uid, item.compressed, item.compressed_size);
            }
            if (item.compressed_size > 0) {
                file = item.compressed;
                syntax = UID_JPEGLSLosslessTransferSyntax;
            }
        }

        outbox_.markAttempt(item.sop_uid);
        {
            std::lock_guard lock(mutex_);
            progress_[static_cast<size_t>(worker)] = {item.sop_uid, 0};
        }
        auto t0 = Clock::now();
        auto result = client.send(
            file, item.sop_class, item.sop_uid, syntax,
            item.priority == Priority::Emergency ? kDimsePriorityHigh : kDimsePriorityMedium,
            [&](int64_t sent) {
                std::lock_guard lock(mutex_);
                progress_[static_cast<size_t>(worker)].second = sent;
            });
        double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        {
            std::lock_guard lock(mutex_);
            progress_[static_cast<size_t>(worker)] = {};
        }
        last_activity = Clock::now();
        ForwardEvent ev{ForwardEvent::Kind::Delivered,
                        item,
                        result.status,
                        result.message,
                        result.syntax,
                        result.bytes_sent,
                        seconds};
        using O = ForwardSendResult::Outcome;
        switch (result.outcome) {
            case O::Stored: {
                outbox_.markDelivered(item.sop_uid, result.syntax, result.bytes_sent);
                link.reset();
                {
                    std::lock_guard lock(mutex_);
                    ++stats_.delivered;
                    stats_.original_bytes += item.size;
                    stats_.wire_bytes += result.bytes_sent;
                    if (result.syntax == UID_JPEGLSLosslessTransferSyntax) ++stats_.compressed;
                }
                spdlog::info("{}delivered {} (study {}{}) {} -> {} on the wire in {:.2f} s{}", who,
                             item.sop_uid, item.study_uid,
                             item.priority == Priority::Emergency ? ", EMERGENCY" : "",
                             kib(item.size), kib(result.bytes_sent), seconds,
                             result.syntax == UID_JPEGLSLosslessTransferSyntax ? " (JPEG-LS)" : "");
                emit(ev);
                break;
            }
            case O::Refused: {
                if (permanentRefusal(result.status)) {
                    outbox_.markRejected(item.sop_uid, result.message);
                    spdlog::error(
                        "{}county rejected {} (study {}): {}; kept in the outbox, not retried", who,
                        item.sop_uid, item.study_uid, result.message);
                    ev.kind = ForwardEvent::Kind::Rejected;
                } else {
                    auto delay = Backoff::ceiling(options_.backoff_initial, options_.backoff_max,
                                                  item.attempts - 1);
                    outbox_.markRetry(item.sop_uid, result.message, nowMs() + delay.count());
                    spdlog::warn("{}county refused {} for now: {}; retry in {} ms", who,
                                 item.sop_uid, result.message, delay.count());
                    ev.kind = ForwardEvent::Kind::Retry;
                    std::lock_guard lock(mutex_);
                    ++stats_.retries;
                }
                emit(ev);
                break;
            }
            case O::NoContext: {
                outbox_.markRejected(item.sop_uid, result.message);
                spdlog::error("{}{}: {}", who, item.sop_uid, result.message);
                ev.kind = ForwardEvent::Kind::Rejected;
                emit(ev);
                break;
            }
            case O::LocalError: {
                if (file != item.path) {
                    outbox_.setCompressed(item.sop_uid, {}, -1);  // make it again next time
                    outbox_.markRetry(item.sop_uid, result.message, 0);
                    ev.kind = ForwardEvent::Kind::Retry;
                } else {
                    outbox_.markRejected(item.sop_uid, result.message);
                    spdlog::error("{}{}: {}", who, item.sop_uid, result.message);
                    ev.kind = ForwardEvent::Kind::Rejected;
                }
                emit(ev);
                break;
            }
            case O::Lost: {
                outbox_.markRetry(item.sop_uid, result.message, 0);
                auto wait = link.next();
                {
                    std::lock_guard lock(mutex_);
                    ++stats_.lost_connections;
                    ++stats_.retries;
                }
                spdlog::warn(
                    "{}{} while sending {} after {:.1f} s; it stays queued, reconnecting in {} ms",
                    who, result.message, item.sop_uid, seconds, wait.count());
                ev.kind = ForwardEvent::Kind::Retry;
                emit(ev);
                pause(wait);
                break;
            }
        }
    }
    client.release();
}

}  // namespace countyread::sender
