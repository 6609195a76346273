#include "server/Config.h"

#include <toml++/toml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "dicom/archive/Database.h"
#include "server/ReportTemplates.h"

namespace countyread::server {

namespace fs = std::filesystem;

const TownshipConfig* ServerConfig::townshipByAe(const std::string& aet) const {
    for (const auto& t : townships)
        if (t.aet == aet) return &t;
    return nullptr;
}
const TownshipConfig* ServerConfig::townshipById(const std::string& id) const {
    for (const auto& t : townships)
        if (t.id == id) return &t;
    return nullptr;
}
const RadiologistConfig* ServerConfig::radiologist(const std::string& id) const {
    for (const auto& r : radiologists)
        if (r.id == id) return &r;
    return nullptr;
}
const UserConfig* ServerConfig::user(const std::string& id) const {
    for (const auto& u : users)
        if (u.id == id) return &u;
    return nullptr;
}

namespace {

std::string required(const toml::table& t, const char* key, const std::string& where) {
    auto v = t[key].value<std::string>();
    if (!v || v->empty()) throw ConfigError(where + ": '" + key + "' is required");
    return *v;
}

std::vector<std::string> stringList(const toml::table& t, const char* key) {
    std::vector<std::string> out;
    if (auto arr = t[key].as_array())
        for (auto& e : *arr)
            if (auto s = e.value<std::string>()) out.push_back(*s);
    return out;
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p);
    if (!in) throw ConfigError("cannot read " + p.string());
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void checkPriority(const std::string& p, const std::string& where) {
    if (!p.empty() && p != "emergency" && p != "urgent" && p != "routine")
        throw ConfigError(where + ": priority must be emergency, urgent or routine");
}

std::vector<PeriodConfig> periods(const toml::table& t, const char* key, const std::string& where) {
    std::vector<PeriodConfig> out;
    if (auto arr = t[key].as_array())
        for (auto& e : *arr) {
            auto* p = e.as_table();
            if (!p) throw ConfigError(where + ": " + key + " entries are {start = ..., end = ...}");
            out.push_back({required(*p, "start", where), required(*p, "end", where)});
        }
    return out;
}

void parseAssignment(const toml::table& t, RadiologistConfig& rc) {
    const std::string where = "radiologist " + rc.id;
    rc.body_parts = stringList(t, "body_parts");
    rc.capacity = t["capacity"].value_or(0);
    if (auto arr = t["shifts"].as_array())
        for (auto& e : *arr) {
            auto* s = e.as_table();
            if (!s) throw ConfigError(where + ": shifts are {days = [...], start = \"HH:MM\", end = \"HH:MM\"}");
            ShiftConfig sc{stringList(*s, "days"), required(*s, "start", where), required(*s, "end", where)};
            if (sc.days.empty()) throw ConfigError(where + ": a shift needs days");
            rc.shifts.push_back(sc);
        }
    rc.extra_shifts = periods(t, "extra_shifts", where);
    rc.leave = periods(t, "leave", where);
}

void parseWorkflow(const toml::table& root, ServerConfig& c) {
    if (auto w = root["workflow"].as_table()) {
        auto& wf = c.workflow;
        wf.quiet_seconds = (*w)["quiet_seconds"].value_or(wf.quiet_seconds);
        wf.lock_minutes = (*w)["lock_minutes"].value_or(wf.lock_minutes);
        wf.escalation_seconds = (*w)["escalation_seconds"].value_or(wf.escalation_seconds);
        wf.critical_ack_minutes = (*w)["critical_ack_minutes"].value_or(wf.critical_ack_minutes);
        wf.reroute_at_risk = (*w)["reroute_at_risk"].value_or(wf.reroute_at_risk);
        wf.emergency_by_load = (*w)["emergency_by_load"].value_or(wf.emergency_by_load);
        if (wf.quiet_seconds < 0 || wf.lock_minutes < 1 || wf.escalation_seconds < 1)
            throw ConfigError("[workflow]: quiet_seconds >= 0, lock_minutes >= 1, escalation_seconds >= 1");
        if (auto tat = (*w)["turnaround_minutes"].as_table())
            for (auto& [prio, targets] : *tat) {
                std::string p(prio.str());
                checkPriority(p, "[workflow.turnaround_minutes]");
                auto* tt = targets.as_table();
                if (!tt) throw ConfigError("[workflow.turnaround_minutes]: " + p + " = { CT = 60, ... }");
                for (auto& [target, minutes] : *tt) {
                    auto m = minutes.value<double>();
                    if (!m || *m * 60 < 1 || *m > 24 * 60)
                        throw ConfigError("[workflow.turnaround_minutes]: " + p + "." + std::string(target.str()) +
                                          " must be 1..1440 minutes");
                    wf.turnaround.push_back({p, std::string(target.str()), *m});
                }
            }
        if (auto lw = (*w)["load_weights"].as_table())
            for (auto& [modality, weight] : *lw) wf.load_weights[std::string(modality.str())] = weight.value_or(1);
    } else {
        c.workflow.quiet_seconds = 0;  // configs from before the quiet time: items at once
    }
    if (auto arr = root["priority_rule"].as_array())
        for (auto& node : *arr) {
            auto* t = node.as_table();
            if (!t) throw ConfigError("[[priority_rule]] must be a table");
            PriorityRuleConfig r{(*t)["township"].value_or(std::string()), (*t)["aet"].value_or(std::string()),
                                 required(*t, "priority", "[[priority_rule]]")};
            checkPriority(r.priority, "[[priority_rule]]");
            if (r.township.empty() == r.aet.empty())
                throw ConfigError("[[priority_rule]]: name either a township or an aet");
            if (!r.township.empty() && !c.townshipById(r.township))
                throw ConfigError("[[priority_rule]]: unknown township '" + r.township + "'");
            c.priority_rules.push_back(r);
        }
    if (auto m = root["metrics"].as_table()) c.metrics_token = (*m)["token"].value_or(std::string());
}

}  // namespace

ServerConfig parseConfig(const std::string& text, const fs::path& base) {
    toml::table root;
    try {
        root = toml::parse(text);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << "config: " << e.description() << " at line " << e.source().begin.line;
        throw ConfigError(msg.str());
    }
    ServerConfig c;
    if (auto s = root["server"].as_table()) {
        c.aet = (*s)["aet"].value_or(c.aet);
        c.dicom_port = (*s)["dicom_port"].value_or(c.dicom_port);
        c.http_port = (*s)["http_port"].value_or(c.http_port);
        c.http_bind = (*s)["http_bind"].value_or(c.http_bind);
        c.max_associations = (*s)["max_associations"].value_or(c.max_associations);
        c.organization = (*s)["organization"].value_or(c.organization);
        c.hospital = (*s)["hospital"].value_or(c.hospital);
        c.public_url = (*s)["public_url"].value_or(c.public_url);
        if (auto t = (*s)["report_templates"].value<std::string>()) {
            c.report_templates = fs::path(*t).is_absolute() ? fs::path(*t) : base / *t;
            try {
                ReportTemplates::load(c.report_templates);  // a bad file stops the start, not a read
            } catch (const TemplateError& e) {
                throw ConfigError(std::string("server.report_templates: ") + e.what());
            }
        }
    }
    if (auto d = root["database"].as_table()) {
        c.database_url = (*d)["url"].value_or(std::string());
        if (c.database_url.empty()) throw ConfigError("[database]: 'url' is required");
        if (!dicom::isPostgresUrl(c.database_url) && fs::path(c.database_url).is_relative())
            c.database_url = (base / c.database_url).string();  // an SQLite file
    }
    if (c.aet.empty() || c.aet.size() > 16) throw ConfigError("server.aet must be 1-16 characters");
    std::set<std::string> ids, aets;
    if (auto arr = root["township"].as_array()) {
        for (auto& node : *arr) {
            auto* t = node.as_table();
            if (!t) throw ConfigError("[[township]] must be a table");
            TownshipConfig tc;
            tc.id = required(*t, "id", "[[township]]");
            tc.name = (*t)["name"].value_or(tc.id);
            tc.aet = required(*t, "aet", "township " + tc.id);
            tc.host = (*t)["host"].value_or(tc.host);
            tc.port = (*t)["port"].value_or(tc.port);
            tc.priority = (*t)["priority"].value_or(std::string());
            checkPriority(tc.priority, "township " + tc.id);
            if (!ids.insert(tc.id).second) throw ConfigError("duplicate township id " + tc.id);
            if (!aets.insert(tc.aet).second) throw ConfigError("duplicate township aet " + tc.aet);
            c.townships.push_back(tc);
        }
    }
    if (auto arr = root["radiologist"].as_array()) {
        for (auto& node : *arr) {
            auto* t = node.as_table();
            if (!t) throw ConfigError("[[radiologist]] must be a table");
            RadiologistConfig rc;
            rc.id = required(*t, "id", "[[radiologist]]");
            rc.name = (*t)["name"].value_or(rc.id);
            rc.modalities = stringList(*t, "modalities");
            rc.townships = stringList(*t, "townships");
            if (auto cert = (*t)["certificate"].value<std::string>()) {
                rc.certificate = fs::path(*cert).is_absolute() ? fs::path(*cert) : base / *cert;
                rc.certificate_pem = readFile(rc.certificate);
            }
            rc.requires_verification = (*t)["requires_verification"].value_or(false);
            rc.verifies = (*t)["verifies"].value_or(false);
            parseAssignment(*t, rc);
            c.radiologists.push_back(rc);
        }
    }
    if (auto arr = root["user"].as_array()) {
        for (auto& node : *arr) {
            auto* t = node.as_table();
            if (!t) throw ConfigError("[[user]] must be a table");
            UserConfig uc;
            uc.id = required(*t, "id", "[[user]]");
            uc.role = required(*t, "role", "user " + uc.id);
            uc.township = (*t)["township"].value_or(std::string());
            uc.password_hash = required(*t, "password_hash", "user " + uc.id);
            if (uc.role != "radiologist" && uc.role != "township" && uc.role != "admin")
                throw ConfigError("user " + uc.id + ": role must be radiologist, township or admin");
            if (uc.role == "township" && !c.townshipById(uc.township))
                throw ConfigError("user " + uc.id + ": unknown township '" + uc.township + "'");
            if (uc.role == "radiologist" && !c.radiologist(uc.id))
                throw ConfigError("user " + uc.id + ": no [[radiologist]] with this id");
            c.users.push_back(uc);
        }
    }
    parseWorkflow(root, c);
    return c;
}

ServerConfig loadConfig(const fs::path& file) {
    auto abs = fs::absolute(file);
    return parseConfig(readFile(abs), abs.parent_path());
}

}  // namespace countyread::server
