#include "dicom/archive/SqliteDb.h"

#include <sqlite3.h>

namespace countyread::dicom {

namespace {

[[noreturn]] void fail(sqlite3* db, int rc, const std::string& what) {
    std::string msg = what + ": " + sqlite3_errmsg(db);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) throw RetryableError(msg);
    throw DatabaseError(msg);
}

class SqliteStatementImpl : public Statement::Impl {
public:
    SqliteStatementImpl(sqlite3* db, const std::string& sql) : db_(db) {
        int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr);
        if (rc != SQLITE_OK) fail(db, rc, "SQL prepare failed in: " + sql);
    }
    ~SqliteStatementImpl() override { sqlite3_finalize(stmt_); }

    void bind(int index, const SqlValue& value) override {
        int rc = SQLITE_OK;
        if (std::holds_alternative<std::nullptr_t>(value)) {
            rc = sqlite3_bind_null(stmt_, index);
        } else if (auto* i = std::get_if<int64_t>(&value)) {
            rc = sqlite3_bind_int64(stmt_, index, *i);
        } else if (auto* d = std::get_if<double>(&value)) {
            rc = sqlite3_bind_double(stmt_, index, *d);
        } else {
            const auto& s = std::get<std::string>(value);
            rc = sqlite3_bind_text(stmt_, index, s.data(), static_cast<int>(s.size()),
                                   SQLITE_TRANSIENT);
        }
        if (rc != SQLITE_OK) fail(db_, rc, "SQL bind failed");
    }
    bool step() override {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail(db_, rc, "SQL step failed");
    }
    void reset() override {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    std::string text(int column) const override {
        auto* p = sqlite3_column_text(stmt_, column);
        if (!p) return {};
        return std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, column));
    }
    int64_t integer(int column) const override { return sqlite3_column_int64(stmt_, column); }
    double real(int column) const override { return sqlite3_column_double(stmt_, column); }
    bool isNull(int column) const override {
        return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
    }
    int columns() const override { return sqlite3_column_count(stmt_); }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

SqliteDb::SqliteDb(const std::string& path) : path_(path) {
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
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = "SQL failed: " + std::string(err ? err : "unknown error") +
                          " in: " + sql.substr(0, 200);
        sqlite3_free(err);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) throw RetryableError(msg);
        throw DatabaseError(msg);
    }
}

Statement SqliteDb::prepare(const std::string& sql) {
    return Statement(std::make_unique<SqliteStatementImpl>(db_, sql));
}
int64_t SqliteDb::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int SqliteDb::changes() const { return sqlite3_changes(db_); }

void SqliteDb::beginUnit(UnitKind) {
    mutex_.lock();
    try {
        exec("BEGIN IMMEDIATE");
    } catch (...) {
        mutex_.unlock();
        throw;
    }
    owner_ = std::this_thread::get_id();
}

void SqliteDb::commitUnit() {
    exec("COMMIT");
    owner_ = std::thread::id{};
    mutex_.unlock();
}

void SqliteDb::rollbackUnit() noexcept {
    try {
        exec("ROLLBACK");
    } catch (...) {
    }
    owner_ = std::thread::id{};
    mutex_.unlock();
}

}  // namespace countyread::dicom
