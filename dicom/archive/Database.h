#pragma once
// The index database behind the archive and the worklist: SQLite (embedded default) or
// PostgreSQL (several servers sharing one index). Callers write SQL that both accept
// ('?' placeholders, ON CONFLICT upserts, RETURNING) and do their work in units:
//
//     db->transaction([&] { ... db->prepare("UPDATE ... WHERE id = ?").bind(1, id).step(); });
//
// A unit runs again from the start when it loses to a concurrent one (RetryableError), so it
// must have no effects outside the database that a second run would repeat. Reads outside a
// unit hold mutex() while they use their statement (SQLite shares one connection).
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "dicom/archive/DatabaseTypes.h"
#include "dicom/archive/Migration.h"
#include "dicom/archive/Statement.h"

namespace countyread::dicom {

class Database {
public:
    virtual ~Database() = default;
    Database() = default;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    virtual Dialect dialect() const = 0;
    // Where the data is, for logs ("SQLite /data/index.sqlite", "PostgreSQL db@host:5432").
    virtual std::string describe() const = 0;
    // One or more statements without parameters (schema scripts, tests).
    virtual void exec(const std::string& sql) = 0;
    // One statement with '?' placeholders.
    virtual Statement prepare(const std::string& sql) = 0;
    std::mutex& mutex() { return mutex_; }

    // Runs fn as one unit of work (all or nothing), retried from the start on RetryableError
    // up to kMaxAttempts times. A unit started inside a unit of the same thread joins it.
    // SQLite: BEGIN IMMEDIATE under mutex(). PostgreSQL: SERIALIZABLE on a pooled connection.
    template <typename Fn>
    auto transaction(Fn&& fn) {
        return run(UnitKind::Data, fn);
    }

    // Applies, in one unit, the migrations of this dialect (see migrationsFor) not yet recorded
    // in `schema_migrations_<scope>`. Safe when several processes start at once.
    void migrate(const std::string& scope, const std::vector<Migration>& migrations);

    // Units run again after a RetryableError (for tests and metrics).
    int64_t retryCount() const { return retries_; }
    static constexpr int kMaxAttempts = 30;

protected:
    enum class UnitKind { Data, Schema };
    // begin: starts the unit for this thread (undone by itself if it throws).
    // commit: ends the unit, or throws and leaves it for rollback.  rollback: always ends it.
    virtual void beginUnit(UnitKind kind) = 0;
    virtual void commitUnit() = 0;
    virtual void rollbackUnit() noexcept = 0;
    virtual bool inUnit() const = 0;  // this thread is inside a unit of this database
    // Called first in a migration unit: excludes concurrent migrations of other processes.
    virtual void lockSchema() {}

    std::mutex mutex_;

private:
    struct RollbackGuard {
        Database* db;
        ~RollbackGuard() {
            if (db) db->rollbackUnit();
        }
    };
    static void pauseBeforeRetry(int attempt);

    template <typename Fn>
    auto run(UnitKind kind, Fn& fn) -> decltype(fn()) {
        if (inUnit()) return fn();
        for (int attempt = 1;; ++attempt) {
            try {
                beginUnit(kind);
                RollbackGuard guard{this};
                if constexpr (std::is_void_v<decltype(fn())>) {
                    fn();
                    commitUnit();
                    guard.db = nullptr;
                    return;
                } else {
                    auto result = fn();
                    commitUnit();
                    guard.db = nullptr;
                    return result;
                }
            } catch (const RetryableError&) {
                if (attempt >= kMaxAttempts) throw;
            }
            ++retries_;
            pauseBeforeRetry(attempt);
        }
    }

    std::atomic<int64_t> retries_{0};
};

// "postgresql://..." or "postgres://..." (a libpq connection URI) opens PostgreSQL; anything
// else is the path of an SQLite file (created if missing).
std::shared_ptr<Database> openDatabase(const std::string& url_or_path);
bool isPostgresUrl(const std::string& url_or_path);

}  // namespace countyread::dicom
