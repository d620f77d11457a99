// The embedded central record: a SQLite file with the store schema, plus the
// keys applied once (applied_keys) and the change feed (change_log). SQLite
// has one writer at a time, so change_log.seq is commit order and a plain
// "seq > cursor" pull cannot skip a late commit.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "core/central/central.hpp"
#include "core/central/embedded_slots.hpp"
#include "core/model/hlc.hpp"
#include "core/model/ids.hpp"
#include "core/model/record_kind.hpp"
#include "core/text/case_fold.hpp"

namespace oh {

namespace {

using nlohmann::json;

// The same words as oh_push_seq's on PostgreSQL.
std::string copiedStoreReason(const std::string& deviceId) {
    return "this store is a copy of device " + deviceId +
           ": another store with this device id already pushed other records under the same "
           "numbers, so this copy's pushes are refused (they stay in its outbox). Never copy a "
           "device store: enrol each laptop as a device of its own with 'openhouse enrol "
           "--device NEW-NAME' and use that store";
}

bool isScore(RecordKind kind) {
    return kind == RecordKind::ScoreUpsert || kind == RecordKind::ScoreDelete;
}

// The device a push comes from, as this central knows it.
struct Pusher {
    std::string deviceId;
    std::string eventId;  // the event it is bound to
    bool admin = false;
};

class CentralSqlite final : public CentralRecord {
  public:
    CentralSqlite(const std::string& path, const CentralOptions& options)
        : path_(path),
          options_(options),
          store_(Store::open(path)),
          slots_(store_, options.grantMarginMs,
                 [this](const std::string& device, const std::string& event,
                        const std::string& payload) {
                     appendChange(Uuid::v7().str(), device.empty() ? store_.deviceId() : device,
                                  event, recordKindName(RecordKind::SlotState), payload);
                 }) {
        if (auto id = store_.meta("central_id")) {
            centralId_ = *id;
        } else {
            centralId_ = Uuid::v7().str();
            store_.setMeta("central_id", centralId_);
        }
    }

    CentralInfo ping() override { return {centralId_, nowMillis(), store_.schemaVersion()}; }

    // A device is bound to the event of its enrolment (`openhouse enrol`) or,
    // failing that, of its first registration; it can never move, and a
    // revoked one is refused. The program team (admin) registers anything.
    void registerDevice(const DeviceRegistration& d) override {
        if (!options_.admin) checkDeviceRegistration(d);
        json payload = {{"id", d.deviceId},
                        {"event_id", d.eventId},
                        {"name", d.name},
                        {"public_key", d.publicKey},
                        {"certificate", d.certificate},
                        {"registered_at", nowMillis()}};
        sql::Transaction tx(store_.db());
        Store::ApplyingRemote remote(store_);
        const char* kind = recordKindName(RecordKind::DeviceRegister);
        store_.applyRemote(kind, payload.dump(), d.deviceId);
        appendChange(Uuid::v7().str(), d.deviceId, d.eventId, kind, payload.dump());
        stmt("UPDATE devices SET last_seen_at = ? WHERE id = ?")
            .bindAll(nowMillis(), d.deviceId)
            .run();
        tx.commit();
    }

    PushResult push(const std::string& deviceId, const std::vector<OutboxEntry>& batch) override {
        PushResult result;
        result.status.reserve(batch.size());
        Pusher pusher = identify(deviceId);
        try {
            sql::Transaction tx(store_.db());
            Store::ApplyingRemote remote(store_);
            stmt("UPDATE devices SET last_seen_at = ? WHERE id = ?")
                .bindAll(nowMillis(), deviceId)
                .run();
            if (isCopiedStore(deviceId, batch)) {
                refuseAsCopy(deviceId, batch, result);
                tx.commit();
                return result;
            }
            for (const auto& entry : batch)
                result.status.push_back(applyOne(pusher, entry, result));
            recordSeqs(deviceId, batch, result);
            tx.commit();
        } catch (const sql::Error& e) {
            // Busy or I/O: nothing of the batch committed; the device retries.
            throw CentralError(!e.isConstraint(), std::string("embedded central: ") + e.what());
        }
        return result;
    }

    bool revokeDevice(const std::string& deviceId) override {
        if (!options_.admin)
            throw CentralError(false, "only the program team (admin) may revoke a device");
        if (!store_.revokeDevice(deviceId, nowMillis())) return false;
        publishOwnWrites();  // the device.revoke record reaches the feed now
        return true;
    }

