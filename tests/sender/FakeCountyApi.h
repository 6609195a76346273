#pragma once
// A stand-in for countyread-server's HTTP API as a township user sees it (login, study list,
// signed reports), following the contract documented in README.md.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "dicom/model/DicomFile.h"

namespace httplib {
class Server;
}

namespace countyread::test {

class FakeCountyApi {
public:
    FakeCountyApi(std::string user, std::string password);  // 127.0.0.1:<free port>
    ~FakeCountyApi();
    std::string url() const;

    struct Study {
        std::string received_at;
        std::string state = "received";
        std::string signed_at;
        std::string signed_by;
        dicom::Bytes report;  // served at /api/v1/reports/{uid} once non-empty
    };
    void setStudy(const std::string& uid, Study s);
    void expireSessions();  // the next requests with an old token get 401
    int logins() const;
    int reportDownloads() const;

private:
    std::unique_ptr<httplib::Server> http_;
    std::thread thread_;
    int port_ = 0;
    std::string user_, password_;
    mutable std::mutex mutex_;
    std::map<std::string, Study> studies_;
    std::string token_;
    int logins_ = 0, report_downloads_ = 0, generation_ = 0;
};

}  // namespace countyread::test
