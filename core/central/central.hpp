// The central program record, behind one interface with two adapters:
//   CentralSqlite   - an embedded SQLite file (single laptop, demo, most tests)
//   CentralPostgres - PostgreSQL through libpq (real deployments)
// Devices push their outbox and pull what everyone else changed; the merge
// rules (docs/sync.md) are applied centrally in the same transaction as the
// idempotency key, so a retried batch can never double anything.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model/slot.hpp"
#include "core/store/store.hpp"

namespace oh {

// `transient`: the central is away or busy (network, restart, serialization
// failure after retries); try again later. Otherwise a configuration or data
// problem a person must look at.
class CentralError : public std::runtime_error {
  public:
    CentralError(bool transient, const std::string& what)
        : std::runtime_error(what), transient_(transient) {}
    bool transient() const { return transient_; }

  private:
    bool transient_;
};

struct CentralOptions {
    // Entries stamped by a clock further ahead of the central's are refused.
    // The embedded central's own setting; PostgreSQL's is the server's
    // (oh_meta 'max_drift_ms'), whatever a client sends.
    std::int64_t maxDriftMs = 5 * 60 * 1000;
    int connectTimeoutSeconds = 5;
    // Embedded central only: the caller holds the program team's rights (it
    // opened the file as its owner), so it may push what only an admin makes
    // (events, keys, rosters, revocations, showcases) and register devices
    // anywhere. Without it every caller is a device (docs/security.md). On
    // PostgreSQL the login role decides, never the client.
    bool admin = false;
    // Embedded central only: false refuses to create a missing file (a status
    // command, or a kiosk whose home has no central: creating an empty one
    // would only hide that the central is elsewhere).
    bool createIfMissing = true;
    // Embedded central only: a grant is reclaimed this long after its expiry, so a device
    // whose clock runs slow still stops issuing first ([conversion] grant_reclaim_margin).
    // PostgreSQL's is the server's (oh_meta 'grant_margin_ms').
    std::int64_t grantMarginMs = 10 * 60 * 1000;
};

// A slot act or issue the central refuses (unknown slot, an act that does not apply, a
// device asking for another device's grant): a person must look; retrying will not help.
class SlotRefused : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The answer to a grant request: the grant (size 0: the budget has no room) and the
// central's clock when it was made, from which the device reckons the expiry on its own
// clock (core/slots/slot_rules.hpp, localExpiry).
struct GrantAnswer {
    SlotGrant grant;
    std::int64_t centralNowMs = 0;
};

struct DeviceRegistration {
    std::string deviceId;
    std::string eventId;
    std::string name;
    std::string publicKey;    // hex, may be empty
    std::string certificate;  // hex, may be empty
};

enum class PushStatus { Applied, Duplicate, Refused };

struct PushResult {
    std::vector<PushStatus> status;  // one per entry, in batch order
    int applied = 0;
    int duplicates = 0;
    int refused = 0;
    std::string refusedReason;  // for the log: why (no personal data)
};

// One record of the change feed: an applied outbox entry, as pushed.
struct ChangeRecord {
    std::string idemKey;
    std::string deviceId;  // where it was written
    std::string kind;
    std::string payload;  // JSON
};

struct PullPage {
    std::vector<ChangeRecord> records;
    std::string nextCursor;  // opaque; store it with the page
    bool more = false;       // another page is ready now
};

// One device of an event as the central knows it (the program team's view,
// `openhouse sync devices`). Times are Unix ms; nullopt: never.
struct DeviceSummary {
    std::string id;
    std::string name;
    std::int64_t registeredAtMs = 0;
    std::optional<std::int64_t> lastSeenMs;  // its last registration or push
    std::optional<std::int64_t> revokedAtMs;
    std::optional<std::int64_t> copySeenMs;  // a copy of its store was refused
    std::int64_t recordsPushed = 0;          // its records in the feed
};

struct CentralInfo {
    std::string centralId;  // a cursor belongs to one central
    std::int64_t nowMillis = 0;
    int schemaVersion = 0;
};

class CentralRecord {
  public:
    virtual ~CentralRecord() = default;

    virtual CentralInfo ping() = 0;
    // Records the device (and its certificate) and publishes it to the others.
    virtual void registerDevice(const DeviceRegistration& device) = 0;
    // Applies a batch from `deviceId`; every entry is reported back.
    virtual PushResult push(const std::string& deviceId, const std::vector<OutboxEntry>& batch) = 0;
    // Records after `cursor` ("" = from the start), oldest first, at most `limit`.
    // Never skips a record that commits after an earlier pull returned.
    virtual PullPage pull(const std::string& deviceId, const std::string& cursor, int limit) = 0;
    // Store::digest's listing of the central's copy (tests, `sync status --verify`).
    virtual std::vector<std::string> digest(const std::string& eventId) = 0;
    // Admin only: a lost or stolen device. Its pushes and pulls are refused from
    // now on, and a device.revoke record in the feed tells every device of its
    // event to refuse the badges its key signed. False if the device is unknown.
    virtual bool revokeDevice(const std::string& deviceId) = 0;
    // Admin: the devices of an event, by name.
    virtual std::vector<DeviceSummary> devices(const std::string& eventId) {
        (void)eventId;
        return {};
    }
    // Conversion slots (README, "Issuing slots"; core/slots/slot_rules.hpp has the rules).
    // Every call keeps `live + outstanding <= budget` for the event at every instant.
    // A device asks for a lease of up to `slots` of its event's budget for `ttlMs`; first
    // the event's grants past expiry plus the margin are reclaimed.
    virtual GrantAnswer requestGrant(const std::string& deviceId, int slots, std::int64_t ttlMs);
    // The device gives its grant back: what it did not use returns to the pool. Call it
    // only once every slot issued from it was sent (issueSlots). False: already ended.
    virtual bool returnGrant(const std::string& deviceId, const std::string& grantId);
    // Issues a device made from its grant (perhaps offline), each decided once by its id
    // (a retry answers the same); returns each slot as the central holds it (`version` > 0).
    virtual std::vector<Slot> issueSlots(const std::string& deviceId,
                                         const std::vector<Slot>& issues);
    // Admin: a lead's grant by hand (from the pool, with a reason; Void when none is left)
    // and a lead's act on a slot. Throw SlotRefused when it does not apply.
    virtual Slot grantSlotByHand(const Slot& slot, const std::string& actor,
                                 const std::string& reason);
    virtual Slot actOnSlot(const SlotAct& act);
    // Admin: what the event's budget holds now, its grants, slots and the leads' acts.
    virtual BudgetView budget(const std::string& eventId);
    virtual std::vector<SlotGrant> grants(const std::string& eventId);
    virtual std::vector<Slot> slots(const std::string& eventId);
    virtual std::vector<SlotAct> slotActs(const std::string& eventId);
    // (The defaults throw CentralError: a wrapper in a test or bench that issues no slots.)

    // "sqlite:/path" or "postgresql://host:port/db" (never a password).
    virtual std::string describe() const = 0;
};

// Opens a central from "sqlite:PATH", a plain path, or a "postgresql://" /
// "postgres://" URL or "host=... dbname=..." keyword string. Migrates its schema.
// Throws CentralError.
std::unique_ptr<CentralRecord> openCentralRecord(const std::string& spec,
                                                 const CentralOptions& options = {});

std::unique_ptr<CentralRecord> openCentralSqlite(const std::string& path,
                                                 const CentralOptions& options = {});
std::unique_ptr<CentralRecord> openCentralPostgres(const std::string& conninfo,
                                                   const CentralOptions& options = {});

}  // namespace oh
