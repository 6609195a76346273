// countyread-test-postgres start|stop DIR: the CTest fixture that gives one ctest run one
// throwaway PostgreSQL server (tests find its URL in DIR/url). Where PostgreSQL cannot run,
// `start` says why and succeeds, so the contract tests skip, unless COUNTYREAD_REQUIRE_POSTGRES
// is set.
#include <iostream>
#include <string>

#include "tests/support/PostgresServer.h"

int main(int argc, char** argv) {
    using countyread::test::PostgresServer;
    if (argc != 3 || (std::string(argv[1]) != "start" && std::string(argv[1]) != "stop")) {
        std::cerr << "usage: countyread-test-postgres start|stop DIR\n";
        return 2;
    }
    const std::filesystem::path dir = argv[2];
    try {
        if (std::string(argv[1]) == "stop") {
            PostgresServer::stopFixture(dir);
            std::cout << "test PostgreSQL stopped\n";
            return 0;
        }
        auto url = PostgresServer::startFixture(dir);
        std::cout << "test PostgreSQL at " << url << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cout << "PostgreSQL cannot run here: " << e.what() << "\n";
        return countyread::test::postgresRequired() ? 1 : 0;
    }
}
