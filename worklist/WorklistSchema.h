#pragma once
#include "dicom/archive/Database.h"

namespace countyread::worklist {

std::vector<dicom::Migration> worklistMigrations();
// Applies the worklist migrations to `db` (idempotent).
void ensureWorklistSchema(dicom::Database& db);

}  // namespace countyread::worklist
