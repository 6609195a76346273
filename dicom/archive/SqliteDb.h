#pragma once
// Small RAII wrapper over SQLite used by the archive index and the worklist store.
#include <cstdint>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "dicom/archive/Migration.h"

struct sqlite3;
struct sqlite3_stmt;

namespace countyread::dicom {

struct DatabaseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

using SqlValue = std::variant<std::nullptr_t, int64_t, double, std::string>;

class SqliteStatement {
public:
    SqliteStatement(sqlite3* db, const std::string& sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    SqliteStatement& bind(int index, const SqlValue& value);
    SqliteStatement& bindAll(const std::vector<SqlValue>& values);
    bool step();  // true while a row is available
    void reset();

    std::string text(int column) const;
    int64_t integer(int column) const;
    double real(int column) const;
    bool isNull(int column) const;
    int columns() const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDb {
public:
    // Opens (creating) the database in WAL mode with synchronous=FULL so every commit is durable.
    explicit SqliteDb(const std::string& path);
    ~SqliteDb();
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    void exec(const std::string& sql);
    SqliteStatement prepare(const std::string& sql);
    int64_t lastInsertRowId() const;
    int changes() const;

    // Applies migrations not yet recorded in `schema_migrations_<scope>`.
    void migrate(const std::string& scope, const std::vector<Migration>& migrations);

    // Runs fn inside BEGIN IMMEDIATE ... COMMIT (ROLLBACK on exception), serialised per db.
    template <typename Fn>
    auto transaction(Fn&& fn) {
        std::lock_guard lock(mutex_);
        exec("BEGIN IMMEDIATE");
        try {
            if constexpr (std::is_void_v<decltype(fn())>) {
                fn();
                exec("COMMIT");
            } else {
                auto result = fn();
                exec("COMMIT");
                return result;
            }
        } catch (...) {
            try {
                exec("ROLLBACK");
            } catch (...) {
            }
            throw;
        }
    }

    std::mutex& mutex() { return mutex_; }

private:
    sqlite3* db_ = nullptr;
    std::mutex mutex_;
};

}  // namespace countyread::dicom
