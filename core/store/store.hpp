// The local store: one SQLite file per device (and the embedded central record
// uses the same schema). WAL, synchronous=FULL (a power cut after the welcome
// screen must not lose the check-in), foreign keys on, files 0600, versioned
// migrations. Every write that must reach the central record appends its outbox
// entry in the same transaction. Statements are prepared once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/db/sqlite.hpp"
#include "core/identity/token.hpp"
#include "core/model/encore.hpp"
#include "core/model/hlc.hpp"
#include "core/model/model.hpp"

namespace oh {

class StoreError : public std::runtime_error {
  public:
    enum class Kind { SchemaTooNew, DiskFull, NotADatabase, CannotOpen, Invalid, Other };
    StoreError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
    Kind kind() const { return kind_; }

  private:
    Kind kind_;
};

struct AuditEntry {
    std::int64_t at = 0;
    std::string actor, action, subject, detail;
};

enum class UpsertResult { Inserted, Updated, Unchanged };

// What Store::addFeedback did: the author's first feedback on the demo, or a replacement.
enum class FeedbackAdded { First, Replaced };

// What applying a record from elsewhere did.
enum class ApplyResult { Applied, Ignored };

// A pulled record this replica could not apply, kept aside (see Store::quarantine).
struct QuarantinedRecord {
    std::string idemKey;
    std::string originDevice;
    std::string kind;
    std::string payload;
    std::string reason;  // why it could not be applied (no personal data)
    std::int64_t firstSeenMs = 0;
    int attempts = 0;
};

class Store {
  public:
    static constexpr int kSchemaVersion = 13;

    // Opens or creates the store at `path`, migrating an older schema.
    // Throws StoreError (SchemaTooNew for a file written by a newer version).
    static Store open(const std::string& path);
    static Store openInMemory();
    // Migrates only up to `version`: lets tests make an "older" database.
    static Store openAtVersion(const std::string& path, int version);

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    int schemaVersion();
    const std::string& deviceId() const;
    std::optional<std::string> meta(const std::string& key);
    void setMeta(const std::string& key, const std::string& value);

    // Events and their keys.
    void saveEvent(const Event& event);
    std::optional<Event> event(const std::string& id);
    std::vector<Event> events();
    void addEventKey(const std::string& eventId, const PublicKey& pk);
    std::vector<PublicKey> eventKeys(const std::string& eventId);
    void revokeToken(const std::string& eventId, const std::string& tokenId,
                     const std::string& reason);
    std::vector<std::string> revokedTokens(const std::string& eventId);
    // A verifier loaded with the event's keys, revocations and revoked devices.
    TokenVerifier verifierFor(const std::string& eventId);
    // A lost or stolen device: its certified key signs nothing valid from
    // `atMillis` on, on every replica the record reaches (kind device.revoke).
    // False when no such device is known here.
    bool revokeDevice(const std::string& deviceId, std::int64_t atMillis);
    // When the device was revoked (Unix ms), or nullopt.
    std::optional<std::int64_t> deviceRevokedAt(const std::string& deviceId);

    // Attendees, matched by (event, e-mail) on upsert; fills in `a.id`.
    UpsertResult upsertAttendee(Attendee& a);
    std::optional<Attendee> attendee(const std::string& id);
    std::optional<Attendee> attendeeByEmail(const std::string& eventId, const std::string& email);
    std::vector<Attendee> attendees(const std::string& eventId);
    std::int64_t countAttendees(const std::string& eventId);
    // Changes whenever someone joins the roster or an entry of it changes
    // (count and sum of updated_at: every accepted change raises an updated_at),
    // so a kiosk knows when to rebuild its search index.
    std::string rosterFingerprint(const std::string& eventId);
    void setBlocked(const std::string& attendeeId, bool blocked);

    // Check-ins: at most one active (not annulled) per attendee and event.
    struct CheckInWrite {
        bool created = false;  // false: `checkin` is the earlier active one
        CheckIn checkin;
    };
    CheckInWrite recordCheckIn(const std::string& eventId, const std::string& attendeeId,
                               const std::string& method, std::int64_t atMillis);
    std::optional<CheckIn> activeCheckIn(const std::string& eventId, const std::string& attendeeId);
    bool annulCheckIn(const std::string& checkinId, const std::string& actor,
                      std::int64_t atMillis);
    std::int64_t countCheckIns(const std::string& eventId);
    std::optional<std::string> deviceName(const std::string& deviceId);

    // Showcases (demos), last update wins.
    void upsertShowcase(const Showcase& s);
    std::optional<Showcase> showcase(const std::string& id);
    std::vector<Showcase> showcases(const std::string& eventId);

    // Scores: stamps the clock, keeps the row id of an earlier score of the pair.
    Score recordScore(Score s);
    // Deletes by writing a newer, deleted version (a tombstone that syncs).
    bool deleteScore(const std::string& judgeId, const std::string& showcaseId);
    std::optional<Score> score(const std::string& judgeId, const std::string& showcaseId);
    std::vector<Score> scores(const std::string& eventId);  // live ones

    // Feedback: one per author per showcase. Fills in f.id, f.createdAt (when 0) and
    // f.deviceId, and replaces the author's earlier feedback on that showcase (its row
    // gone, `f` under a new id), stamped after it if needed (f.createdAt = its + 1), so the
    // newest-wins merge keeps `f` on every replica. Returns Replaced when the author had
    // live feedback there, First otherwise (none, or only withdrawn feedback). Who may
    // write and when is core/judging/feedback.hpp's (this writes whatever it is given).
    FeedbackAdded addFeedback(Feedback& f);
    bool deleteFeedback(const std::string& feedbackId);
    std::vector<Feedback> feedback(const std::string& eventId);  // without deleted ones
    // The author's live feedback on the showcase, if any.
    std::optional<Feedback> feedbackBy(const std::string& authorId, const std::string& showcaseId);

