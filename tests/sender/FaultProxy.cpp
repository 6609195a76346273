#include "tests/sender/FaultProxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <stdexcept>

#include "sender/TokenBucket.h"

namespace countyread::test {

class FaultProxy::Bucket : public sender::TokenBucket {
public:
    using TokenBucket::TokenBucket;
};

namespace {

void closeWithReset(int fd) {
    linger l{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    ::close(fd);
}

bool writeAll(int fd, const char* data, size_t n) {
    while (n > 0) {
        ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += w;
        n -= static_cast<size_t>(w);
    }
    return true;
}

int connectTo(const std::string& host, int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

}  // namespace

FaultProxy::FaultProxy(FaultProxyOptions options)
    : options_(std::move(options)), budget_left_(options_.max_faults) {
    if (options_.rate_bytes_per_s > 0) {
        up_bucket_ = std::make_unique<Bucket>(options_.rate_bytes_per_s, 16384);
        down_bucket_ = std::make_unique<Bucket>(options_.rate_bytes_per_s, 16384);
    }
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(options_.listen_port));
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd_, 64) != 0) {
        ::close(listen_fd_);
        throw std::runtime_error("fault proxy: cannot listen on port " +
                                 std::to_string(options_.listen_port));
    }
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { acceptLoop(); });
}

FaultProxy::~FaultProxy() { stop(); }

void FaultProxy::stop() {
    if (stop_.exchange(true)) return;
    if (acceptor_.joinable()) acceptor_.join();
    ::close(listen_fd_);
    std::lock_guard lock(threads_mutex_);
    for (auto& t : relays_)
        if (t.joinable()) t.join();
}

std::chrono::steady_clock::time_point FaultProxy::lastFaultAt() const {
    std::lock_guard lock(time_mutex_);
    return last_fault_;
}

bool FaultProxy::takeFault() {
    int left = budget_left_.load();
    while (left > 0)
        if (budget_left_.compare_exchange_weak(left, left - 1)) {
            std::lock_guard lock(time_mutex_);
            last_fault_ = std::chrono::steady_clock::now();
            return true;
        }
    return false;
}

int64_t FaultProxy::drawBudget(std::mt19937_64& rng) const {
    if (options_.max_faults <= 0) return INT64_MAX;
    std::exponential_distribution<double> d(
        1.0 / static_cast<double>(options_.mean_bytes_between_faults));
    return std::max<int64_t>(1, static_cast<int64_t>(d(rng)));
}

void FaultProxy::acceptLoop() {
    while (!stop_) {
        pollfd p{listen_fd_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) continue;
        if (refusing_) {
            closeWithReset(client);
            continue;
        }
        int one = 1;
        ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int server = connectTo(options_.upstream_host, options_.upstream_port);
        if (server < 0) {
            closeWithReset(client);
            continue;
        }
        ++connections_;
        uint64_t seed = options_.seed * 1000003ull + (++connection_counter_);
        std::lock_guard lock(threads_mutex_);
        relays_.emplace_back([this, client, server, seed] { relay(client, server, seed); });
    }
}

void FaultProxy::relay(int client, int server, uint64_t seed) {
    std::mt19937_64 rng(seed);
    int64_t budget = drawBudget(rng);
    std::vector<char> buf(16384);
    bool open = true;
    auto closeBoth = [&](bool reset) {
        if (reset) {
            closeWithReset(client);
            closeWithReset(server);
        } else {
            ::shutdown(client, SHUT_RDWR);
            ::shutdown(server, SHUT_RDWR);
            ::close(client);
            ::close(server);
        }
        open = false;
    };
    while (open && !stop_) {
        pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        int n = ::poll(fds, 2, 100);
        if (n <= 0) continue;
        for (int i = 0; i < 2 && open; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const bool upstream = i == 0;
            int from = upstream ? client : server;
            int to = upstream ? server : client;
            ssize_t r = ::recv(from, buf.data(), buf.size(), 0);
            if (r <= 0) {
                closeBoth(r < 0);
                break;
            }
            size_t len = static_cast<size_t>(r);
            // A fault falls inside this chunk: relay the bytes before it, then inject it.
            bool lose_response = !upstream && options_.response_fault_probability > 0 &&
                                 std::uniform_real_distribution<double>(0, 1)(rng) <
                                     options_.response_fault_probability;
            bool fault = (static_cast<int64_t>(len) >= budget || lose_response) && takeFault();
            size_t pass = fault ? static_cast<size_t>(std::max<int64_t>(0, budget - 1)) : len;
            if (fault && lose_response) pass = 0;
            if (pass > 0) {
                auto* bucket = upstream ? up_bucket_.get() : down_bucket_.get();
                if (bucket) bucket->consume(static_cast<int64_t>(pass));
                if (!writeAll(to, buf.data(), pass)) {
                    closeBoth(true);
                    break;
                }
                (upstream ? up_bytes_ : down_bytes_) += static_cast<int64_t>(pass);
            }
            if (!fault) {
                if (budget != INT64_MAX) budget -= static_cast<int64_t>(len);
                if (budget <= 0) budget = drawBudget(rng);  // budget spent elsewhere: no fault
                continue;
            }
            int kind = std::uniform_int_distribution<int>(0, lose_response ? 1 : 2)(rng);
            if (lose_response) ++lost_responses_;
            if (kind == 0) {
                ++drops_;
                closeBoth(false);
            } else if (kind == 1) {
                ++resets_;
                closeBoth(true);
            } else {
                ++stalls_;
                auto ms = std::uniform_int_distribution<int64_t>(options_.min_stall.count(),
                                                                 options_.max_stall.count())(rng);
                auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
                while (!stop_ && std::chrono::steady_clock::now() < until)
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                // Then the rest of the chunk goes through, late.
                if (!writeAll(to, buf.data() + pass, len - pass)) {
                    closeBoth(true);
                    break;
                }
                (upstream ? up_bytes_ : down_bytes_) += static_cast<int64_t>(len - pass);
                budget = drawBudget(rng);
            }
        }
    }
    if (open) closeBoth(false);
}

}  // namespace countyread::test
