// Versioned schema steps of the PostgreSQL central record. Step N takes the
// database from oh_schema version N-1 to N. Append-only.
#pragma once

#include <string_view>
#include <vector>

namespace oh {

const std::vector<std::string_view>& centralPgMigrations();

}  // namespace oh
