#include "server/AccessPolicy.h"

namespace countyread::server {

bool maySee(const Session& s, const worklist::ReadingItem* item) {
    if (s.role == "admin") return true;
    if (!item) return false;  // studies without a reading item are admin-only
    if (s.role == "radiologist") return item->assigned_to.empty() || item->assigned_to == s.user_id;
    if (s.role == "township") return !s.township.empty() && item->township == s.township;
    return false;
}

}  // namespace countyread::server