    PullPage pull(const std::string& deviceId, const std::string& cursor, int limit) override {
        publishOwnWrites();
        std::int64_t after = cursor.empty() ? 0 : std::stoll(cursor);
        PullPage page;
        sql::Transaction tx(store_.db());  // one snapshot for the bound and the rows
        const std::int64_t upto = lastSeq();
        std::int64_t last = after;
        {
            auto rows = stmt(
                            "SELECT seq, idem_key, device_id, kind, payload FROM change_log "
                            "WHERE seq > ? AND seq <= ? AND device_id <> ? ORDER BY seq LIMIT ?")
                            .query(after, upto, deviceId, limit);
            while (rows.step()) {
                last = rows.int64(0);
                page.records.push_back({rows.text(1), rows.text(2), rows.text(3), rows.text(4)});
            }
        }
        tx.commit();
        page.more = static_cast<int>(page.records.size()) == limit;
        // A short page saw everything up to `upto`, the device's own records included.
        page.nextCursor = std::to_string(page.more ? last : std::max(upto, after));
        return page;
    }

    std::vector<std::string> digest(const std::string& eventId) override {
        publishOwnWrites();
        return store_.digest(eventId);
    }

    std::vector<DeviceSummary> devices(const std::string& eventId) override {
        publishOwnWrites();
        std::vector<DeviceSummary> out;
        auto rows = stmt(
                        "SELECT d.id, d.name, d.registered_at, d.last_seen_at, d.revoked_at, "
                        "d.copy_seen_at, (SELECT count(*) FROM change_log l WHERE l.device_id = "
                        "d.id) FROM devices d WHERE d.event_id = ? ORDER BY d.name, d.id")
                        .query(eventId);
        while (rows.step())
            out.push_back({rows.text(0), rows.text(1), rows.int64(2), rows.optInt64(3),
                           rows.optInt64(4), rows.optInt64(5), rows.int64(6)});
        return out;
    }

    GrantAnswer requestGrant(const std::string& deviceId, int want, std::int64_t ttl) override {
        return guarded([&] { return slots_.requestGrant(deviceId, eventOf(deviceId), want, ttl); });
    }
    bool returnGrant(const std::string& deviceId, const std::string& grantId) override {
        return guarded([&] { return slots_.returnGrant(deviceId, eventOf(deviceId), grantId); });
    }
    std::vector<Slot> issueSlots(const std::string& deviceId,
                                 const std::vector<Slot>& issues) override {
        return guarded([&] { return slots_.issue(deviceId, eventOf(deviceId), issues); });
    }
    Slot grantSlotByHand(const Slot& slot, const std::string& actor,
                         const std::string& reason) override {
        return adminOnly("grant a slot by hand",
                         [&] { return slots_.byHand(slot, actor, reason); });
    }
    Slot actOnSlot(const SlotAct& act) override {
        return adminOnly("act on a slot", [&] { return slots_.act(act); });
    }
    // The program team's views (a device learns slots from the feed, and only its event's).
    BudgetView budget(const std::string& eventId) override {
        return adminOnly("read the slot budget", [&] { return slots_.budget(eventId); });
    }
    std::vector<SlotGrant> grants(const std::string& eventId) override {
        return adminOnly("read the grants", [&] { return slots_.book().grants(eventId); });
    }
    std::vector<Slot> slots(const std::string& eventId) override {
        return adminOnly("read the slots", [&] { return slots_.book().slots(eventId); });
    }
    std::vector<SlotAct> slotActs(const std::string& eventId) override {
        return adminOnly("read the slot acts", [&] { return slots_.book().acts(eventId); });
    }

    std::string describe() const override { return "sqlite:" + path_; }

  private:
    // The event a device acts for (checked as for a push: registered, not revoked).
    std::string eventOf(const std::string& deviceId) {
        if (!options_.admin) return identify(deviceId).eventId;
        const auto known = knownDevice(deviceId);
        if (!known)
            throw SlotRefused("device " + deviceId + " is not registered with this central");
        return known->eventId;
    }
    template <class F>
    auto adminOnly(const char* what, F&& f) -> decltype(f()) {
        if (!options_.admin)
            throw CentralError(false, std::string("only the program team (admin) may ") + what);
        return guarded(f);
    }
    // SQLite busy or I/O: nothing committed, try again (a transient CentralError).
    template <class F>
    auto guarded(F&& f) -> decltype(f()) {
        try {
            return f();
        } catch (const sql::Error& e) {
            throw CentralError(!e.isConstraint(), std::string("embedded central: ") + e.what());
        }
    }

