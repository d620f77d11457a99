// `openhouse init`, `openhouse event set` and `openhouse status`.
#include <filesystem>
#include <iostream>

#include "core/files/private_file.hpp"
#include "core/model/ids.hpp"
#include "core/roster/attendance.hpp"
#include "core/text/plural.hpp"
#include "core/text/terminal_text.hpp"
#include "core/time/event_time.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

struct InitOptions {
    std::string name, venue, starts, ends, timezone = "UTC";
    int budget = 0;
    bool another = false;
};

// What `event set` may change; an option left out keeps the event's value.
struct EventSetOptions {
    std::string event;
    std::optional<std::string> name, venue, starts, ends, timezone;
    std::optional<int> budget;
};

void checkTimeZone(const std::string& zone) {
    if (auto problem = timeZoneProblem(zone)) throw CommandError(kUsage, "--timezone: " + *problem);
}

std::int64_t parseTimeOption(const std::string& text, const char* option, const std::string& zone) {
    auto t = parseEventTime(text, zone);
    if (!t)
        throw CommandError(kUsage, std::string("--") + option + " '" + text +
                                       "' is not a date-time; use e.g. 2026-12-03T14:00 (read in "
                                       "the event's time zone) or 2026-12-03T14:00Z (UTC)");
    return *t;
}

void checkEvent(const Event& e) {
    if (e.name.empty()) throw CommandError(kUsage, "--name must not be empty");
    if (e.endsAt <= e.startsAt) throw CommandError(kUsage, "--ends must be after --starts");
    if (e.slotBudget < 0) throw CommandError(kUsage, "--budget must be 0 or more slots");
}

// On the venue's clock and in UTC. An event stored with a zone that does not exist (made
// before zones were checked) is shown in UTC with the way to fix it.
std::string whenText(const Event& e) {
    const std::string utc = isoUtc(e.startsAt) + " to " + isoUtc(e.endsAt);
    if (timeZoneProblem(e.timezone))
        return utc + " (the time zone '" + terminalSafe(e.timezone) +
               "' does not exist: set it with 'openhouse event set --timezone ZONE')";
    return formatLocalTime(e.startsAt, e.timezone) + " to " +
           formatLocalTime(e.endsAt, e.timezone) + " " + e.timezone + " (" + utc + ")";
}

// A commented openhouse.toml next to the data, unless one is there already: the lead sets
// the PINs in it before the kiosk may start.
void writeConfigIfMissing(Context& ctx, const Event& e) {
    const std::string path = ctx.home + "/openhouse.toml";
    if (std::filesystem::exists(path)) {
        std::cout << "  configuration " << path << " kept as it is\n";
        return;
    }
    const std::string text = defaultConfigText(std::filesystem::absolute(ctx.home).string(), e.id);
    std::string error;
    bool written = writePrivateFileAtomically(path, text, &error);
    if (!written) throw CommandError(kStoreError, "cannot write " + path + ": " + error);
    std::cout << "  configuration " << path << " (mode 0600): set the lead and staff PINs in it\n"
              << "    with 'openhouse pin-hash' before starting a kiosk\n";
}

void runInit(Context& ctx, const InitOptions& o) {
    checkTimeZone(o.timezone);
    Event e;
    e.id = Uuid::v7().str();
    e.name = o.name;
    e.venue = o.venue;
    e.timezone = o.timezone;
    e.startsAt = parseTimeOption(o.starts, "starts", o.timezone);
    e.endsAt = parseTimeOption(o.ends, "ends", o.timezone);
    e.slotBudget = o.budget;
    checkEvent(e);

    if (std::filesystem::exists(ctx.centralPath()) && !o.another) {
        auto existing = ctx.openCentral().events();
        if (!existing.empty())
            throw CommandError(
                kUsage, "this data folder already has an event (" + existing.front().id + ", " +
                            terminalSafe(existing.front().name) +
                            "); change it with 'openhouse event set', or add --another "
                            "to create a second event");
    }
    auto central = ctx.openCentral();
    SigningKey key = SigningKey::generate();
    // The key file first: an event whose key was lost could never sign invitations.
    ctx.keyStore().add(e.id, key);
    sql::Transaction tx(central.db());
    central.saveEvent(e);
    central.addEventKey(e.id, key.publicKey);
    central.audit("cli", "event.init", e.id);
    tx.commit();
    std::cout << "event " << e.id << " created: " << terminalSafe(e.name) << "\n"
              << "  when " << whenText(e) << "\n"
              << "  signing key " << keyIdHex(key.id) << " in " << ctx.keyStore().pathFor(e.id)
              << " (keep it on this machine only)\n"
              << "  central record " << ctx.centralPath() << "\n";
    writeConfigIfMissing(ctx, e);
}

