#pragma once
// The township gateway's configuration (township.toml). Relative paths are relative to the
// config file. See README.md, "Township gateway".
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace countyread::sender {

struct GatewayConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct GatewayConfig {
    // [gateway]: the local side
    std::string aet = "TOWNSHIP";         // AE title modalities send to
    int port = 11114;                     // local DICOM listener; 0: none
    int max_associations = 4;             // inbound
    std::vector<std::string> modalities;  // calling AEs allowed to send; empty: any
    std::filesystem::path data_dir = "outbox";
    std::filesystem::path watch_folder;  // optional export folder
    int watch_interval_ms = 2000;
    int keep_delivered_days = 7;
    std::filesystem::path log_file = "logs/gateway.log";
    std::vector<std::string> emergency_keywords = {"急诊", "STAT", "EMERGENCY"};

    // [county]: where studies go
    std::string county_host = "127.0.0.1";
    int county_port = 11112;
    std::string county_aet = "COUNTY";
    std::string calling_aet;  // how the county knows us; default: aet
    int timeout_s = 30;
    int associations = 2;
    bool compress = true;
    int64_t rate_kbps = 0;  // kilobits per second; 0: unlimited
    int backoff_initial_ms = 1000;
    int backoff_max_ms = 60000;

    // [county.api]: status and reports
    std::string api_url;  // e.g. http://10.1.1.5:8042; empty: no polling
    std::string api_user;
    std::string api_password;
    int poll_s = 30;
};

GatewayConfig parseGatewayConfig(const std::string& text, const std::filesystem::path& base);
GatewayConfig loadGatewayConfig(const std::filesystem::path& file);

}  // namespace countyread::sender
