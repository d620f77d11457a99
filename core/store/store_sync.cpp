// Store: applying records pulled from the central record, the sync cursor, digests.
#include <nlohmann/json.hpp>

#include "core/model/record_kind.hpp"
#include "core/store/store_impl.hpp"

namespace oh {

using namespace detail;

// One function per record kind: each applies a payload under its kind's
// merge rule, inside applyRemote's transaction.
struct Store::RemoteRecords {
    using Applier = ApplyResult (*)(Store&, const json&);

    static Applier forKind(RecordKind kind) {
        switch (kind) {
            case RecordKind::EventUpsert:
                return event;
            case RecordKind::EventKeyAdd:
                return eventKey;
            case RecordKind::TokenRevoke:
                return tokenRevocation;
            case RecordKind::AttendeeUpsert:
                return attendee;
            case RecordKind::ShowcaseUpsert:
                return showcase;
            case RecordKind::CheckInCreate:
                return checkIn;
            case RecordKind::CheckInAnnul:
                return annulment;
            case RecordKind::ScoreUpsert:
            case RecordKind::ScoreDelete:
                return score;
            case RecordKind::FeedbackCreate:
                return feedback;
            case RecordKind::FeedbackDelete:
                return feedbackDeletion;
            case RecordKind::DeviceRegister:
                return deviceRegistration;
            case RecordKind::DeviceRevoke:
                return deviceRevocation;
            case RecordKind::SlotState:
                return slotState;
            case RecordKind::DeviceHealth:
                return deviceHealth;
            case RecordKind::EncoreUpsert:
                return encore;
        }
        return nullptr;
    }

    // A person merged into another record is found under that record's id.
    static void findMergedPeople(Store& s, json& p) {
        for (const char* field : {"attendee_id", "judge_id", "author_id", "intern_id"}) {
            auto it = p.find(field);
            if (it != p.end() && it->is_string() && !it->get_ref<const std::string&>().empty())
                *it = s.impl_->canonicalAttendee(it->get<std::string>());
        }
    }

    // Applied when the last statement wrote a row, ignored (already there, or older) when not.
    static ApplyResult wroteARow(Store& s) {
        return s.impl_->db.changes() == 0 ? ApplyResult::Ignored : ApplyResult::Applied;
    }

