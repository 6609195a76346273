#pragma once
// Who may see what: admins everything; radiologists their items and the unassigned pool;
// township users only their township's studies.
#include "server/SessionManager.h"
#include "worklist/ReadingItem.h"

namespace countyread::server {

bool maySee(const Session& session, const worklist::ReadingItem* item);

}  // namespace countyread::server
