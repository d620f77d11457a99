// Private to the store's implementation files (store.cpp, store_judging.cpp,
// store_sync.cpp): the connection, its statement cache and shared row readers.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/model/hlc.hpp"
#include "core/model/ids.hpp"
#include "core/model/record_kind.hpp"
#include "core/store/store.hpp"

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
        stmt(
            "INSERT INTO meta (key, value) VALUES ('hlc_last', ?) "
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

    // The cached statement for `sqlText`, bound to `args`; reset when the
    // returned Query goes out of scope.
    template <typename... Args>
    sql::Query query(const char* sqlText, const Args&... args) {
        return stmt(sqlText).query(args...);
    }

    // Check-ins of one person form a set: the earliest live one (by time, then
    // id) is the check-in, the other live ones are its repeats. A function of
    // the set alone, so every replica agrees whatever order records arrive in.
    void settleCheckIns(const std::string& eventId, const std::string& attendeeId) {
        const std::optional<std::string> winner = earliestLiveCheckIn(eventId, attendeeId);
        stmt(
            "UPDATE checkins SET repeat_of = NULL WHERE event_id = ? AND attendee_id = ? "
            "AND annulled_at IS NOT NULL AND repeat_of IS NOT NULL")
            .bindAll(eventId, attendeeId)
            .run();
        if (!winner) return;
        // Demote first, then promote: the unique index is checked row by row.
        stmt(
            "UPDATE checkins SET repeat_of = ? WHERE event_id = ? AND attendee_id = ? "
            "AND annulled_at IS NULL AND id <> ? AND repeat_of IS NOT ?")
            .bindAll(*winner, eventId, attendeeId, *winner, *winner)
            .run();
        stmt("UPDATE checkins SET repeat_of = NULL WHERE id = ? AND repeat_of IS NOT NULL")
            .bindAll(*winner)
            .run();
    }

    // Annulments (store_checkins.cpp). An undo annuls the person's check-in:
    // every check-in of theirs the undoing replica held (payload "annuls",
    // plus "id"). Kept as rows, so a check-in that arrives after its
    // annulment is annulled on arrival; where several annul one check-in,
    // the earliest (annulled_at, annulled_by) is the one shown everywhere.
    // False when every annulment row was already here.
    bool applyAnnulment(const json& payload);
    // Sets `checkinId`'s annulment from the rows that name it (if it is here).
    void annulFromRecords(const std::string& checkinId);

    // The one that is the check-in (see settleCheckIns), if any is live.
    std::optional<std::string> earliestLiveCheckIn(const std::string& eventId,
                                                   const std::string& attendeeId) {
        auto first = query(
            "SELECT id FROM checkins WHERE event_id = ? AND attendee_id = ? "
            "AND annulled_at IS NULL ORDER BY at, id LIMIT 1",
            eventId, attendeeId);
        if (!first.step()) return std::nullopt;
        return first.text(0);
    }

    // Writes `r` if it is newer by clock than what this replica holds for the
    // (judge, showcase) pair: last writer wins by hybrid logical clock.
    bool writeScoreIfNewer(const Score& r) {
        const std::optional<std::string> current = scoreClock(r.judgeId, r.showcaseId);
        if (!current) {
            stmt(
                "INSERT INTO scores (id, event_id, judge_id, showcase_id, criteria, total, notes, "
                "encore, hlc, device_id, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bindAll(r.id, r.eventId, r.judgeId, r.showcaseId, r.criteria, r.total, r.notes,
                         r.encore, r.hlc, r.deviceId, r.deleted)
                .run();
            return true;
        }
        if (r.hlc <= *current) return false;
        stmt(
            "UPDATE scores SET id = ?, criteria = ?, total = ?, notes = ?, encore = ?, hlc = ?, "
            "device_id = ?, deleted = ? WHERE judge_id = ? AND showcase_id = ?")
            .bindAll(r.id, r.criteria, r.total, r.notes, r.encore, r.hlc, r.deviceId, r.deleted,
                     r.judgeId, r.showcaseId)
            .run();
        return true;
    }

    // The clock of the score this replica holds for the pair, if any.
    std::optional<std::string> scoreClock(const std::string& judgeId,
                                          const std::string& showcaseId) {
        auto find = query("SELECT hlc FROM scores WHERE judge_id = ? AND showcase_id = ?", judgeId,
                          showcaseId);
        if (!find.step()) return std::nullopt;
        return find.text(0);
    }

    // The author's feedback row on the showcase, if any (one per pair, withdrawn or live).
    struct FeedbackRow {
        std::string id;
        std::int64_t createdAt = 0;
        bool live = true;  // false: withdrawn (a tombstone names it)
    };
    std::optional<FeedbackRow> feedbackRow(const std::string& authorId,
                                           const std::string& showcaseId) {
        auto find = query(
            "SELECT id, created_at, NOT EXISTS (SELECT 1 FROM tombstones t WHERE "
            "t.entity = 'feedback' AND t.entity_id = f.id) FROM feedback f "
            "WHERE author_id = ? AND showcase_id = ?",
            authorId, showcaseId);
        if (!find.step()) return std::nullopt;
        return FeedbackRow{find.text(0), find.int64(1), find.int64(2) != 0};
    }

    // The id a person's records are kept under: `id` itself, or the record it
    // was merged into (see Store::mergeAttendee).
    std::string canonicalAttendee(const std::string& id) {
        auto s = query("SELECT canonical_id FROM attendee_aliases WHERE alias_id = ?", id);
        return s.step() ? s.text(0) : id;
    }

    void appendOutbox(RecordKind kind, const json& payload) {
        if (applyingRemote) return;
        stmt("INSERT INTO outbox (idem_key, kind, payload, created_at) VALUES (?, ?, ?, ?)")
            .bindAll(Uuid::v7().str(), recordKindName(kind), payload.dump(), nowMillis())
            .run();
    }
};

namespace detail {

inline StoreError translate(const sql::Error& e, const std::string& context) {
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

// A payload field as text: "" when absent or null, numbers as written.
inline std::string jsonText(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

Score readScore(const sql::Stmt& s);
std::vector<int> answersFromJson(const json& list);
Score scoreFromJson(const json& j);
json scoreJson(const Score& r);
extern const char* const kScoreSelect;
// An encore assignment as the encore.upsert payload, and back (throws json::exception when a
// field is missing or of the wrong type, or the state is unknown).
json encoreJson(const EncoreAssignment& a);
EncoreAssignment encoreFromJson(const json& j);

}  // namespace detail

}  // namespace oh
