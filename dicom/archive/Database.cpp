#include "dicom/archive/Database.h"

#include <chrono>
#include <random>
#include <thread>

#include "dicom/archive/Archive.h"
#include "dicom/archive/PostgresDatabase.h"
#include "dicom/archive/SqliteDb.h"

namespace countyread::dicom {

void Database::pauseBeforeRetry(int attempt) {
    // Jittered exponential backoff (1 ms .. 100 ms) so conflicting units stop colliding.
    static thread_local std::mt19937 rng{std::random_device{}()};
    int cap = std::min(100, 1 << std::min(attempt, 7));
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<>(1, cap)(rng)));
}

void Database::migrate(const std::string& scope, const std::vector<Migration>& migrations) {
    for (char c : scope)
        if (!((c >= 'a' && c <= 'z') || c == '_'))
            throw DatabaseError("invalid migration scope '" + scope + "'");
    const std::string table = "schema_migrations_" + scope;
    const auto mine = migrationsFor(migrations, dialect());
    auto apply = [&] {
        lockSchema();
        exec("CREATE TABLE IF NOT EXISTS " + table +
             " (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        int current = 0;
        {
            auto q = prepare("SELECT COALESCE(MAX(version), 0) FROM " + table);
            if (q.step()) current = static_cast<int>(q.integer(0));
        }
        for (const auto& m : mine) {
            if (m.version <= current) continue;
            exec(m.sql);
            prepare("INSERT INTO " + table + " (version, name, applied_at) VALUES (?, ?, ?)")
                .bindAll({int64_t{m.version}, m.name, nowIso8601()})
                .step();
        }
    };
    run(UnitKind::Schema, apply);
}

bool isPostgresUrl(const std::string& s) {
    return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
}

std::shared_ptr<Database> openDatabase(const std::string& url_or_path) {
    if (isPostgresUrl(url_or_path)) return std::make_shared<PostgresDatabase>(url_or_path);
    return std::make_shared<SqliteDb>(url_or_path);
}

}  // namespace countyread::dicom
