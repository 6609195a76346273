// The Database contract: the same body runs on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <iostream>
#include <thread>

#include "dicom/archive/Database.h"
#include "tests/support/TestDatabase.h"

using namespace countyread;
using namespace countyread::dicom;

class DatabaseContract : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override {
        COUNTYREAD_USE_BACKEND(tdb);
        db = tdb.open();
        db->exec(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, "
            "s TEXT, n TEXT)");
    }
    int64_t count(const std::string& table = "t") {
        std::lock_guard lock(db->mutex());
        auto q = db->prepare("SELECT COUNT(*) FROM " + table);
        return q.step() ? q.integer(0) : -1;
    }
    test::TestDatabase tdb{GetParam()};
    std::shared_ptr<Database> db;
};

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseContract, test::allBackends(), test::backendName);

TEST_P(DatabaseContract, BindsAndReadsEveryValueType) {
    EXPECT_EQ(db->dialect(),
              GetParam() == test::Backend::SQLite ? Dialect::SQLite : Dialect::PostgreSQL);
    db->transaction([&] {
        db->prepare("INSERT INTO t (id, i, r, s, n) VALUES (?, ?, ?, ?, ?)")
            .bindAll({int64_t{1}, int64_t{1} << 40, 2.5, std::string("张伟 O'Brien ?"), nullptr})
            .step();
    });
    std::lock_guard lock(db->mutex());
    auto q = db->prepare("SELECT i, r, s, n, 'a?b' FROM t WHERE id = ? AND s <> '?'");
    q.bind(1, int64_t{1});
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.columns(), 5);
    EXPECT_EQ(q.integer(0), int64_t{1} << 40);
    EXPECT_DOUBLE_EQ(q.real(1), 2.5);
    EXPECT_EQ(q.text(2), "张伟 O'Brien ?");
    EXPECT_TRUE(q.isNull(3));
    EXPECT_FALSE(q.isNull(2));
    EXPECT_EQ(q.text(3), "");
    EXPECT_EQ(q.text(4), "a?b") << "a '?' inside a literal is not a placeholder";
    EXPECT_FALSE(q.step());
    q.reset();
    q.bind(1, int64_t{2});
    EXPECT_FALSE(q.step()) << "reset runs the statement again with new bindings";
}

TEST_P(DatabaseContract, UpsertAndReturningWorkOnEveryBackend) {
    auto insert = [&](int64_t id, const std::string& s) {
        return db->transaction([&] {
            return db
                ->prepare(
                    "INSERT INTO t (id, s) VALUES (?, ?) ON CONFLICT(id) DO NOTHING "
                    "RETURNING id")
                .bindAll({id, s})
                .step();
        });
    };
    EXPECT_TRUE(insert(7, "first"));
    EXPECT_FALSE(insert(7, "second")) << "no row returned when nothing was inserted";
    db->transaction([&] {
        db->prepare(
              "INSERT INTO t (id, s) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET "
              "s = excluded.s")
            .bindAll({int64_t{7}, std::string("third")})
            .step();
    });
    std::lock_guard lock(db->mutex());
    auto q = db->prepare("SELECT s FROM t WHERE id = 7");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.text(0), "third");
}

TEST_P(DatabaseContract, AFailedUnitLeavesNothingAndTheDatabaseUsable) {
    EXPECT_THROW(db->transaction([&] {
        db->prepare("INSERT INTO t (id) VALUES (?)").bind(1, int64_t{1}).step();
        throw std::runtime_error("business rule");
    }),
                 std::runtime_error);
    EXPECT_EQ(count(), 0);
    EXPECT_THROW(db->transaction([&] {
        db->prepare("INSERT INTO t (id) VALUES (?)").bind(1, int64_t{2}).step();
        db->exec("INSERT INTO no_such_table VALUES (1)");
    }),
                 DatabaseError);
    EXPECT_EQ(count(), 0);
    // Nested units join the outer one: all or nothing together.
    EXPECT_THROW(db->transaction([&] {
        db->transaction([&] { db->exec("INSERT INTO t (id) VALUES (3)"); });
        throw std::runtime_error("outer fails");
    }),
                 std::runtime_error);
    EXPECT_EQ(count(), 0);
    db->transaction([&] { db->exec("INSERT INTO t (id) VALUES (4)"); });
    EXPECT_EQ(count(), 1);
}

TEST_P(DatabaseContract, ARetryableErrorRunsTheWholeUnitAgain) {
    int runs = 0;
    auto before = db->retryCount();
    int result = db->transaction([&] {
        db->prepare("INSERT INTO t (id) VALUES (?)").bind(1, int64_t{runs + 10}).step();
        if (++runs == 1) throw RetryableError("lost to a concurrent unit");
        return runs;
    });
    EXPECT_EQ(result, 2);
    EXPECT_EQ(db->retryCount(), before + 1);
    EXPECT_EQ(count(), 1) << "the first run was rolled back";
}

// Read-modify-write units from two "processes" (separate handles), two threads each: with
// serializable units and retries no increment is lost.
TEST_P(DatabaseContract, ConcurrentReadModifyWriteUnitsLoseNoUpdate) {
    db->exec("INSERT INTO t (id, i) VALUES (1, 0)");
    constexpr int kThreads = 4, kEach = 25;
    std::vector<std::shared_ptr<Database>> handles{tdb.open(), tdb.open()};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            auto& h = *handles[t % 2];
            for (int k = 0; k < kEach; ++k) {
                h.transaction([&] {
                    auto q = h.prepare("SELECT i FROM t WHERE id = 1");
                    q.step();
                    int64_t v = q.integer(0);
                    h.prepare("UPDATE t SET i = ? WHERE id = 1").bind(1, v + 1).step();
                });
            }
        });
    }
    for (auto& th : threads) th.join();
    std::lock_guard lock(db->mutex());
    auto q = db->prepare("SELECT i FROM t WHERE id = 1");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.integer(0), kThreads * kEach);
    std::cout << "[ retries ] " << test::backendName({GetParam(), 0}) << ": "
              << handles[0]->retryCount() + handles[1]->retryCount() << " units retried\n";
}

TEST_P(DatabaseContract, MigrationsPickTheirDialectAndRunOnceEvenWhenRacing) {
    std::vector<Migration> migrations = {
        {1, "001_a.sql", "CREATE TABLE a (x INTEGER);", ""},
        {2, "002_b.sqlite.sql", "CREATE TABLE b_sqlite (x INTEGER);", "sqlite"},
        {2, "002_b.postgresql.sql", "CREATE TABLE b_postgresql (x INTEGER);", "postgresql"},
    };
    // Several processes starting at once all migrate the same schema.
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            try {
                tdb.open()->migrate("contract", migrations);
            } catch (const std::exception& e) {
                ++failures;
                ADD_FAILURE() << e.what();
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures, 0);
    db->migrate("contract", migrations);
    EXPECT_EQ(count("schema_migrations_contract"), 2);
    EXPECT_EQ(count("a"), 0);
    const bool sqlite = GetParam() == test::Backend::SQLite;
    EXPECT_EQ(count(sqlite ? "b_sqlite" : "b_postgresql"), 0);
    EXPECT_THROW(count(sqlite ? "b_postgresql" : "b_sqlite"), DatabaseError);
    std::lock_guard lock(db->mutex());
    auto q =
        db->prepare("SELECT name, applied_at FROM schema_migrations_contract WHERE version = 2");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.text(0), sqlite ? "002_b.sqlite.sql" : "002_b.postgresql.sql");
    EXPECT_EQ(q.text(1).size(), 24u) << "ISO 8601 UTC with milliseconds: " << q.text(1);
}
