#include "core/store/store.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <tuple>
#include <unordered_map>

#include "core/model/ids.hpp"
#include "core/model/record_kind.hpp"
#include "core/store/store_impl.hpp"
#include "core/store/store_schema.hpp"

namespace oh {

using nlohmann::json;

namespace {

using detail::translate;

void configure(sql::Db& db) {
    db.exec("PRAGMA foreign_keys = ON");
    sqlite3_busy_timeout(db.raw(), 5000);
    // journal_mode returns a row; in-memory databases stay in "memory" mode.
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
}

void migrate(sql::Db& db, int target) {
    const auto& steps = storeMigrations();
    int current = db.userVersion();
    if (current > static_cast<int>(steps.size())) {
        throw StoreError(StoreError::Kind::SchemaTooNew,
                         "this database was written by a newer Openhouse (schema version " +
                             std::to_string(current) + ", this build knows up to " +
                             std::to_string(steps.size()) + "); upgrade Openhouse to open it");
    }
    for (int v = current + 1; v <= target; ++v) {
        sql::Transaction tx(db);
        db.exec(steps[static_cast<std::size_t>(v - 1)]);
        db.setUserVersion(v);
        tx.commit();
    }
}

std::string ensureDeviceId(sql::Db& db) {
    auto select = db.prepare("SELECT value FROM meta WHERE key = 'device_id'");
    if (select.step()) return select.text(0);
    std::string id = Uuid::v7().str();
    db.prepare("INSERT INTO meta (key, value) VALUES ('device_id', ?)").bindAll(id).run();
    return id;
}

Event readEvent(const sql::Stmt& s) {
    return Event{s.text(0),
                 s.text(1),
                 s.text(2),
                 s.text(3),
                 s.int64(4),
                 s.int64(5),
                 static_cast<int>(s.int64(6)),
                 s.int64(7)};
}

Attendee readAttendee(const sql::Stmt& s) {
    Attendee a;
    a.id = s.text(0);
    a.eventId = s.text(1);
    a.fullName = s.text(2);
    a.email = s.text(3);
    a.role = parseRole(s.text(4)).value_or(Role::Guest);
    a.cohort = s.text(5);
    a.team = s.text(6);
    a.pronouns = s.text(7);
    a.strengths = s.text(8);
    a.blocked = s.int64(9) != 0;
    a.familyName = s.text(10);
    return a;
}

constexpr const char* kAttendeeColumns =
    "id, event_id, full_name, email, role, cohort, team, pronouns, strengths, blocked, "
    "family_name";

CheckIn readCheckIn(const sql::Stmt& s) {
    CheckIn c;
    c.id = s.text(0);
    c.eventId = s.text(1);
    c.attendeeId = s.text(2);
    c.deviceId = s.text(3);
    c.method = s.text(4);
    c.at = s.int64(5);
    c.annulledAt = s.optInt64(6);
    return c;
}

json attendeeJson(const Attendee& a) {
    return {{"id", a.id},           {"event_id", a.eventId},      {"full_name", a.fullName},
            {"email", a.email},     {"role", roleName(a.role)},   {"cohort", a.cohort},
            {"team", a.team},       {"pronouns", a.pronouns},     {"strengths", a.strengths},
            {"blocked", a.blocked}, {"family_name", a.familyName}};
}

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::openAtVersion(const std::string& path, int version) {
    auto impl = std::make_unique<Impl>();
    try {
        impl->db = path == ":memory:" ? sql::Db::openMemory() : sql::Db::open(path);
        configure(impl->db);
        migrate(impl->db, version);
        impl->deviceId = ensureDeviceId(impl->db);
        impl->clock = std::make_unique<HlcClock>(impl->deviceId);
        auto last = impl->db.prepare("SELECT value FROM meta WHERE key = 'hlc_last'");
        if (last.step())
            if (auto hlc = Hlc::parse(last.text(0))) impl->clock->restore(*hlc);
    } catch (const sql::Error& e) {
        throw translate(e, "cannot open the store " + path);
    }
    return Store(std::move(impl));
}

Store Store::open(const std::string& path) {
    return openAtVersion(path, kSchemaVersion);
}
Store Store::openInMemory() {
    return openAtVersion(":memory:", kSchemaVersion);
}

sql::Db& Store::db() {
    return impl_->db;
}

Store::ApplyingRemote::ApplyingRemote(Store& store)
    : store_(store), previous_(store.impl_->applyingRemote) {
    store_.impl_->applyingRemote = true;
}
Store::ApplyingRemote::~ApplyingRemote() {
    store_.impl_->applyingRemote = previous_;
}
int Store::schemaVersion() {
    return impl_->db.userVersion();
}
const std::string& Store::deviceId() const {
    return impl_->deviceId;
}

std::optional<std::string> Store::meta(const std::string& key) {
    auto s = impl_->query("SELECT value FROM meta WHERE key = ?", key);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

void Store::setMeta(const std::string& key, const std::string& value) {
    impl_
        ->stmt(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bindAll(key, value)
        .run();
}

void Store::saveEvent(const Event& e) {
    sql::Transaction tx(impl_->db);
    impl_
        ->stmt(
            "INSERT INTO events (id, name, venue, timezone, starts_at, ends_at, slot_budget, "
            "updated_at, judging_closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET "
            "name = excluded.name, venue = excluded.venue, timezone = excluded.timezone, "
            "starts_at = excluded.starts_at, ends_at = excluded.ends_at, "
            "slot_budget = excluded.slot_budget, updated_at = excluded.updated_at, "
            "judging_closed_at = excluded.judging_closed_at")
        .bindAll(e.id, e.name, e.venue, e.timezone, e.startsAt, e.endsAt, e.slotBudget, nowMillis(),
                 e.judgingClosedAt)
        .run();
    impl_->appendOutbox(RecordKind::EventUpsert, {{"id", e.id},
                                                  {"name", e.name},
                                                  {"venue", e.venue},
                                                  {"timezone", e.timezone},
                                                  {"starts_at", e.startsAt},
                                                  {"ends_at", e.endsAt},
                                                  {"slot_budget", e.slotBudget},
                                                  {"judging_closed_at", e.judgingClosedAt}});
    tx.commit();
}

std::optional<Event> Store::event(const std::string& id) {
    auto s = impl_->query(
        "SELECT id, name, venue, timezone, starts_at, ends_at, slot_budget, judging_closed_at FROM "
        "events "
        "WHERE id = ?",
        id);
    if (!s.step()) return std::nullopt;
    return readEvent(s.row());
}

std::vector<Event> Store::events() {
    auto s = impl_->query(
        "SELECT id, name, venue, timezone, starts_at, ends_at, slot_budget, judging_closed_at FROM "
        "events "
        "ORDER BY starts_at, id");
    std::vector<Event> out;
    while (s.step()) out.push_back(readEvent(s.row()));
    return out;
}

void Store::addEventKey(const std::string& eventId, const PublicKey& pk) {
    sql::Transaction tx(impl_->db);
    std::string keyId = keyIdHex(SigningKey::deriveId(pk));
    std::string pkHex = toHex(pk.data(), pk.size());
    impl_
        ->stmt(
            "INSERT INTO event_keys (key_id, event_id, public_key, created_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING")
        .bindAll(keyId, eventId, pkHex, nowMillis())
        .run();
    impl_->appendOutbox(RecordKind::EventKeyAdd,
                        {{"key_id", keyId}, {"event_id", eventId}, {"public_key", pkHex}});
    tx.commit();
}

std::vector<PublicKey> Store::eventKeys(const std::string& eventId) {
    auto s = impl_->query(
        "SELECT public_key FROM event_keys WHERE event_id = ? AND retired_at IS NULL "
        "ORDER BY created_at",
        eventId);
    std::vector<PublicKey> keys;
    while (s.step())
        if (auto pk = parsePublicKeyHex(s.text(0))) keys.push_back(*pk);
    return keys;
}

void Store::revokeToken(const std::string& eventId, const std::string& tokenId,
                        const std::string& reason) {
    sql::Transaction tx(impl_->db);
    impl_
        ->stmt(
            "INSERT INTO revocations (token_id, event_id, reason, revoked_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (token_id) DO NOTHING")
        .bindAll(tokenId, eventId, reason, nowMillis())
        .run();
    impl_->appendOutbox(RecordKind::TokenRevoke,
                        {{"token_id", tokenId}, {"event_id", eventId}, {"reason", reason}});
    tx.commit();
}

std::vector<std::string> Store::revokedTokens(const std::string& eventId) {
    auto s = impl_->query("SELECT token_id FROM revocations WHERE event_id = ?", eventId);
    std::vector<std::string> ids;
    while (s.step()) ids.push_back(s.text(0));
    return ids;
}

TokenVerifier Store::verifierFor(const std::string& eventId) {
    auto id = Uuid::parse(eventId);
    TokenVerifier verifier(id.value_or(Uuid{}));
    for (const auto& pk : eventKeys(eventId)) verifier.addEventKey(pk);
    std::vector<std::pair<std::string, std::optional<std::int64_t>>> certs;
    {
        auto s = impl_->query(
            "SELECT certificate, revoked_at FROM devices WHERE event_id = ? "
            "AND certificate IS NOT NULL",
            eventId);
        while (s.step()) certs.emplace_back(s.text(0), s.optInt64(1));
    }
    for (const auto& [hex, revokedAt] : certs) {
        auto cert = DeviceCertificate::decodeHex(hex);
        if (!cert || !verifier.addDeviceCertificate(*cert, nowSeconds())) continue;
        // Known, so its codes get the true reason ("revoked device"), not "unknown key".
        if (revokedAt) verifier.revokeDeviceKey(cert->devicePublicKey, *revokedAt / 1000);
    }
    for (const auto& tokenId : revokedTokens(eventId)) verifier.revoke(tokenId);
    return verifier;
}

bool Store::revokeDevice(const std::string& deviceId, std::int64_t atMillis) {
    sql::Transaction tx(impl_->db);
    std::string eventId;
    {
        auto find = impl_->query("SELECT event_id, revoked_at FROM devices WHERE id = ?", deviceId);
        if (!find.step()) return false;
        if (find.optInt64(1)) return true;  // already revoked
        eventId = find.text(0);
    }
    impl_->stmt("UPDATE devices SET revoked_at = ? WHERE id = ?").bindAll(atMillis, deviceId).run();
    impl_->appendOutbox(RecordKind::DeviceRevoke,
                        {{"id", deviceId}, {"event_id", eventId}, {"revoked_at", atMillis}});
    tx.commit();
    return true;
}

std::optional<std::int64_t> Store::deviceRevokedAt(const std::string& deviceId) {
    auto s = impl_->query("SELECT revoked_at FROM devices WHERE id = ?", deviceId);
    if (!s.step()) return std::nullopt;
    return s.optInt64(0);
}

UpsertResult Store::upsertAttendee(Attendee& a) {
    sql::Transaction tx(impl_->db);
    auto existing = attendeeByEmail(a.eventId, a.email);
    UpsertResult result;
    std::int64_t now = nowMillis();
    if (!existing) {
        if (a.id.empty()) a.id = Uuid::v7().str();
        impl_
            ->stmt(
                "INSERT INTO attendees (id, event_id, full_name, email, role, cohort, team, "
                "pronouns, strengths, blocked, created_at, updated_at, family_name) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(a.id, a.eventId, a.fullName, a.email, roleName(a.role), a.cohort, a.team,
                     a.pronouns, a.strengths, a.blocked, now, now, a.familyName)
            .run();
        result = UpsertResult::Inserted;
    } else {
        a.id = existing->id;
        bool same = existing->fullName == a.fullName && existing->role == a.role &&
                    existing->cohort == a.cohort && existing->team == a.team &&
                    existing->pronouns == a.pronouns && existing->strengths == a.strengths &&
                    existing->blocked == a.blocked && existing->familyName == a.familyName;
        if (same) return UpsertResult::Unchanged;
        impl_
            ->stmt(
                "UPDATE attendees SET full_name = ?, role = ?, cohort = ?, team = ?, "
                "pronouns = ?, strengths = ?, blocked = ?, family_name = ?, updated_at = ? "
                "WHERE id = ?")
            .bindAll(a.fullName, roleName(a.role), a.cohort, a.team, a.pronouns, a.strengths,
                     a.blocked, a.familyName, now, a.id)
            .run();
        result = UpsertResult::Updated;
    }
    auto payload = attendeeJson(a);
    payload["updated_at"] = now;
    impl_->appendOutbox(RecordKind::AttendeeUpsert, payload);
    tx.commit();
    return result;
}

std::optional<Attendee> Store::attendee(const std::string& id) {
    static const std::string sqlText =
        std::string("SELECT ") + kAttendeeColumns + " FROM attendees WHERE id = ?";
    {
        auto s = impl_->query(sqlText.c_str(), id);
        if (s.step()) return readAttendee(s.row());
    }
    // Merged into another record (a badge printed before the merge).
    auto canonical = impl_->canonicalAttendee(id);
    if (canonical != id) return attendee(canonical);
    return std::nullopt;
}

std::optional<Attendee> Store::attendeeByEmail(const std::string& eventId,
                                               const std::string& email) {
    static const std::string sqlText = std::string("SELECT ") + kAttendeeColumns +
                                       " FROM attendees WHERE event_id = ? AND email = ?";
    auto s = impl_->query(sqlText.c_str(), eventId, email);
    if (!s.step()) return std::nullopt;
    return readAttendee(s.row());
}

std::vector<Attendee> Store::attendees(const std::string& eventId) {
    static const std::string sqlText = std::string("SELECT ") + kAttendeeColumns +
                                       " FROM attendees WHERE event_id = ? ORDER BY full_name, id";
    auto s = impl_->query(sqlText.c_str(), eventId);
    std::vector<Attendee> out;
    while (s.step()) out.push_back(readAttendee(s.row()));
    return out;
}

std::int64_t Store::countAttendees(const std::string& eventId) {
    auto s = impl_->query("SELECT count(*) FROM attendees WHERE event_id = ?", eventId);
    s.step();
    return s.int64(0);
}

std::string Store::rosterFingerprint(const std::string& eventId) {
    auto s = impl_->query(
        "SELECT count(*), coalesce(sum(updated_at), 0) FROM attendees WHERE event_id = ?", eventId);
    s.step();
    return std::to_string(s.int64(0)) + ":" + std::to_string(s.int64(1));
}

void Store::setBlocked(const std::string& attendeeId, bool blocked) {
    auto a = attendee(attendeeId);
    if (!a) throw StoreError(StoreError::Kind::Invalid, "no attendee with id " + attendeeId);
    a->blocked = blocked;
    upsertAttendee(*a);
}

std::optional<CheckIn> Store::activeCheckIn(const std::string& eventId,
                                            const std::string& attendeeId) {
    auto s = impl_->query(
        "SELECT id, event_id, attendee_id, device_id, method, at, annulled_at FROM checkins "
        "WHERE event_id = ? AND attendee_id = ? AND annulled_at IS NULL AND repeat_of IS NULL",
        eventId, attendeeId);
    if (!s.step()) return std::nullopt;
    return readCheckIn(s.row());
}

Store::CheckInWrite Store::recordCheckIn(const std::string& eventId, const std::string& attendeeId,
                                         const std::string& method, std::int64_t atMillis) {
    sql::Transaction tx(impl_->db);
    const std::string person = impl_->canonicalAttendee(attendeeId);
    if (auto existing = activeCheckIn(eventId, person)) return {false, *existing};
    CheckIn c{Uuid::v7().str(), eventId, person, impl_->deviceId, method, atMillis, {}};
    impl_
        ->stmt(
            "INSERT INTO checkins (id, event_id, attendee_id, device_id, method, at) "
            "VALUES (?, ?, ?, ?, ?, ?)")
        .bindAll(c.id, c.eventId, c.attendeeId, c.deviceId, c.method, c.at)
        .run();
    impl_->appendOutbox(RecordKind::CheckInCreate, {{"id", c.id},
                                                    {"event_id", c.eventId},
                                                    {"attendee_id", c.attendeeId},
                                                    {"device_id", c.deviceId},
                                                    {"method", c.method},
                                                    {"at", c.at}});
    tx.commit();
    return {true, c};
}

std::int64_t Store::countCheckIns(const std::string& eventId) {
    auto s = impl_->query(
        "SELECT count(*) FROM checkins WHERE event_id = ? AND annulled_at IS NULL "
        "AND repeat_of IS NULL",
        eventId);
    s.step();
    return s.int64(0);
}

std::optional<std::string> Store::deviceName(const std::string& deviceId) {
    if (deviceId == impl_->deviceId) {
        if (auto name = meta("device_name")) return name;
    }
    auto s = impl_->query("SELECT name FROM devices WHERE id = ?", deviceId);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

std::vector<OutboxEntry> Store::pendingOutbox(int limit, std::int64_t afterSeq) {
    auto s = impl_->query(
        "SELECT seq, idem_key, kind, payload, created_at FROM outbox WHERE sent_at IS NULL "
        "AND seq > ? ORDER BY seq LIMIT ?",
        afterSeq, limit);
    std::vector<OutboxEntry> out;
    while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.int64(4)});
    return out;
}

void Store::markSent(const std::vector<std::int64_t>& seqs, std::int64_t atMillis) {
    if (seqs.empty()) return;
    // One statement for the whole batch: the sequence numbers as a JSON array.
    json list = seqs;
    impl_
        ->stmt(
            "UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL "
            "AND seq IN (SELECT value FROM json_each(?))")
        .bindAll(atMillis, list.dump())
        .run();
}

void Store::markSentRange(std::int64_t first, std::int64_t last, std::int64_t atMillis) {
    impl_->stmt("UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND seq BETWEEN ? AND ?")
        .bindAll(atMillis, first, last)
        .run();
}

std::int64_t Store::outboxBacklog() {
    auto s = impl_->query("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
    s.step();
    return s.int64(0);
}

void Store::audit(const std::string& actor, const std::string& action, const std::string& subject,
                  const std::string& detail) {
    impl_->stmt("INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)")
        .bindAll(nowMillis(), actor, action, subject, detail)
        .run();
}

std::vector<AuditEntry> Store::auditLog(int limit) {
    auto s = impl_->query(
        "SELECT at, actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?", limit);
    std::vector<AuditEntry> out;
    while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    return out;
}

// ---- Showcases, scores, feedback ------------------------------------------

std::string describeStoreFailure(const std::exception& e) {
    if (const auto* se = dynamic_cast<const sql::Error*>(&e))
        return translate(*se, "the local store failed").what();
    return e.what();
}

}  // namespace oh