    static ApplyResult checkIn(Store& s, const json& p) {
        // Inserted as a repeat, then the set decides which one is the check-in.
        s.impl_
            ->stmt(
                "INSERT INTO checkins (id, event_id, attendee_id, device_id, method, at, "
                "repeat_of) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
            .bindAll(jsonText(p, "id"), jsonText(p, "event_id"), jsonText(p, "attendee_id"),
                     jsonText(p, "device_id"), jsonText(p, "method"),
                     p.at("at").get<std::int64_t>(), jsonText(p, "id"))
            .run();
        const ApplyResult result = wroteARow(s);
        // An annulment that arrived first (it names this check-in) applies now.
        s.impl_->annulFromRecords(jsonText(p, "id"));
        s.impl_->settleCheckIns(jsonText(p, "event_id"), jsonText(p, "attendee_id"));
        return result;
    }

    static ApplyResult annulment(Store& s, const json& p) {
        return s.impl_->applyAnnulment(p) ? ApplyResult::Applied : ApplyResult::Ignored;
    }

    // score.upsert and score.delete: a deletion is a newer version marked deleted.
    static ApplyResult score(Store& s, const json& p) {
        Score r = scoreFromJson(p);
        const bool written = s.impl_->writeScoreIfNewer(r);
        if (auto h = Hlc::parse(r.hlc)) s.impl_->clock->observe(*h);
        return written ? ApplyResult::Applied : ApplyResult::Ignored;
    }

    static ApplyResult feedback(Store& s, const json& p) {
        return s.applyFeedback(p) ? ApplyResult::Applied : ApplyResult::Ignored;
    }

    static ApplyResult feedbackDeletion(Store& s, const json& p) {
        s.impl_
            ->stmt(
                "INSERT INTO tombstones (entity, entity_id, event_id, deleted_at, "
                "device_id) VALUES ('feedback', ?, ?, ?, ?) ON CONFLICT DO NOTHING")
            .bindAll(jsonText(p, "id"), jsonText(p, "event_id"),
                     p.at("deleted_at").get<std::int64_t>(), jsonText(p, "device_id"))
            .run();
        return wroteARow(s);
    }

    static ApplyResult attendee(Store& s, const json& p) {
        return s.applyAttendee(p) ? ApplyResult::Applied : ApplyResult::Ignored;
    }

    // The central's copy of a slot: a higher version (its count of changes) replaces a lower
    // one; this device's own unconfirmed issue (version 0) is replaced by any.
    // The newest report of a device wins (its own clock orders its own reports).
    static ApplyResult deviceHealth(Store& s, const json& p) {
        s.impl_
            ->stmt(
                "INSERT INTO device_health (device_id, event_id, reported_at, backlog, "
                "clock_offset_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET "
                "reported_at = excluded.reported_at, backlog = excluded.backlog, "
                "clock_offset_ms = excluded.clock_offset_ms "
                "WHERE excluded.reported_at > device_health.reported_at")
            .bindAll(jsonText(p, "device_id"), jsonText(p, "event_id"),
                     p.at("reported_at").get<std::int64_t>(), p.at("backlog").get<std::int64_t>(),
                     p.at("clock_offset_ms").get<std::int64_t>())
            .run();
        return wroteARow(s);
    }

    // The newest version of an encore wins (its updated_at, then its text, so every replica
    // keeps the same one); a malformed one is refused whole (encoreFromJson throws).
    static ApplyResult encore(Store& s, const json& p) {
        const EncoreAssignment a = encoreFromJson(p);
        s.impl_
            ->stmt(
                "INSERT INTO encores (id, event_id, showcase_id, intern_id, updated_at, payload) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "intern_id = excluded.intern_id, updated_at = excluded.updated_at, "
                "payload = excluded.payload WHERE (excluded.updated_at, excluded.payload) > "
                "(encores.updated_at, encores.payload)")
            .bindAll(a.id, a.eventId, a.showcaseId, a.internId, a.updatedAt, p.dump())
            .run();
        return wroteARow(s);
    }

    static ApplyResult slotState(Store& s, const json& p) {
        s.impl_
            ->stmt(
                "INSERT INTO slots (id, event_id, intern_id, showcase_id, device_id, grant_id, "
                "from_grant, issued_at, state, state_at, reason, explanation, version) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "state = excluded.state, state_at = excluded.state_at, reason = excluded.reason, "
                "explanation = excluded.explanation, version = excluded.version "
                "WHERE excluded.version > slots.version")
            .bindAll(jsonText(p, "id"), jsonText(p, "event_id"), jsonText(p, "intern_id"),
                     jsonText(p, "showcase_id"), jsonText(p, "device_id"), jsonText(p, "grant_id"),
                     p.value("from_grant", false), p.at("issued_at").get<std::int64_t>(),
                     jsonText(p, "state"), p.at("state_at").get<std::int64_t>(),
                     jsonText(p, "reason"), jsonText(p, "explanation"),
                     p.at("version").get<std::int64_t>())
            .run();
        return wroteARow(s);
    }

    static ApplyResult showcase(Store& s, const json& p) {
        s.impl_
            ->stmt(
                "INSERT INTO showcases (id, event_id, intern_id, title, brief, "
                "metric_name, metric_change, location, slot_start, slot_end, updated_at, "
                "presenter_ids) VALUES (?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET intern_id = excluded.intern_id, "
                "title = excluded.title, brief = excluded.brief, "
                "metric_name = excluded.metric_name, metric_change = excluded.metric_change, "
                "location = excluded.location, slot_start = excluded.slot_start, "
                "slot_end = excluded.slot_end, updated_at = excluded.updated_at, "
                "presenter_ids = excluded.presenter_ids "
                "WHERE excluded.updated_at > showcases.updated_at")
            .bindAll(jsonText(p, "id"), jsonText(p, "event_id"), jsonText(p, "intern_id"),
                     jsonText(p, "title"), jsonText(p, "brief"), jsonText(p, "metric_name"),
                     jsonText(p, "metric_change"), jsonText(p, "location"),
                     p.value("slot_start", std::int64_t{0}), p.value("slot_end", std::int64_t{0}),
                     p.value("updated_at", std::int64_t{0}), presenterIdsText(p))
            .run();
        return wroteARow(s);
    }

    // A record from before team demos has no presenter list: '[]' (intern_id presents).
    static std::string presenterIdsText(const json& p) {
        auto it = p.find("presenter_ids");
        if (it == p.end() || !it->is_array()) return "[]";
        json ids = json::array();
        for (const auto& id : *it)
            if (id.is_string()) ids.push_back(id);
        return ids.dump();
    }

    static ApplyResult event(Store& s, const json& p) {
        s.saveEvent(Event{jsonText(p, "id"), jsonText(p, "name"), jsonText(p, "venue"),
                          jsonText(p, "timezone"), p.value("starts_at", std::int64_t{0}),
                          p.value("ends_at", std::int64_t{0}), p.value("slot_budget", 0),
                          p.value("judging_closed_at", std::int64_t{0})});
        return ApplyResult::Applied;
    }

    static ApplyResult eventKey(Store& s, const json& p) {
        auto pk = parsePublicKeyHex(jsonText(p, "public_key"));
        if (!pk) throw StoreError(StoreError::Kind::Invalid, "event_key.add: bad key");
        s.addEventKey(jsonText(p, "event_id"), *pk);
        return ApplyResult::Applied;
    }

    static ApplyResult tokenRevocation(Store& s, const json& p) {
        s.revokeToken(jsonText(p, "event_id"), jsonText(p, "token_id"), jsonText(p, "reason"));
        return ApplyResult::Applied;
    }

    static ApplyResult deviceRegistration(Store& s, const json& p) {
        s.impl_
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
        return ApplyResult::Applied;
    }

    static ApplyResult deviceRevocation(Store& s, const json& p) {
        // The device may be unknown here yet: its row waits, revoked, for its registration.
        s.impl_
            ->stmt(
                "INSERT INTO devices (id, event_id, name, registered_at, revoked_at) "
                "VALUES (?, (SELECT id FROM events WHERE id = ?), '', 0, ?) "
                "ON CONFLICT (id) DO UPDATE SET revoked_at = "
                "min(coalesce(devices.revoked_at, excluded.revoked_at), excluded.revoked_at)")
            .bindAll(jsonText(p, "id"), jsonText(p, "event_id"),
                     p.at("revoked_at").get<std::int64_t>())
            .run();
        return ApplyResult::Applied;
    }
};

ApplyResult Store::applyRemote(const std::string& kind, const std::string& payloadText,
                               const std::string& originDevice) {
    json p = json::parse(payloadText, nullptr, false);
    if (p.is_discarded() || !p.is_object())
        throw StoreError(StoreError::Kind::Invalid, "sync record " + kind + " is not JSON");
    RemoteRecords::findMergedPeople(*this, p);
    ApplyingRemote remote(*this);
    sql::Transaction tx(impl_->db);
    const auto known = parseRecordKind(kind);
    if (!known) throw StoreError(StoreError::Kind::Invalid, "unknown sync record kind " + kind);
    ApplyResult result = ApplyResult::Applied;
    try {
        result = RemoteRecords::forKind(*known)(*this, p);
    } catch (const json::exception& e) {
        throw StoreError(StoreError::Kind::Invalid,
                         "sync record " + kind + " from " + originDevice + ": " + e.what());
    }
    tx.commit();
    return result;
}

bool Store::applyFeedback(const nlohmann::json& p) {
    // One per author per showcase: the newest (time, then id) wins everywhere, withdrawn or
    // not (a withdrawal is a tombstone of its own id, never of a newer feedback).
    const std::string id = jsonText(p, "id");
    const std::int64_t createdAt = p.at("created_at").get<std::int64_t>();
    if (auto current = impl_->feedbackRow(jsonText(p, "author_id"), jsonText(p, "showcase_id"))) {
        if (current->id == id) return false;
        if (std::tie(createdAt, id) < std::tie(current->createdAt, current->id)) return false;
        impl_->stmt("DELETE FROM feedback WHERE id = ?").bindAll(current->id).run();
    }
    std::optional<std::int64_t> rating;
    if (p.contains("rating") && !p["rating"].is_null()) rating = p["rating"].get<std::int64_t>();
    // A record from before the three questions has no answers: '[]'.
    const auto answers = p.find("answers");
    impl_
        ->stmt(
            "INSERT INTO feedback (id, event_id, author_id, showcase_id, rating, text, "
            "created_at, device_id, answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(id, jsonText(p, "event_id"), jsonText(p, "author_id"), jsonText(p, "showcase_id"),
                 rating, jsonText(p, "text"), createdAt, jsonText(p, "device_id"),
                 json(answers == p.end() ? std::vector<int>{} : answersFromJson(*answers)).dump())
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
                "pronouns, strengths, blocked, created_at, updated_at, family_name) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "full_name = excluded.full_name, email = excluded.email, role = excluded.role, "
                "cohort = excluded.cohort, team = excluded.team, pronouns = excluded.pronouns, "
                "strengths = excluded.strengths, blocked = excluded.blocked, "
                "family_name = excluded.family_name, updated_at = excluded.updated_at "
                // The newer edit wins; two edits of the same millisecond are ordered by
                // their fields (bytewise), so every replica keeps the same one whatever
                // order they arrive in.
                "WHERE (excluded.updated_at, excluded.full_name, excluded.email, excluded.role, "
                "excluded.cohort, excluded.team, excluded.pronouns, excluded.strengths, "
                "excluded.blocked, excluded.family_name) > (attendees.updated_at, "
                "attendees.full_name, attendees.email, attendees.role, attendees.cohort, "
                "attendees.team, attendees.pronouns, attendees.strengths, attendees.blocked, "
                "attendees.family_name)")
            .bindAll(jsonText(p, "id"), jsonText(p, "event_id"), jsonText(p, "full_name"),
                     jsonText(p, "email"), roleName(role), jsonText(p, "cohort"),
                     jsonText(p, "team"), jsonText(p, "pronouns"), jsonText(p, "strengths"),
                     p.value("blocked", false), updatedAt, updatedAt, jsonText(p, "family_name"))
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
    auto s = impl_->query(
        "SELECT idem_key, origin_device, kind, payload, reason, first_seen, attempts "
        "FROM quarantine ORDER BY first_seen, idem_key");
    std::vector<QuarantinedRecord> out;
    while (s.step())
        out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.int64(5),
                       static_cast<int>(s.int64(6))});
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

