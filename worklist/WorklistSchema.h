#pragma once
#include "dicom/archive/SqliteDb.h"

namespace countyread::worklist {

std::vector<dicom::Migration> worklistMigrations();
// Applies the worklist migrations to `db` (idempotent).
void ensureWorklistSchema(dicom::SqliteDb& db);

}  // namespace countyread::worklist