// A new time zone alone keeps the event's instants (the stored times are absolute); the
// new local times are printed, so a lead who meant "14:00 there" gives --starts/--ends too.
void runEventSet(Context& ctx, const EventSetOptions& o) {
    auto central = ctx.openCentral();
    Event e = ctx.resolveEvent(central, o.event);
    const Event before = e;
    if (o.timezone) checkTimeZone(*o.timezone);
    if (o.timezone) e.timezone = *o.timezone;
    if (o.name) e.name = *o.name;
    if (o.venue) e.venue = *o.venue;
    if (o.starts) e.startsAt = parseTimeOption(*o.starts, "starts", e.timezone);
    if (o.ends) e.endsAt = parseTimeOption(*o.ends, "ends", e.timezone);
    if (o.budget) e.slotBudget = *o.budget;
    checkEvent(e);
    if (e.name == before.name && e.venue == before.venue && e.timezone == before.timezone &&
        e.startsAt == before.startsAt && e.endsAt == before.endsAt &&
        e.slotBudget == before.slotBudget) {
        std::cout << "event " << e.id << " unchanged\n";
        return;
    }
    sql::Transaction tx(central.db());
    central.saveEvent(e);  // recorded with its outbox entry: it syncs like every admin record
    central.audit("cli", "event.set", e.id);
    tx.commit();
    std::cout << "event " << e.id << " updated: " << terminalSafe(e.name) << "\n"
              << "  when   " << whenText(e) << "\n"
              << "  venue  " << (e.venue.empty() ? "-" : terminalSafe(e.venue)) << "\n"
              << "  budget " << plural(e.slotBudget, "conversion slot", "conversion slots") << "\n";
    if (o.timezone && !o.starts && !o.ends && before.timezone != e.timezone)
        std::cout << "  the start and end kept their moment in time; give --starts and --ends "
                     "again if they were meant as "
                  << e.timezone << " wall-clock times\n";
}

void printEventStatus(Store& store, const Event& e) {
    AttendanceSummary a = summarizeAttendance(store, e.id);
    std::cout << e.id << "  " << terminalSafe(e.name) << "\n"
              << "  when       " << whenText(e) << "\n"
              << "  venue      " << (e.venue.empty() ? "-" : terminalSafe(e.venue)) << "\n"
              << "  budget     " << plural(e.slotBudget, "conversion slot", "conversion slots")
              << "\n"
              << "  roster     " << plural(store.countAttendees(e.id), "person", "people") << "\n"
              << "  checked in " << store.countCheckIns(e.id) << "\n"
              << "  repeats    " << plural(a.repeats, "repeat scan", "repeat scans") << " of "
              << plural(a.peopleRepeated, "person", "people")
              << " (merged from other devices, not counted twice)\n"
              << "  undone     " << plural(a.undone, "check-in", "check-ins") << "\n";
}

void runStatus(Context& ctx, const std::string& device) {
    Store store = device.empty() ? ctx.openCentral() : ctx.openDevice(device);
    std::cout << (device.empty() ? "central record " + ctx.centralPath()
                                 : "device " + device + " (" + ctx.devicePath(device) + ")")
              << "\n  schema version " << store.schemaVersion() << ", outbox backlog "
              << store.outboxBacklog() << "\n";
    auto events = store.events();
    if (events.empty()) std::cout << "no events yet: create one with 'openhouse init'\n";
    for (const auto& e : events) printEventStatus(store, e);
}

void addInit(CLI::App& app, Context& ctx) {
    auto opts = std::make_shared<InitOptions>();
    auto* init = app.add_subcommand(
        "init", "Create an event with its signing key and slot budget, and HOME/openhouse.toml");
    init->add_option("--name", opts->name, "Event name")->required();
    init->add_option("--starts", opts->starts,
                     "Start, ISO 8601: 2026-12-03T14:00 in --timezone, or with Z / +01:00")
        ->required();
    init->add_option("--ends", opts->ends, "End, ISO 8601 (same rule)")->required();
    init->add_option("--venue", opts->venue, "Venue shown on badges, invitations and screens");
    init->add_option("--timezone", opts->timezone, "IANA time zone of the venue (Europe/Madrid)")
        ->capture_default_str();
    init->add_option("--budget", opts->budget, "Conversion slots the event may issue")
        ->capture_default_str();
    init->add_flag("--another", opts->another,
                   "Create a second event in a data folder that already has one");
    init->callback([&ctx, opts] { runInit(ctx, *opts); });
}

void addEventSet(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<EventSetOptions>();
    auto* event = app.add_subcommand("event", "Change the event after 'init'");
    event->require_subcommand(1);
    auto* set = event->add_subcommand(
        "set", "Change the event's name, venue, times, time zone or budget (synced to devices)");
    set->add_option("--event", o->event, "Event id (default: the only event)");
    set->add_option("--name", o->name, "Event name");
    set->add_option("--venue", o->venue, "Venue");
    set->add_option("--starts", o->starts, "Start (a time without offset is in the time zone)");
    set->add_option("--ends", o->ends, "End (same rule)");
    set->add_option("--timezone", o->timezone, "IANA time zone of the venue");
    set->add_option("--budget", o->budget, "Conversion slots the event may issue");
    set->callback([&ctx, o] { runEventSet(ctx, *o); });
}

}  // namespace

void addEventCommands(CLI::App& app, Context& ctx) {
    addInit(app, ctx);
    addEventSet(app, ctx);
    auto device = std::make_shared<std::string>();
    auto* status = app.add_subcommand("status", "Show events, roster size, check-ins and backlog");
    status->add_option("--device", *device, "Show a device store instead of the central record");
    status->callback([&ctx, device] { runStatus(ctx, *device); });
}

}  // namespace oh::cli
