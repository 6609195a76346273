#include "worklist/WorklistSchema.h"

namespace countyread::worklist {

void ensureWorklistSchema(dicom::SqliteDb& db) { db.migrate("worklist", worklistMigrations()); }

}  // namespace countyread::worklist
