#include "dicom/archive/PostgresDatabase.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "dicom/archive/PostgresStatement.h"

namespace countyread::dicom {

namespace {

// The connection each thread's unit of work holds, per database.
thread_local std::vector<std::pair<const PostgresDatabase*, pg_conn*>> t_units;

constexpr size_t kMaxIdle = 16;
constexpr const char* kSchemaLock = "SELECT pg_advisory_xact_lock(4367236557746779)";

void ignoreNotice(void*, const char*) {}

void clear(pg_result* r) { PQclear(r); }

}  // namespace

PostgresDatabase::PostgresDatabase(std::string url) : url_(std::move(url)) {
    release(acquire());  // fail early, with libpq's reason, when the server cannot be reached
}

PostgresDatabase::~PostgresDatabase() {
    for (auto* c : idle_) PQfinish(c);
}

std::string PostgresDatabase::describe() const {
    // Never the password: user@host:port/dbname.
    std::string user, host, port, db;
    if (PQconninfoOption* opts = PQconninfoParse(url_.c_str(), nullptr)) {
        for (auto* o = opts; o->keyword; ++o) {
            std::string k = o->keyword, v = o->val ? o->val : "";
            if (k == "user") user = v;
            if (k == "host") host = v;
            if (k == "port") port = v;
            if (k == "dbname") db = v;
        }
        PQconninfoFree(opts);
    }
    return "PostgreSQL " + (user.empty() ? "" : user + "@") + (host.empty() ? "localhost" : host) +
           (port.empty() ? "" : ":" + port) + "/" + db;
}

pg_conn* PostgresDatabase::unitConnection() const {
    for (auto& [db, conn] : t_units)
        if (db == this) return conn;
    return nullptr;
}

pg_conn* PostgresDatabase::acquire() {
    {
        std::lock_guard lock(pool_mutex_);
        while (!idle_.empty()) {
            pg_conn* c = idle_.back();
            idle_.pop_back();
            if (PQstatus(c) == CONNECTION_OK) return c;
            PQfinish(c);
        }
    }
    pg_conn* c = PQconnectdb(url_.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
        std::string msg = PQerrorMessage(c);
        PQfinish(c);
        while (!msg.empty() && msg.back() == '\n') msg.pop_back();
        throw DatabaseError("cannot connect to " + describe() + ": " + msg);
    }
    PQsetNoticeProcessor(c, ignoreNotice, nullptr);
    if (PQsetClientEncoding(c, "UTF8") != 0) {
        PQfinish(c);
        throw DatabaseError("cannot use UTF-8 with " + describe());
    }
    std::lock_guard lock(pool_mutex_);
    ++opened_;
    return c;
}

void PostgresDatabase::release(pg_conn* c) {
    if (PQstatus(c) != CONNECTION_OK) {
        // The server went away or restarted: the idle ones are most likely stale too.
        PQfinish(c);
        std::vector<pg_conn*> stale;
        {
            std::lock_guard lock(pool_mutex_);
            stale.swap(idle_);
        }
        for (auto* s : stale) PQfinish(s);
        return;
    }
    if (PQtransactionStatus(c) != PQTRANS_IDLE) {
        PQfinish(c);
        return;
    }
    std::lock_guard lock(pool_mutex_);
    if (idle_.size() < kMaxIdle) {
        idle_.push_back(c);
        return;
    }
    PQfinish(c);
}

void PostgresDatabase::exec(const std::string& sql) {
    if (pg_conn* c = unitConnection()) {
        clear(PostgresStatement::run(c, sql, nullptr));
        return;
    }
    pg_conn* c = acquire();
    try {
        clear(PostgresStatement::run(c, sql, nullptr));
    } catch (...) {
        release(c);
        throw;
    }
    release(c);
}

Statement PostgresDatabase::prepare(const std::string& sql) {
    return Statement(std::make_unique<PostgresStatement>(*this, translatePlaceholders(sql)));
}

void PostgresDatabase::beginUnit(UnitKind kind) {
    pg_conn* c = acquire();
    try {
        // Schema units read committed: after waiting for the schema lock they must see what
        // the process that held it committed.
        clear(PostgresStatement::run(c,
                                     kind == UnitKind::Schema
                                         ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                         : "BEGIN ISOLATION LEVEL SERIALIZABLE",
                                     nullptr));
    } catch (...) {
        release(c);
        throw;
    }
    t_units.emplace_back(this, c);
}

void PostgresDatabase::commitUnit() {
    pg_conn* c = unitConnection();
    pg_result* r = PostgresStatement::run(c, "COMMIT", nullptr, true);
    std::string status = PQcmdStatus(r);
    clear(r);
    if (status == "ROLLBACK")  // a statement failed and its error was swallowed
        throw DatabaseError("PostgreSQL rolled the transaction back: a statement in it failed");
    std::erase(t_units, std::make_pair(static_cast<const PostgresDatabase*>(this), c));
    release(c);
}

void PostgresDatabase::rollbackUnit() noexcept {
    pg_conn* c = unitConnection();
    if (!c) return;
    clear(PQexec(c, "ROLLBACK"));
    std::erase(t_units, std::make_pair(static_cast<const PostgresDatabase*>(this), c));
    release(c);
}

void PostgresDatabase::lockSchema() { exec(kSchemaLock); }

std::string PostgresDatabase::translatePlaceholders(const std::string& sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    for (size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        auto copyUntil = [&](const std::string& end) {
            size_t stop = sql.find(end, i + 1);
            stop = stop == std::string::npos ? sql.size() : stop + end.size();
            out.append(sql, i, stop - i);
            i = stop - 1;
        };
        if (c == '\'') {
            copyUntil("'");  // '' inside a literal is two adjacent literals here: same result
        } else if (c == '"') {
            copyUntil("\"");
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            copyUntil("\n");
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            copyUntil("*/");
        } else if (c == '$' && (i == 0 || !(std::isalnum(static_cast<unsigned char>(sql[i - 1])) ||
                                            sql[i - 1] == '_'))) {
            size_t close = sql.find('$', i + 1);
            std::string tag = close == std::string::npos ? "" : sql.substr(i, close - i + 1);
            bool is_tag = !tag.empty() && std::all_of(tag.begin() + 1, tag.end() - 1, [](char t) {
                return std::isalnum(static_cast<unsigned char>(t)) || t == '_';
            }) && !std::isdigit(static_cast<unsigned char>(tag.size() > 2 ? tag[1] : 'a'));
            if (is_tag) {
                size_t stop = sql.find(tag, close + 1);
                stop = stop == std::string::npos ? sql.size() : stop + tag.size();
                out.append(sql, i, stop - i);
                i = stop - 1;
            } else {
                out += c;
            }
        } else if (c == '?') {
            out += '$' + std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace countyread::dicom
