// `openhouse sync` (the daemon), `openhouse sync --once`, `openhouse sync status`.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "core/central/central.hpp"
#include "core/model/ids.hpp"
#include "core/sync/sync_engine.hpp"
#include "core/text/plural.hpp"
#include "core/text/terminal_text.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

std::atomic<bool> gStop{false};

// `sync status` warns beyond this (the kiosk shows its clock warning too).
constexpr std::int64_t kClockWarnMs = 60 * 1000;

void onSignal(int) {
    gStop.store(true);
}

struct SyncCliOptions {
    std::string device;   // HOME/devices/NAME.db
    std::string store;    // or an explicit store path
    std::string central;  // sqlite:PATH | postgresql://... (default: config, then HOME/central.db)
    bool once = false;
    int batch = 0;  // 0: the configuration's sync.batch_size
    int page = 1000;
    std::string event;  // sync devices
};

// --central, then $OPENHOUSE_CENTRAL, then the configuration's sync.central,
// then the embedded central file in HOME.
std::string resolveCentral(const Context& ctx, const SyncCliOptions& o) {
    return ctx.centralSpec(o.central);
}

Store openDeviceStore(Context& ctx, const SyncCliOptions& o) {
    if (!o.store.empty()) return Store::open(o.store);
    // --device, else the configured device_name.
    return ctx.openDevice(o.device.empty() ? ctx.config.deviceName : o.device);
}

// The central for a device: never created here (an embedded central file is
// made by `openhouse init`; an empty one would hide where the central is).
CentralOptions deviceCentralOptions() {
    CentralOptions options;
    options.createIfMissing = false;
    return options;
}

// Null (with the reason in `why`) when the central is away and not `required`.
// The failure is recorded in the device's sync state (`sync status`).
std::unique_ptr<CentralRecord> openCentralOrFail(Store& store, const std::string& spec,
                                                 bool required, std::string* why = nullptr) {
    try {
        return openCentralRecord(spec, deviceCentralOptions());
    } catch (const CentralError& e) {
        SyncEngine::recordError(store, std::string("cannot open the central: ") + e.what());
        if (required || !e.transient()) throw CommandError(kFailure, e.what());
        if (why) *why = e.what();
        return nullptr;
    }
}

std::string formatOffset(std::int64_t ms) {
    char text[64];
    std::snprintf(text, sizeof text, "%+.1f s", static_cast<double>(ms) / 1000.0);
    return text;
}

// The device's clock against the central's, as measured at the last sync.
void printClockOffset(const SyncStatus& s) {
    std::cout << "clock offset  ";
    if (!s.clockOffset) {
        std::cout << "- (never measured: no sync has reached the central yet)\n";
        return;
    }
    const std::int64_t off = s.clockOffset->offsetMs;
    std::cout << formatOffset(off) << " (device minus central, measured "
              << isoUtc(s.clockOffset->measuredAtMs / 1000) << ")";
    if (std::llabs(off) > kClockWarnMs)
        std::cout << "  WARNING: this device's clock is " << (std::llabs(off) + 500) / 1000 << " s "
                  << (off > 0 ? "ahead of" : "behind")
                  << " the central's; set it right (NTP: timedatectl set-ntp true)";
    std::cout << "\n";
}

// The daemon issues conversion slots for the device's event ([conversion] issue): a device
// enrolled into no event yet has none to issue.
void giveSlotDuty(SyncEngine& engine, Context& ctx, Store& store) {
    SlotDuty duty;
    try {
        duty.eventId = ctx.resolveEvent(store, ctx.config.eventId).id;
    } catch (const CommandError&) {
        return;
    }
    duty.rules = ctx.config.conversion;
    duty.policy = ctx.config.slots;
    engine.setSlotDuty(std::move(duty));
}

