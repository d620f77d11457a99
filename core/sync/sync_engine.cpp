#include "core/sync/sync_engine.hpp"

#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <thread>

#include "core/model/ids.hpp"
#include "core/sync/push_pipeline.hpp"

namespace oh {

namespace {

std::string seconds(std::chrono::milliseconds ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms.count()) / 1000.0);
    return text;
}

}  // namespace

SyncEngine::SyncEngine(Store& store, CentralRecord& central, SyncOptions options, Log log)
    : store_(store), central_(central), options_(options), log_(std::move(log)) {
    if (!log_) log_ = [](const std::string& line) { spdlog::info("{}", line); };
}

void SyncEngine::checkCentral() {
    const std::int64_t sentAt = store_.clock().physicalNow();
    CentralInfo info = central_.ping();
    const std::int64_t answeredAt = store_.clock().physicalNow();
    // The central read its clock about half-way through the round trip.
    recordClockOffset((sentAt + answeredAt) / 2 - info.nowMillis);
    if (info.centralId != centralId_) {
        centralId_ = info.centralId;
        registered_ = false;
        if (!store_.syncCentralId().empty() && store_.syncCentralId() != centralId_) {
            // A cursor means nothing to another central: read its feed from the start.
            log_("sync: central changed to " + centralId_ + "; pulling its feed from the start");
            store_.setSyncCursor(centralId_, "");
        }
    }
    std::int64_t skew = store_.clock().physicalNow() - info.nowMillis;
    if (std::llabs(skew) > options_.maxDriftMs) {
        if (!skewWarned_)
            log_("sync: WARNING device clock is " +
                 std::to_string((std::llabs(skew) + 500) / 1000) + " s " +
                 (skew > 0 ? "ahead of" : "behind") + " the central (allowed " +
                 std::to_string(options_.maxDriftMs / 1000) +
                 " s); scores stamped too far ahead are refused until the clock is fixed");
        skewWarned_ = true;
    } else {
        skewWarned_ = false;
    }
}

// Written when it moved by more than 250 ms or a minute after the last
// measurement: each write is a commit, and the daemon pings twice a second.
void SyncEngine::recordClockOffset(std::int64_t offsetMs) {
    const std::int64_t now = nowMillis();
    auto last = store_.centralClockOffset();
    if (last && std::llabs(last->offsetMs - offsetMs) <= 250 && now - last->measuredAtMs < 60000 &&
        now >= last->measuredAtMs)
        return;
    store_.setCentralClockOffset(offsetMs, now);
}

// Once per reportHealthEvery, before the push that carries it: what the outbox held and how
// far this clock is from the central's, as last measured.
void SyncEngine::reportHealth() {
    if (options_.reportHealthEvery.count() <= 0) return;
    const std::int64_t now = store_.clock().physicalNow();
    if (lastHealthReport_ && now - *lastHealthReport_ < options_.reportHealthEvery.count()) return;
    const std::string eventId = store_.meta("event_id").value_or("");
    if (eventId.empty()) return;
    store_.reportHealth(eventId, store_.outboxBacklog(), store_.clockOffsetMs().value_or(0), now);
    lastHealthReport_ = now;
}

void SyncEngine::ensureRegistered() {
    if (registered_) return;
    DeviceRegistration d;
    d.deviceId = store_.deviceId();
    d.eventId = store_.meta("event_id").value_or("");
    d.name = store_.meta("device_name").value_or(d.deviceId);
    d.publicKey = store_.meta("device_public_key").value_or("");
    d.certificate = store_.meta("device_certificate").value_or("");
    central_.registerDevice(d);
    registered_ = true;
    log_("sync: device " + d.deviceId + " registered with central " + centralId_);
}

// Pushes everything pending, oldest first. More than one batch goes through a
// PushPipeline: while the central applies one batch, this thread reads the
// next one (keeping one queued behind the one in flight) and marks answered
// ones sent. Batches reach the central one after another, in outbox order;
// an entry is marked sent only after its batch was answered (committed).
int SyncEngine::pushAll(SyncReport& report) {
    const int limit = options_.pushBatch;
    auto first = store_.pendingOutbox(limit, 0);
    if (first.empty()) return 0;
    if (static_cast<int>(first.size()) < limit) {  // all of it in one batch: no thread
        recordPushed(first, central_.push(store_.deviceId(), first), report);
        return 1;
    }
    PushPipeline pipeline(central_, store_.deviceId());
    std::int64_t after = first.back().seq;
    pipeline.send(std::make_shared<const PushPipeline::Batch>(std::move(first)));
    bool allRead = false;
    int rounds = 0;
    while (pipeline.unanswered() > 0) {
        if (!allRead && pipeline.unanswered() < 2) {
            auto batch = store_.pendingOutbox(limit, after);
            allRead = static_cast<int>(batch.size()) < limit;  // later writes: next round
            if (!batch.empty()) {
                after = batch.back().seq;
                pipeline.send(std::make_shared<const PushPipeline::Batch>(std::move(batch)));
            }
            continue;
        }
        auto answer = pipeline.next();  // a failure propagates; unanswered batches stay pending
        recordPushed(*answer.batch, answer.result, report);
        ++rounds;
    }
    return rounds;
}

