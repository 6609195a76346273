#pragma once
// Logs a county administrator can read: one line per event, local time, plain words,
// rotated files beside the outbox (service) or warnings on stderr (command line).
#include <filesystem>

namespace countyread::sender {

void setupServiceLogging(const std::filesystem::path& log_file);
void setupCommandLineLogging(bool verbose);

}  // namespace countyread::sender
