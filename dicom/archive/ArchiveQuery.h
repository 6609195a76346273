#pragma once
// Query/Retrieve lookups over the archive index (studies, series, instances), in SQL that SQLite
// and PostgreSQL both accept. The database narrows the rows with the selective keys (UIDs,
// dates, IDs, LIKE ... ESCAPE for wildcards, a loose LIKE for names); QueryMatcher then has the
// final word on every row, so '?' matches one character and person names ignore case the same
// way on every backend.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dicom/archive/Database.h"
#include "dicom/archive/IArchiveIndex.h"
#include "dicom/query/QueryTypes.h"

namespace countyread::dicom {

class ArchiveQuery {
public:
    explicit ArchiveQuery(std::shared_ptr<Database> db);

    // C-FIND: the entities at request.level that match every key, with the attributes of their
    // level and the levels above (and the Number of ... Related ... counts). `source_ae`: only
    // studies received from this AE (nullopt: every study).
    std::vector<QueryMatch> find(const QueryRequest& request,
                                 const std::optional<std::string>& source_ae);

    // C-MOVE / C-GET: every instance under the entities the request selects, in study, series
    // and instance order.
    std::vector<StoredInstance> instances(const QueryRequest& request,
                                          const std::optional<std::string>& source_ae);

private:
    std::shared_ptr<Database> db_;
};

}  // namespace countyread::dicom
