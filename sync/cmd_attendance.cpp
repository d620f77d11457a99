// `openhouse attendance`: who checked in, when and where, as a CSV for the lead.
#include <iostream>

#include "core/roster/attendance.hpp"
#include "core/text/plural.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

struct AttendanceOptions {
    std::string event, out, device;
};

// Full names and e-mails go to the file only (0600), never to the terminal or a log.
void runAttendance(Context& ctx, const AttendanceOptions& o) {
    Store store = o.device.empty() ? ctx.openCentral() : ctx.openDevice(o.device);
    Event event = ctx.resolveEvent(store, o.event);
    const auto rows = attendanceRows(store, event.id);
    const AttendanceSummary summary = summarizeAttendance(store, event.id);
    std::string error;
    if (!writeAttendanceCsv(o.out, rows, event.timezone, &error))
        throw CommandError(kStoreError, "cannot write " + o.out + ": " + error);
    if (o.device.empty())  // a device store is only read
        store.audit("cli", "attendance.export", event.id, std::to_string(rows.size()));
    std::cout << plural(static_cast<std::int64_t>(rows.size()), "person", "people")
              << " checked in, " << plural(summary.repeats, "repeat scan", "repeat scans")
              << " merged, " << plural(summary.undone, "check-in", "check-ins") << " undone\n"
              << "  written to " << o.out << " (mode 0600; it holds names and e-mails)\n";
    if (!o.device.empty())
        std::cout << "  from device " << o.device
                  << "'s store: only what it has synced; the central record has every device\n";
}

}  // namespace

void addAttendanceCommands(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<AttendanceOptions>();
    auto* cmd = app.add_subcommand(
        "attendance", "Export who checked in, when, where and how (CSV, full names: keep it safe)");
    cmd->add_option("--out", o->out, "CSV file to write (mode 0600)")->required();
    cmd->add_option("--event", o->event, "Event id (default: the only event)");
    cmd->add_option("--device", o->device, "Read a device store instead of the central record");
    cmd->callback([&ctx, o] { runAttendance(ctx, *o); });
}

}  // namespace oh::cli
