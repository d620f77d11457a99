// Versioned schema steps of the local store. Step N takes a database from
// user_version N-1 to N. Steps are append-only: never edit a released step.
#pragma once

#include <string_view>
#include <vector>

namespace oh {

const std::vector<std::string_view>& storeMigrations();

}  // namespace oh
