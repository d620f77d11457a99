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

#include "core/model.hpp"
#include "core/sqlite.hpp"
#include "core/token.hpp"

namespace oh {

class StoreError : public std::runtime_error {
public:
    enum class Kind { SchemaTooNew, DiskFull, NotADatabase, CannotOpen, Invalid, Other };
    StoreError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

struct OutboxEntry {
    std::int64_t seq = 0;
    std::string idemKey;  // UUIDv7: the central record applies each key once
    std::string kind;     // "event.upsert", "attendee.upsert", "checkin.create", ...
    std::string payload;  // JSON
    std::int64_t createdAt = 0;
};

struct AuditEntry {
    std::int64_t at = 0;
    std::string actor, action, subject, detail;
};

enum class UpsertResult { Inserted, Updated, Unchanged };

class Store {
public:
    static constexpr int kSchemaVersion = 2;

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
    // A verifier loaded with the event's keys and revocations.
    TokenVerifier verifierFor(const std::string& eventId);

    // Attendees, matched by (event, e-mail) on upsert; fills in `a.id`.
    UpsertResult upsertAttendee(Attendee& a);
    std::optional<Attendee> attendee(const std::string& id);
    std::optional<Attendee> attendeeByEmail(const std::string& eventId, const std::string& email);
    std::vector<Attendee> attendees(const std::string& eventId);
    std::int64_t countAttendees(const std::string& eventId);
    void setBlocked(const std::string& attendeeId, bool blocked);

    // Check-ins: at most one active (not annulled) per attendee and event.
    struct CheckInWrite {
        bool created = false;  // false: `checkin` is the earlier active one
        CheckIn checkin;
    };
    CheckInWrite recordCheckIn(const std::string& eventId, const std::string& attendeeId,
                               const std::string& method, std::int64_t atMillis);
    std::optional<CheckIn> activeCheckIn(const std::string& eventId,
                                         const std::string& attendeeId);
    bool annulCheckIn(const std::string& checkinId, const std::string& actor,
                      std::int64_t atMillis);
    std::int64_t countCheckIns(const std::string& eventId);
    std::optional<std::string> deviceName(const std::string& deviceId);

    // Outbox, oldest first.
    std::vector<OutboxEntry> pendingOutbox(int limit);
    void markSent(const std::vector<std::int64_t>& seqs, std::int64_t atMillis);
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
    std::unique_ptr<Impl> impl_;
};

// Turns SQLite failures into messages for people: a full disk, an I/O error, a
// file that is not a database. Used at the edges (CLI, kiosk).
std::string describeStoreFailure(const std::exception& e);

}  // namespace oh
