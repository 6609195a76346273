// countyread-server: the county's DICOM listener, archive, worklist, HTTP API and report delivery.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <pthread.h>

#include <csignal>
#include <iostream>
#include <string>

#include "dicom/sign/DemoPki.h"
#include "server/ServerApp.h"
#include "worklist/PasswordHasher.h"

int main(int argc, char** argv) {
    using namespace countyread::server;
    CLI::App app{"CountyRead county server: DICOM archive, reading worklist, reports"};
    std::string data_dir = "countyread-data", config_file, aet;
    int dicom_port = 0, http_port = 0;
    bool verbose = false;
    app.add_option("--data", data_dir, "archive directory (created if missing)");
    app.add_option("--config", config_file, "TOML configuration; without it a demo configuration runs");
    app.add_option("--aet", aet, "AE title of the listener (overrides the config)");
    app.add_option("--dicom-port", dicom_port, "DICOM port (overrides the config)");
    app.add_option("--http-port", http_port, "HTTP port (overrides the config)");
    app.add_flag("-v,--verbose", verbose, "debug logging");

    auto* hash_cmd = app.add_subcommand("hash-password", "read a password on stdin, print its hash");
    auto* pki_cmd = app.add_subcommand("demo-pki", "issue a demo signing key and certificate");
    std::string pki_dir, pki_name, pki_cn, pki_password;
    long pki_not_before = -86400, pki_valid = 2L * 365 * 86400;
    pki_cmd->add_option("--dir", pki_dir, "CA directory (created if missing)")->required();
    pki_cmd->add_option("--name", pki_name, "file name stem for NAME.key / NAME.pem")->required();
    pki_cmd->add_option("--cn", pki_cn, "certificate common name (e.g. the radiologist's name)");
    pki_cmd->add_option("--key-password", pki_password, "encrypt the private key with this password");
    pki_cmd->add_option("--not-before", pki_not_before, "validity start, seconds from now");
    pki_cmd->add_option("--valid", pki_valid, "validity length in seconds");
    CLI11_PARSE(app, argc, argv);

    try {
        if (*hash_cmd) {
            std::string password;
            std::getline(std::cin, password);
            if (!password.empty() && password.back() == '\r') password.pop_back();
            std::cout << countyread::worklist::hashPassword(password) << "\n";
            return 0;
        }
        if (*pki_cmd) {
            auto id = countyread::dicom::DemoPki(pki_dir).issue(pki_name, pki_cn.empty() ? pki_name : pki_cn, pki_password,
                                             pki_not_before, pki_valid);
            std::cout << "key " << id.key_pem.string() << "\ncertificate " << id.cert_pem.string()
                      << "\nca " << id.ca_pem.string() << "\n";
            return 0;
        }
        spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e [%^%l%$] %v");
        if (verbose) spdlog::set_level(spdlog::level::debug);

        ServerOptions options;
        options.data_dir = data_dir;
        if (config_file.empty()) {
            options.config = demoConfig(options.data_dir);
            spdlog::warn("no --config given: running the DEMO configuration (township WENAN -> "
                         "127.0.0.1:11113, users li / wenan / admin, password 'demo')");
        } else {
            options.config = loadConfig(config_file);
        }
        if (!aet.empty()) options.config.aet = aet;
        if (dicom_port) options.config.dicom_port = dicom_port;
        if (http_port) options.config.http_port = http_port;

        // Block the stop signals before any thread starts so that only sigwait below sees
        // them (a handler could run on any thread and leave the main thread waiting).
        sigset_t stop_signals;
        sigemptyset(&stop_signals);
        sigaddset(&stop_signals, SIGINT);
        sigaddset(&stop_signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
        ServerApp server(options);
        server.start();
        const auto& c = options.config;
        std::cout << "countyread-server ready: DICOM " << c.aet << "@" << c.dicom_port << ", HTTP http://"
                  << c.http_bind << ":" << c.http_port << "/api/v1, data " << data_dir << std::endl;
        int sig = 0;
        sigwait(&stop_signals, &sig);
        spdlog::info("stopping (signal {})", sig);
        server.stop();
        return 0;
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return 1;
    }
}
