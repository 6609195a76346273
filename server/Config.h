#pragma once
// Server configuration (TOML). Relative paths are relative to the config file.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace countyread::server {

struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct TownshipConfig {
    std::string id;
    std::string name;
    std::string aet;
    std::string host = "127.0.0.1";
    int port = 104;
};

struct RadiologistConfig {
    std::string id;
    std::string name;
    std::vector<std::string> modalities;
    std::vector<std::string> townships;  // contracted townships; empty = all
    std::filesystem::path certificate;   // PEM file
    std::string certificate_pem;         // loaded content
    // Two-level signing (报告医生 / 审核医生): a radiologist whose reports need a senior's
    // verification, and the seniors who may verify.
    bool requires_verification = false;
    bool verifies = false;
};

struct UserConfig {
    std::string id;
    std::string role;      // radiologist, township, admin
    std::string township;  // for role township
    std::string password_hash;
};

struct ServerConfig {
    std::string aet = "COUNTY";
    int dicom_port = 11112;
    int http_port = 8042;
    std::string http_bind = "127.0.0.1";
    int max_associations = 8;
    std::string organization = "县人民医院放射科";
    std::string hospital = "县人民医院";  // the printed report's header
    // How townships reach the HTTP API (the report's QR code points here); empty = http://bind:port.
    std::string public_url;
    std::string publicUrl() const {
        return public_url.empty() ? "http://" + http_bind + ":" + std::to_string(http_port) : public_url;
    }
    bool demo = false;
    // [database] url: "postgresql://user@host:port/db" (PostgreSQL, shared by several servers)
    // or an SQLite file path; empty = SQLite file DATA/index.sqlite.
    std::string database_url;
    std::vector<TownshipConfig> townships;
    std::vector<RadiologistConfig> radiologists;
    std::vector<UserConfig> users;

    const TownshipConfig* townshipByAe(const std::string& aet) const;
    const TownshipConfig* townshipById(const std::string& id) const;
    const RadiologistConfig* radiologist(const std::string& id) const;
    const UserConfig* user(const std::string& id) const;
};

ServerConfig loadConfig(const std::filesystem::path& file);
ServerConfig parseConfig(const std::string& toml_text, const std::filesystem::path& base_dir);

}  // namespace countyread::server
