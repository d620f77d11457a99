#include "core/roster/roster_import.hpp"

#include <set>

namespace oh {

ImportReport importRoster(Store& store, const std::string& eventId, const RosterParse& parse,
                          bool skipInvalid) {
    ImportReport report;
    std::set<int> badLines;
    for (const auto& p : parse.problems) badLines.insert(p.line);
    report.rejected = static_cast<int>(badLines.size());
    if (!parse.ok() && !skipInvalid) return report;
    if (!store.event(eventId)) throw StoreError(StoreError::Kind::Invalid, "no event " + eventId);

    sql::Transaction tx(store.db());
    for (const auto& row : parse.rows) {
        Attendee a = row.person;
        a.eventId = eventId;
        // Re-imports keep a person's block flag: the roster does not carry it.
        if (auto existing = store.attendeeByEmail(eventId, a.email)) a.blocked = existing->blocked;
        switch (store.upsertAttendee(a)) {
            case UpsertResult::Inserted:
                ++report.inserted;
                break;
            case UpsertResult::Updated:
                ++report.updated;
                break;
            case UpsertResult::Unchanged:
                ++report.unchanged;
                break;
        }
    }
    tx.commit();
    report.applied = true;
    return report;
}

}  // namespace oh
