// Store: annulments (undo). An undo annuls the person's check-in for the
// event, on every replica: the annulment names every check-in of the person
// the undoing replica held when staff pressed Undo (they happened before it),
// so a repeat merged from another kiosk cannot take the annulled one's place,
// while a check-in the undoing replica never saw (another kiosk, offline at
// the time) or a later re-check-in still counts. docs/sync.md, merge rules.
#include <nlohmann/json.hpp>

#include "core/store/store_impl.hpp"

namespace oh {

using namespace detail;

bool Store::Impl::applyAnnulment(const json& p) {
    const std::int64_t at = p.at("annulled_at").get<std::int64_t>();
    const std::string by = jsonText(p, "annulled_by"), eventId = jsonText(p, "event_id");
    std::vector<std::pair<std::string, std::string>> named{{jsonText(p, "id"), ""}};
    if (auto list = p.find("annuls"); list != p.end() && list->is_array())
        for (const auto& id : *list)
            if (id.is_string()) named.emplace_back(id.get<std::string>(), eventId);
    bool news = false;
    for (const auto& [checkinId, scope] : named) {
        stmt(
            "INSERT OR IGNORE INTO checkin_annulments (checkin_id, event_id, annulled_at, "
            "annulled_by) VALUES (?, ?, ?, ?)")
            .bindAll(checkinId, scope, at, by)
            .run();
        news = news || db.changes() > 0;
        annulFromRecords(checkinId);
    }
    return news;
}

void Store::Impl::annulFromRecords(const std::string& checkinId) {
    std::optional<std::pair<std::string, std::string>> person;
    {
        auto find = query("SELECT event_id, attendee_id FROM checkins WHERE id = ?", checkinId);
        if (!find.step()) return;  // not here yet: annulled when it arrives
        person = {find.text(0), find.text(1)};
    }
    // An annulment naming it through a list counts only within its own event.
    stmt(
        "UPDATE checkins SET annulled_at = m.at, annulled_by = m.by, repeat_of = NULL "
        "FROM (SELECT a.annulled_at AS at, a.annulled_by AS by FROM checkin_annulments a "
        "WHERE a.checkin_id = ?1 AND (a.event_id = '' OR a.event_id = ?2) "
        "ORDER BY a.annulled_at, a.annulled_by LIMIT 1) AS m "
        "WHERE checkins.id = ?1 AND (checkins.annulled_at IS NOT m.at "
        "OR checkins.annulled_by IS NOT m.by)")
        .bindAll(checkinId, person->first)
        .run();
    settleCheckIns(person->first, person->second);
}

bool Store::annulCheckIn(const std::string& checkinId, const std::string& actor,
                         std::int64_t atMillis) {
    sql::Transaction tx(impl_->db);
    std::string eventId, attendeeId;
    {
        auto find =
            impl_->query("SELECT event_id, attendee_id FROM checkins WHERE id = ?", checkinId);
        if (!find.step()) return false;
        eventId = find.text(0);
        attendeeId = find.text(1);
    }
    json live = json::array();
    {
        auto rows = impl_->query(
            "SELECT id FROM checkins WHERE event_id = ? AND attendee_id = ? "
            "AND annulled_at IS NULL ORDER BY id",
            eventId, attendeeId);
        while (rows.step()) live.push_back(rows.text(0));
    }
    if (live.empty()) return false;  // nothing of this person's is checked in
    const json payload = {{"id", checkinId},           {"event_id", eventId},
                          {"attendee_id", attendeeId}, {"annulled_at", atMillis},
                          {"annulled_by", actor},      {"annuls", live}};
    impl_->applyAnnulment(payload);
    impl_->appendOutbox(RecordKind::CheckInAnnul, payload);
    tx.commit();
    return true;
}

}  // namespace oh
