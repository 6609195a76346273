#pragma once
// A small SQLite handle for the gateway's own outbox index (WAL, synchronous=FULL).
// Kept inside sender/ so the gateway does not depend on the county's database layer.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace countyread::sender {

struct DbError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

using DbValue = std::variant<std::nullptr_t, int64_t, double, std::string>;

class Statement {
public:
    Statement(sqlite3* db, const std::string& sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, const DbValue& value);  // 1-based
    // Binds every value in order, from 1.
    Statement& bindAll(const std::vector<DbValue>& values);
    bool step();  // true while a row is available
    void reset();

    int64_t getInt(int col) const;
    std::string getText(int col) const;
    bool isNull(int col) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class LocalDb {
public:
    enum class Mode { ReadWrite, ReadOnly };
    explicit LocalDb(const std::filesystem::path& file, Mode mode = Mode::ReadWrite);
    ~LocalDb();
    LocalDb(const LocalDb&) = delete;
    LocalDb& operator=(const LocalDb&) = delete;

    void exec(const std::string& sql);
    // Runs `sql` with `values`; returns the number of changed rows.
    int64_t run(const std::string& sql, const std::vector<DbValue>& values = {});
    Statement prepare(const std::string& sql);
    std::optional<int64_t> queryInt(const std::string& sql,
                                    const std::vector<DbValue>& values = {});

    // Serializes users of the connection (one connection is shared by the gateway's threads).
    std::recursive_mutex& mutex() { return mutex_; }

    // BEGIN IMMEDIATE ... COMMIT, rolled back when the scope exits by exception.
    class Transaction {
    public:
        explicit Transaction(LocalDb& db);
        ~Transaction();
        void commit();

    private:
        LocalDb& db_;
        std::lock_guard<std::recursive_mutex> lock_;
        bool done_ = false;
    };

private:
    sqlite3* db_ = nullptr;
    std::recursive_mutex mutex_;
};

}  // namespace countyread::sender
