// Store: applying records pulled from the central record, the sync cursor, digests.
#include <nlohmann/json.hpp>

#include "core/store/store_impl.hpp"

namespace oh {

using namespace detail;

ApplyResult Store::applyRemote(const std::string& kind, const std::string& payloadText,
                               const std::string& originDevice) {
    json p = json::parse(payloadText, nullptr, false);
    if (p.is_discarded() || !p.is_object())
        throw StoreError(StoreError::Kind::Invalid, "sync record " + kind + " is not JSON");
    // A person merged into another record is found under that record's id.
    for (const char* field : {"attendee_id", "judge_id", "author_id", "intern_id"}) {
        auto it = p.find(field);
        if (it != p.end() && it->is_string() && !it->get_ref<const std::string&>().empty())
            *it = impl_->canonicalAttendee(it->get<std::string>());
    }
    ApplyingRemote remote(*this);
    sql::Transaction tx(impl_->db);
    ApplyResult result = ApplyResult::Applied;
    try {
        if (kind == "checkin.create") {
            // Inserted as a repeat, then the set decides which one is the check-in.
            impl_
                ->stmt(
                    "INSERT INTO checkins (id, event_id, attendee_id, device_id, method, at, "
                    "repeat_of) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
                .bindAll(jsonText(p, "id"), jsonText(p, "event_id"), jsonText(p, "attendee_id"),
                         jsonText(p, "device_id"), jsonText(p, "method"),
                         p.at("at").get<std::int64_t>(), jsonText(p, "id"))
                .run();
            if (impl_->db.changes() == 0) result = ApplyResult::Ignored;
            impl_->settleCheckIns(jsonText(p, "event_id"), jsonText(p, "attendee_id"));
        } else if (kind == "checkin.annul") {
            auto& find = impl_->stmt("SELECT event_id, attendee_id FROM checkins WHERE id = ?");
            find.bindAll(jsonText(p, "id"));
            std::optional<std::pair<std::string, std::string>> who;
            if (find.step()) who = {find.text(0), find.text(1)};
            find.reset();
            impl_
                ->stmt(
                    "UPDATE checkins SET annulled_at = ?, annulled_by = ? "
                    "WHERE id = ? AND annulled_at IS NULL")
                .bindAll(p.at("annulled_at").get<std::int64_t>(), jsonText(p, "annulled_by"),
                         jsonText(p, "id"))
                .run();
            if (impl_->db.changes() == 0) result = ApplyResult::Ignored;
            if (who) impl_->settleCheckIns(who->first, who->second);
        } else if (kind == "score.upsert" || kind == "score.delete") {
            Score r = scoreFromJson(p);
            if (!impl_->writeScoreIfNewer(r)) result = ApplyResult::Ignored;
            if (auto h = Hlc::parse(r.hlc)) impl_->clock->observe(*h);
        } else if (kind == "feedback.create") {
            result = applyFeedback(p) ? ApplyResult::Applied : ApplyResult::Ignored;
        } else if (kind == "feedback.delete") {
            impl_
                ->stmt(
                    "INSERT INTO tombstones (entity, entity_id, event_id, deleted_at, "
                    "device_id) VALUES ('feedback', ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .bindAll(jsonText(p, "id"), jsonText(p, "event_id"),
                         p.at("deleted_at").get<std::int64_t>(), jsonText(p, "device_id"))
                .run();
            if (impl_->db.changes() == 0) result = ApplyResult::Ignored;
        } else if (kind == "attendee.upsert") {
            result = applyAttendee(p) ? ApplyResult::Applied : ApplyResult::Ignored;
        } else if (kind == "showcase.upsert") {
            impl_
                ->stmt(
                    "INSERT INTO showcases (id, event_id, intern_id, title, brief, "
                    "metric_name, metric_change, location, slot_start, slot_end, updated_at) "
                    "VALUES (?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET intern_id = excluded.intern_id, "
                    "title = excluded.title, brief = excluded.brief, "
                    "metric_name = excluded.metric_name, metric_change = excluded.metric_change, "
                    "location = excluded.location, slot_start = excluded.slot_start, "
                    "slot_end = excluded.slot_end, updated_at = excluded.updated_at "
                    "WHERE excluded.updated_at > showcases.updated_at")
                .bindAll(jsonText(p, "id"), jsonText(p, "event_id"), jsonText(p, "intern_id"),
                         jsonText(p, "title"), jsonText(p, "brief"), jsonText(p, "metric_name"),
                         jsonText(p, "metric_change"), jsonText(p, "location"),
                         p.value("slot_start", std::int64_t{0}),
                         p.value("slot_end", std::int64_t{0}),
                         p.value("updated_at", std::int64_t{0}))
                .run();
            if (impl_->db.changes() == 0) result = ApplyResult::Ignored;
        } else if (kind == "event.upsert") {
            saveEvent(Event{jsonText(p, "id"), jsonText(p, "name"), jsonText(p, "venue"),
                            jsonText(p, "timezone"), p.value("starts_at", std::int64_t{0}),
                            p.value("ends_at", std::int64_t{0}), p.value("slot_budget", 0)});
        } else if (kind == "event_key.add") {
            auto pk = parsePublicKeyHex(jsonText(p, "public_key"));
            if (!pk) throw StoreError(StoreError::Kind::Invalid, "event_key.add: bad key");
            addEventKey(jsonText(p, "event_id"), *pk);
        } else if (kind == "token.revoke") {
            revokeToken(jsonText(p, "event_id"), jsonText(p, "token_id"), jsonText(p, "reason"));
        } else if (kind == "device.register") {
            impl_
                ->stmt(
                    "INSERT INTO devices (id, event_id, name, public_key, certificate, "
                    "registered_at) VALUES (?, (SELECT id FROM events WHERE id = ?), ?, NULLIF(?, "
                    "''), "
                    "NULLIF(?, ''), ?) "
                    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                    "public_key = coalesce(excluded.public_key, devices.public_key), "
                    "certificate = coalesce(excluded.certificate, devices.certificate)")
                .bindAll(jsonText(p, "id"), jsonText(p, "event_id"), jsonText(p, "name"),
                         jsonText(p, "public_key"), jsonText(p, "certificate"),
                         p.value("registered_at", std::int64_t{0}))
                .run();
        } else if (kind == "device.revoke") {
            // The device may be unknown here yet: its row waits, revoked, for its registration.
            impl_
                ->stmt(
                    "INSERT INTO devices (id, event_id, name, registered_at, revoked_at) "
                    "VALUES (?, (SELECT id FROM events WHERE id = ?), '', 0, ?) "
                    "ON CONFLICT (id) DO UPDATE SET revoked_at = "
                    "min(coalesce(devices.revoked_at, excluded.revoked_at), excluded.revoked_at)")
                .bindAll(jsonText(p, "id"), jsonText(p, "event_id"),
                         p.at("revoked_at").get<std::int64_t>())
                .run();
        } else {
            throw StoreError(StoreError::Kind::Invalid, "unknown sync record kind " + kind);
        }
    } catch (const json::exception& e) {
        throw StoreError(StoreError::Kind::Invalid,
                         "sync record " + kind + " from " + originDevice + ": " + e.what());
    }
    tx.commit();
    return result;
}

bool Store::applyFeedback(const nlohmann::json& p) {
    // One per author per showcase: the earliest (time, then id) wins everywhere.
    auto& find =
        impl_->stmt("SELECT id, created_at FROM feedback WHERE author_id = ? AND showcase_id = ?");
    find.bindAll(jsonText(p, "author_id"), jsonText(p, "showcase_id"));
    std::optional<std::pair<std::string, std::int64_t>> current;
    if (find.step()) current = {find.text(0), find.int64(1)};
    find.reset();
    std::string id = jsonText(p, "id");
    std::int64_t createdAt = p.at("created_at").get<std::int64_t>();
    if (current) {
        if (current->first == id) return false;
        if (std::tie(current->second, current->first) < std::tie(createdAt, id)) return false;
        impl_->stmt("DELETE FROM feedback WHERE id = ?").bindAll(current->first).run();
    }
    std::optional<std::int64_t> rating;
    if (p.contains("rating") && !p["rating"].is_null()) rating = p["rating"].get<std::int64_t>();
    impl_
        ->stmt(
            "INSERT INTO feedback (id, event_id, author_id, showcase_id, rating, text, "
            "created_at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(id, jsonText(p, "event_id"), jsonText(p, "author_id"), jsonText(p, "showcase_id"),
                 rating, jsonText(p, "text"), createdAt, jsonText(p, "device_id"))
        .run();
    return true;
}

bool Store::applyAttendee(const nlohmann::json& p) {
    std::int64_t updatedAt = p.value("updated_at", std::int64_t{0});
    auto role = parseRole(jsonText(p, "role")).value_or(Role::Guest);
    try {
        impl_
            ->stmt(
                "INSERT INTO attendees (id, event_id, full_name, email, role, cohort, team, "
                "pronouns, strengths, blocked, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "full_name = excluded.full_name, email = excluded.email, role = excluded.role, "
                "cohort = excluded.cohort, team = excluded.team, pronouns = excluded.pronouns, "
                "strengths = excluded.strengths, blocked = excluded.blocked, "
                "updated_at = excluded.updated_at "
                // The newer edit wins; two edits of the same millisecond are ordered by
                // their fields (bytewise), so every replica keeps the same one whatever
                // order they arrive in.
                "WHERE (excluded.updated_at, excluded.full_name, excluded.email, excluded.role, "
                "excluded.cohort, excluded.team, excluded.pronouns, excluded.strengths, "
                "excluded.blocked) > (attendees.updated_at, attendees.full_name, attendees.email, "
                "attendees.role, attendees.cohort, attendees.team, attendees.pronouns, "
                "attendees.strengths, attendees.blocked)")
            .bindAll(jsonText(p, "id"), jsonText(p, "event_id"), jsonText(p, "full_name"),
                     jsonText(p, "email"), roleName(role), jsonText(p, "cohort"),
                     jsonText(p, "team"), jsonText(p, "pronouns"), jsonText(p, "strengths"),
                     p.value("blocked", false), updatedAt, updatedAt)
            .run();
    } catch (const sql::Error& e) {
        // Another record with this e-mail: one person registered twice (e.g.
        // a walk-in on two offline kiosks). The two are merged.
        if (!e.isConstraint()) throw;
        return mergeAttendee(p);
    }
    return impl_->db.changes() > 0;
}

void Store::quarantine(const std::string& idemKey, const std::string& originDevice,
                       const std::string& kind, const std::string& payload,
                       const std::string& reason) {
    impl_
        ->stmt(
            "INSERT INTO quarantine (idem_key, origin_device, kind, payload, reason, first_seen) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idem_key) DO UPDATE SET "
            "reason = excluded.reason, attempts = quarantine.attempts + 1")
        .bindAll(idemKey, originDevice, kind, payload, reason, nowMillis())
        .run();
}

std::vector<QuarantinedRecord> Store::quarantined() {
    auto& s = impl_->stmt(
        "SELECT idem_key, origin_device, kind, payload, reason, first_seen, attempts "
        "FROM quarantine ORDER BY first_seen, idem_key");
    std::vector<QuarantinedRecord> out;
    while (s.step())
        out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.int64(5),
                       static_cast<int>(s.int64(6))});
    s.reset();
    return out;
}

