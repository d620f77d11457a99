// `openhouse export slots|scores|checkins --out FILE`: the lead's exports (core/exports),
// the same files the lead's dashboard writes, as CSV or XLSX, mode 0600.
#include <fmt/format.h>

#include <iostream>

#include "core/exports/exports.hpp"
#include "core/model/ids.hpp"
#include "core/text/plural.hpp"
#include "core/text/terminal_text.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

struct ExportOptions {
    std::string kind, out, format, event, device;
};

// Names and e-mails go to the file only (0600), never to the terminal or the audit log.
void runExport(Context& ctx, const ExportOptions& o) {
    const ExportKind kind = parseExportKind(o.kind).value_or(ExportKind::Slots);
    const ExportFormat format = o.format.empty()
                                    ? exportFormatForPath(o.out)
                                    : parseExportFormat(o.format).value_or(ExportFormat::Csv);
    Store store = o.device.empty() ? ctx.openCentral() : ctx.openDevice(o.device);
    Event event = ctx.resolveEvent(store, o.event);
    ExportSettings settings{ctx.config.conversion, ctx.config.judging.rubric};
    ExportResult r = exportList(store, event.id, kind, format, o.out, settings, nowMillis());
    if (!r.ok()) throw CommandError(kStoreError, terminalSafe(r.message));
    if (o.device.empty())  // a device store is only read
        store.audit("cli", std::string("export.") + exportKindName(kind), event.id,
                    fmt::format("{} rows, {}", r.rows, exportFormatName(format)));
    std::cout << fmt::format("{} list: {} written to {} ({}, mode 0600; it holds names)\n",
                             exportKindName(kind), plural(r.rows, "row", "rows"),
                             terminalSafe(r.path), exportFormatName(format));
    if (!o.device.empty())
        std::cout << "  from device " << terminalSafe(o.device)
                  << "'s store: only what it has synced; the central record has every device\n";
}

}  // namespace

void addExportCommands(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ExportOptions>();
    auto* cmd = app.add_subcommand(
        "export",
        "Export a list for the lead: slots (the offer-slot list), scores (by demo and judge) "
        "or checkins (who came), as CSV or XLSX, mode 0600");
    cmd->add_option("kind", o->kind, "slots, scores or checkins")
        ->required()
        ->check(CLI::IsMember({"slots", "scores", "checkins"}));
    cmd->add_option("--out", o->out, "File to write (.csv or .xlsx); replaced atomically")
        ->required();
    cmd->add_option("--format", o->format, "csv or xlsx (default: from --out's extension)")
        ->check(CLI::IsMember({"csv", "xlsx"}));
    cmd->add_option("--event", o->event, "Event id (default: the only event)");
    cmd->add_option("--device", o->device, "Read a device's store instead of the central record");
    cmd->callback([&ctx, o] { runExport(ctx, *o); });
}

}  // namespace oh::cli