    // Sync. Applies one record pulled from (or pushed to) the central record under
    // the merge rules; call inside ApplyingRemote so nothing goes back out.
    // Throws StoreError(Invalid) for a kind or payload it does not understand.
    ApplyResult applyRemote(const std::string& kind, const std::string& payload,
                            const std::string& originDevice);
    HlcClock& clock();
    // Pulled records that could not be applied: kept with the reason, counted
    // again on each failed retry, removed once applied.
    void quarantine(const std::string& idemKey, const std::string& originDevice,
                    const std::string& kind, const std::string& payload, const std::string& reason);
    std::vector<QuarantinedRecord> quarantined();
    void releaseFromQuarantine(const std::string& idemKey);
    // The pull cursor and the central it belongs to; set it inside the
    // transaction of the page it follows.
    std::string syncCursor();
    void setSyncCursor(const std::string& centralId, const std::string& cursor);
    std::string syncCentralId();
    // How far this device's clock is from the central's (device minus
    // central, ms; positive: the device is ahead), as measured at the last
    // sync that reached the central (SyncEngine, at each round's ping, half
    // the round trip allowed for), and when (this device's Unix ms).
    // nullopt: never measured. The kiosk warns when |offsetMs| > 60 s.
    struct ClockOffset {
        std::int64_t offsetMs = 0;
        std::int64_t measuredAtMs = 0;
    };
    std::optional<ClockOffset> centralClockOffset();
    std::optional<std::int64_t> clockOffsetMs();  // centralClockOffset()->offsetMs
    void setCentralClockOffset(std::int64_t offsetMs, std::int64_t measuredAtMs);
    // This device's sync health as it reports it (device.health): its outbox backlog and
    // its clock's offset from the central's, at `atMillis` on its own clock. Written here
    // and to the outbox, so every device of the event learns it through the central.
    void reportHealth(const std::string& eventId, std::int64_t backlog, std::int64_t offsetMs,
                      std::int64_t atMillis);
    struct DeviceHealth {
        std::string deviceId;
        std::string name;             // the device's name, or its id when unknown here
        std::int64_t reportedAt = 0;  // the device's clock, Unix ms
        std::int64_t backlog = 0;
        std::int64_t clockOffsetMs = 0;
    };
    // The last report of each device of the event, by name.
    std::vector<DeviceHealth> deviceHealth(const std::string& eventId);
    // Encore assignments (core/model/encore.hpp), written by the program team: `a` is
    // stored with an `updatedAt` newer than the one it replaces, and sent.
    void saveEncore(EncoreAssignment a);
    std::vector<EncoreAssignment> encores(const std::string& eventId);  // by id
    // A canonical listing of the event's synced data (ids, device ids, times,
    // clocks; nothing personal): equal on every replica after a full sync.
    std::vector<std::string> digest(const std::string& eventId);

    // Outbox, oldest first; `afterSeq` skips entries the central refused this round.
    std::vector<OutboxEntry> pendingOutbox(int limit, std::int64_t afterSeq = 0);
    void markSent(const std::vector<std::int64_t>& seqs, std::int64_t atMillis);
    // Marks every pending entry with first <= seq <= last: a whole batch read
    // by pendingOutbox with none refused. One range scan of the pending index
    // instead of a lookup per entry.
    void markSentRange(std::int64_t first, std::int64_t last, std::int64_t atMillis);
    std::int64_t outboxBacklog();

    // Audit log: who did what to which record (ids, never names or e-mails).
    void audit(const std::string& actor, const std::string& action, const std::string& subject,
               const std::string& detail = "");
    std::vector<AuditEntry> auditLog(int limit);

    // For units of work spanning several calls: sql::Transaction tx(store.db());
    sql::Db& db();

    // While one is alive, writes are copies of records that came from elsewhere
    // (enrolment snapshot, sync pull): they append no outbox entries, so they
    // are never sent back.
    class ApplyingRemote {
      public:
        explicit ApplyingRemote(Store& store);
        ~ApplyingRemote();
        ApplyingRemote(const ApplyingRemote&) = delete;
        ApplyingRemote& operator=(const ApplyingRemote&) = delete;

      private:
        Store& store_;
        bool previous_;
    };

  private:
    struct Impl;
    explicit Store(std::unique_ptr<Impl> impl);
    bool applyFeedback(const nlohmann::json& payload);
    bool applyAttendee(const nlohmann::json& payload);
    // One person's two records merged into one (store_merge.cpp).
    bool mergeAttendee(const nlohmann::json& payload);
    bool incomingFieldsWin(const nlohmann::json& payload, const Attendee& existing);
    void replaceAttendee(const std::string& old, const nlohmann::json& payload,
                         bool incomingFieldsWin);
    void writeAttendeeFields(const nlohmann::json& payload, const std::string& id);
    void aliasAttendee(const std::string& from, const std::string& to, const std::string& eventId);
    void moveRecords(const std::string& fromAttendee, const std::string& toAttendee);
    // One applier per record kind (store_sync.cpp).
    struct RemoteRecords;
    std::unique_ptr<Impl> impl_;
};

// The digest lines of a score and of a feedback (shared by the central adapters); a
// feedback's answers as "4,5,3", "-" when it has none.
std::string formatScoreDigest(const Score& score);
std::string formatFeedbackDigest(const Feedback& feedback);

// Turns SQLite failures into messages for people: a full disk, an I/O error, a
// file that is not a database. Used at the edges (CLI, kiosk).
std::string describeStoreFailure(const std::exception& e);

}  // namespace oh
