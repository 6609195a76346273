#pragma once
// A countyread-server process for interoperability tests, with townships for the peers.
#include <memory>
#include <string>
#include <vector>

#include "tests/support/TestSupport.h"

namespace countyread::test {

struct PeerTownship {
    std::string id, aet;
    int port = 1;
};

class InteropServer {
public:
    InteropServer(const TempDir& dir, const std::vector<PeerTownship>& townships);
    int dicomPort() const { return dicom_port_; }
    int httpPort() const { return http_port_; }
    std::string adminToken();
    // GET with the admin token; returns the body ("" on failure) and the status.
    std::pair<int, std::string> get(const std::string& path);

private:
    int dicom_port_, http_port_;
    std::unique_ptr<Process> process_;
    std::string token_;
};

}  // namespace countyread::test
