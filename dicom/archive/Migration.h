#pragma once
#include <string>
#include <vector>

#include "dicom/archive/DatabaseTypes.h"

namespace countyread::dicom {

// One numbered schema migration, embedded at build time from NNN_name.sql (every dialect) or
// NNN_name.sqlite.sql / NNN_name.postgresql.sql (one dialect; `dialect` is then its name).
struct Migration {
    int version;
    std::string name;
    std::string sql;
    std::string dialect;  // "" = shared by every dialect
};

// The migrations `dialect` runs, in version order: per version the dialect's own variant, else
// the shared file. Throws DatabaseError when a version exists only for other dialects.
std::vector<Migration> migrationsFor(const std::vector<Migration>& all, Dialect dialect);

std::vector<Migration> archiveMigrations();

}  // namespace countyread::dicom