void Store::releaseFromQuarantine(const std::string& idemKey) {
    impl_->stmt("DELETE FROM quarantine WHERE idem_key = ?").bindAll(idemKey).run();
}

HlcClock& Store::clock() {
    return *impl_->clock;
}

std::string Store::syncCursor() {
    return meta("sync_cursor").value_or("");
}
std::string Store::syncCentralId() {
    return meta("sync_central_id").value_or("");
}

void Store::setSyncCursor(const std::string& centralId, const std::string& cursor) {
    sql::Transaction tx(impl_->db);
    setMeta("sync_central_id", centralId);
    setMeta("sync_cursor", cursor);
    tx.commit();
}

std::vector<std::string> Store::digest(const std::string& eventId) {
    std::vector<std::string> out;
    auto& c = impl_->stmt(
        "SELECT id, attendee_id, device_id, at, coalesce(repeat_of, '-'), "
        "coalesce(annulled_at, 0) FROM checkins WHERE event_id = ? ORDER BY id");
    c.bindAll(eventId);
    while (c.step())
        out.push_back("checkin " + c.text(0) + " " + c.text(1) + " " + c.text(2) + " " +
                      std::to_string(c.int64(3)) + " " + c.text(4) + " " +
                      std::to_string(c.int64(5)));
    c.reset();
    for (const auto& r : [&] {
             static const std::string sqlText =
                 std::string(kScoreSelect) + "WHERE event_id = ? ORDER BY judge_id, showcase_id";
             auto& s = impl_->stmt(sqlText.c_str()).bindAll(eventId);
             std::vector<Score> all;
             while (s.step()) all.push_back(readScore(s));
             s.reset();
             return all;
         }())
        out.push_back(formatScoreDigest(r));
    for (const auto& f : feedback(eventId))
        out.push_back("feedback " + f.id + " " + f.authorId + " " + f.showcaseId + " " +
                      (f.rating ? std::to_string(*f.rating) : "-") + " " +
                      std::to_string(f.createdAt));
    auto& a = impl_->stmt("SELECT id, role, blocked FROM attendees WHERE event_id = ? ORDER BY id");
    a.bindAll(eventId);
    while (a.step())
        out.push_back("attendee " + a.text(0) + " " + a.text(1) + " " + std::to_string(a.int64(2)));
    a.reset();
    for (const auto& s : showcases(eventId)) out.push_back("showcase " + s.id);
    return out;
}

std::string formatScoreDigest(const Score& r) {
    char total[32] = "-";
    if (r.total) std::snprintf(total, sizeof total, "%.3f", *r.total);
    return "score " + r.judgeId + " " + r.showcaseId + " " + r.id + " " + total + " " +
           std::to_string(r.encore) + " " + r.hlc + " " + std::to_string(r.deleted);
}

}  // namespace oh
