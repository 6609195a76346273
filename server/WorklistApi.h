#pragma once
// The reading worklist's HTTP routes: the study list (filters, sorting), opening an item.
// Registered by HttpApi on the same server; shares its context and access rules.
#include "server/HttpSupport.h"

namespace countyread::server {

struct ApiContext;

class WorklistApi {
public:
    WorklistApi(ApiContext& ctx, StudyAccess& access) : ctx_(ctx), access_(access) {}
    void routes(httplib::Server& srv);

private:
    ApiContext& ctx_;
    StudyAccess& access_;
};

}  // namespace countyread::server