    // A store copied to a second laptop keeps the device id and numbers its
    // new outbox entries from the same point as the original: a number this
    // central already claimed under another key (oh_push_seq on PostgreSQL).
    bool isCopiedStore(const std::string& deviceId, const std::vector<OutboxEntry>& batch) {
        for (const auto& e : batch) {
            if (e.seq <= 0) continue;  // not from an outbox (hand-made batches)
            auto known = stmt("SELECT idem_key FROM device_seqs WHERE device_id = ? AND seq = ?")
                             .query(deviceId, e.seq);
            if (known.step() && known.text(0) != e.idemKey) return true;
        }
        return false;
    }

    void refuseAsCopy(const std::string& deviceId, const std::vector<OutboxEntry>& batch,
                      PushResult& result) {
        stmt("UPDATE devices SET copy_seen_at = coalesce(copy_seen_at, ?) WHERE id = ?")
            .bindAll(nowMillis(), deviceId)
            .run();
        result.status.assign(batch.size(), PushStatus::Refused);
        result.refused = static_cast<int>(batch.size());
        result.refusedReason = copiedStoreReason(deviceId);
    }

    // Only claimed keys: a refused entry sent again later is not a copy.
    void recordSeqs(const std::string& deviceId, const std::vector<OutboxEntry>& batch,
                    const PushResult& result) {
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (result.status[i] == PushStatus::Refused || batch[i].seq <= 0) continue;
            stmt("INSERT OR IGNORE INTO device_seqs (device_id, seq, idem_key) VALUES (?, ?, ?)")
                .bindAll(deviceId, batch[i].seq, batch[i].idemKey)
                .run();
        }
    }

    sql::Stmt& stmt(const char* sqlText) {
        auto it = statements_.find(sqlText);
        if (it == statements_.end())
            it = statements_.emplace(sqlText, store_.db().prepare(sqlText)).first;
        return it->second;
    }

    // The last position of the feed.
    std::int64_t lastSeq() {
        auto top = stmt("SELECT coalesce(max(seq), 0) FROM change_log").query();
        top.step();
        return top.int64(0);
    }

    // A device as this central knows it: the event it is bound to, and whether it is revoked.
    struct KnownDevice {
        std::string eventId;
        bool revoked = false;
    };
    std::optional<KnownDevice> knownDevice(const std::string& deviceId) {
        auto find = stmt("SELECT coalesce(event_id, ''), revoked_at FROM devices WHERE id = ?")
                        .query(deviceId);
        if (!find.step()) return std::nullopt;
        return KnownDevice{find.text(0), find.optInt64(1).has_value()};
    }

    void checkDeviceRegistration(const DeviceRegistration& d) {
        const auto known = knownDevice(d.deviceId);
        if (known && known->revoked)
            throw CentralError(false, "device " + d.deviceId + " is revoked");
        if (known && known->eventId != d.eventId)
            throw CentralError(false, "device " + d.deviceId + " is bound to another event");
        if (d.eventId.empty() || !store_.event(d.eventId))
            throw CentralError(false, "device " + d.deviceId +
                                          " names no event this central knows; enrol it with "
                                          "'openhouse enrol'");
    }

    Pusher identify(const std::string& deviceId) {
        Pusher p{deviceId, "", options_.admin};
        if (p.admin) return p;
        const auto known = knownDevice(deviceId);
        if (!known)
            throw CentralError(false,
                               "device " + deviceId + " is not registered with this central");
        if (known->revoked) throw CentralError(false, "device " + deviceId + " is revoked");
        p.eventId = known->eventId;
        return p;
    }

