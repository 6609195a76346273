#pragma once
// A throwaway PostgreSQL server for tests: a cluster in a temp folder (copied from an initdb
// template cached per machine, so only the first run pays for initdb), started on a free port
// with its unix socket in the same folder, stopped and removed when the test executable ends.
// As root it runs as "nobody" (PostgreSQL refuses to run as root). Environment:
//   COUNTYREAD_TEST_POSTGRES_URL=postgresql://user@host:port/db  use that server instead
//   COUNTYREAD_TEST_POSTGRES_URL_FILE=FILE  use the server whose URL the CTest fixture wrote
//       there (one server for a whole ctest run, where every test is its own process)
//   COUNTYREAD_REQUIRE_POSTGRES=1  a server that cannot run fails the tests instead of skipping
#include <memory>
#include <string>
#include <vector>

#include "tests/support/TestSupport.h"

namespace countyread::test {

class PostgresServer {
public:
    // The server of this test executable, started on first use (one per process, stopped by a
    // global test environment). nullptr when PostgreSQL cannot run here: `why_not` says why.
    static PostgresServer* shared(std::string* why_not);

    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    // A new, empty database (UTF-8); returns its URL.
    std::string createDatabase();
    int port() const { return port_; }

    static void stopShared();

    // The CTest fixture: starts a server that outlives this process and writes its URL to
    // `dir`/url (throws with the reason when PostgreSQL cannot run here); stopFixture stops
    // it and removes everything. See countyread-test-postgres.
    static std::string startFixture(const fs::path& dir);
    static void stopFixture(const fs::path& dir);

private:
    PostgresServer() = default;
    void start(const fs::path& bin_dir);
    std::string urlFor(const std::string& dbname) const;

    std::unique_ptr<TempDir> dir_;
    std::unique_ptr<Process> process_;
    std::string external_url_;   // a server this process did not start
    bool drop_created_ = false;  // external: drop the databases we created at the end
    std::vector<std::string> created_;
    int port_ = 0;
};

bool postgresRequired();

}  // namespace countyread::test
