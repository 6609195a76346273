#include "dicom/archive/PostgresStatement.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>

#include "dicom/archive/PostgresDatabase.h"

namespace countyread::dicom {

namespace {
constexpr Oid kInt8Oid = 20;
constexpr Oid kFloat8Oid = 701;
}  // namespace

PostgresStatement::PostgresStatement(PostgresDatabase& db, std::string sql)
    : db_(db), sql_(std::move(sql)) {}

PostgresStatement::~PostgresStatement() { PQclear(result_); }

pg_result* PostgresStatement::run(pg_conn* conn, const std::string& sql, const Params* params,
                                  bool is_commit) {
    PGresult* res = nullptr;
    if (!params) {
        res = PQexec(conn, sql.c_str());
    } else {
        std::vector<const char*> values;
        for (const auto& v : params->values) values.push_back(v ? v->c_str() : nullptr);
        res = PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), params->types.data(),
                           values.data(), nullptr, nullptr, 0);
    }
    auto status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
        return res;
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQclear(res);
    bool lost = PQstatus(conn) != CONNECTION_OK;
    std::string what = "PostgreSQL: " + msg + (sqlstate.empty() ? "" : " [" + sqlstate + "]") +
                       " in: " + sql.substr(0, 200);
    if (sqlstate == "40001" || sqlstate == "40P01" || (lost && !is_commit))
        throw RetryableError(what);
    throw DatabaseError(what);
}

void PostgresStatement::bind(int index, const SqlValue& value) {
    if (index < 1 || index > 65535) throw DatabaseError("SQL bind: bad index");
    auto i = static_cast<size_t>(index - 1);
    if (params_.values.size() <= i) {
        params_.values.resize(i + 1);
        params_.types.resize(i + 1, 0);
    }
    if (std::holds_alternative<std::nullptr_t>(value)) {
        params_.values[i].reset();
        params_.types[i] = 0;
    } else if (auto* n = std::get_if<int64_t>(&value)) {
        params_.values[i] = std::to_string(*n);
        params_.types[i] = kInt8Oid;
    } else if (auto* d = std::get_if<double>(&value)) {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, *d);
        params_.values[i] = std::string(buf, r.ptr);
        params_.types[i] = kFloat8Oid;
    } else {
        params_.values[i] = std::get<std::string>(value);
        params_.types[i] = 0;  // inferred: text for text columns, comparisons and literals
    }
}

bool PostgresStatement::step() {
    if (!result_) {
        if (pg_conn* conn = db_.unitConnection()) {
            result_ = run(conn, sql_, &params_);
        } else {
            pg_conn* own = db_.acquire();
            try {
                result_ = run(own, sql_, &params_);
            } catch (...) {
                db_.release(own);
                throw;
            }
            db_.release(own);
        }
        row_ = -1;
    }
    if (row_ < PQntuples(result_)) ++row_;
    return row_ < PQntuples(result_);
}

void PostgresStatement::reset() {
    PQclear(result_);
    result_ = nullptr;
    row_ = -1;
    params_ = {};
}

const char* PostgresStatement::cell(int column) const {
    if (!result_ || row_ < 0 || row_ >= PQntuples(result_) || column < 0 ||
        column >= PQnfields(result_))
        throw DatabaseError("SQL: no such row or column");
    return PQgetvalue(result_, row_, column);
}

std::string PostgresStatement::text(int column) const {
    const char* p = cell(column);
    return std::string(p, static_cast<size_t>(PQgetlength(result_, row_, column)));
}

int64_t PostgresStatement::integer(int column) const {
    const char* p = cell(column);
    if (p[0] == 't' && p[1] == 0) return 1;  // boolean
    if (p[0] == 'f' && p[1] == 0) return 0;
    return std::strtoll(p, nullptr, 10);
}

double PostgresStatement::real(int column) const { return std::strtod(cell(column), nullptr); }

bool PostgresStatement::isNull(int column) const {
    cell(column);
    return PQgetisnull(result_, row_, column) != 0;
}

int PostgresStatement::columns() const { return result_ ? PQnfields(result_) : 0; }

}  // namespace countyread::dicom