    PushStatus applyOne(const Pusher& pusher, const OutboxEntry& entry, PushResult& result) {
        auto reason = refusal(entry);
        if (!reason && !pusher.admin) reason = deviceRefusal(pusher, entry);
        if (reason) {
            ++result.refused;
            if (result.refusedReason.empty()) result.refusedReason = *reason;
            return PushStatus::Refused;
        }
        const std::string& deviceId = pusher.deviceId;
        auto& claim = stmt(
            "INSERT INTO applied_keys (idem_key, device_id, applied_at) VALUES (?, ?, ?) "
            "ON CONFLICT (idem_key) DO NOTHING");
        claim.bindAll(entry.idemKey, deviceId, nowMillis()).run();
        if (store_.db().changes() == 0) {
            ++result.duplicates;
            return PushStatus::Duplicate;
        }
        // A savepoint per entry: one bad record must not block the batch.
        store_.db().exec("SAVEPOINT entry");
        try {
            store_.applyRemote(entry.kind, entry.payload, deviceId);
            appendChange(entry.idemKey, deviceId, eventIdOf(entry), entry.kind, entry.payload);
            store_.db().exec("RELEASE entry");
        } catch (const std::exception& e) {
            store_.db().exec("ROLLBACK TO entry");
            store_.db().exec("RELEASE entry");
            stmt("DELETE FROM applied_keys WHERE idem_key = ?").bindAll(entry.idemKey).run();
            ++result.refused;
            if (result.refusedReason.empty())
                result.refusedReason = entry.kind + " could not be applied: " + e.what();
            return PushStatus::Refused;
        }
        ++result.applied;
        return PushStatus::Applied;
    }

    // Unknown kinds and clocks too far ahead are refused and stay in the
    // device's outbox, to be retried (after an upgrade or a clock fix).
    std::optional<std::string> refusal(const OutboxEntry& entry) const {
        const auto kind = parseRecordKind(entry.kind);
        if (!kind) return "unknown kind " + entry.kind;
        if (!isScore(*kind)) return std::nullopt;
        auto p = json::parse(entry.payload, nullptr, false);
        const bool hasClock = p.is_object() && p.contains("hlc") && p["hlc"].is_string();
        auto hlc = hasClock ? Hlc::parse(p["hlc"].get<std::string>()) : std::nullopt;
        if (!hlc) return "score without a clock";
        return aheadOfCentral(hlc->wall);
    }

    std::optional<std::string> aheadOfCentral(std::int64_t stampMs) const {
        std::int64_t ahead = stampMs - nowMillis();
        if (ahead > options_.maxDriftMs)
            return "clock " + std::to_string(ahead / 1000) + " s ahead of the central";
        return std::nullopt;
    }

