#pragma once
// Composition of the county server: archive, worklist, DICOM listener, HTTP API, delivery.
#include <filesystem>
#include <memory>

#include "server/Config.h"

namespace countyread::server {

struct ServerOptions {
    std::filesystem::path data_dir;
    ServerConfig config;
};

class ServerApp {
public:
    explicit ServerApp(ServerOptions options);
    ~ServerApp();
    // Starts every listener; throws with a readable message if one cannot start.
    void start();
    void stop();

    struct Parts;

private:
    std::unique_ptr<Parts> parts_;
};

// The configuration used when no --config is given: one township (WENAN, reports to
// 127.0.0.1:11113), radiologist "li" with a certificate from a demo CA created in
// <data>/demo-pki, and users li / wenan / admin whose password is "demo".
ServerConfig demoConfig(const std::filesystem::path& data_dir);

}  // namespace countyread::server
