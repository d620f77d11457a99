#include "core/store.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <tuple>
#include <unordered_map>

#include "core/ids.hpp"
#include "core/store_schema.hpp"

namespace oh {

using nlohmann::json;

struct Store::Impl {
    sql::Db db;
    std::string deviceId;
    // Each statement is prepared on first use and kept for the connection's
    // life; the key is the address of the SQL literal.
    std::unordered_map<const char*, sql::Stmt> statements;
    bool applyingRemote = false;
    std::unique_ptr<HlcClock> clock;

    // A fresh clock value, persisted in the caller's transaction so that a
    // restart never issues a smaller one.
    std::string tick() {
        std::string value = clock->now().str();
        stmt("INSERT INTO meta (key, value) VALUES ('hlc_last', ?) "
             "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bindAll(value)
            .run();
        return value;
    }

    sql::Stmt& stmt(const char* sqlText) {
        auto it = statements.find(sqlText);
        if (it == statements.end()) it = statements.emplace(sqlText, db.prepare(sqlText)).first;
        return it->second;
    }

    // Check-ins of one person form a set: the earliest live one (by time, then
    // id) is the check-in, the other live ones are its repeats. A function of
    // the set alone, so every replica agrees whatever order records arrive in.
    void settleCheckIns(const std::string& eventId, const std::string& attendeeId) {
        auto& first = stmt(
            "SELECT id FROM checkins WHERE event_id = ? AND attendee_id = ? "
            "AND annulled_at IS NULL ORDER BY at, id LIMIT 1");
        first.bindAll(eventId, attendeeId);
        std::optional<std::string> winner;
        if (first.step()) winner = first.text(0);
        first.reset();
        stmt("UPDATE checkins SET repeat_of = NULL WHERE event_id = ? AND attendee_id = ? "
             "AND annulled_at IS NOT NULL AND repeat_of IS NOT NULL")
            .bindAll(eventId, attendeeId)
            .run();
        if (!winner) return;
        // Demote first, then promote: the unique index is checked row by row.
        stmt("UPDATE checkins SET repeat_of = ? WHERE event_id = ? AND attendee_id = ? "
             "AND annulled_at IS NULL AND id <> ? AND repeat_of IS NOT ?")
            .bindAll(*winner, eventId, attendeeId, *winner, *winner)
            .run();
        stmt("UPDATE checkins SET repeat_of = NULL WHERE id = ? AND repeat_of IS NOT NULL")
            .bindAll(*winner)
            .run();
    }

    void appendOutbox(const std::string& kind, const json& payload) {
        if (applyingRemote) return;
        stmt("INSERT INTO outbox (idem_key, kind, payload, created_at) VALUES (?, ?, ?, ?)")
            .bindAll(Uuid::v7().str(), kind, payload.dump(), nowMillis())
            .run();
    }
};

namespace {

StoreError translate(const sql::Error& e, const std::string& context) {
    int primary = e.code() & 0xff;
    if (primary == SQLITE_FULL)
        return StoreError(StoreError::Kind::DiskFull,
                          context + ": the disk is full; free some space (nothing was recorded)");
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
        return StoreError(StoreError::Kind::NotADatabase,
                          context + ": the file is not an Openhouse database or is damaged");
    if (primary == SQLITE_CANTOPEN || primary == SQLITE_PERM || primary == SQLITE_READONLY)
        return StoreError(StoreError::Kind::CannotOpen, context + ": " + e.what());
    return StoreError(StoreError::Kind::Other, context + ": " + e.what());
}

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
    return a;
}

constexpr const char* kAttendeeColumns =
    "id, event_id, full_name, email, role, cohort, team, pronouns, strengths, blocked";

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
    return {{"id", a.id},          {"event_id", a.eventId}, {"full_name", a.fullName},
            {"email", a.email},    {"role", roleName(a.role)}, {"cohort", a.cohort},
            {"team", a.team},      {"pronouns", a.pronouns}, {"strengths", a.strengths},
            {"blocked", a.blocked}};
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

Store Store::open(const std::string& path) { return openAtVersion(path, kSchemaVersion); }
Store Store::openInMemory() { return openAtVersion(":memory:", kSchemaVersion); }

sql::Db& Store::db() { return impl_->db; }

Store::ApplyingRemote::ApplyingRemote(Store& store)
    : store_(store), previous_(store.impl_->applyingRemote) {
    store_.impl_->applyingRemote = true;
}
Store::ApplyingRemote::~ApplyingRemote() { store_.impl_->applyingRemote = previous_; }
int Store::schemaVersion() { return impl_->db.userVersion(); }
const std::string& Store::deviceId() const { return impl_->deviceId; }

std::optional<std::string> Store::meta(const std::string& key) {
    auto& s = impl_->stmt("SELECT value FROM meta WHERE key = ?").bindAll(key);
    std::optional<std::string> value;
    if (s.step()) value = s.text(0);
    s.reset();
    return value;
}

void Store::setMeta(const std::string& key, const std::string& value) {
    impl_->stmt("INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bindAll(key, value)
        .run();
}

void Store::saveEvent(const Event& e) {
    sql::Transaction tx(impl_->db);
    impl_
        ->stmt("INSERT INTO events (id, name, venue, timezone, starts_at, ends_at, slot_budget, "
               "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
               "name = excluded.name, venue = excluded.venue, timezone = excluded.timezone, "
               "starts_at = excluded.starts_at, ends_at = excluded.ends_at, "
               "slot_budget = excluded.slot_budget, updated_at = excluded.updated_at")
        .bindAll(e.id, e.name, e.venue, e.timezone, e.startsAt, e.endsAt, e.slotBudget,
                 nowMillis())
        .run();
    impl_->appendOutbox("event.upsert", {{"id", e.id},
                                         {"name", e.name},
                                         {"venue", e.venue},
                                         {"timezone", e.timezone},
                                         {"starts_at", e.startsAt},
                                         {"ends_at", e.endsAt},
                                         {"slot_budget", e.slotBudget}});
    tx.commit();
}

std::optional<Event> Store::event(const std::string& id) {
    auto& s = impl_->stmt(
        "SELECT id, name, venue, timezone, starts_at, ends_at, slot_budget FROM events "
        "WHERE id = ?");
    s.bindAll(id);
    std::optional<Event> e;
    if (s.step())
        e = Event{s.text(0),  s.text(1),  s.text(2),
                  s.text(3),  s.int64(4), s.int64(5),
                  static_cast<int>(s.int64(6))};
    s.reset();
    return e;
}

std::vector<Event> Store::events() {
    auto& s = impl_->stmt(
        "SELECT id, name, venue, timezone, starts_at, ends_at, slot_budget FROM events "
        "ORDER BY starts_at, id");
    s.reset();
    std::vector<Event> out;
    while (s.step())
        out.push_back(Event{s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4), s.int64(5),
                            static_cast<int>(s.int64(6))});
    s.reset();
    return out;
}

void Store::addEventKey(const std::string& eventId, const PublicKey& pk) {
    sql::Transaction tx(impl_->db);
    std::string keyId = keyIdHex(SigningKey::deriveId(pk));
    std::string pkHex = toHex(pk.data(), pk.size());
    impl_
        ->stmt("INSERT INTO event_keys (key_id, event_id, public_key, created_at) "
               "VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING")
        .bindAll(keyId, eventId, pkHex, nowMillis())
        .run();
    impl_->appendOutbox("event_key.add",
                        {{"key_id", keyId}, {"event_id", eventId}, {"public_key", pkHex}});
    tx.commit();
}

std::vector<PublicKey> Store::eventKeys(const std::string& eventId) {
    auto& s = impl_->stmt(
        "SELECT public_key FROM event_keys WHERE event_id = ? AND retired_at IS NULL "
        "ORDER BY created_at");
    s.bindAll(eventId);
    std::vector<PublicKey> keys;
    while (s.step())
        if (auto pk = parsePublicKeyHex(s.text(0))) keys.push_back(*pk);
    s.reset();
    return keys;
}

void Store::revokeToken(const std::string& eventId, const std::string& tokenId,
                        const std::string& reason) {
    sql::Transaction tx(impl_->db);
    impl_
        ->stmt("INSERT INTO revocations (token_id, event_id, reason, revoked_at) "
               "VALUES (?, ?, ?, ?) ON CONFLICT (token_id) DO NOTHING")
        .bindAll(tokenId, eventId, reason, nowMillis())
        .run();
    impl_->appendOutbox("token.revoke",
                        {{"token_id", tokenId}, {"event_id", eventId}, {"reason", reason}});
    tx.commit();
}

std::vector<std::string> Store::revokedTokens(const std::string& eventId) {
    auto& s = impl_->stmt("SELECT token_id FROM revocations WHERE event_id = ?");
    s.bindAll(eventId);
    std::vector<std::string> ids;
    while (s.step()) ids.push_back(s.text(0));
    s.reset();
    return ids;
}

TokenVerifier Store::verifierFor(const std::string& eventId) {
    auto id = Uuid::parse(eventId);
    TokenVerifier verifier(id.value_or(Uuid{}));
    for (const auto& pk : eventKeys(eventId)) verifier.addEventKey(pk);
    auto& s = impl_->stmt(
        "SELECT certificate FROM devices WHERE event_id = ? AND certificate IS NOT NULL "
        "AND revoked_at IS NULL");
    s.bindAll(eventId);
    std::vector<std::string> certs;
    while (s.step()) certs.push_back(s.text(0));
    s.reset();
    for (const auto& hex : certs)
        if (auto cert = DeviceCertificate::decodeHex(hex))
            verifier.addDeviceCertificate(*cert, nowSeconds());
    for (const auto& tokenId : revokedTokens(eventId)) verifier.revoke(tokenId);
    return verifier;
}

UpsertResult Store::upsertAttendee(Attendee& a) {
    sql::Transaction tx(impl_->db);
    auto existing = attendeeByEmail(a.eventId, a.email);
    UpsertResult result;
    std::int64_t now = nowMillis();
    if (!existing) {
        if (a.id.empty()) a.id = Uuid::v7().str();
        impl_
            ->stmt("INSERT INTO attendees (id, event_id, full_name, email, role, cohort, team, "
                   "pronouns, strengths, blocked, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(a.id, a.eventId, a.fullName, a.email, roleName(a.role), a.cohort, a.team,
                     a.pronouns, a.strengths, a.blocked, now, now)
            .run();
        result = UpsertResult::Inserted;
    } else {
        a.id = existing->id;
        bool same = existing->fullName == a.fullName && existing->role == a.role &&
                    existing->cohort == a.cohort && existing->team == a.team &&
                    existing->pronouns == a.pronouns && existing->strengths == a.strengths &&
                    existing->blocked == a.blocked;
        if (same) return UpsertResult::Unchanged;
        impl_
            ->stmt("UPDATE attendees SET full_name = ?, role = ?, cohort = ?, team = ?, "
                   "pronouns = ?, strengths = ?, blocked = ?, updated_at = ? WHERE id = ?")
            .bindAll(a.fullName, roleName(a.role), a.cohort, a.team, a.pronouns, a.strengths,
                     a.blocked, now, a.id)
            .run();
        result = UpsertResult::Updated;
    }
    auto payload = attendeeJson(a);
    payload["updated_at"] = now;
    impl_->appendOutbox("attendee.upsert", payload);
    tx.commit();
    return result;
}

std::optional<Attendee> Store::attendee(const std::string& id) {
    static const std::string sqlText =
        std::string("SELECT ") + kAttendeeColumns + " FROM attendees WHERE id = ?";
    auto& s = impl_->stmt(sqlText.c_str()).bindAll(id);
    std::optional<Attendee> a;
    if (s.step()) a = readAttendee(s);
    s.reset();
    return a;
}

std::optional<Attendee> Store::attendeeByEmail(const std::string& eventId,
                                               const std::string& email) {
    static const std::string sqlText = std::string("SELECT ") + kAttendeeColumns +
                                       " FROM attendees WHERE event_id = ? AND email = ?";
    auto& s = impl_->stmt(sqlText.c_str()).bindAll(eventId, email);
    std::optional<Attendee> a;
    if (s.step()) a = readAttendee(s);
    s.reset();
    return a;
}

std::vector<Attendee> Store::attendees(const std::string& eventId) {
    static const std::string sqlText = std::string("SELECT ") + kAttendeeColumns +
                                       " FROM attendees WHERE event_id = ? ORDER BY full_name, id";
    auto& s = impl_->stmt(sqlText.c_str()).bindAll(eventId);
    std::vector<Attendee> out;
    while (s.step()) out.push_back(readAttendee(s));
    s.reset();
    return out;
}

std::int64_t Store::countAttendees(const std::string& eventId) {
    auto& s = impl_->stmt("SELECT count(*) FROM attendees WHERE event_id = ?").bindAll(eventId);
    s.step();
    auto n = s.int64(0);
    s.reset();
    return n;
}

void Store::setBlocked(const std::string& attendeeId, bool blocked) {
    auto a = attendee(attendeeId);
    if (!a) throw StoreError(StoreError::Kind::Invalid, "no attendee with id " + attendeeId);
    a->blocked = blocked;
    upsertAttendee(*a);
}

std::optional<CheckIn> Store::activeCheckIn(const std::string& eventId,
                                            const std::string& attendeeId) {
    auto& s = impl_->stmt(
        "SELECT id, event_id, attendee_id, device_id, method, at, annulled_at FROM checkins "
        "WHERE event_id = ? AND attendee_id = ? AND annulled_at IS NULL AND repeat_of IS NULL");
    s.bindAll(eventId, attendeeId);
    std::optional<CheckIn> c;
    if (s.step()) c = readCheckIn(s);
    s.reset();
    return c;
}

Store::CheckInWrite Store::recordCheckIn(const std::string& eventId,
                                         const std::string& attendeeId,
                                         const std::string& method, std::int64_t atMillis) {
    sql::Transaction tx(impl_->db);
    if (auto existing = activeCheckIn(eventId, attendeeId)) return {false, *existing};
    CheckIn c{Uuid::v7().str(), eventId, attendeeId, impl_->deviceId, method, atMillis, {}};
    impl_
        ->stmt("INSERT INTO checkins (id, event_id, attendee_id, device_id, method, at) "
               "VALUES (?, ?, ?, ?, ?, ?)")
        .bindAll(c.id, c.eventId, c.attendeeId, c.deviceId, c.method, c.at)
        .run();
    impl_->appendOutbox("checkin.create", {{"id", c.id},
                                           {"event_id", c.eventId},
                                           {"attendee_id", c.attendeeId},
                                           {"device_id", c.deviceId},
                                           {"method", c.method},
                                           {"at", c.at}});
    tx.commit();
    return {true, c};
}

bool Store::annulCheckIn(const std::string& checkinId, const std::string& actor,
                         std::int64_t atMillis) {
    sql::Transaction tx(impl_->db);
    auto& find = impl_->stmt("SELECT event_id, attendee_id FROM checkins WHERE id = ?");
    find.bindAll(checkinId);
    if (!find.step()) {
        find.reset();
        return false;
    }
    std::string eventId = find.text(0), attendeeId = find.text(1);
    find.reset();
    impl_
        ->stmt("UPDATE checkins SET annulled_at = ?, annulled_by = ? "
               "WHERE id = ? AND annulled_at IS NULL")
        .bindAll(atMillis, actor, checkinId)
        .run();
    if (impl_->db.changes() == 0) return false;
    impl_->settleCheckIns(eventId, attendeeId);
    impl_->appendOutbox("checkin.annul", {{"id", checkinId},
                                          {"event_id", eventId},
                                          {"attendee_id", attendeeId},
                                          {"annulled_at", atMillis},
                                          {"annulled_by", actor}});
    tx.commit();
    return true;
}

std::int64_t Store::countCheckIns(const std::string& eventId) {
    auto& s = impl_->stmt(
        "SELECT count(*) FROM checkins WHERE event_id = ? AND annulled_at IS NULL "
        "AND repeat_of IS NULL");
    s.bindAll(eventId);
    s.step();
    auto n = s.int64(0);
    s.reset();
    return n;
}

std::optional<std::string> Store::deviceName(const std::string& deviceId) {
    if (deviceId == impl_->deviceId) {
        if (auto name = meta("device_name")) return name;
    }
    auto& s = impl_->stmt("SELECT name FROM devices WHERE id = ?").bindAll(deviceId);
    std::optional<std::string> name;
    if (s.step()) name = s.text(0);
    s.reset();
    return name;
}

std::vector<OutboxEntry> Store::pendingOutbox(int limit, std::int64_t afterSeq) {
    auto& s = impl_->stmt(
        "SELECT seq, idem_key, kind, payload, created_at FROM outbox WHERE sent_at IS NULL "
        "AND seq > ? ORDER BY seq LIMIT ?");
    s.bindAll(afterSeq, limit);
    std::vector<OutboxEntry> out;
    while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.int64(4)});
    s.reset();
    return out;
}

