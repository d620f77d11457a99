// Stores a parsed roster: all-or-nothing, idempotent (matched by e-mail).
#pragma once

#include <string>

#include "core/roster/roster.hpp"
#include "core/store/store.hpp"

namespace oh {

struct ImportReport {
    bool applied = false;  // false: nothing was changed
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    int rejected = 0;  // rows with problems (skipped only with skipInvalid)
};

// Without skipInvalid, a roster with any problem changes nothing. With it, the
// valid rows are stored and the rejected ones counted. One transaction either way.
ImportReport importRoster(Store& store, const std::string& eventId, const RosterParse& parse,
                          bool skipInvalid);

}  // namespace oh
