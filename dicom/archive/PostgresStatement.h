#pragma once
// A statement of PostgresDatabase: parameters sent as text (typed where the value says so),
// the whole result fetched on the first step().
#include <optional>
#include <string>
#include <vector>

#include "dicom/archive/Statement.h"

struct pg_conn;
struct pg_result;

namespace countyread::dicom {

class PostgresDatabase;

class PostgresStatement : public Statement::Impl {
public:
    // `sql` already uses $n placeholders.
    PostgresStatement(PostgresDatabase& db, std::string sql);
    ~PostgresStatement() override;

    void bind(int index, const SqlValue& value) override;
    bool step() override;
    void reset() override;
    std::string text(int column) const override;
    int64_t integer(int column) const override;
    double real(int column) const override;
    bool isNull(int column) const override;
    int columns() const override;

    struct Params {
        std::vector<std::optional<std::string>> values;
        std::vector<unsigned> types;  // Oids; 0 lets the server infer the type
    };
    // Runs `sql` on `conn` and returns its result (the caller PQclears it). Throws
    // RetryableError for serialization failures, deadlocks and, unless `is_commit`, a lost
    // connection; DatabaseError otherwise. Without params it may hold several statements.
    static pg_result* run(pg_conn* conn, const std::string& sql, const Params* params,
                          bool is_commit = false);

private:
    const char* cell(int column) const;

    PostgresDatabase& db_;
    std::string sql_;
    Params params_;
    pg_result* result_ = nullptr;
    int row_ = -1;
};

}  // namespace countyread::dicom
