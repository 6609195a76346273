#include "sender/GatewayConfig.h"

#include <toml++/toml.h>

#include <fstream>
#include <sstream>

namespace countyread::sender {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> stringList(const toml::table& t, const char* key,
                                    std::vector<std::string> fallback) {
    auto* arr = t[key].as_array();
    if (!arr) return fallback;
    std::vector<std::string> out;
    for (auto& e : *arr)
        if (auto s = e.value<std::string>()) out.push_back(*s);
    return out;
}

fs::path resolve(const fs::path& p, const fs::path& base) {
    if (p.empty() || p.is_absolute()) return p;
    return base / p;
}

void checkAe(const std::string& ae, const std::string& what) {
    if (ae.empty() || ae.size() > 16) throw GatewayConfigError(what + " must be 1-16 characters");
}

}  // namespace

GatewayConfig parseGatewayConfig(const std::string& text, const fs::path& base) {
    toml::table root;
    try {
        root = toml::parse(text);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << "config: " << e.description() << " at line " << e.source().begin.line;
        throw GatewayConfigError(msg.str());
    }
    GatewayConfig c;
    if (auto g = root["gateway"].as_table()) {
        c.aet = (*g)["aet"].value_or(c.aet);
        c.port = (*g)["port"].value_or(c.port);
        c.max_associations = (*g)["max_associations"].value_or(c.max_associations);
        c.modalities = stringList(*g, "modalities", {});
        c.data_dir = (*g)["data_dir"].value_or(c.data_dir.string());
        c.watch_folder = (*g)["watch_folder"].value_or(std::string());
        c.watch_interval_ms = (*g)["watch_interval_ms"].value_or(c.watch_interval_ms);
        c.keep_delivered_days = (*g)["keep_delivered_days"].value_or(c.keep_delivered_days);
        c.log_file = (*g)["log_file"].value_or(c.log_file.string());
        c.emergency_keywords = stringList(*g, "emergency_keywords", c.emergency_keywords);
    }
    auto county = root["county"].as_table();
    if (!county) throw GatewayConfigError("config: [county] is required");
    c.county_host = (*county)["host"].value_or(c.county_host);
    c.county_port = (*county)["port"].value_or(c.county_port);
    c.county_aet = (*county)["aet"].value_or(c.county_aet);
    c.calling_aet = (*county)["calling_aet"].value_or(c.aet);
    c.timeout_s = (*county)["timeout_s"].value_or(c.timeout_s);
    c.associations = (*county)["associations"].value_or(c.associations);
    c.compress = (*county)["compress"].value_or(c.compress);
    c.rate_kbps = (*county)["rate_kbps"].value_or(c.rate_kbps);
    c.backoff_initial_ms = (*county)["backoff_initial_ms"].value_or(c.backoff_initial_ms);
    c.backoff_max_ms = (*county)["backoff_max_ms"].value_or(c.backoff_max_ms);
    if (auto api = (*county)["api"].as_table()) {
        c.api_url = (*api)["url"].value_or(std::string());
        c.api_user = (*api)["user"].value_or(std::string());
        c.api_password = (*api)["password"].value_or(std::string());
        c.poll_s = (*api)["poll_s"].value_or(c.poll_s);
        if (!c.api_url.empty() && c.api_user.empty())
            throw GatewayConfigError("config: [county.api] needs 'user' with 'url'");
    }

    checkAe(c.aet, "gateway.aet");
    checkAe(c.county_aet, "county.aet");
    checkAe(c.calling_aet, "county.calling_aet");
    if (c.port < 0 || c.port > 65535) throw GatewayConfigError("gateway.port must be 0-65535");
    if (c.county_port < 1 || c.county_port > 65535)
        throw GatewayConfigError("county.port must be 1-65535");
    if (c.associations < 1 || c.associations > 16)
        throw GatewayConfigError("county.associations must be 1-16");
    if (c.timeout_s < 1) throw GatewayConfigError("county.timeout_s must be positive");
    if (c.rate_kbps < 0) throw GatewayConfigError("county.rate_kbps must not be negative");
    if (c.backoff_initial_ms < 1 || c.backoff_max_ms < c.backoff_initial_ms)
        throw GatewayConfigError("county.backoff_initial_ms/backoff_max_ms are inconsistent");
    c.data_dir = resolve(c.data_dir, base);
    c.watch_folder = resolve(c.watch_folder, base);
    c.log_file = resolve(c.log_file, base);
    return c;
}

GatewayConfig loadGatewayConfig(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw GatewayConfigError("cannot read " + file.string());
    std::stringstream ss;
    ss << in.rdbuf();
    return parseGatewayConfig(ss.str(), fs::absolute(file).parent_path());
}

}  // namespace countyread::sender
