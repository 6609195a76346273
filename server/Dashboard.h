#pragma once
// The admins' dashboard (GET /dashboard): a static page, its script and style, and Apache
// ECharts (npm, server/dashboard/package-lock.json), all compiled into the server. The page logs
// in with the admin's user and password (token kept in memory) and polls the JSON API.
#include <httplib.h>

namespace countyread::server {

class Dashboard {
public:
    static void routes(httplib::Server& srv);
    // False when the build found no echarts.min.js (npm ci not run): the page then shows tables only.
    static bool hasCharts();
};

}  // namespace countyread::server
