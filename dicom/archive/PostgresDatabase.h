#pragma once
// The PostgreSQL backend (libpq): a pool of connections shared by every thread. A unit of work
// holds one connection for its duration (SERIALIZABLE, so concurrent units of this and other
// processes behave as if run one after another; the loser gets RetryableError and runs again).
// Statements outside a unit borrow a connection only while they execute (autocommit).
#include <mutex>
#include <string>
#include <vector>

#include "dicom/archive/Database.h"

struct pg_conn;

namespace countyread::dicom {

class PostgresStatement;

class PostgresDatabase : public Database {
public:
    // `url`: a libpq connection URI, e.g. postgresql://countyread@db.example:5432/countyread.
    // Connects once to check it (throws DatabaseError with libpq's reason if it cannot).
    explicit PostgresDatabase(std::string url);
    ~PostgresDatabase() override;

    Dialect dialect() const override { return Dialect::PostgreSQL; }
    std::string describe() const override;
    void exec(const std::string& sql) override;
    Statement prepare(const std::string& sql) override;

    // '?' placeholders to $1..$n, leaving quoted strings, identifiers and comments alone.
    static std::string translatePlaceholders(const std::string& sql);
    // Connections opened so far (for tests and metrics).
    int connectionsOpened() const { return opened_; }

protected:
    void beginUnit(UnitKind kind) override;
    void commitUnit() override;
    void rollbackUnit() noexcept override;
    bool inUnit() const override { return unitConnection() != nullptr; }
    void lockSchema() override;

private:
    friend class PostgresStatement;
    pg_conn* unitConnection() const;  // the connection of this thread's unit, or nullptr
    pg_conn* acquire();
    void release(pg_conn* conn);

    std::string url_;
    std::mutex pool_mutex_;
    std::vector<pg_conn*> idle_;
    int opened_ = 0;
};

}  // namespace countyread::dicom
