#include "tests/sender/TestCounty.h"

#include <thread>

#include "sender/DurableFile.h"

namespace countyread::test {

namespace fs = std::filesystem;

TestCounty::TestCounty(fs::path dir, std::string aet, std::string township_aet)
    : dir_(std::move(dir)), aet_(std::move(aet)), township_aet_(std::move(township_aet)) {
    fs::create_directories(dir_ / "store");
}

TestCounty::~TestCounty() { stop(); }

void TestCounty::start(int port) {
    port_ = port;
    dicom::ListenerConfig c;
    c.aet = aet_;
    c.port = port;
    c.max_associations = 16;
    c.dimse_timeout_s = 30;
    c.staging_dir = dir_ / "staging";
    auto township = township_aet_;
    c.admit = [township](const std::string& calling, const std::string&) -> std::string {
        return calling == township ? "" : "calling AE title not recognized";
    };
    listener_ = std::make_unique<dicom::StoreListener>(c, *this);
    listener_->start();
}

void TestCounty::stop() {
    if (listener_) listener_->stop();
    listener_.reset();
}

void TestCounty::failNext(int n, uint16_t status) {
    std::lock_guard lock(mutex_);
    fail_left_ = n;
    fail_status_ = status;
}

dicom::StoreStatus TestCounty::onStore(const dicom::ReceivedInstance& in) {
    if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
    std::lock_guard lock(mutex_);
    ++total_;
    if (fail_left_ > 0) {
        --fail_left_;
        fs::remove(in.temp_file);
        return {fail_status_, "test county refuses for now"};
    }
    const auto& sop = in.info.sop_instance_uid;
    auto sha = sender::contentHash(in.temp_file);
    auto& r = received_[sop];
    ++r.receptions;
    r.priority = in.priority;
    if (!r.sha.empty() && r.sha == sha) {
        ++identical_;
        fs::remove(in.temp_file);
        return {0x0000, {}};
    }
    if (!r.sha.empty())
        ++replaced_;
    else
        r.first_at = std::chrono::steady_clock::now();
    r.file = dir_ / "store" / (sop + ".dcm");
    fs::rename(in.temp_file, r.file);
    r.sha = sha;
    r.transfer_syntax = in.info.transfer_syntax_uid;
    return {0x0000, {}};
}

std::map<std::string, TestCounty::Received> TestCounty::received() {
    std::lock_guard lock(mutex_);
    std::map<std::string, Received> out;
    for (const auto& [k, v] : received_)
        if (!v.sha.empty()) out[k] = v;
    return out;
}

size_t TestCounty::distinct() {
    std::lock_guard lock(mutex_);
    size_t n = 0;
    for (const auto& [k, v] : received_)
        if (!v.sha.empty()) ++n;
    return n;
}

}  // namespace countyread::test