void Store::markSent(const std::vector<std::int64_t>& seqs, std::int64_t atMillis) {
    if (seqs.empty()) return;
    // One statement for the whole batch: the sequence numbers as a JSON array.
    json list = seqs;
    impl_
        ->stmt("UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL "
               "AND seq IN (SELECT value FROM json_each(?))")
        .bindAll(atMillis, list.dump())
        .run();
}

std::int64_t Store::outboxBacklog() {
    auto& s = impl_->stmt("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
    s.reset();
    s.step();
    auto n = s.int64(0);
    s.reset();
    return n;
}

void Store::audit(const std::string& actor, const std::string& action, const std::string& subject,
                  const std::string& detail) {
    impl_
        ->stmt("INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)")
        .bindAll(nowMillis(), actor, action, subject, detail)
        .run();
}

std::vector<AuditEntry> Store::auditLog(int limit) {
    auto& s = impl_->stmt(
        "SELECT at, actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?");
    s.bindAll(limit);
    std::vector<AuditEntry> out;
    while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    s.reset();
    return out;
}

// ---- Showcases, scores, feedback ------------------------------------------

namespace {

Showcase readShowcase(const sql::Stmt& s) {
    return Showcase{s.text(0), s.text(1),  s.text(2), s.text(3),  s.text(4),
                    s.text(5), s.text(6),  s.text(7), s.int64(8), s.int64(9)};
}

constexpr const char* kShowcaseSelect =
    "SELECT id, event_id, coalesce(intern_id, ''), title, brief, metric_name, metric_change, "
    "location, slot_start, slot_end FROM showcases ";

Score readScore(const sql::Stmt& s) {
    Score r;
    r.id = s.text(0);
    r.eventId = s.text(1);
    r.judgeId = s.text(2);
    r.showcaseId = s.text(3);
    r.criteria = s.text(4);
    if (!s.isNull(5)) r.total = s.real(5);
    r.notes = s.text(6);
    r.encore = s.int64(7) != 0;
    r.hlc = s.text(8);
    r.deviceId = s.text(9);
    r.deleted = s.int64(10) != 0;
    return r;
}

constexpr const char* kScoreSelect =
    "SELECT id, event_id, judge_id, showcase_id, criteria, total, notes, encore, hlc, "
    "device_id, deleted FROM scores ";

json scoreJson(const Score& r) {
    json j = {{"id", r.id},
              {"event_id", r.eventId},
              {"judge_id", r.judgeId},
              {"showcase_id", r.showcaseId},
              {"criteria", r.criteria},
              {"notes", r.notes},
              {"encore", r.encore},
              {"hlc", r.hlc},
              {"device_id", r.deviceId},
              {"deleted", r.deleted}};
    j["total"] = r.total ? json(*r.total) : json(nullptr);
    return j;
}

Score scoreFromJson(const json& j) {
    Score r;
    r.id = j.at("id").get<std::string>();
    r.eventId = j.at("event_id").get<std::string>();
    r.judgeId = j.at("judge_id").get<std::string>();
    r.showcaseId = j.at("showcase_id").get<std::string>();
    r.criteria = j.value("criteria", std::string("{}"));
    if (j.contains("total") && !j["total"].is_null()) r.total = j["total"].get<double>();
    r.notes = j.value("notes", std::string());
    r.encore = j.value("encore", false);
    r.hlc = j.at("hlc").get<std::string>();
    r.deviceId = j.value("device_id", std::string());
    r.deleted = j.value("deleted", false);
    return r;
}

}  // namespace

void Store::upsertShowcase(const Showcase& c) {
    sql::Transaction tx(impl_->db);
    std::int64_t now = nowMillis();
    impl_
        ->stmt("INSERT INTO showcases (id, event_id, intern_id, title, brief, metric_name, "
               "metric_change, location, slot_start, slot_end, updated_at) "
               "VALUES (?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
               "intern_id = excluded.intern_id, title = excluded.title, brief = excluded.brief, "
               "metric_name = excluded.metric_name, metric_change = excluded.metric_change, "
               "location = excluded.location, slot_start = excluded.slot_start, "
               "slot_end = excluded.slot_end, updated_at = excluded.updated_at "
               "WHERE excluded.updated_at >= showcases.updated_at")
        .bindAll(c.id, c.eventId, c.internId, c.title, c.brief, c.metricName, c.metricChange,
                 c.location, c.slotStart, c.slotEnd, now)
        .run();
    impl_->appendOutbox("showcase.upsert", {{"id", c.id},
                                            {"event_id", c.eventId},
                                            {"intern_id", c.internId},
                                            {"title", c.title},
                                            {"brief", c.brief},
                                            {"metric_name", c.metricName},
                                            {"metric_change", c.metricChange},
                                            {"location", c.location},
                                            {"slot_start", c.slotStart},
                                            {"slot_end", c.slotEnd},
                                            {"updated_at", now}});
    tx.commit();
}

std::optional<Showcase> Store::showcase(const std::string& id) {
    static const std::string sqlText = std::string(kShowcaseSelect) + "WHERE id = ?";
    auto& s = impl_->stmt(sqlText.c_str()).bindAll(id);
    std::optional<Showcase> c;
    if (s.step()) c = readShowcase(s);
    s.reset();
    return c;
}

std::vector<Showcase> Store::showcases(const std::string& eventId) {
    static const std::string sqlText =
        std::string(kShowcaseSelect) + "WHERE event_id = ? ORDER BY slot_start, id";
    auto& s = impl_->stmt(sqlText.c_str()).bindAll(eventId);
    std::vector<Showcase> out;
    while (s.step()) out.push_back(readShowcase(s));
    s.reset();
    return out;
}

std::optional<Score> Store::score(const std::string& judgeId, const std::string& showcaseId) {
    static const std::string sqlText =
        std::string(kScoreSelect) + "WHERE judge_id = ? AND showcase_id = ?";
    auto& s = impl_->stmt(sqlText.c_str()).bindAll(judgeId, showcaseId);
    std::optional<Score> r;
    if (s.step()) r = readScore(s);
    s.reset();
    return r;
}

std::vector<Score> Store::scores(const std::string& eventId) {
    static const std::string sqlText =
        std::string(kScoreSelect) + "WHERE event_id = ? AND deleted = 0 ORDER BY showcase_id, judge_id";
    auto& s = impl_->stmt(sqlText.c_str()).bindAll(eventId);
    std::vector<Score> out;
    while (s.step()) out.push_back(readScore(s));
    s.reset();
    return out;
}

namespace {
// Writes `r` if it is newer by clock than what the replica holds for the pair.
bool writeScoreIfNewer(sql::Stmt& find, sql::Stmt& insert, sql::Stmt& update, const Score& r) {
    find.bindAll(r.judgeId, r.showcaseId);
    std::optional<std::string> current;
    if (find.step()) current = find.text(0);
    find.reset();
    if (!current) {
        insert.bindAll(r.id, r.eventId, r.judgeId, r.showcaseId, r.criteria, r.total, r.notes,
                       r.encore, r.hlc, r.deviceId, r.deleted)
            .run();
        return true;
    }
    if (r.hlc <= *current) return false;
    update.bindAll(r.id, r.criteria, r.total, r.notes, r.encore, r.hlc, r.deviceId, r.deleted,
                   r.judgeId, r.showcaseId)
        .run();
    return true;
}
}  // namespace

#define OH_SCORE_STMTS                                                                        \
    impl_->stmt("SELECT hlc FROM scores WHERE judge_id = ? AND showcase_id = ?"),             \
        impl_->stmt("INSERT INTO scores (id, event_id, judge_id, showcase_id, criteria, "     \
                    "total, notes, encore, hlc, device_id, deleted) "                          \
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),                                \
        impl_->stmt("UPDATE scores SET id = ?, criteria = ?, total = ?, notes = ?, "          \
                    "encore = ?, hlc = ?, device_id = ?, deleted = ? "                        \
                    "WHERE judge_id = ? AND showcase_id = ?")

Score Store::recordScore(Score r) {
    sql::Transaction tx(impl_->db);
    auto existing = score(r.judgeId, r.showcaseId);
    r.id = existing ? existing->id : Uuid::v7().str();
    r.hlc = impl_->tick();
    r.deviceId = impl_->deviceId;
    writeScoreIfNewer(OH_SCORE_STMTS, r);
    impl_->appendOutbox(r.deleted ? "score.delete" : "score.upsert", scoreJson(r));
    tx.commit();
    return r;
}

bool Store::deleteScore(const std::string& judgeId, const std::string& showcaseId) {
    auto existing = score(judgeId, showcaseId);
    if (!existing || existing->deleted) return false;
    existing->deleted = true;
    recordScore(*existing);
    return true;
}

bool Store::addFeedback(Feedback& f) {
    sql::Transaction tx(impl_->db);
    if (f.id.empty()) f.id = Uuid::v7().str();
    if (f.createdAt == 0) f.createdAt = nowMillis();
    f.deviceId = impl_->deviceId;
    impl_
        ->stmt("INSERT INTO feedback (id, event_id, author_id, showcase_id, rating, text, "
               "created_at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bindAll(f.id, f.eventId, f.authorId, f.showcaseId, f.rating, f.text, f.createdAt,
                 f.deviceId)
        .run();
    if (impl_->db.changes() == 0) return false;
    json payload = {{"id", f.id},         {"event_id", f.eventId},     {"author_id", f.authorId},
                    {"showcase_id", f.showcaseId}, {"text", f.text}, {"created_at", f.createdAt},
                    {"device_id", f.deviceId}};
    payload["rating"] = f.rating ? json(*f.rating) : json(nullptr);
    impl_->appendOutbox("feedback.create", payload);
    tx.commit();
    return true;
}

bool Store::deleteFeedback(const std::string& feedbackId) {
    sql::Transaction tx(impl_->db);
    auto& find = impl_->stmt("SELECT event_id FROM feedback WHERE id = ?").bindAll(feedbackId);
    if (!find.step()) {
        find.reset();
        return false;
    }
    std::string eventId = find.text(0);
    find.reset();
    std::int64_t now = nowMillis();
    impl_
        ->stmt("INSERT INTO tombstones (entity, entity_id, event_id, deleted_at, device_id) "
               "VALUES ('feedback', ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bindAll(feedbackId, eventId, now, impl_->deviceId)
        .run();
    if (impl_->db.changes() == 0) return false;
    impl_->appendOutbox("feedback.delete", {{"id", feedbackId},
                                            {"event_id", eventId},
                                            {"deleted_at", now},
                                            {"device_id", impl_->deviceId}});
    tx.commit();
    return true;
}

std::vector<Feedback> Store::feedback(const std::string& eventId) {
    auto& s = impl_->stmt(
        "SELECT id, event_id, author_id, showcase_id, rating, text, created_at, device_id "
        "FROM feedback f WHERE event_id = ? AND NOT EXISTS (SELECT 1 FROM tombstones t "
        "WHERE t.entity = 'feedback' AND t.entity_id = f.id) ORDER BY showcase_id, created_at, id");
    s.bindAll(eventId);
    std::vector<Feedback> out;
    while (s.step()) {
        Feedback f{s.text(0), s.text(1), s.text(2), s.text(3), {}, s.text(5), s.int64(6),
                   s.text(7)};
        if (!s.isNull(4)) f.rating = static_cast<int>(s.int64(4));
        out.push_back(std::move(f));
    }
    s.reset();
    return out;
}

// ---- Applying records from elsewhere ----------------------------------------

namespace {

std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

}  // namespace

ApplyResult Store::applyRemote(const std::string& kind, const std::string& payloadText,
                               const std::string& originDevice) {
    json p = json::parse(payloadText, nullptr, false);
    if (p.is_discarded() || !p.is_object())
        throw StoreError(StoreError::Kind::Invalid, "sync record " + kind + " is not JSON");
    ApplyingRemote remote(*this);
    sql::Transaction tx(impl_->db);
    ApplyResult result = ApplyResult::Applied;
    try {
        if (kind == "checkin.create") {
            // Inserted as a repeat, then the set decides which one is the check-in.
            impl_
                ->stmt("INSERT INTO checkins (id, event_id, attendee_id, device_id, method, at, "
                       "repeat_of) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
                .bindAll(str(p, "id"), str(p, "event_id"), str(p, "attendee_id"),
                         str(p, "device_id"), str(p, "method"), p.at("at").get<std::int64_t>(),
                         str(p, "id"))
                .run();
            if (impl_->db.changes() == 0) result = ApplyResult::Ignored;
            impl_->settleCheckIns(str(p, "event_id"), str(p, "attendee_id"));
        } else if (kind == "checkin.annul") {
            auto& find = impl_->stmt("SELECT event_id, attendee_id FROM checkins WHERE id = ?");
            find.bindAll(str(p, "id"));
            std::optional<std::pair<std::string, std::string>> who;
            if (find.step()) who = {find.text(0), find.text(1)};
            find.reset();
            impl_
                ->stmt("UPDATE checkins SET annulled_at = ?, annulled_by = ? "
                       "WHERE id = ? AND annulled_at IS NULL")
                .bindAll(p.at("annulled_at").get<std::int64_t>(), str(p, "annulled_by"),
                         str(p, "id"))
                .run();
            if (impl_->db.changes() == 0) result = ApplyResult::Ignored;
            if (who) impl_->settleCheckIns(who->first, who->second);
        } else if (kind == "score.upsert" || kind == "score.delete") {
            Score r = scoreFromJson(p);
            if (!writeScoreIfNewer(OH_SCORE_STMTS, r)) result = ApplyResult::Ignored;
            if (auto h = Hlc::parse(r.hlc)) impl_->clock->observe(*h);
        } else if (kind == "feedback.create") {
            result = applyFeedback(p) ? ApplyResult::Applied : ApplyResult::Ignored;
        } else if (kind == "feedback.delete") {
            impl_
                ->stmt("INSERT INTO tombstones (entity, entity_id, event_id, deleted_at, "
                       "device_id) VALUES ('feedback', ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .bindAll(str(p, "id"), str(p, "event_id"), p.at("deleted_at").get<std::int64_t>(),
                         str(p, "device_id"))
                .run();
            if (impl_->db.changes() == 0) result = ApplyResult::Ignored;
        } else if (kind == "attendee.upsert") {
            result = applyAttendee(p) ? ApplyResult::Applied : ApplyResult::Ignored;
        } else if (kind == "showcase.upsert") {
            impl_
                ->stmt("INSERT INTO showcases (id, event_id, intern_id, title, brief, "
                       "metric_name, metric_change, location, slot_start, slot_end, updated_at) "
                       "VALUES (?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (id) DO UPDATE SET intern_id = excluded.intern_id, "
                       "title = excluded.title, brief = excluded.brief, "
                       "metric_name = excluded.metric_name, metric_change = excluded.metric_change, "
                       "location = excluded.location, slot_start = excluded.slot_start, "
                       "slot_end = excluded.slot_end, updated_at = excluded.updated_at "
                       "WHERE excluded.updated_at > showcases.updated_at")
                .bindAll(str(p, "id"), str(p, "event_id"), str(p, "intern_id"), str(p, "title"),
                         str(p, "brief"), str(p, "metric_name"), str(p, "metric_change"),
                         str(p, "location"), p.value("slot_start", std::int64_t{0}),
                         p.value("slot_end", std::int64_t{0}), p.value("updated_at", std::int64_t{0}))
                .run();
            if (impl_->db.changes() == 0) result = ApplyResult::Ignored;
        } else if (kind == "event.upsert") {
            saveEvent(Event{str(p, "id"), str(p, "name"), str(p, "venue"), str(p, "timezone"),
                            p.value("starts_at", std::int64_t{0}), p.value("ends_at", std::int64_t{0}),
                            p.value("slot_budget", 0)});
        } else if (kind == "event_key.add") {
            auto pk = parsePublicKeyHex(str(p, "public_key"));
            if (!pk) throw StoreError(StoreError::Kind::Invalid, "event_key.add: bad key");
            addEventKey(str(p, "event_id"), *pk);
        } else if (kind == "token.revoke") {
            revokeToken(str(p, "event_id"), str(p, "token_id"), str(p, "reason"));
        } else if (kind == "device.register") {
            impl_
                ->stmt("INSERT INTO devices (id, event_id, name, public_key, certificate, "
                       "registered_at) VALUES (?, (SELECT id FROM events WHERE id = ?), ?, NULLIF(?, ''), "
                       "NULLIF(?, ''), ?) "
                       "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                       "public_key = coalesce(excluded.public_key, devices.public_key), "
                       "certificate = coalesce(excluded.certificate, devices.certificate)")
                .bindAll(str(p, "id"), str(p, "event_id"), str(p, "name"), str(p, "public_key"),
                         str(p, "certificate"), p.value("registered_at", std::int64_t{0}))
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
    auto& find = impl_->stmt(
        "SELECT id, created_at FROM feedback WHERE author_id = ? AND showcase_id = ?");
    find.bindAll(str(p, "author_id"), str(p, "showcase_id"));
    std::optional<std::pair<std::string, std::int64_t>> current;
    if (find.step()) current = {find.text(0), find.int64(1)};
    find.reset();
    std::string id = str(p, "id");
    std::int64_t createdAt = p.at("created_at").get<std::int64_t>();
    if (current) {
        if (current->first == id) return false;
        if (std::tie(current->second, current->first) < std::tie(createdAt, id)) return false;
        impl_->stmt("DELETE FROM feedback WHERE id = ?").bindAll(current->first).run();
    }
    std::optional<std::int64_t> rating;
    if (p.contains("rating") && !p["rating"].is_null()) rating = p["rating"].get<std::int64_t>();
    impl_
        ->stmt("INSERT INTO feedback (id, event_id, author_id, showcase_id, rating, text, "
               "created_at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(id, str(p, "event_id"), str(p, "author_id"), str(p, "showcase_id"), rating,
                 str(p, "text"), createdAt, str(p, "device_id"))
        .run();
    return true;
}

bool Store::applyAttendee(const nlohmann::json& p) {
    std::int64_t updatedAt = p.value("updated_at", std::int64_t{0});
    auto role = parseRole(str(p, "role")).value_or(Role::Guest);
    try {
        impl_
            ->stmt("INSERT INTO attendees (id, event_id, full_name, email, role, cohort, team, "
                   "pronouns, strengths, blocked, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                   "full_name = excluded.full_name, email = excluded.email, role = excluded.role, "
                   "cohort = excluded.cohort, team = excluded.team, pronouns = excluded.pronouns, "
                   "strengths = excluded.strengths, blocked = excluded.blocked, "
                   "updated_at = excluded.updated_at WHERE excluded.updated_at > attendees.updated_at")
            .bindAll(str(p, "id"), str(p, "event_id"), str(p, "full_name"), str(p, "email"),
                     roleName(role), str(p, "cohort"), str(p, "team"), str(p, "pronouns"),
                     str(p, "strengths"), p.value("blocked", false), updatedAt, updatedAt)
            .run();
    } catch (const sql::Error& e) {
        // Two walk-in registrations with one e-mail on different devices: the
        // first to arrive keeps the address; the record stays in the feed.
        if (!e.isConstraint()) throw;
        return false;
    }
    return impl_->db.changes() > 0;
}

HlcClock& Store::clock() { return *impl_->clock; }

std::string Store::syncCursor() { return meta("sync_cursor").value_or(""); }
std::string Store::syncCentralId() { return meta("sync_central_id").value_or(""); }

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

std::string describeStoreFailure(const std::exception& e) {
    if (const auto* se = dynamic_cast<const sql::Error*>(&e))
        return translate(*se, "the local store failed").what();
    return e.what();
}

}  // namespace oh