std::optional<Store::ClockOffset> Store::centralClockOffset() {
    auto offset = meta("sync_clock_offset_ms"), at = meta("sync_clock_measured_ms");
    if (!offset || !at || offset->empty() || at->empty()) return std::nullopt;
    try {
        return ClockOffset{std::stoll(*offset), std::stoll(*at)};
    } catch (const std::exception&) {
        return std::nullopt;  // not written by this code: as if never measured
    }
}

std::optional<std::int64_t> Store::clockOffsetMs() {
    auto offset = centralClockOffset();
    if (!offset) return std::nullopt;
    return offset->offsetMs;
}

void Store::setCentralClockOffset(std::int64_t offsetMs, std::int64_t measuredAtMs) {
    sql::Transaction tx(impl_->db);
    setMeta("sync_clock_offset_ms", std::to_string(offsetMs));
    setMeta("sync_clock_measured_ms", std::to_string(measuredAtMs));
    tx.commit();
}

std::vector<std::string> Store::digest(const std::string& eventId) {
    std::vector<std::string> out;
    {
        auto c = impl_->query(
            "SELECT id, attendee_id, device_id, at, coalesce(repeat_of, '-'), "
            "coalesce(annulled_at, 0) FROM checkins WHERE event_id = ? ORDER BY id",
            eventId);
        while (c.step())
            out.push_back("checkin " + c.text(0) + " " + c.text(1) + " " + c.text(2) + " " +
                          std::to_string(c.int64(3)) + " " + c.text(4) + " " +
                          std::to_string(c.int64(5)));
    }
    {
        // Deleted scores too: their tombstones must agree as well.
        static const std::string sqlText =
            std::string(kScoreSelect) + "WHERE event_id = ? ORDER BY judge_id, showcase_id";
        auto s = impl_->query(sqlText.c_str(), eventId);
        while (s.step()) out.push_back(formatScoreDigest(readScore(s.row())));
    }
    for (const auto& f : feedback(eventId)) out.push_back(formatFeedbackDigest(f));
    {
        auto a = impl_->query(
            "SELECT id, role, blocked FROM attendees WHERE event_id = ? ORDER BY id", eventId);
        while (a.step())
            out.push_back("attendee " + a.text(0) + " " + a.text(1) + " " +
                          std::to_string(a.int64(2)));
    }
    for (const auto& s : showcases(eventId)) out.push_back("showcase " + s.id);
    return out;
}

std::string formatFeedbackDigest(const Feedback& f) {
    std::string answers;
    for (int level : f.answers) answers += (answers.empty() ? "" : ",") + std::to_string(level);
    return "feedback " + f.id + " " + f.authorId + " " + f.showcaseId + " " +
           (f.rating ? std::to_string(*f.rating) : "-") + " " + std::to_string(f.createdAt) + " " +
           (answers.empty() ? "-" : answers);
}

std::string formatScoreDigest(const Score& r) {
    char total[32] = "-";
    if (r.total) std::snprintf(total, sizeof total, "%.3f", *r.total);
    return "score " + r.judgeId + " " + r.showcaseId + " " + r.id + " " + total + " " +
           std::to_string(r.encore) + " " + r.hlc + " " + std::to_string(r.deleted);
}

}  // namespace oh
