#include "sender/LocalDb.h"

#include <sqlite3.h>

#include <chrono>
#include <thread>

namespace countyread::sender {

namespace {
[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    throw DbError(what + ": " + (db ? sqlite3_errmsg(db) : "no database"));
}
}  // namespace

Statement::Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
        fail(db_, "cannot prepare '" + sql + "'");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, const DbValue& value) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(value))
        rc = sqlite3_bind_null(stmt_, index);
    else if (auto* i = std::get_if<int64_t>(&value))
        rc = sqlite3_bind_int64(stmt_, index, *i);
    else if (auto* d = std::get_if<double>(&value))
        rc = sqlite3_bind_double(stmt_, index, *d);
    else {
        const auto& s = std::get<std::string>(value);
        rc =
            sqlite3_bind_text(stmt_, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) fail(db_, "cannot bind parameter");
    return *this;
}

Statement& Statement::bindAll(const std::vector<DbValue>& values) {
    for (size_t i = 0; i < values.size(); ++i) bind(static_cast<int>(i + 1), values[i]);
    return *this;
}

bool Statement::step() {
    for (int tries = 0;; ++tries) {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 200) {
            sqlite3_reset(stmt_);
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
            continue;
        }
        fail(db_, "statement failed");
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int64_t Statement::getInt(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Statement::getText(int col) const {
    auto* p = sqlite3_column_text(stmt_, col);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

bool Statement::isNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

LocalDb::LocalDb(const std::filesystem::path& file, Mode mode) {
    int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                       : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    flags |= SQLITE_OPEN_FULLMUTEX;
    if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw DbError("cannot open " + file.string() + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    if (mode == Mode::ReadWrite) {
        exec("PRAGMA journal_mode=WAL");
        // Every commit reaches the disk before the modality hears "stored".
        exec("PRAGMA synchronous=FULL");
        exec("PRAGMA foreign_keys=ON");
    }
}

LocalDb::~LocalDb() { sqlite3_close(db_); }

void LocalDb::exec(const std::string& sql) {
    std::lock_guard lock(mutex_);
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw DbError("SQL failed (" + sql.substr(0, 60) + "): " + msg);
    }
}

int64_t LocalDb::run(const std::string& sql, const std::vector<DbValue>& values) {
    std::lock_guard lock(mutex_);
    Statement st(db_, sql);
    st.bindAll(values);
    while (st.step()) {
    }
    return sqlite3_changes(db_);
}

Statement LocalDb::prepare(const std::string& sql) { return Statement(db_, sql); }

std::optional<int64_t> LocalDb::queryInt(const std::string& sql,
                                         const std::vector<DbValue>& values) {
    std::lock_guard lock(mutex_);
    Statement st(db_, sql);
    st.bindAll(values);
    if (!st.step() || st.isNull(0)) return std::nullopt;
    return st.getInt(0);
}

LocalDb::Transaction::Transaction(LocalDb& db) : db_(db), lock_(db.mutex_) {
    db_.exec("BEGIN IMMEDIATE");
}

LocalDb::Transaction::~Transaction() {
    if (done_) return;
    try {
        db_.exec("ROLLBACK");
    } catch (...) {
    }
}

void LocalDb::Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace countyread::sender
