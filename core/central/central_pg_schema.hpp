// The schema of the PostgreSQL central record, from the .sql files under
// core/central/sql/ (compiled into the binary; core/central/sql/README.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/central/central.hpp"

namespace oh {

// Migration N (migrations/NNNN_*.sql) takes the database from oh_schema
// version N-1 to N. Append-only: a released migration is never edited.
const std::vector<std::string_view>& centralPgMigrations();

// Every function at the newest version (functions/*.sql, in functions.list
// order, after functions_begin.sql), as one script: run after the migrations,
// in the same transaction. Idempotent (CREATE OR REPLACE, grants restated).
std::string centralPgFunctionsScript();
// SHA-256 of that script's files; the adapter records it in oh_meta
// ('functions_sha256') and re-applies the functions when it differs.
std::string_view centralPgFunctionsDigest();
// oh_schema.sql: the table of applied migrations, created before the first one.
std::string_view centralPgSchemaTable();

// A batch in oh_push's compact wire form (see central_postgres.cpp); the
// benchmark sends the same bytes to its baselines.
std::string encodePgPushBatch(const std::vector<OutboxEntry>& batch);

}  // namespace oh
