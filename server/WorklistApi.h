#pragma once
// The reading worklist's HTTP routes: the study list, the worklist (filters, sorting, paging),
// claim / open / release / reassign / return / cancel / priority, critical findings, and (through
// MetricsApi and Dashboard) turnaround metrics, CSV export, Prometheus /metrics and the admins'
// dashboard. Registered by HttpApi on the same server; shares its context and access rules.
#include "server/HttpSupport.h"

namespace countyread::server {

struct ApiContext;
class WorkflowService;

class WorklistApi {
public:
    WorklistApi(ApiContext& ctx, StudyAccess& access) : ctx_(ctx), access_(access) {}
    void routes(httplib::Server& srv);

private:
    // ApiContext::workflow; without one the action routes answer 503.
    WorkflowService* workflow() const;
    ApiContext& ctx_;
    StudyAccess& access_;
};

}  // namespace countyread::server
