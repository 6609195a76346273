#pragma once
// Plain-text study status for the `status` subcommand and the logs.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "sender/OutboxTypes.h"

namespace countyread::sender {

// "1.2 MB", "340.5 KB"
std::string humanBytes(int64_t bytes);
// "3/24 (12%)" style progress of a study.
std::string progressText(const StudyStatus& s);
void printStatusTable(const std::vector<StudyStatus>& studies, std::ostream& out);

}  // namespace countyread::sender
