#pragma once
// The SQLite backend: one connection (WAL, synchronous=FULL) shared under mutex().
#include <atomic>
#include <string>
#include <thread>

#include "dicom/archive/Database.h"

struct sqlite3;

namespace countyread::dicom {

class SqliteDb : public Database {
public:
    // Opens (creating) the database in WAL mode with synchronous=FULL so every commit is durable.
    explicit SqliteDb(const std::string& path);
    ~SqliteDb() override;

    Dialect dialect() const override { return Dialect::SQLite; }
    std::string describe() const override { return "SQLite " + path_; }
    void exec(const std::string& sql) override;
    Statement prepare(const std::string& sql) override;
    int64_t lastInsertRowId() const;
    int changes() const;

protected:
    void beginUnit(UnitKind kind) override;
    void commitUnit() override;
    void rollbackUnit() noexcept override;
    bool inUnit() const override { return owner_.load() == std::this_thread::get_id(); }

private:
    sqlite3* db_ = nullptr;
    std::string path_;
    std::atomic<std::thread::id> owner_{};
};

}  // namespace countyread::dicom
