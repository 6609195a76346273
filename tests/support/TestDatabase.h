#pragma once
// One test's database on one backend: the contract suites run the same body on each.
//
//     class MyTest : public ::testing::TestWithParam<test::Backend> {
//         void SetUp() override { COUNTYREAD_USE_BACKEND(tdb); db = tdb.open(); }
//         test::TestDatabase tdb{GetParam()};
//     };
//     INSTANTIATE_TEST_SUITE_P(Backends, MyTest, test::allBackends(), test::backendName);
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "dicom/archive/Database.h"
#include "tests/support/PostgresServer.h"
#include "tests/support/TestSupport.h"

namespace countyread::test {

enum class Backend { SQLite, PostgreSQL };

inline auto allBackends() { return ::testing::Values(Backend::SQLite, Backend::PostgreSQL); }
std::string backendName(const ::testing::TestParamInfo<Backend>& info);

class TestDatabase {
public:
    // A fresh, empty database: an SQLite file in a temp folder, or a new database on this
    // executable's PostgreSQL server (PostgresServer::shared).
    explicit TestDatabase(Backend backend);
    // Empty when usable, else why not (the test then skips, or fails under
    // COUNTYREAD_REQUIRE_POSTGRES).
    const std::string& unavailable() const { return unavailable_; }
    // A new handle to the same data (a restart of the process, as far as the data goes).
    std::shared_ptr<dicom::Database> open() const;
    const std::string& url() const { return url_; }
    Backend backend() const { return backend_; }

private:
    Backend backend_;
    TempDir tmp_{"countyread-db"};
    std::string url_;
    std::string unavailable_;
};

}  // namespace countyread::test

// In SetUp(): skips (or fails, when PostgreSQL is required) when the backend cannot run.
#define COUNTYREAD_USE_BACKEND(tdb)                                                          \
    do {                                                                                     \
        if (!(tdb).unavailable().empty()) {                                                  \
            if (::countyread::test::postgresRequired()) GTEST_FAIL() << (tdb).unavailable(); \
            GTEST_SKIP() << (tdb).unavailable();                                             \
        }                                                                                    \
    } while (0)