void runSync(Context& ctx, const SyncCliOptions& o) {
    Store store = openDeviceStore(ctx, o);
    SyncEngine::relaxDurability(store);  // this process's own connection
    std::string spec = resolveCentral(ctx, o);
    SyncOptions options;
    options.pushBatch = o.batch > 0 ? o.batch : ctx.config.sync.batchSize;
    options.maxBackoff = std::chrono::seconds(ctx.config.sync.maxBackoffSeconds);
    options.pullPage = o.page;
    // The lead's dashboard shows each device's last sync, backlog and clock offset.
    options.reportHealthEvery = std::chrono::seconds(30);
    if (o.once) {
        auto central = openCentralOrFail(store, spec, true);
        SyncEngine engine(store, *central, options);
        giveSlotDuty(engine, ctx, store);
        try {
            auto r = engine.syncOnce();
            std::cout << "synced device " << store.deviceId() << " with " << central->describe()
                      << ": pushed " << r.pushed << " (" << r.duplicates << " duplicates, "
                      << r.refused << " refused), pulled " << r.pulled << ", backlog "
                      << store.outboxBacklog() << "\n";
            if (r.slots.issued + r.slots.confirmed + r.slots.granted + r.slots.returned > 0)
                std::cout << "slots: issued " << r.slots.issued << " from this device's grant, "
                          << r.slots.confirmed << " confirmed by the central ("
                          << r.slots.duplicates << " duplicate, " << r.slots.voided
                          << " void); grants: " << plural(r.slots.granted, "slot", "slots")
                          << " newly granted, " << r.slots.returned << " given back\n";
            ctx.exitCode = r.refused > 0 ? kFailure : kOk;
        } catch (const CentralError& e) {
            throw CommandError(kFailure, e.what());
        }
        return;
    }
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    // The central may be away when the daemon starts: keep trying to reach it.
    std::unique_ptr<CentralRecord> central;
    int attempts = 0;
    while (!central && !gStop.load()) {
        std::string why;
        central = openCentralOrFail(store, spec, false, &why);
        if (!central) {
            if (++attempts <= 3 || attempts % 10 == 0)
                std::cerr << "sync: central unreachable at start (attempt " << attempts
                          << "): " << why << "; working offline, retrying\n";
            sdNotify("READY=1");  // the daemon itself is up; it works offline
            sdNotify("WATCHDOG=1");
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(500 * attempts, 10000)));
        }
    }
    if (!central) return;
    SyncEngine engine(store, *central, options);
    giveSlotDuty(engine, ctx, store);
    engine.run(gStop, [](const std::string& m) { sdNotify(m); });
}

void runStatus(Context& ctx, const SyncCliOptions& o) {
    Store store = openDeviceStore(ctx, o);
    auto s = SyncEngine::status(store);
    std::string spec = resolveCentral(ctx, o);
    std::cout << "device        " << store.deviceId() << "\n"
              << "central       " << (spec.rfind("sqlite:", 0) == 0 ? spec : "postgresql") << "\n"
              << "last success  " << (s.lastSuccessMs ? isoUtc(s.lastSuccessMs / 1000) : "never")
              << "\n"
              << "last error    "
              << (s.lastError.empty() ? "-"
                  : s.lastErrorMs     ? isoUtc(s.lastErrorMs / 1000) + ": " + s.lastError
                                      : s.lastError)
              << "\n"
              << "backlog       " << s.backlog << " outbox entries\n"
              << "cursor        " << (s.cursor.empty() ? "-" : s.cursor) << "\n"
              << "quarantine    " << s.quarantine.size() << " pulled records not applied\n";
    // Ids, kinds and reasons only: the payloads stay in the store.
    for (const auto& q : s.quarantine)
        std::cout << "  " << q.kind << " " << q.idemKey << " from device " << q.originDevice
                  << ", since " << isoUtc(q.firstSeenMs / 1000) << ", " << q.attempts
                  << (q.attempts == 1 ? " attempt" : " attempts") << ": " << q.reason << "\n";
    printClockOffset(s);
    try {
        auto central = openCentralRecord(spec, deviceCentralOptions());  // creates nothing
        auto info = central->ping();
        std::cout << "reachable     yes (" << central->describe() << ", clock offset "
                  << (nowMillis() - info.nowMillis) << " ms)\n";
    } catch (const CentralError& e) {
        std::cout << "reachable     no: " << e.what() << "\n";
        ctx.exitCode = kFailure;
    }
}

