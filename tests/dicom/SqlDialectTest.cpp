// Pure parts of the database layer: dialect selection of migrations, placeholder translation.
#include <gtest/gtest.h>

#include "dicom/archive/Database.h"
#include "dicom/archive/Migration.h"
#include "dicom/archive/PostgresDatabase.h"

using namespace countyread::dicom;

TEST(Migrations, EachDialectGetsItsVariantOrTheSharedFile) {
    std::vector<Migration> all = {
        {1, "001_base.sql", "shared", ""},
        {2, "002_x.postgresql.sql", "pg", "postgresql"},
        {2, "002_x.sqlite.sql", "lite", "sqlite"},
        {3, "003_y.sql", "shared3", ""},
        {3, "003_y.postgresql.sql", "pg3", "postgresql"},
    };
    auto lite = migrationsFor(all, Dialect::SQLite);
    ASSERT_EQ(lite.size(), 3u);
    EXPECT_EQ(lite[0].sql, "shared");
    EXPECT_EQ(lite[1].sql, "lite");
    EXPECT_EQ(lite[2].sql, "shared3");
    auto pg = migrationsFor(all, Dialect::PostgreSQL);
    ASSERT_EQ(pg.size(), 3u);
    EXPECT_EQ(pg[1].sql, "pg");
    EXPECT_EQ(pg[2].sql, "pg3");
    EXPECT_THROW(migrationsFor({{4, "004_z.sqlite.sql", "x", "sqlite"}}, Dialect::PostgreSQL),
                 DatabaseError);
}

TEST(Migrations, EmbeddedArchiveAndWorklistMigrationsCoverBothDialects) {
    for (auto d : {Dialect::SQLite, Dialect::PostgreSQL}) {
        auto m = migrationsFor(archiveMigrations(), d);
        ASSERT_FALSE(m.empty());
        EXPECT_EQ(m[0].version, 1);
    }
}

TEST(PostgresPlaceholders, QuestionMarksBecomeNumberedOutsideQuotesAndComments) {
    EXPECT_EQ(PostgresDatabase::translatePlaceholders("SELECT a FROM t WHERE x = ? AND y = ?"),
              "SELECT a FROM t WHERE x = $1 AND y = $2");
    EXPECT_EQ(PostgresDatabase::translatePlaceholders("SELECT '?', 'it''s ?', \"q?\", ? -- ?\n, ?"),
              "SELECT '?', 'it''s ?', \"q?\", $1 -- ?\n, $2");
    EXPECT_EQ(PostgresDatabase::translatePlaceholders("SELECT /* ? */ ?, $$ ? $$, $t$?$t$, ?"),
              "SELECT /* ? */ $1, $$ ? $$, $t$?$t$, $2");
    EXPECT_EQ(PostgresDatabase::translatePlaceholders("VALUES (?,?,?)"), "VALUES ($1,$2,$3)");
}

TEST(DatabaseUrls, PostgresUrlsOpenPostgresAnythingElseIsAnSqliteFile) {
    EXPECT_TRUE(isPostgresUrl("postgresql://u@h:5432/db"));
    EXPECT_TRUE(isPostgresUrl("postgres://u@h/db"));
    EXPECT_FALSE(isPostgresUrl("/data/index.sqlite"));
    EXPECT_FALSE(isPostgresUrl("postgresql.sqlite"));
}
