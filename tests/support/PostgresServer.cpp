#include "tests/support/PostgresServer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>

namespace countyread::test {

namespace {

std::unique_ptr<PostgresServer> g_server;
std::string g_why_not;
bool g_tried = false;

struct StopAtExit : ::testing::Environment {
    void TearDown() override { PostgresServer::stopShared(); }
};
[[maybe_unused]] auto* const g_env = ::testing::AddGlobalTestEnvironment(new StopAtExit);

// The newest /usr/lib/postgresql/<major>/bin with initdb and postgres (or COUNTYREAD_PG_BINDIR).
std::optional<fs::path> findBinDir() {
    auto ok = [](const fs::path& d) {
        return ::access((d / "initdb").c_str(), X_OK) == 0 &&
               ::access((d / "postgres").c_str(), X_OK) == 0;
    };
    if (const char* env = std::getenv("COUNTYREAD_PG_BINDIR"))
        return ok(env) ? std::optional<fs::path>(env) : std::nullopt;
    std::optional<fs::path> best;
    int best_major = -1;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        int major = std::atoi(e.path().filename().c_str());
        if (major > best_major && ok(e.path() / "bin")) {
            best = e.path() / "bin";
            best_major = major;
        }
    }
    return best;
}

// As root: run as nobody. `pdeathsig`: the program dies with this process.
std::vector<std::string> runAs(bool pdeathsig) {
    std::vector<std::string> argv;
    bool root = ::geteuid() == 0;
    if (!root && !(pdeathsig && haveProgram("setpriv"))) return argv;
    argv = {"setpriv"};
    if (root) argv.insert(argv.end(), {"--reuid=nobody", "--regid=nogroup", "--clear-groups"});
    if (pdeathsig) argv.push_back("--pdeathsig=KILL");
    argv.push_back("--");
    return argv;
}

void ownForRunner(const fs::path& p) {
    if (::geteuid() != 0) return;
    struct passwd* pw = ::getpwnam("nobody");
    if (!pw || ::chown(p.c_str(), pw->pw_uid, pw->pw_gid) != 0)
        throw std::runtime_error("cannot give " + p.string() + " to nobody");
}

// initdb once per machine and user into a cached template; later runs copy it (~0.2 s).
fs::path templateCluster(const fs::path& bin_dir) {
    auto base = fs::temp_directory_path() /
                ("countyread-pg-template-" + bin_dir.parent_path().filename().string() + "-" +
                 std::to_string(::geteuid()));
    int lock = ::open((base.string() + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock < 0 || ::flock(lock, LOCK_EX) != 0) throw std::runtime_error("cannot lock template");
    struct Close {
        int fd;
        ~Close() { ::close(fd); }
    } close_lock{lock};
    if (fs::exists(base / "data" / "PG_VERSION")) return base / "data";
    std::error_code ec;
    fs::remove_all(base, ec);
    fs::create_directories(base);
    ownForRunner(base);
    auto argv = runAs(false);
    argv.insert(argv.end(), {(bin_dir / "initdb").string(), "-D", (base / "tmp").string(), "-A",
                             "trust", "-U", "countyread", "-E", "UTF8", "--locale=C", "--no-sync"});
    auto r = run(argv, std::chrono::seconds(120));
    if (r.exit_code != 0) throw std::runtime_error("initdb failed: " + r.output);
    fs::rename(base / "tmp", base / "data");
    return base / "data";
}

}  // namespace

bool postgresRequired() {
    const char* v = std::getenv("COUNTYREAD_REQUIRE_POSTGRES");
    return v && *v && std::string(v) != "0";
}

PostgresServer* PostgresServer::shared(std::string* why_not) {
    if (!g_tried) {
        g_tried = true;
        auto attempt = [](auto&& setup) -> std::unique_ptr<PostgresServer> {
            auto server = std::unique_ptr<PostgresServer>(new PostgresServer);
            setup(*server);
            server->createDatabase();  // proves the server answers
            return server;
        };
        try {
            if (const char* url = std::getenv("COUNTYREAD_TEST_POSTGRES_URL")) {
                g_server = attempt([&](PostgresServer& s) {
                    s.external_url_ = url;
                    s.drop_created_ = true;
                });
            }
            if (!g_server) {
                // The ctest run's shared server, when its fixture could start one.
                const char* file = std::getenv("COUNTYREAD_TEST_POSTGRES_URL_FILE");
                std::string url = file ? readText(file) : "";
                while (!url.empty() && std::isspace(static_cast<unsigned char>(url.back())))
                    url.pop_back();
                if (!url.empty()) {
                    try {
                        g_server = attempt([&](PostgresServer& s) { s.external_url_ = url; });
                    } catch (const std::exception&) {
                        // gone (a stale file): start our own below
                    }
                }
            }
            if (!g_server) {
                g_server = attempt([](PostgresServer& s) {
                    auto bin_dir = findBinDir();
                    if (!bin_dir) throw std::runtime_error("PostgreSQL server binaries not found");
                    if (::geteuid() == 0 && !haveProgram("setpriv"))
                        throw std::runtime_error("running as root and setpriv is missing");
                    s.start(*bin_dir);
                });
            }
        } catch (const std::exception& e) {
            g_why_not = std::string("PostgreSQL cannot run here: ") + e.what();
        }
    }
    if (!g_server && why_not) *why_not = g_why_not;
    return g_server.get();
}

void PostgresServer::stopShared() { g_server.reset(); }

namespace {

std::vector<std::string> serverOptions(int port) {
    return {"-p", std::to_string(port),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=300",
            "-c", "shared_buffers=32MB"};
}

fs::path copyTemplate(const fs::path& bin_dir, const fs::path& dir) {
    auto data = dir / "data";
    auto cp = run({"cp", "-a", templateCluster(bin_dir).string(), data.string()});
    if (cp.exit_code != 0) throw std::runtime_error("cannot copy the template: " + cp.output);
    return data;
}

}  // namespace

std::string PostgresServer::startFixture(const fs::path& dir) {
    stopFixture(dir);  // a leftover of an interrupted run
    auto bin_dir = findBinDir();
    if (!bin_dir) throw std::runtime_error("PostgreSQL server binaries not found");
    if (::geteuid() == 0 && !haveProgram("setpriv"))
        throw std::runtime_error("running as root and setpriv is missing");
    // The cluster lives in /tmp (reachable by "nobody" whatever the build folder's rights).
    std::random_device rd;
    auto home = fs::temp_directory_path() / ("countyread-pg-fixture-" + std::to_string(rd()));
    fs::create_directories(home);
    ownForRunner(home);
    fs::create_directories(dir);
    std::ofstream(dir / "home") << home.string();
    auto data = copyTemplate(*bin_dir, home);
    std::string last;
    for (int attempt = 0; attempt < 3; ++attempt) {
        int port = freePort();
        std::string options = "-c unix_socket_directories=''";
        for (const auto& o : serverOptions(port)) options += " " + o;
        auto argv = runAs(false);
        argv.insert(argv.end(),
                    {(*bin_dir / "pg_ctl").string(), "-D", data.string(), "-l",
                     (home / "postgres.log").string(), "-w", "-t", "60", "-o", options, "start"});
        auto r = run(argv, std::chrono::seconds(90));
        if (r.exit_code == 0) {
            auto url = "postgresql://countyread@127.0.0.1:" + std::to_string(port) + "/postgres";
            std::ofstream(dir / "url") << url << "\n";
            return url;
        }
        last = r.output + readText(home / "postgres.log");
    }
    throw std::runtime_error("postgres did not start: " + last.substr(0, 2000));
}

void PostgresServer::stopFixture(const fs::path& dir) {
    fs::path home = readText(dir / "home");
    std::error_code ec;
    if (!home.empty() && fs::exists(home / "data" / "postmaster.pid")) {
        if (auto bin_dir = findBinDir()) {
            auto argv = runAs(false);
            argv.insert(argv.end(), {(*bin_dir / "pg_ctl").string(), "-D", (home / "data").string(),
                                     "-m", "fast", "-w", "stop"});
            run(argv, std::chrono::seconds(60));
        }
    }
    if (!home.empty() && home.filename().string().rfind("countyread-pg-fixture-", 0) == 0)
        fs::remove_all(home, ec);
    fs::remove_all(dir, ec);
}

void PostgresServer::start(const fs::path& bin_dir) {
    dir_ = std::make_unique<TempDir>("countyread-pg");
    ownForRunner(dir_->path());
    auto data = copyTemplate(bin_dir, dir_->path());
    std::string last_log;
    for (int attempt = 0; attempt < 3; ++attempt) {
        port_ = freePort();
        auto argv = runAs(true);
        argv.insert(argv.end(), {(bin_dir / "postgres").string(), "-D", data.string(), "-k",
                                 dir_->path().string()});
        for (const auto& o : serverOptions(port_)) argv.push_back(o);
        auto log = dir_->path() / ("postgres-" + std::to_string(attempt) + ".log");
        process_ = std::make_unique<Process>(argv, log);
        auto ping = "host=" + dir_->path().string() + " port=" + std::to_string(port_) +
                    " user=countyread dbname=postgres connect_timeout=2";
        for (int i = 0; i < 600 && process_->running(); ++i) {
            if (PQping(ping.c_str()) == PQPING_OK) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        last_log = process_->output();
        process_->stop(SIGKILL);
        process_.reset();
    }
    throw std::runtime_error("postgres did not start: " + last_log.substr(0, 2000));
}

PostgresServer::~PostgresServer() {
    if (!external_url_.empty()) {
        if (!drop_created_) return;  // the fixture's server goes away with everything in it
        PGconn* c = PQconnectdb(external_url_.c_str());
        for (const auto& name : created_)
            PQclear(PQexec(c, ("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").c_str()));
        PQfinish(c);
        return;
    }
    if (process_) process_->stop(SIGINT, std::chrono::seconds(10));  // fast shutdown
}

std::string PostgresServer::urlFor(const std::string& dbname) const {
    if (!external_url_.empty()) {
        // Same server and user, another database.
        auto slash = external_url_.find('/', external_url_.find("://") + 3);
        auto query = external_url_.find('?');
        auto stem = external_url_.substr(0, slash == std::string::npos ? query : slash);
        return stem + "/" + dbname +
               (query == std::string::npos ? "" : external_url_.substr(query));
    }
    return "postgresql://countyread@127.0.0.1:" + std::to_string(port_) + "/" + dbname;
}

std::string PostgresServer::createDatabase() {
    static std::mt19937_64 rng{std::random_device{}()};
    std::string name = "countyread_t" + std::to_string(created_.size() + 1) + "_" +
                       std::to_string(rng() % 1000000000);
    PGconn* c = PQconnectdb((external_url_.empty() ? urlFor("postgres") : external_url_).c_str());
    std::string error;
    if (PQstatus(c) != CONNECTION_OK) {
        error = PQerrorMessage(c);
    } else {
        const std::string create =
            "CREATE DATABASE " + name +
            " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0";
        // FILE_COPY is faster for a test cluster; servers before PostgreSQL 15 lack it.
        for (const auto& sql : {create + " STRATEGY FILE_COPY", create}) {
            PGresult* r = PQexec(c, sql.c_str());
            bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
            error = ok ? "" : PQresultErrorMessage(r);
            PQclear(r);
            if (ok) break;
        }
    }
    PQfinish(c);
    if (!error.empty()) throw std::runtime_error("cannot create a test database: " + error);
    created_.push_back(name);
    return urlFor(name);
}

}  // namespace countyread::test
