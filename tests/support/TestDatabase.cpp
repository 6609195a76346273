#include "tests/support/TestDatabase.h"

#include "tests/support/PostgresServer.h"

namespace countyread::test {

std::string backendName(const ::testing::TestParamInfo<Backend>& info) {
    return info.param == Backend::SQLite ? "sqlite" : "postgresql";
}

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
    if (backend == Backend::SQLite) {
        url_ = (tmp_ / "index.sqlite").string();
        return;
    }
    std::string why;
    auto* server = PostgresServer::shared(&why);
    if (!server) {
        unavailable_ = why;
        return;
    }
    try {
        url_ = server->createDatabase();
    } catch (const std::exception& e) {
        unavailable_ = e.what();
    }
}

std::shared_ptr<dicom::Database> TestDatabase::open() const { return dicom::openDatabase(url_); }

}  // namespace countyread::test
