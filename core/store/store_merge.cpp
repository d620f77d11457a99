// Store: one person, two records. The same e-mail in one event under two ids
// happens when a walk-in registers on two kiosks that are offline at the time.
// Every replica (devices, the embedded central) ends with the same single
// record, whatever order the two arrive in: the one with the smaller id is
// kept (UUIDv7: the earlier registration), the newer fields (by updated_at)
// win, the other record's check-ins, scores, feedback and slots move to it, and
// its id becomes an alias (a badge printed with it still checks in).
#include <nlohmann/json.hpp>

#include <tuple>

#include "core/store/store_impl.hpp"

namespace oh {

using namespace detail;

bool Store::mergeAttendee(const json& p) {
    const std::string incoming = jsonText(p, "id"), eventId = jsonText(p, "event_id");
    auto existing = attendeeByEmail(eventId, jsonText(p, "email"));
    if (!existing || existing->id == incoming) return false;  // another constraint: not ours
    const bool fieldsWin = incomingFieldsWin(p, *existing);
    if (incoming > existing->id) {
        // The record here is kept; the incoming one only brings newer fields.
        aliasAttendee(incoming, existing->id, eventId);
        if (fieldsWin) writeAttendeeFields(p, existing->id);
        return true;
    }
    replaceAttendee(existing->id, p, fieldsWin);
    return true;
}

// The newer fields win; fields edited in the same millisecond are ordered
// bytewise (as applyAttendee's SQL does), so the result does not depend on
// which record arrived first.
bool Store::incomingFieldsWin(const json& p, const Attendee& existing) {
    std::int64_t existingUpdated = 0;
    {
        auto when = impl_->query("SELECT updated_at FROM attendees WHERE id = ?", existing.id);
        if (when.step()) existingUpdated = when.int64(0);
    }
    const auto incomingRole = parseRole(jsonText(p, "role")).value_or(Role::Guest);
    return std::make_tuple(p.value("updated_at", std::int64_t{0}), jsonText(p, "full_name"),
                           std::string(roleName(incomingRole)), jsonText(p, "cohort"),
                           jsonText(p, "team"), jsonText(p, "pronouns"), jsonText(p, "strengths"),
                           p.value("blocked", false), jsonText(p, "family_name")) >
           std::make_tuple(existingUpdated, existing.fullName, std::string(roleName(existing.role)),
                           existing.cohort, existing.team, existing.pronouns, existing.strengths,
                           existing.blocked, existing.familyName);
}

// The incoming record is kept: it takes the place of the one here (`old`).
void Store::replaceAttendee(const std::string& old, const json& p, bool incomingFieldsWin) {
    const std::string incoming = jsonText(p, "id"), eventId = jsonText(p, "event_id");
    impl_->stmt("UPDATE attendees SET email = email || char(31) || id WHERE id = ?")
        .bindAll(old)
        .run();
    impl_
        ->stmt(
            "INSERT INTO attendees (id, event_id, full_name, email, role, cohort, team, pronouns, "
            "strengths, blocked, created_at, updated_at, family_name) SELECT ?, event_id, "
            "full_name, "
            "?, role, cohort, team, pronouns, strengths, blocked, created_at, updated_at, "
            "family_name "
            "FROM attendees WHERE id = ?")
        .bindAll(incoming, jsonText(p, "email"), old)
        .run();
    if (incomingFieldsWin) writeAttendeeFields(p, incoming);
    moveRecords(old, incoming);
    impl_->stmt("DELETE FROM attendees WHERE id = ?").bindAll(old).run();
    aliasAttendee(old, incoming, eventId);
    impl_->settleCheckIns(eventId, incoming);
}

// The record `id` takes the incoming record's fields.
void Store::writeAttendeeFields(const json& p, const std::string& id) {
    auto role = parseRole(jsonText(p, "role")).value_or(Role::Guest);
    impl_
        ->stmt(
            "UPDATE attendees SET full_name = ?, role = ?, cohort = ?, team = ?, pronouns = ?, "
            "strengths = ?, blocked = ?, family_name = ?, updated_at = ? WHERE id = ?")
        .bindAll(jsonText(p, "full_name"), roleName(role), jsonText(p, "cohort"),
                 jsonText(p, "team"), jsonText(p, "pronouns"), jsonText(p, "strengths"),
                 p.value("blocked", false), jsonText(p, "family_name"),
                 p.value("updated_at", std::int64_t{0}), id)
        .run();
}

// `from` becomes an alias of `to`, and so do the ids that were aliases of `from`.
void Store::aliasAttendee(const std::string& from, const std::string& to,
                          const std::string& eventId) {
    impl_->stmt("UPDATE attendee_aliases SET canonical_id = ? WHERE canonical_id = ?")
        .bindAll(to, from)
        .run();
    impl_
        ->stmt(
            "INSERT INTO attendee_aliases (alias_id, canonical_id, event_id) VALUES (?, ?, ?) "
            "ON CONFLICT (alias_id) DO UPDATE SET canonical_id = excluded.canonical_id")
        .bindAll(from, to, eventId)
        .run();
}

// Everything that names `from` names `to` instead. Where both have a score or
// a feedback for the same showcase, the merge rule of that record decides
// (the later clock; the newer feedback), as it would have on arrival.
void Store::moveRecords(const std::string& from, const std::string& to) {
    impl_->stmt("UPDATE checkins SET attendee_id = ? WHERE attendee_id = ?")
        .bindAll(to, from)
        .run();
    impl_->stmt("UPDATE showcases SET intern_id = ? WHERE intern_id = ?").bindAll(to, from).run();
    // Ids are UUIDs, so the quoted id matches one whole element of the JSON list.
    impl_
        ->stmt(
            "UPDATE showcases SET presenter_ids = replace(presenter_ids, ?1, ?2) "
            "WHERE instr(presenter_ids, ?1) > 0")
        .bindAll("\"" + from + "\"", "\"" + to + "\"")
        .run();
    impl_->stmt("UPDATE offer_slots SET attendee_id = ? WHERE attendee_id = ?")
        .bindAll(to, from)
        .run();
    impl_
        ->stmt(
            "DELETE FROM scores WHERE judge_id = ?1 AND EXISTS (SELECT 1 FROM scores k WHERE "
            "k.judge_id = ?2 AND k.showcase_id = scores.showcase_id AND k.hlc >= scores.hlc)")
        .bindAll(from, to)
        .run();
    impl_
        ->stmt(
            "DELETE FROM scores WHERE judge_id = ?2 AND EXISTS (SELECT 1 FROM scores m WHERE "
            "m.judge_id = ?1 AND m.showcase_id = scores.showcase_id AND m.hlc > scores.hlc)")
        .bindAll(from, to)
        .run();
    impl_->stmt("UPDATE scores SET judge_id = ? WHERE judge_id = ?").bindAll(to, from).run();
    impl_
        ->stmt(
            "DELETE FROM feedback WHERE author_id = ?1 AND EXISTS (SELECT 1 FROM feedback k "
            "WHERE k.author_id = ?2 AND k.showcase_id = feedback.showcase_id AND "
            "(k.created_at, k.id) >= (feedback.created_at, feedback.id))")
        .bindAll(from, to)
        .run();
    impl_
        ->stmt(
            "DELETE FROM feedback WHERE author_id = ?2 AND EXISTS (SELECT 1 FROM feedback m "
            "WHERE m.author_id = ?1 AND m.showcase_id = feedback.showcase_id AND "
            "(m.created_at, m.id) > (feedback.created_at, feedback.id))")
        .bindAll(from, to)
        .run();
    impl_->stmt("UPDATE feedback SET author_id = ? WHERE author_id = ?").bindAll(to, from).run();
}

}  // namespace oh
