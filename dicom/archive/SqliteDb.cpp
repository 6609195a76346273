#include "dicom/archive/SqliteDb.h"

#include <sqlite3.h>

namespace countyread::dicom {

SqliteStatement::SqliteStatement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
        throw DatabaseError(std::string("SQL prepare failed: ") + sqlite3_errmsg(db) + " in: " + sql);
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

SqliteStatement& SqliteStatement::bind(int index, const SqlValue& value) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(value)) {
        rc = sqlite3_bind_null(stmt_, index);
    } else if (auto* i = std::get_if<int64_t>(&value)) {
        rc = sqlite3_bind_int64(stmt_, index, *i);
    } else if (auto* d = std::get_if<double>(&value)) {
        rc = sqlite3_bind_double(stmt_, index, *d);
    } else {
        const auto& s = std::get<std::string>(value);
        rc = sqlite3_bind_text(stmt_, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) throw DatabaseError(std::string("SQL bind failed: ") + sqlite3_errmsg(db_));
    return *this;
}

SqliteStatement& SqliteStatement::bindAll(const std::vector<SqlValue>& values) {
    for (size_t i = 0; i < values.size(); ++i) bind(static_cast<int>(i + 1), values[i]);
    return *this;
}

bool SqliteStatement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw DatabaseError(std::string("SQL step failed: ") + sqlite3_errmsg(db_));
}

void SqliteStatement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string SqliteStatement::text(int column) const {
    auto* p = sqlite3_column_text(stmt_, column);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, column));
}
int64_t SqliteStatement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double SqliteStatement::real(int column) const { return sqlite3_column_double(stmt_, column); }
bool SqliteStatement::isNull(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
int SqliteStatement::columns() const { return sqlite3_column_count(stmt_); }

SqliteDb::SqliteDb(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw DatabaseError("cannot open database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 10000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

void SqliteDb::exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw DatabaseError("SQL failed: " + msg + " in: " + sql.substr(0, 200));
    }
}

SqliteStatement SqliteDb::prepare(const std::string& sql) { return SqliteStatement(db_, sql); }
int64_t SqliteDb::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int SqliteDb::changes() const { return sqlite3_changes(db_); }

void SqliteDb::migrate(const std::string& scope, const std::vector<Migration>& migrations) {
    const std::string table = "schema_migrations_" + scope;
    transaction([&] {
        exec("CREATE TABLE IF NOT EXISTS " + table +
             " (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        int current = 0;
        {
            auto q = prepare("SELECT COALESCE(MAX(version), 0) FROM " + table);
            if (q.step()) current = static_cast<int>(q.integer(0));
        }
        for (const auto& m : migrations) {
            if (m.version <= current) continue;
            exec(m.sql);
            prepare("INSERT INTO " + table +
                    " (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))")
                .bindAll({int64_t{m.version}, m.name})
                .step();
        }
    });
}

}  // namespace countyread::dicom
