// The PostgreSQL central's schema, from core/central/sql/ (compiled in: see
// core/central/sql/README.md). Migrations are append-only and never edited;
// every function is re-applied from its one file after migrating.
#include "core/central/central_pg_schema.hpp"

#include "core/central/central_pg_sql.hpp"

namespace oh {

const std::vector<std::string_view>& centralPgMigrations() {
    static const std::vector<std::string_view> steps = [] {
        std::vector<std::string_view> sql;
        for (const auto& file : pg_sql::migrations()) sql.push_back(file.sql);
        return sql;
    }();
    return steps;
}

std::string centralPgFunctionsScript() {
    std::string script(pg_sql::kFunctionsBegin);
    for (const auto& file : pg_sql::functions()) {
        script += "\n-- functions/";
        script += file.name;
        script += "\n";
        script += file.sql;
    }
    return script;
}

std::string_view centralPgFunctionsDigest() {
    return pg_sql::kFunctionsSha256;
}

std::string_view centralPgSchemaTable() {
    return pg_sql::kSchemaTable;
}

}  // namespace oh
