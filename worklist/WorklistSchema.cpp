#include "worklist/WorklistSchema.h"

namespace countyread::worklist {

void ensureWorklistSchema(dicom::Database& db) { db.migrate("worklist", worklistMigrations()); }

}  // namespace countyread::worklist
