// `openhouse import-schedule` (the demo schedule: which demos present when and where, by whom).
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/judging/schedule_import.hpp"
#include "core/text/plural.hpp"
#include "core/text/terminal_text.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

struct ScheduleOptions {
    std::string file, event;
};

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
}

}  // namespace oh::cli
