#pragma once
// Wall-clock helpers for the gateway: ISO 8601 UTC text for people, milliseconds for schedules.
#include <cstdint>
#include <string>

namespace countyread::sender {

std::string nowIso8601();
int64_t nowMs();  // milliseconds since the epoch

}  // namespace countyread::sender
