#pragma once
// Server configuration (TOML). Relative paths are relative to the config file.
#include <filesystem>
#include <map>
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
    std::string priority;  // optional township rule: every study from here gets it (emergency, urgent, routine)
};

// A weekly shift in Beijing time (UTC+8): days "mon".."sun", "HH:MM"; an end not after the
// start runs into the next day.
struct ShiftConfig {
    std::vector<std::string> days;
    std::string start, end;
};
// Leave (or a dated extra shift): ISO 8601 instants; without an offset they are Beijing time.
struct PeriodConfig {
    std::string start, end;
};

// [[priority_rule]]: a priority for every study from a township or a calling AE title.
struct PriorityRuleConfig {
    std::string township;
    std::string aet;
    std::string priority;
};

// [workflow]: the reading workflow's timings and rules.
struct WorkflowConfig {
    // A study becomes a reading item once no instance arrived for this long. Configs without a
    // [workflow] table keep the earlier behaviour (0: an item on the first instance).
    int quiet_seconds = 30;
    int lock_minutes = 15;          // claim lock lifetime, renewed by opening again
    int escalation_seconds = 60;    // how often at-risk items are looked at
    int critical_ack_minutes = 15;  // a critical finding acknowledged later than this is late
    bool reroute_at_risk = true;    // at-risk items may move to another radiologist
    bool emergency_by_load = false; // emergencies go to the least loaded reader, affinity ignored
    struct Limit {
        std::string priority;  // emergency, urgent, routine
        std::string target;    // a modality ("CT") or a class ("radiography", "ct", "other")
        double minutes = 0;  // fractions allowed (0.5 = 30 s)
    };
    std::vector<Limit> turnaround;           // [workflow.turnaround_minutes] overrides
    std::map<std::string, int> load_weights;  // [workflow.load_weights] per modality
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
    // Assignment: body parts read (empty = all), most weighted open load (0 = no cap), duty
    // roster (no shifts anywhere in the config = everyone always on duty; a radiologist without
    // shifts in a config that has some is on duty around the clock).
    std::vector<std::string> body_parts;
    int capacity = 0;
    std::vector<ShiftConfig> shifts;
    std::vector<PeriodConfig> extra_shifts;
    std::vector<PeriodConfig> leave;
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
    // [server] report_templates: the county's own report templates (JSON, the built-in format);
    // empty = the built-in Chinese set.
    std::filesystem::path report_templates;
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
    WorkflowConfig workflow;
    std::vector<PriorityRuleConfig> priority_rules;
    // [metrics] token: what Prometheus sends as "Authorization: Bearer ..." for GET /metrics
    // (empty: an admin's session token is needed).
    std::string metrics_token;

    const TownshipConfig* townshipByAe(const std::string& aet) const;
    const TownshipConfig* townshipById(const std::string& id) const;
    const RadiologistConfig* radiologist(const std::string& id) const;
    const UserConfig* user(const std::string& id) const;
};

ServerConfig loadConfig(const std::filesystem::path& file);
ServerConfig parseConfig(const std::string& toml_text, const std::filesystem::path& base_dir);

}  // namespace countyread::server
