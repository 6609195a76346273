#include "dicom/archive/Migration.h"

#include <algorithm>
#include <map>

namespace countyread::dicom {

std::vector<Migration> migrationsFor(const std::vector<Migration>& all, Dialect dialect) {
    const std::string mine = dialectName(dialect);
    std::map<int, const Migration*> chosen;
    std::map<int, std::string> unmatched;
    for (const auto& m : all) {
        if (m.dialect.empty()) {
            if (!chosen.count(m.version)) chosen[m.version] = &m;
        } else if (m.dialect == mine) {
            chosen[m.version] = &m;  // the dialect's own variant wins over the shared file
        } else {
            unmatched[m.version] = m.name;
        }
    }
    for (const auto& [version, name] : unmatched)
        if (!chosen.count(version))
            throw DatabaseError("migration " + name + " has no variant for " + mine);
    std::vector<Migration> out;
    for (const auto& [version, m] : chosen) out.push_back(*m);
    return out;
}

}  // namespace countyread::dicom