void SyncEngine::recordPushed(const std::vector<OutboxEntry>& batch, const PushResult& result,
                              SyncReport& report) {
    // Refused entries stay pending; the next read starts after this batch,
    // so they never block the entries behind them.
    if (result.refused == 0) {
        store_.markSentRange(batch.front().seq, batch.back().seq, nowMillis());
    } else {
        std::vector<std::int64_t> sent;
        for (std::size_t i = 0; i < batch.size(); ++i)
            if (result.status[i] != PushStatus::Refused) sent.push_back(batch[i].seq);
        store_.markSent(sent, nowMillis());
        report.refused += result.refused;
        if (refusal_.empty())
            refusal_ = "central refused " + std::to_string(result.refused) +
                       " entries (kept in the outbox): " + result.refusedReason;
        log_("sync: central refused " + std::to_string(result.refused) +
             " entries (kept in the outbox): " + result.refusedReason);
    }
    report.pushed += result.applied;
    report.duplicates += result.duplicates;
}

// One pulled record, in a savepoint of the page's transaction. A record this
// replica cannot apply (a reference it does not know, a kind of a newer
// version) is undone alone and quarantined with the reason; the rest of the
// feed goes on. A broken environment (disk full, I/O) still fails the page.
bool SyncEngine::applyOrQuarantine(const ChangeRecord& r) {
    std::string reason;
    try {
        sql::Transaction one(store_.db());  // nested: a savepoint of the page's transaction
        store_.applyRemote(r.kind, r.payload, r.deviceId);
        one.commit();
        return true;
    } catch (const StoreError& e) {
        if (e.kind() != StoreError::Kind::Invalid) throw;
        reason = e.what();
    } catch (const sql::Error& e) {
        if (!e.isConstraint()) throw;
        reason = std::string("cannot be applied here: ") + e.what();
    }
    store_.quarantine(r.idemKey, r.deviceId, r.kind, r.payload, reason);
    return false;
}

// Quarantined records are tried again once per round: what they named may
// have arrived since.
void SyncEngine::retryQuarantined(SyncReport& report) {
    auto waiting = store_.quarantined();
    if (waiting.empty()) return;
    sql::Transaction tx(store_.db());
    Store::ApplyingRemote remote(store_);
    for (const auto& q : waiting) {
        if (applyOrQuarantine({q.idemKey, q.originDevice, q.kind, q.payload})) {
            store_.releaseFromQuarantine(q.idemKey);
            ++report.released;
        }
    }
    tx.commit();
    report.quarantined = static_cast<int>(waiting.size()) - report.released;
}

int SyncEngine::pullAll(SyncReport& report) {
    int held = 0;
    for (;;) {
        std::string cursor = store_.syncCursor();
        PullPage page = central_.pull(store_.deviceId(), cursor, options_.pullPage);
        if (page.records.empty() && page.nextCursor == cursor) break;
        {
            // The page and the cursor after it commit together, or not at all.
            sql::Transaction tx(store_.db());
            Store::ApplyingRemote remote(store_);
            for (const auto& r : page.records)
                if (!applyOrQuarantine(r)) ++held;
            store_.setSyncCursor(centralId_, page.nextCursor);
            tx.commit();
        }
        report.pulled += static_cast<int>(page.records.size());
        ++report.pages;
        if (!page.more) break;
    }
    if (held > 0)
        log_("sync: quarantined " + std::to_string(held) +
             " pulled records this replica cannot apply (see 'openhouse sync status')");
    return report.pages;
}

void SyncEngine::setSlotDuty(SlotDuty duty) {
    slotDuty_ = std::move(duty);
    slotBook_ = std::make_unique<SlotBook>(store_);
}

int SyncEngine::issueDue() {
    return slotDuty_ ? issueDueSlots(store_, *slotBook_, *slotDuty_) : 0;
}

// The central away: the device goes on issuing from the grant it holds, by its own clock.
void SyncEngine::issueOffline() {
    try {
        if (const int issued = issueDue(); issued > 0)
            log_("sync: issued " + std::to_string(issued) +
                 " slots offline from this device's grant");
    } catch (const std::exception& e) {
        log_(std::string("sync: could not issue slots offline: ") + e.what());
    }
}

