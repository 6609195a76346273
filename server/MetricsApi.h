#pragma once
// Figures for the admins: queue summary, turnaround (median, p90, share within the limit per
// township / radiologist / modality / priority), daily volume, critical-finding acknowledgement
// delays, the worklist as CSV (UTF-8 with BOM, for Excel), and Prometheus GET /metrics.
#include <functional>

#include "server/HttpSupport.h"

namespace countyread::server {

struct ApiContext;
class WorkflowService;

class MetricsApi {
public:
    MetricsApi(ApiContext& ctx, std::function<WorkflowService*()> workflow)
        : ctx_(ctx), workflow_(std::move(workflow)) {}
    void routes(httplib::Server& srv);

private:
    ApiContext& ctx_;
    std::function<WorkflowService*()> workflow_;
};

}  // namespace countyread::server
