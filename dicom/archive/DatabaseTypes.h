#pragma once
// Vocabulary shared by every database backend: SQL values, errors, dialects.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <variant>

namespace countyread::dicom {

struct DatabaseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The unit of work lost to a concurrent one (PostgreSQL serialization failure 40001, deadlock
// 40P01; SQLite busy) or to a connection dropped before COMMIT. Nothing of it was committed:
// Database::transaction() runs the whole unit again.
struct RetryableError : DatabaseError {
    using DatabaseError::DatabaseError;
};

using SqlValue = std::variant<std::nullptr_t, int64_t, double, std::string>;

enum class Dialect { SQLite, PostgreSQL };

// "sqlite" / "postgresql": the suffix of dialect-specific migration files (NNN_name.<dialect>.sql).
inline const char* dialectName(Dialect d) { return d == Dialect::SQLite ? "sqlite" : "postgresql"; }

}  // namespace countyread::dicom