void SyncEngine::slotStep(SyncReport& report) {
    if (!slotDuty_) return;
    // Confirm and get a grant first, so a demo that just reached quorum is issued and on the
    // central within this one round.
    report.slots = exchangeSlots(store_, *slotBook_, central_, *slotDuty_);
    report.slots.issued = issueDue();
    if (report.slots.issued > 0) {
        const SlotRound after = exchangeSlots(store_, *slotBook_, central_, *slotDuty_);
        report.slots.confirmed += after.confirmed;
        report.slots.duplicates += after.duplicates;
        report.slots.voided += after.voided;
        report.slots.returned += after.returned;
        report.slots.granted += after.granted;
    }
    if (report.slots.duplicates + report.slots.voided > 0)
        log_("sync: slots: " + std::to_string(report.slots.duplicates) + " duplicate, " +
             std::to_string(report.slots.voided) + " void (see 'openhouse slots --issued')");
}

SyncReport SyncEngine::syncOnce() {
    SyncReport report;
    refusal_.clear();
    try {
        checkCentral();
        ensureRegistered();
        reportHealth();
        pushAll(report);
        retryQuarantined(report);
        pullAll(report);
        slotStep(report);
    } catch (const CentralError& e) {
        registered_ = registered_ && e.transient();
        recordOutcome(false, e.what());
        throw;
    } catch (const std::exception& e) {
        recordOutcome(false, e.what());
        throw;
    }
    recordOutcome(true, refusal_);
    return report;
}

namespace {

// One line, bounded: what the status shows. Reasons carry ids and counts,
// never names or e-mails (the central's refusals and our errors are built so).
std::string oneLine(const std::string& text) {
    std::string line = text.substr(0, 300);
    for (char& c : line)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return line;
}

void writeOutcome(Store& store, std::int64_t now, bool reached, const std::string& error) {
    sql::Transaction tx(store.db());
    store.setMeta("sync_last_attempt_ms", std::to_string(now));
    if (reached) store.setMeta("sync_last_success_ms", std::to_string(now));
    const std::string previous = store.meta("sync_last_error").value_or("");
    store.setMeta("sync_last_error", oneLine(error));
    // The error's time: kept while the same error repeats, cleared with it.
    if (error.empty())
        store.setMeta("sync_last_error_ms", "");
    else if (oneLine(error) != previous || store.meta("sync_last_error_ms").value_or("").empty())
        store.setMeta("sync_last_error_ms", std::to_string(now));
    tx.commit();
}

}  // namespace

// `ok`: the round reached its end; `error` may still say entries were refused.
void SyncEngine::recordOutcome(bool ok, const std::string& error) {
    std::int64_t now = nowMillis();
    // Every few seconds at most: each meta write is a durable commit.
    if (ok && now - lastRecordedMs_ < 5000 &&
        store_.meta("sync_last_error").value_or("") == oneLine(error))
        return;
    lastRecordedMs_ = now;
    writeOutcome(store_, now, ok, error);
}

void SyncEngine::recordError(Store& store, const std::string& error) {
    writeOutcome(store, nowMillis(), false, error.empty() ? "unknown error" : error);
}

std::chrono::milliseconds SyncEngine::nextBackoff(int failures) {
    // Exponential with full jitter: spread the retries of many devices.
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    auto cap = options_.minBackoff.count() << std::min(failures, 16);
    auto ceiling = std::min<std::int64_t>(cap, options_.maxBackoff.count());
    std::uniform_int_distribution<std::int64_t> pick(
        options_.minBackoff.count(), std::max(ceiling, options_.minBackoff.count()));
    return std::chrono::milliseconds(pick(rng));
}

std::int64_t SyncEngine::dataVersion() {
    auto s = store_.db().prepare("PRAGMA data_version");
    s.step();
    return s.int64(0);
}

