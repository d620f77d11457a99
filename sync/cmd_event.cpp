// `openhouse init` and `openhouse status`.
#include <iostream>

#include "core/model/ids.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

struct InitOptions {
    std::string name, venue, starts, ends, timezone = "UTC";
    int budget = 0;
};

std::int64_t parseTimeOption(const std::string& text, const char* option) {
    auto t = parseIsoTime(text);
    if (!t)
        throw CommandError(kUsage, std::string("--") + option + " '" + text +
                                       "' is not a date-time; use e.g. 2026-12-03T14:00Z");
    return *t;
}

void runInit(Context& ctx, const InitOptions& o) {
    Event e;
    e.id = Uuid::v7().str();
    e.name = o.name;
    e.venue = o.venue;
    e.timezone = o.timezone;
    e.startsAt = parseTimeOption(o.starts, "starts");
    e.endsAt = parseTimeOption(o.ends, "ends");
    e.slotBudget = o.budget;
    if (e.endsAt <= e.startsAt) throw CommandError(kUsage, "--ends must be after --starts");
    if (o.budget < 0) throw CommandError(kUsage, "--budget must be 0 or more slots");

    auto central = ctx.openCentral();
    SigningKey key = SigningKey::generate();
    // The key file first: an event whose key was lost could never sign invitations.
    ctx.keyStore().add(e.id, key);
    sql::Transaction tx(central.db());
    central.saveEvent(e);
    central.addEventKey(e.id, key.publicKey);
    central.audit("cli", "event.init", e.id);
    tx.commit();
    std::cout << "event " << e.id << " created: " << e.name << "\n"
              << "  signing key " << keyIdHex(key.id) << " in " << ctx.keyStore().pathFor(e.id)
              << " (keep it on this machine only)\n"
              << "  central record " << ctx.centralPath() << "\n";
}

void printEventStatus(Store& store, const Event& e) {
    std::cout << e.id << "  " << e.name << "\n"
              << "  when      " << isoUtc(e.startsAt) << " to " << isoUtc(e.endsAt) << " ("
              << e.timezone << ")\n"
              << "  venue     " << (e.venue.empty() ? "-" : e.venue) << "\n"
              << "  budget    " << e.slotBudget << " conversion slots\n"
              << "  roster    " << store.countAttendees(e.id) << " people\n"
              << "  checked in " << store.countCheckIns(e.id) << "\n";
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

}  // namespace

void addEventCommands(CLI::App& app, Context& ctx) {
    auto opts = std::make_shared<InitOptions>();
    auto* init = app.add_subcommand("init", "Create an event with its signing key and slot budget");
    init->add_option("--name", opts->name, "Event name")->required();
    init->add_option("--starts", opts->starts, "Start, ISO 8601 (2026-12-03T14:00Z)")->required();
    init->add_option("--ends", opts->ends, "End, ISO 8601")->required();
    init->add_option("--venue", opts->venue, "Venue shown on badges and screens");
    init->add_option("--timezone", opts->timezone, "IANA time zone of the venue")
        ->capture_default_str();
    init->add_option("--budget", opts->budget, "Conversion slots the event may issue")
        ->capture_default_str();
    init->callback([&ctx, opts] { runInit(ctx, *opts); });

    auto device = std::make_shared<std::string>();
    auto* status = app.add_subcommand("status", "Show events, roster size, check-ins and backlog");
    status->add_option("--device", *device, "Show a device store instead of the central record");
    status->callback([&ctx, device] { runStatus(ctx, *device); });
}

}  // namespace oh::cli
