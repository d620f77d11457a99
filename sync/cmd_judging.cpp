// Judging on the floor, from the lead's side: `openhouse import-schedule` (which demos
// present when and where, by whom) and `openhouse judging close|reopen` (after close, every
// device refuses new and changed scores, once it has synced) and `openhouse schedule shift`
// (a room running late: its remaining demos move, and every showcase screen follows).
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/judging/schedule_import.hpp"
#include "core/judging/schedule_shift.hpp"
#include "core/model/ids.hpp"
#include "core/text/plural.hpp"
#include "core/text/terminal_text.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

struct ScheduleOptions {
    std::string file, event;
};

struct CloseOptions {
    std::string event;
};

struct ShiftOptions {
    std::string event, room;
    int minutes = 0;
};

void runScheduleShift(Context& ctx, const ShiftOptions& o) {
    auto central = ctx.openCentral();
    Event event = ctx.resolveEvent(central, o.event);
    const ShiftResult r = shiftSchedule(central, event.id, {o.room, o.minutes, nowSeconds()});
    if (r.status != ShiftStatus::Shifted)
        throw CommandError(kUsage,
                           terminalSafe(r.message) + " (" + shiftStatusName(r.status) + ")");
    central.audit("cli", "schedule.shift", event.id,
                  fmt::format("{:+} min, {} moved, {} extended", o.minutes, r.moved, r.extended));
    std::cout << terminalSafe(r.message) << "; devices show it once they sync\n";
}

void runImportSchedule(Context& ctx, const ScheduleOptions& o) {
    std::ifstream in(o.file, std::ios::binary);
    if (!in) throw CommandError(kUsage, "cannot read the demo schedule " + o.file);
    std::ostringstream text;
    text << in.rdbuf();
    auto central = ctx.openCentral();
    Event event = ctx.resolveEvent(central, o.event);
    ScheduleImportReport r = importSchedule(central, event.id, text.str());
    // Problems quote the sheet's cells: escaped, a cell cannot take over the terminal.
    for (const auto& p : r.problems)
        std::cerr << o.file << ": " << terminalSafe(scheduleProblemText(p)) << "\n";
    if (!r.ok()) {
        std::cout << "nothing was imported: fix the rows above\n";
        ctx.exitCode = kDataError;
        return;
    }
    central.audit("cli", "schedule.import", event.id,
                  fmt::format("{} demos, {} new, {} changed", r.demos, r.created, r.updated));
    std::cout << fmt::format("schedule of {}: {}, {} new, {} changed, {} unchanged\n",
                             terminalSafe(event.name), plural(r.demos, "demo", "demos"), r.created,
                             r.updated, r.unchanged);
    if (r.notInSheet > 0)
        std::cout << fmt::format("{} the sheet does not name kept (scores may be on them)\n",
                                 plural(r.notInSheet, "demo", "demos"));
}

std::int64_t nowMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void runJudgingClose(Context& ctx, const CloseOptions& o, bool close) {
    auto central = ctx.openCentral();
    Event event = ctx.resolveEvent(central, o.event);
    const bool wasClosed = event.judgingClosedAt > 0;
    if (wasClosed == close) {
        std::cout << "judging of " << terminalSafe(event.name) << " is already "
                  << (close ? "closed" : "open") << "\n";
        return;
    }
    event.judgingClosedAt = close ? nowMillis() : 0;
    central.saveEvent(event);
    central.audit("cli", close ? "judging.close" : "judging.reopen", event.id, "");
    std::cout << "judging of " << terminalSafe(event.name) << (close ? " closed" : " reopened")
              << ": devices " << (close ? "refuse" : "accept") << " score changes once they sync\n";
}

}  // namespace

void addScheduleCommands(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ScheduleOptions>();
    auto* cmd = app.add_subcommand(
        "import-schedule",
        "Import the demo schedule (title, presenters, room, start, end, metric, change; "
        "all-or-nothing; re-import updates)");
    cmd->add_option("file", o->file, "CSV: title,presenters,location,start,end,metric,change")
        ->required();
    cmd->add_option("--event", o->event, "Event id (default: the only event)");
    cmd->callback([&ctx, o] { runImportSchedule(ctx, *o); });

    auto c = std::make_shared<CloseOptions>();
    auto* judging = app.add_subcommand("judging", "Close or reopen judging");
    judging->require_subcommand(1);
    for (bool close : {true, false}) {
        auto* sub = judging->add_subcommand(
            close ? "close" : "reopen",
            close ? "Close judging: devices then refuse new and changed scores"
                  : "Reopen judging after a close");
        sub->add_option("--event", c->event, "Event id (default: the only event)");
        sub->callback([&ctx, c, close] { runJudgingClose(ctx, *c, close); });
    }

    auto sh = std::make_shared<ShiftOptions>();
    auto* schedule = app.add_subcommand("schedule", "Change the demo schedule on the day");
    schedule->require_subcommand(1);
    auto* shift = schedule->add_subcommand(
        "shift", "A room runs late (or early): move its demos still to come by N minutes");
    shift->add_option("--room", sh->room, "The room (a location as the schedule writes it)")
        ->required();
    shift->add_option("--minutes", sh->minutes, "Minutes later (negative: earlier)")->required();
    shift->add_option("--event", sh->event, "Event id (default: the only event)");
    shift->callback([&ctx, sh] { runScheduleShift(ctx, *sh); });
}

}  // namespace oh::cli
