#include "sender/Logging.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace countyread::sender {

void setupServiceLogging(const std::filesystem::path& log_file) {
    std::vector<spdlog::sink_ptr> sinks;
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    if (!log_file.empty()) {
        std::filesystem::create_directories(log_file.parent_path());
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            log_file.string(), 10 * 1024 * 1024, 10));
    }
    auto logger = std::make_shared<spdlog::logger>("gateway", sinks.begin(), sinks.end());
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %-5l %v");
    logger->set_level(spdlog::level::info);
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
}

void setupCommandLineLogging(bool verbose) {
    auto logger = spdlog::stderr_color_mt("send");
    logger->set_pattern("%H:%M:%S.%e %-5l %v");
    logger->set_level(verbose ? spdlog::level::info : spdlog::level::warn);
    spdlog::set_default_logger(logger);
}

}  // namespace countyread::sender
