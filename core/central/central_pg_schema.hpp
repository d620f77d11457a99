// Versioned schema steps of the PostgreSQL central record. Step N takes the
// database from oh_schema version N-1 to N. Append-only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/central/central.hpp"

namespace oh {

const std::vector<std::string_view>& centralPgMigrations();

// A batch in oh_push's compact wire form (see central_postgres.cpp); the
// benchmark sends the same bytes to its baselines.
std::string encodePgPushBatch(const std::vector<OutboxEntry>& batch);

}  // namespace oh
