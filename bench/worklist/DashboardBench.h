#pragma once
// The dashboard half of worklist_sim: the simulated year's reading items are written into a real
// index database through the project's schema (worklist migrations, dicom::openDatabase), then
// every query the admins' dashboard, /api/v1/metrics/* and /metrics run is timed through
// WorklistQuery, the way server/MetricsApi.cpp calls it.
#include <cstdint>
#include <string>
#include <vector>

#include "worklist/Clock.h"
#include "worklist/ReadingItem.h"
#include "worklist/TurnaroundPolicy.h"

namespace countyread::bench {

using worklist::Instant;

// One study's reading item as it stood at the snapshot instant (later changes are not seen).
struct SimItem {
    bool exists = false;  // received before the snapshot
    worklist::ReadingState state = worklist::ReadingState::Received;
    worklist::Priority priority = worklist::Priority::Routine;
    bool priority_set = false;  // set by the township (急诊) rather than by the DIMSE priority
    std::uint8_t modality = 0, body = 0;
    std::uint16_t township = 0;
    std::int16_t assigned_to = -1, signed_by = -1;  // radiologist indexes
    Instant first_received{}, received{};  // received: the turnaround clock (restarts on re-send)
    // Instant{} when not reached.
    Instant assigned{}, opened{}, signed_at{}, delivered{}, amended{}, returned{}, cancelled{};
};

struct SimYear {
    std::vector<std::string> townships, radiologists;
    std::vector<const char*> modalities;  // SimItem::modality indexes this
    std::vector<std::vector<const char*>> body_parts;  // per modality
    std::vector<SimItem> items;   // by study index
    Instant start{}, snapshot{};  // the year began at `start`; the dashboard looks at `snapshot`
    const worklist::TurnaroundPolicy* policy = nullptr;
    unsigned seed = 0;
};

struct DashboardOptions {
    std::string sqlite_path;   // "" = a temp file, removed afterwards
    std::string postgres_url;  // "" = SQLite only
    bool sqlite = true;        // time SQLite (--no-sqlite: PostgreSQL only)
    bool keep = false;         // keep the SQLite file and the PostgreSQL database
    int repetitions = 5;
    double target_ms = 200;
};

// Writes the year into each database and prints the query times. Returns the number of queries
// whose median is above the target (over all backends).
int runDashboardBench(const SimYear& year, const DashboardOptions& options);

}  // namespace countyread::bench
