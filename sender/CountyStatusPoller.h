#pragma once
// Asks the county's HTTP API, as the township's user, what became of the studies the gateway
// delivered: received at, reading state, signed; fetches signed reports into the ReportInbox.
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

namespace countyread::sender {

class Outbox;
class ReportInbox;

struct CountyApiOptions {
    std::string url;  // http://host:port
    std::string user;
    std::string password;
    std::chrono::seconds interval{30};
    int timeout_s = 20;
};

class CountyStatusPoller {
public:
    CountyStatusPoller(Outbox& outbox, ReportInbox& reports, CountyApiOptions options);
    ~CountyStatusPoller();
    void start();
    void stop();
    // One round: log in if needed, list studies, fetch new reports. False (with `error`) when
    // the county could not be asked; the next round tries again.
    bool pollOnce(std::string* error = nullptr);
    int reportsFetched() const { return reports_fetched_; }

private:
    bool login(std::string* error);

    Outbox& outbox_;
    ReportInbox& reports_;
    CountyApiOptions options_;
    std::string token_;
    std::mutex mutex_;  // one round at a time
    std::atomic<bool> stop_{false};
    std::atomic<int> reports_fetched_{0};
    std::thread thread_;
};

}  // namespace countyread::sender
