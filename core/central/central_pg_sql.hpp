// The PostgreSQL central's SQL, from the files under core/central/sql/ (compiled
// in by the build: core/central/sql/embed.cmake writes the definitions). Private
// to core/central/: other code uses central_pg_schema.hpp.
#pragma once

#include <string_view>
#include <vector>

namespace oh::pg_sql {

struct SqlFile {
    std::string_view name;  // e.g. "0001_tables.sql", "oh_push.sql"
    std::string_view sql;   // the file's bytes
};

// migrations/NNNN_*.sql in number order: element N-1 takes version N-1 to N.
const std::vector<SqlFile>& migrations();
// functions/*.sql in the order of functions.list.
const std::vector<SqlFile>& functions();
// functions_begin.sql: run before the functions, in the same transaction.
extern const std::string_view kFunctionsBegin;
// oh_schema.sql: the table of applied migrations.
extern const std::string_view kSchemaTable;
// SHA-256 of functions_begin.sql and the functions (names and bytes, in order).
extern const std::string_view kFunctionsSha256;

}  // namespace oh::pg_sql
