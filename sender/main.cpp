// countyread-send: the township's sender.
//   countyread-send --host H --port N --aet AET --called-aet AET PATH...   one shot (files,
//       folders, DICOMDIR), one status line per file; exit 0 only when every file was accepted
//   countyread-send serve --config township.toml                          the gateway service
//   countyread-send status --config township.toml                         per-study status
//   countyread-send requeue --config township.toml [--study UID]          retry rejected ones
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "sender/GatewayConfig.h"
#include "sender/GatewayService.h"
#include "sender/Logging.h"
#include "sender/OneShotSend.h"
#include "sender/Outbox.h"
#include "sender/StatusReport.h"

using namespace countyread;

namespace {

int serve(const std::string& config_file) {
    auto config = sender::loadGatewayConfig(config_file);
    sender::setupServiceLogging(config.log_file);
    // Block the stop signals before threads start so only sigwait sees them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    sender::GatewayService service(config);
    service.start();
    std::cout << "countyread-send gateway ready (" << config.aet << " on port " << config.port
              << ", outbox " << config.data_dir.string() << ")" << std::endl;
    spdlog::info("gateway ready");
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("stopping (signal {})", sig);
    service.stop();
    spdlog::info("stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"CountyRead township sender: sends studies to the county by C-STORE"};
    app.require_subcommand(0, 1);
    sender::OneShotOptions o;
    o.county.calling_ae = "TOWNSHIP";
    std::vector<std::string> paths;
    bool emergency = false;
    bool verbose = false;
    std::string outbox_dir;
    app.add_option("--host", o.county.host, "county server host");
    app.add_option("--port", o.county.port, "county DICOM port");
    app.add_option("--aet", o.county.calling_ae, "this township's AE title (calling AE)");
    app.add_option("--called-aet", o.county.called_ae, "the county's AE title");
    app.add_option("--timeout", o.county.timeout_s, "network timeout in seconds");
    app.add_option("--associations", o.associations, "parallel associations (default 2)")
        ->check(CLI::Range(1, 16));
    app.add_flag("--compress", o.compress, "JPEG-LS lossless when the county accepts it");
    app.add_option("--rate-kbps", o.rate_kbps, "limit to this many kilobits per second");
    app.add_flag("--emergency", emergency, "send with DIMSE priority HIGH (急诊)");
    app.add_option("--retries", o.retries,
                   "further attempts per file and per connection (default 3)");
    app.add_option("--outbox", outbox_dir, "keep a resumable outbox in this folder");
    app.add_flag("-v,--verbose", verbose, "log every instance to stderr");
    app.add_option("paths", paths, "DICOM files, folders or DICOMDIR");

    std::string config_file, study;
    auto* serve_cmd = app.add_subcommand("serve", "run the township gateway service");
    serve_cmd->add_option("--config", config_file, "township.toml")->required();
    auto* status_cmd = app.add_subcommand("status", "print per-study status from the outbox");
    status_cmd->add_option("--config", config_file, "township.toml")->required();
    auto* requeue_cmd = app.add_subcommand("requeue", "queue rejected instances again");
    requeue_cmd->add_option("--config", config_file, "township.toml")->required();
    requeue_cmd->add_option("--study", study, "only this study");
    CLI11_PARSE(app, argc, argv);

    try {
        if (*serve_cmd) return serve(config_file);
        if (*status_cmd) {
            auto config = sender::loadGatewayConfig(config_file);
            sender::Outbox outbox(config.data_dir);
            sender::printStatusTable(outbox.studies(), std::cout);
            return 0;
        }
        if (*requeue_cmd) {
            auto config = sender::loadGatewayConfig(config_file);
            sender::Outbox outbox(config.data_dir);
            std::cout << outbox.requeueRejected(study) << " instance(s) queued again" << std::endl;
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "countyread-send: " << e.what() << "\n";
        return 3;
    }

    if (paths.empty() || o.county.called_ae.empty() || !app.count("--host") ||
        !app.count("--port") || !app.count("--aet") || !app.count("--called-aet")) {
        std::cerr << "countyread-send: --host, --port, --aet, --called-aet and PATH are required "
                     "(or use 'serve --config FILE')\n"
                  << app.help();
        return 2;
    }
    sender::setupCommandLineLogging(verbose);
    o.inputs.assign(paths.begin(), paths.end());
    o.priority = emergency ? sender::Priority::Emergency : sender::Priority::Routine;
    o.outbox_dir = outbox_dir;
    try {
        return sender::runOneShot(o, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "countyread-send: " << e.what() << "\n";
        return 3;
    }
}