void SyncEngine::run(const std::atomic<bool>& stop,
                     const std::function<void(const std::string&)>& notify) {
    using Clock = std::chrono::steady_clock;
    const std::function<void(const std::string&)> send = [&](const std::string& m) {
        if (notify) notify(m);
    };
    int failures = 0;
    auto nextTry = Clock::now();
    auto nextPull = Clock::now();
    auto nextWatchdog = Clock::now();
    bool dirty = true;
    bool ready = false;
    std::int64_t seenVersion = dataVersion();
    std::int64_t seenBacklog = -1;
    log_("sync: device " + store_.deviceId() + " syncing with " + central_.describe());
    while (!stop.load()) {
        auto now = Clock::now();
        if (now >= nextTry && (dirty || now >= nextPull)) {
            if (auto wait = syncRound(failures, send)) {
                nextTry = Clock::now() + *wait;
            } else {
                dirty = false;
                nextPull = Clock::now() + options_.pullInterval;
            }
            if (!ready) {
                send("READY=1");
                ready = true;
            }
        }
        if (Clock::now() >= nextWatchdog) {  // alive: the loop turns
            send("WATCHDOG=1");
            nextWatchdog = Clock::now() + std::chrono::seconds(1);
        }
        std::this_thread::sleep_for(options_.poll);
        if (outboxChanged(seenVersion, seenBacklog)) dirty = true;
    }
    log_("sync: stopping; backlog " + std::to_string(store_.outboxBacklog()));
}

std::optional<std::chrono::milliseconds> SyncEngine::syncRound(
    int& failures, const std::function<void(const std::string&)>& send) {
    try {
        SyncReport r = syncOnce();
        if (failures > 0)
            log_("sync: central reachable again after " + std::to_string(failures) +
                 " failed attempts");
        failures = 0;
        logRound(r);
        send("STATUS=online, backlog " + std::to_string(store_.outboxBacklog()));
        return std::nullopt;
    } catch (const std::exception& e) {
        // The central away (CentralError), or a local problem (disk full,
        // a record this store refuses): keep the daemon up and retry later.
        auto wait = nextBackoff(failures++);
        logFailure(e, failures, wait);
        issueOffline();
        send("STATUS=offline, backlog " + std::to_string(store_.outboxBacklog()));
        return wait;
    }
}

void SyncEngine::logRound(const SyncReport& r) {
    if (r.pushed + r.duplicates + r.refused + r.pulled == 0) return;
    log_("sync: pushed " + std::to_string(r.pushed) + " (" + std::to_string(r.duplicates) +
         " duplicates, " + std::to_string(r.refused) + " refused), pulled " +
         std::to_string(r.pulled) + ", backlog " + std::to_string(store_.outboxBacklog()));
}

void SyncEngine::logFailure(const std::exception& e, int failures, std::chrono::milliseconds wait) {
    // Every failure at first, then every 10th: hours away stay readable.
    if (failures > 3 && failures % 10 != 0) return;
    const auto* central = dynamic_cast<const CentralError*>(&e);
    log_(std::string("sync: ") +
         (central && central->transient() ? "central unreachable"
          : central                       ? "central error"
                                          : "local error") +
         " (attempt " + std::to_string(failures) + "): " + e.what() + "; retry in " +
         seconds(wait) + ", backlog " + std::to_string(store_.outboxBacklog()));
}

// Another connection (the kiosk) committed: maybe new outbox entries. True when
// the backlog is not empty and differs from the one last seen.
bool SyncEngine::outboxChanged(std::int64_t& seenVersion, std::int64_t& seenBacklog) {
    std::int64_t version = dataVersion();
    if (version == seenVersion) return false;
    seenVersion = version;
    std::int64_t backlog = store_.outboxBacklog();
    const bool changed = backlog > 0 && backlog != seenBacklog;
    seenBacklog = backlog;
    return changed;
}

void SyncEngine::relaxDurability(Store& ownConnection) {
    ownConnection.db().exec("PRAGMA synchronous = NORMAL");
}

SyncStatus SyncEngine::status(Store& store) {
    SyncStatus s;
    s.centralId = store.syncCentralId();
    s.cursor = store.syncCursor();
    s.backlog = store.outboxBacklog();
    auto number = [&](const char* key) {
        auto v = store.meta(key);
        return v && !v->empty() ? std::stoll(*v) : 0;
    };
    s.lastSuccessMs = number("sync_last_success_ms");
    s.lastAttemptMs = number("sync_last_attempt_ms");
    s.lastError = store.meta("sync_last_error").value_or("");
    s.lastErrorMs = s.lastError.empty() ? 0 : number("sync_last_error_ms");
    s.quarantine = store.quarantined();
    s.clockOffset = store.centralClockOffset();
    return s;
}

void sdNotify(const std::string& message) {
    const char* path = std::getenv("NOTIFY_SOCKET");
    if (!path || !*path) return;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::size_t len = std::strlen(path);
    if (len >= sizeof addr.sun_path) return;
    std::memcpy(addr.sun_path, path, len);
    if (addr.sun_path[0] == '@') addr.sun_path[0] = '\0';  // abstract namespace
    int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    auto size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + len);
    ::sendto(fd, message.data(), message.size(), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&addr),
             size);
    ::close(fd);
}

}  // namespace oh
