#pragma once
// An in-process county for the gateway's tests: the project's own dicom::StoreListener with an
// archive-like handler that keeps one file per SOP Instance UID, answers an identical re-send
// with success without a second copy (as the county archive does) and counts everything.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "dicom/net/StoreListener.h"

namespace countyread::test {

class TestCounty : public dicom::IStoreHandler {
public:
    explicit TestCounty(std::filesystem::path dir, std::string aet = "COUNTY",
                        std::string township_aet = "WENAN");
    ~TestCounty() override;

    void start(int port);
    void stop();
    int port() const { return port_; }

    dicom::StoreStatus onStore(const dicom::ReceivedInstance& in) override;

    struct Received {
        std::filesystem::path file;
        std::string transfer_syntax;
        uint16_t priority = 0;
        int receptions = 0;  // C-STOREs of this SOP instance that reached the handler
        std::string sha;     // of the file as stored
        std::chrono::steady_clock::time_point first_at;
    };
    std::map<std::string, Received> received();
    size_t distinct();
    int identicalDuplicates() const { return identical_; }
    int replaced() const { return replaced_; }
    int totalReceptions() const { return total_; }
    // Answers the next `n` C-STOREs with `status` (e.g. 0xA700) without storing them.
    void failNext(int n, uint16_t status);
    // Sleeps this long in every C-STORE (a slow county, to catch the gateway mid-transfer).
    void setDelay(std::chrono::milliseconds d) { delay_ = d; }

private:
    std::filesystem::path dir_;
    std::string aet_, township_aet_;
    int port_ = 0;
    std::unique_ptr<dicom::StoreListener> listener_;
    std::mutex mutex_;
    std::map<std::string, Received> received_;
    int identical_ = 0, replaced_ = 0, total_ = 0;
    int fail_left_ = 0;
    uint16_t fail_status_ = 0xA700;
    std::chrono::milliseconds delay_{0};
};

}  // namespace countyread::test