    // What a device may push (docs/security.md; the PostgreSQL central's
    // oh_push_gate applies the same rules with the same reasons): the kinds a
    // device makes, for its own event, as itself, naming records that exist
    // there, with no clock ahead where a later stamp would win.
    std::optional<std::string> deviceRefusal(const Pusher& pusher, const OutboxEntry& entry) {
        const auto kind = parseRecordKind(entry.kind);
        if (!kind || !isDeviceKind(*kind))
            return "kind " + entry.kind + " is for the program team, not a device";
        auto p = json::parse(entry.payload, nullptr, false);
        if (!p.is_object()) return "malformed " + entry.kind;
        auto text = [&](const char* field) {
            auto it = p.find(field);
            return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        if (text("event_id") != pusher.eventId) return "not this device's event";
        if (p.contains("device_id") && text("device_id") != pusher.deviceId)
            return "device_id is not the pushing device";
        const RecordKind k = *kind;
        if (k == RecordKind::DeviceHealth && text("device_id") != pusher.deviceId)
            return "malformed device.health";
        if (k == RecordKind::AttendeeUpsert) return walkInRefusal(pusher, p, text("id"));
        if (k == RecordKind::CheckInCreate &&
            !inEvent("attendees", text("attendee_id"), pusher.eventId))
            return "unknown attendee";
        if (k == RecordKind::CheckInAnnul && !inEvent("checkins", text("id"), pusher.eventId))
            return "unknown check-in";
        if (isScore(k)) {
            if (!inEvent("attendees", text("judge_id"), pusher.eventId)) return "unknown judge";
            if (!inEvent("showcases", text("showcase_id"), pusher.eventId))
                return "unknown showcase";
            if (auto closed = judgingClosedFor(pusher.eventId, p)) return closed;
        }
        if (k == RecordKind::FeedbackCreate) {
            if (!inEvent("attendees", text("author_id"), pusher.eventId)) return "unknown author";
            if (!inEvent("showcases", text("showcase_id"), pusher.eventId))
                return "unknown showcase";
        }
        if (k == RecordKind::FeedbackCreate || k == RecordKind::FeedbackDelete)
            return feedbackRefusal(pusher, k, p);
        return std::nullopt;
    }

    // Feedback (PostgreSQL steps 14, 15): stamped as a whole number (what a store applies);
    // answers absent (an older device), none, or the three questions' levels 1-5; the newest
    // wins, so no stamp ahead of the central; nothing given or withdrawn once judging closed;
    // nobody rates their own or their team's demo.
    std::optional<std::string> feedbackRefusal(const Pusher& pusher, RecordKind kind,
                                               const json& p) {
        const bool create = kind == RecordKind::FeedbackCreate;
        const auto stamp = p.find(create ? "created_at" : "deleted_at");
        if (stamp == p.end() || !stamp->is_number_integer() || (create && !wellFormedAnswers(p)))
            return std::string("malformed ") + recordKindName(kind);
        const std::int64_t at = stamp->get<std::int64_t>();
        if (create)
            if (auto ahead = aheadOfCentral(at)) return ahead;
        std::optional<Event> event = store_.event(pusher.eventId);
        if (event && event->judgingClosedAt > 0 && at >= event->judgingClosedAt)
            return "judging closed";
        if (create && ownTeam(stringField(p, "author_id"), stringField(p, "showcase_id")))
            return "own team";
        return std::nullopt;
    }

    static std::string stringField(const json& p, const char* field) {
        const auto it = p.find(field);
        return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
    }

    // The author presents the demo or shares a named team with a presenter: the rule of
    // core/judging/feedback.hpp, which devices apply first (this is for one that skips it).
    bool ownTeam(const std::string& authorId, const std::string& showcaseId) {
        const std::optional<Showcase> demo = store_.showcase(showcaseId);
        const std::optional<Attendee> author = store_.attendee(personOf(authorId));
        if (!demo || !author) return false;
        for (const std::string& presenterId : presentersOf(*demo)) {
            const std::string presenter = personOf(presenterId);
            if (presenter == author->id) return true;
            const std::optional<Attendee> other = store_.attendee(presenter);
            if (other && sameTeamName(author->team, other->team)) return true;
        }
        return false;
    }

    // The record a person id is kept under (the id of one merged into another names that one).
    std::string personOf(const std::string& id) {
        auto alias = stmt("SELECT canonical_id FROM attendee_aliases WHERE alias_id = ?").query(id);
        return alias.step() ? alias.text(0) : id;
    }

    static bool wellFormedAnswers(const json& p) {
        const auto answers = p.find("answers");
        if (answers == p.end() || answers->is_null()) return true;
        if (!answers->is_array()) return false;
        if (answers->empty()) return true;
        if (answers->size() != 3) return false;  // kFeedbackQuestions (core/judging/feedback.hpp)
        return std::all_of(answers->begin(), answers->end(), [](const json& level) {
            return level.is_number_integer() && level.get<std::int64_t>() >= 1 &&
                   level.get<std::int64_t>() <= 5;
        });
    }

    // A device registers walk-ins: guests, not blocked, new people (or ones
    // it registered itself), stamped no later than the central's clock allows.
    std::optional<std::string> walkInRefusal(const Pusher& pusher, const json& p,
                                             const std::string& id) {
        // Typed by hand: value() throws on a field of another type, and a
        // forged payload must get a reason, not an exception.
        const auto role = p.find("role");
        if (role == p.end() || !role->is_string() || *role != "guest")
            return "a device registers guests only";
        const auto blocked = p.find("blocked");
        if (blocked != p.end() && !(blocked->is_boolean() && !blocked->get<bool>()))
            return "a device may not block a person";
        if (!p.contains("updated_at") || !p["updated_at"].is_number_integer())
            return "malformed attendee.upsert";
        if (auto ahead = aheadOfCentral(p["updated_at"].get<std::int64_t>())) return ahead;
        if (!exists("SELECT 1 FROM attendees WHERE id = ?", id)) return std::nullopt;
        if (firstRegisteredBy(id) != pusher.deviceId)
            return "attendee " + id + " was not registered by this device";
        return std::nullopt;
    }

    // The device whose attendee.upsert of this person reached the feed first.
    std::optional<std::string> firstRegisteredBy(const std::string& attendeeId) {
        auto first = stmt(
                         "SELECT device_id FROM change_log WHERE kind = ? "
                         "AND json_extract(payload, '$.id') = ? ORDER BY seq LIMIT 1")
                         .query(recordKindName(RecordKind::AttendeeUpsert), attendeeId);
        if (!first.step()) return std::nullopt;
        return first.text(0);
    }

    // True when the query finds a row.
    template <typename... Args>
    bool exists(const char* sqlText, const Args&... args) {
        auto s = stmt(sqlText).query(args...);
        return s.step();
    }

    // `table` holds a row with this id in this event (people merged into
    // another record are found under their alias).
    // A score written (by its clock) once the lead closed judging; one written before the
    // close and pushed after it still counts. refusal() has checked the clock is readable.
    std::optional<std::string> judgingClosedFor(const std::string& eventId, const json& p) {
        std::optional<Event> event = store_.event(eventId);
        auto hlc = Hlc::parse(p.value("hlc", std::string()));
        if (!event || !hlc || event->judgingClosedAt <= 0) return std::nullopt;
        if (hlc->wall < event->judgingClosedAt) return std::nullopt;
        return "judging closed";
    }

    bool inEvent(const std::string& table, const std::string& id, const std::string& eventId) {
        if (table == "attendees")
            return exists(
                "SELECT 1 FROM attendees WHERE event_id = ?1 AND (id = ?2 OR id = "
                "(SELECT canonical_id FROM attendee_aliases WHERE alias_id = ?2))",
                eventId, id);
        if (table == "showcases")
            return exists("SELECT 1 FROM showcases WHERE event_id = ?1 AND id = ?2", eventId, id);
        return exists("SELECT 1 FROM checkins WHERE event_id = ?1 AND id = ?2", eventId, id);
    }

    static std::string eventIdOf(const OutboxEntry& entry) {
        auto p = json::parse(entry.payload, nullptr, false);
        if (!p.is_object()) return {};
        if (parseRecordKind(entry.kind) == RecordKind::EventUpsert)
            return p.value("id", std::string());
        return p.value("event_id", std::string());
    }

    void appendChange(const std::string& key, const std::string& deviceId,
                      const std::string& eventId, const std::string& kind,
                      const std::string& payload) {
        stmt(
            "INSERT INTO change_log (idem_key, device_id, event_id, kind, payload, created_at) "
            "VALUES (?, ?, NULLIF(?, ''), ?, ?, ?) ON CONFLICT (idem_key) DO NOTHING")
            .bindAll(key, deviceId, eventId, kind, payload, nowMillis())
            .run();
    }

    // The lead's CLI writes to this file as a Store (init, import-roster): its
    // outbox entries are moved into the feed here, in one transaction.
    void publishOwnWrites() {
        if (store_.outboxBacklog() == 0) return;
        sql::Transaction tx(store_.db());
        std::vector<std::int64_t> seqs;
        for (const auto& e : store_.pendingOutbox(100000)) {
            stmt(
                "INSERT INTO applied_keys (idem_key, device_id, applied_at) VALUES (?, ?, ?) "
                "ON CONFLICT (idem_key) DO NOTHING")
                .bindAll(e.idemKey, store_.deviceId(), nowMillis())
                .run();
            appendChange(e.idemKey, store_.deviceId(), eventIdOf(e), e.kind, e.payload);
            seqs.push_back(e.seq);
        }
        store_.markSent(seqs, nowMillis());
        tx.commit();
    }

    std::string path_;
    CentralOptions options_;
    Store store_;
    EmbeddedSlots slots_;
    std::string centralId_;
    std::unordered_map<const char*, sql::Stmt> statements_;
};

}  // namespace

std::unique_ptr<CentralRecord> openCentralSqlite(const std::string& path,
                                                 const CentralOptions& options) {
    std::error_code ec;
    if (!options.createIfMissing && !std::filesystem::exists(path, ec))
        throw CentralError(false,
                           "there is no central record at " + path +
                               " (it is made by 'openhouse init' on the admin laptop); name the "
                               "central with --central, $OPENHOUSE_CENTRAL or sync.central in "
                               "openhouse.toml");
    try {
        return std::make_unique<CentralSqlite>(path, options);
    } catch (const StoreError& e) {
        throw CentralError(false, e.what());
    } catch (const sql::Error& e) {
        throw CentralError(true, std::string("embedded central ") + path + ": " + e.what());
    }
}

std::unique_ptr<CentralRecord> openCentralRecord(const std::string& spec,
                                                 const CentralOptions& options) {
    auto startsWith = [&](const char* p) { return spec.rfind(p, 0) == 0; };
    if (startsWith("postgresql://") || startsWith("postgres://") ||
        spec.find("dbname=") != std::string::npos || spec.find("host=") != std::string::npos)
        return openCentralPostgres(spec, options);
    if (startsWith("sqlite:")) return openCentralSqlite(spec.substr(7), options);
    return openCentralSqlite(spec, options);
}

}  // namespace oh
