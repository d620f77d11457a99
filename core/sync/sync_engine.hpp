// The device side of sync: push the outbox, then pull the change feed, each
// page applied with its cursor in one transaction. `run` is the daemon loop
// behind `openhouse sync`: it wakes as soon as the local store has new outbox
// entries (PRAGMA data_version), pulls regularly while online, and backs off
// with jitter while the central is away. Log lines carry ids and counts only.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/central/central.hpp"
#include "core/slots/slot_book.hpp"
#include "core/store/store.hpp"
#include "core/sync/slot_sync.hpp"

namespace oh {

struct SyncOptions {
    int pushBatch = 2000;                         // entries per round trip
    int pullPage = 1000;                          // records per page (one device transaction each)
    std::chrono::milliseconds poll{150};          // how often to look for new outbox entries
    std::chrono::milliseconds pullInterval{500};  // pull this often while idle and online
    std::chrono::milliseconds minBackoff{500};
    std::chrono::milliseconds maxBackoff{60000};
    std::int64_t maxDriftMs = 5 * 60 * 1000;  // warn when the device clock is further off
    // How often the device reports its sync health (device.health: backlog, clock offset)
    // for the lead's dashboard; 0: never (tests that count records, the admin's store).
    std::chrono::milliseconds reportHealthEvery{0};
};

struct SyncReport {
    int pushed = 0;      // applied centrally this round
    int duplicates = 0;  // already there (a retry after a lost answer)
    int refused = 0;     // kept in the outbox (e.g. clock too far ahead)
    int pulled = 0;      // records applied from the feed
    int pages = 0;
    int quarantined = 0;  // pulled records still waiting in quarantine (before this pull)
    int released = 0;     // quarantined records applied this round
    SlotRound slots;      // conversion slots this round (with a slot duty)
};

struct SyncStatus {
    std::string centralId;
    std::string cursor;
    std::int64_t backlog = 0;
    std::int64_t lastSuccessMs = 0;  // 0: never
    std::int64_t lastAttemptMs = 0;
    // The last failure (central away, an error, entries refused), without
    // personal data; empty once a round succeeds with nothing refused.
    std::string lastError;
    std::int64_t lastErrorMs = 0;                   // when (0: no error recorded)
    std::vector<QuarantinedRecord> quarantine;      // pulled records this replica could not apply
    std::optional<Store::ClockOffset> clockOffset;  // device minus central, at the last round
};

class SyncEngine {
  public:
    using Log = std::function<void(const std::string& line)>;

    // Both must outlive the engine. `log` defaults to spdlog (stderr).
    // Give the engine its own connection to the device store (the daemon does):
    // call relaxDurability() on it, see there.
    SyncEngine(Store& store, CentralRecord& central, SyncOptions options = {}, Log log = {});

    // One full round: register (first time), push everything pending, pull
    // until caught up, then the slot duty if any. Throws CentralError when the central is away.
    SyncReport syncOnce();

    // Issue conversion slots for this device's event (README, "Issuing slots"): each round
    // issues what the rules select from the device's grant, also while the central is away,
    // and online confirms the issues and keeps a grant.
    void setSlotDuty(SlotDuty duty);

    // The daemon loop; returns when `stop` becomes true. `notify` receives
    // sd_notify-style messages ("READY=1", "WATCHDOG=1", "STATUS=...").
    void run(const std::atomic<bool>& stop,
             const std::function<void(const std::string&)>& notify = {});

    // Everything the engine writes locally is safe to lose in a power cut: a
    // "sent" mark lost means a resend that comes back as duplicates; a pulled
    // page lost (with its cursor, atomically) is pulled again. So its own
    // connection can commit without fsync (synchronous=NORMAL, WAL); the
    // kiosk's connection keeps FULL for check-ins.
    static void relaxDurability(Store& ownConnection);

    // Reads what the last rounds recorded in the device store.
    static SyncStatus status(Store& store);
    // Records a failure that happened outside a round (the central could not
    // even be opened): `sync status` shows it, with its time, until a round
    // succeeds. One line, at most 300 bytes.
    static void recordError(Store& store, const std::string& error);

  private:
    void ensureRegistered();
    void reportHealth();
    void checkCentral();
    int pushAll(SyncReport& report);
    bool applyOrQuarantine(const ChangeRecord& record);
    void retryQuarantined(SyncReport& report);
    void recordPushed(const std::vector<OutboxEntry>& batch, const PushResult& result,
                      SyncReport& report);
    int pullAll(SyncReport& report);
    void recordOutcome(bool ok, const std::string& error);
    void recordClockOffset(std::int64_t offsetMs);
    std::chrono::milliseconds nextBackoff(int failures);
    std::int64_t dataVersion();
    // The daemon loop's steps (run): one attempt (nullopt when it synced,
    // else how long to back off), its log lines, and watching the outbox.
    std::optional<std::chrono::milliseconds> syncRound(
        int& failures, const std::function<void(const std::string&)>& send);
    void logRound(const SyncReport& report);
    void logFailure(const std::exception& e, int failures, std::chrono::milliseconds wait);
    bool outboxChanged(std::int64_t& seenVersion, std::int64_t& seenBacklog);
    int issueDue();
    void issueOffline();
    void slotStep(SyncReport& report);

    Store& store_;
    CentralRecord& central_;
    SyncOptions options_;
    Log log_;
    std::string centralId_;
    bool registered_ = false;
    bool skewWarned_ = false;
    std::optional<std::int64_t> lastHealthReport_;  // this device's clock, Unix ms
    std::int64_t lastRecordedMs_ = 0;
    std::string refusal_;  // this round's first refusal reason, for the status
    std::optional<SlotDuty> slotDuty_;
    std::unique_ptr<SlotBook> slotBook_;
};

// Sends one sd_notify message to $NOTIFY_SOCKET (no-op when unset). Written by
// hand: no libsystemd dependency for one datagram.
void sdNotify(const std::string& message);

}  // namespace oh