std::string whenOrDash(const std::optional<std::int64_t>& ms) {
    return ms ? isoUtc(*ms / 1000) : "-";
}

// The program team's view: every device of the event as the central knows it.
// A device's backlog and clock offset are on the device (`sync status` there).
void runDevices(Context& ctx, const SyncCliOptions& o) {
    Event event;
    {
        Store local = ctx.openCentral();
        event = ctx.resolveEvent(local, o.event);
    }
    CentralOptions admin;
    admin.admin = true;
    admin.createIfMissing = false;
    std::vector<DeviceSummary> devices;
    std::unique_ptr<CentralRecord> central;
    try {
        central = openCentralRecord(resolveCentral(ctx, o), admin);
        devices = central->devices(event.id);
    } catch (const CentralError& e) {
        throw CommandError(kFailure, e.what());
    }
    std::cout << devices.size() << (devices.size() == 1 ? " device of " : " devices of ")
              << terminalSafe(event.name) << " on " << central->describe() << "\n";
    std::printf("%-16s %-36s %-20s %8s  %s\n", "name", "id", "last seen", "records", "state");
    for (const auto& d : devices) {
        std::string state = "ok";
        if (d.revokedAtMs) state = "revoked " + isoUtc(*d.revokedAtMs / 1000);
        if (d.copySeenMs)
            state += "; a COPY of its store was refused since " + isoUtc(*d.copySeenMs / 1000);
        std::printf("%-16s %-36s %-20s %8lld  %s\n", terminalSafe(d.name).c_str(), d.id.c_str(),
                    whenOrDash(d.lastSeenMs).c_str(), static_cast<long long>(d.recordsPushed),
                    state.c_str());
    }
    std::cout << "(a device's backlog and clock offset: 'openhouse sync status' on it)\n";
}

}  // namespace

void addSyncCommands(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<SyncCliOptions>();
    auto* sync = app.add_subcommand(
        "sync", "Run the sync daemon for a device store (foreground; systemd Type=notify)");
    auto addCommon = [o](CLI::App* cmd) {
        cmd->add_option("--device", o->device,
                        "Device name (HOME/devices/NAME.db; default: the configured device_name)");
        cmd->add_option("--store", o->store, "Device store path instead of --device");
        cmd->add_option("--central", o->central,
                        "sqlite:PATH or postgresql://... (else $OPENHOUSE_CENTRAL, then the "
                        "configuration's sync.central, then HOME/central.db)");
    };
    addCommon(sync);
    sync->add_flag("--once", o->once, "Push and pull once, then exit (1 if entries were refused)");
    sync->add_option("--batch", o->batch,
                     "Outbox entries per round trip (default: sync.batch_size)");
    sync->add_option("--page", o->page, "Pulled records per page (one local transaction)")
        ->capture_default_str();
    auto* status = sync->add_subcommand(
        "status", "Last success, backlog, cursor and whether the central is reachable");
    addCommon(status);
    status->callback([&ctx, o] { runStatus(ctx, *o); });
    auto* devices = sync->add_subcommand(
        "devices", "Every device of the event as the central knows it: last seen, revoked, copies");
    devices->add_option("--central", o->central,
                        "sqlite:PATH or postgresql://OWNER@... (else $OPENHOUSE_CENTRAL, then "
                        "sync.central, then HOME/central.db)");
    devices->add_option("--event", o->event, "Event id (default: the only event)");
    devices->callback([&ctx, o] { runDevices(ctx, *o); });
    sync->callback([&ctx, o, sync] {
        if (sync->got_subcommand("status") || sync->got_subcommand("devices")) return;
        runSync(ctx, *o);
    });
}

}  // namespace oh::cli
