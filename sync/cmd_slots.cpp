// `openhouse import-judging` (the judging sheet: paper fallback and the demo)
// and `openhouse slots` (the conversion decisions and the offer-slot list).
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/decisions/conversion.hpp"
#include "core/decisions/figures.hpp"
#include "core/decisions/judging_sheet.hpp"
#include "core/exports/slot_list.hpp"
#include "core/model/ids.hpp"
#include "core/slots/issuing.hpp"
#include "core/slots/slot_book.hpp"
#include "core/sync/sync_engine.hpp"
#include "core/text/plural.hpp"
#include "core/text/short_name.hpp"
#include "core/text/terminal_text.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

struct JudgingOptions {
    std::string file, event;
    bool levels = false;
};

struct SlotsOptions {
    std::string event, device, out, format;
    bool issue = false, issued = false;
};

void runImportJudging(Context& ctx, const JudgingOptions& o) {
    std::ifstream in(o.file, std::ios::binary);
    if (!in) throw CommandError(kUsage, "cannot read the judging sheet " + o.file);
    std::ostringstream text;
    text << in.rdbuf();
    auto central = ctx.openCentral();
    Event event = ctx.resolveEvent(central, o.event);
    JudgingSheetReport r = importJudgingSheet(central, event.id, text.str(),
                                              o.levels ? SheetScores::Levels : SheetScores::Total);
    // Problems quote the sheet's cells: escaped, a cell cannot take over the terminal.
    for (const auto& p : r.problems) std::cerr << o.file << ": " << terminalSafe(p) << "\n";
    if (!r.ok()) {
        std::cout << "nothing was imported: fix the rows above\n";
        ctx.exitCode = kDataError;
        return;
    }
    central.audit("cli", "judging.import", event.id,
                  fmt::format("{} scores, {} peer ratings", r.scoresWritten, r.feedbackWritten));
    std::cout << fmt::format(
        "imported into {}: {} rows, {} new demos, {} scores, {} peer ratings, {} unchanged\n",
        terminalSafe(event.name), r.rows, r.showcasesCreated, r.scoresWritten, r.feedbackWritten,
        r.unchanged);
}

// "3 hours ago": how long since an instant, in the largest whole unit.
std::string agoText(std::int64_t ms) {
    const std::int64_t seconds = std::max<std::int64_t>(0, ms / 1000);
    if (seconds < 60) return plural(seconds, "second", "seconds") + " ago";
    if (seconds < 60 * 60) return plural(seconds / 60, "minute", "minutes") + " ago";
    if (seconds < 48 * 60 * 60) return plural(seconds / 3600, "hour", "hours") + " ago";
    return plural(seconds / 86400, "day", "days") + " ago";
}

// A device's store holds what it had at its last sync. The daemon pulls every half
// second while online, so a device more than five minutes behind is offline or not
// syncing, and its list may miss scores and demos the central record has.
constexpr std::int64_t kStaleAfterMs = 5 * 60 * 1000;

void printDeviceFreshness(Store& device, const std::string& name) {
    const std::int64_t last = SyncEngine::status(device).lastSuccessMs;
    const std::string fix = " (sync the device, or run 'openhouse slots' on the central record)";
    const std::string safeName = terminalSafe(name);
    if (last == 0) {
        std::cout << safeName
                  << " has never synced: this list is from its enrolment snapshot and may be out "
                     "of date"
                  << fix << "\n";
        return;
    }
    const std::int64_t age = nowMillis() - last;
    std::cout << fmt::format("{} last synced {} ({}){}\n", safeName, agoText(age),
                             isoUtc(last / 1000),
                             age > kStaleAfterMs ? ": this list may be out of date" + fix : "");
}

// The decisions, one line each, and the slots given; returns how many.
int printDecisions(const Event& event, const std::vector<Decision>& decisions,
                   const ConversionRules& rules) {
    int slots = 0;
    // Names, cohorts and the event's name come from people: control characters escaped.
    std::cout << fmt::format("{}: {}, budget {}\n", terminalSafe(event.name),
                             plural(static_cast<long long>(decisions.size()), "demo", "demos"),
                             plural(event.slotBudget, "slot", "slots"));
    for (const auto& d : decisions) {
        if (d.outcome == Outcome::Slot) ++slots;
        // Short names only (the terminal may be on a projector), and the demo's title, so
        // two demos of one person are told apart. No judges: no figure, not a "+0.00".
        std::cout << fmt::format("  {:>2} {:<12} {:>5}  {} \u2013 {}: {}{}\n",
                                 d.rank ? std::to_string(d.rank) : "", outcomeName(d.outcome),
                                 d.judges > 0 ? signedFigureText(d.calibrated) : "-",
                                 terminalSafe(shortName(d.internName, d.internFamilyName)),
                                 terminalSafe(d.showcaseTitle), terminalSafe(d.rule),
                                 d.slotState.empty() ? "" : " [slot " + d.slotState + "]");
    }
    std::cout << fmt::format("{} of {}; rules: {}\n", plural(slots, "slot", "slots"),
                             event.slotBudget, rulesSummary(rules));
    return slots;
}

void printFairness(const std::vector<CohortFairness>& fairness, const ConversionRules& rules) {
    for (const auto& f : fairness) {
        if (f.suppressed)
            std::cout << fmt::format("  cohort {}: {} decided, suppressed (fewer than {})\n",
                                     terminalSafe(f.cohort), f.decided, rules.fairnessMinCell);
        else
            std::cout << fmt::format(
                "  cohort {}: {} decided, {}, selection rate {}, impact ratio {}{}\n",
                terminalSafe(f.cohort), f.decided, plural(f.slots, "slot", "slots"),
                figureText(f.rate), figureText(f.impactRatio),
                f.belowFourFifths ? " (below the four-fifths rule)" : "");
    }
}

void runSlots(Context& ctx, const SlotsOptions& o) {
    // The lead usually runs this on the central record; a device's own store
    // (--device) works offline with what that device has synced.
    Store store = o.device.empty() ? ctx.openCentral() : ctx.openDevice(o.device);
    if (!o.device.empty()) printDeviceFreshness(store, o.device);
    Event event = ctx.resolveEvent(store, o.event);
    const ConversionRules& rules = ctx.config.conversion;
    // The one home of the list (core/exports): what is printed is what the file holds.
    const SlotList list = buildSlotList(store, event, rules, nowMillis());

    const int slots = printDecisions(event, list.decisions, rules);
    std::cout << "issued: " << slotStateCounts(list.issued) << "\n";
    printFairness(list.meta.fairness, rules);
    if (o.out.empty()) return;

    const ExportFormat format = o.format.empty()
                                    ? exportFormatForPath(o.out)
                                    : parseExportFormat(o.format).value_or(ExportFormat::Csv);
    const ExportResult r = writeSlotList(list, format, o.out);
    if (!r.ok()) throw CommandError(kStoreError, terminalSafe(r.message));
    store.audit("cli", "slots.export", event.id,
                fmt::format("{} decisions, {} slots, {}", list.decisions.size(), slots,
                            exportFormatName(format)));
    std::cout << "offer-slot list: " << o.out << " (" << exportFormatName(format)
              << ", mode 0600)\n";
}

}  // namespace

void addSlotCommands(CLI::App& app, Context& ctx) {
    auto j = std::make_shared<JudgingOptions>();
    auto* judging = app.add_subcommand(
        "import-judging",
        "Import a judging sheet (demos, judges' scores, peer ratings; all-or-nothing)");
    judging
        ->add_option("file", j->file,
                     "CSV: demo,intern_email,metric,change,by_email,score,encore,peer_rating")
        ->required();
    judging->add_option("--event", j->event, "Event id (default: the only event)");
    judging->add_flag("--levels", j->levels,
                      "Scores are a printed rubric's levels from 1 to 5 (4.8), mapped onto 0-100 "
                      "as the tablets' rubric total is; without it, scores are 0-100");
    judging->callback([&ctx, j] { runImportJudging(ctx, *j); });

    auto s = std::make_shared<SlotsOptions>();
    auto* slots = app.add_subcommand(
        "slots", "Decide conversion slots by the configured rules; export the offer-slot list");
    slots->add_option("--event", s->event, "Event id (default: the only event)");
    slots->add_option("--device", s->device, "Read a device's store instead of the central record");
    slots->add_option("--out", s->out, "Write the offer-slot list here (.csv or .xlsx)");
    slots->add_option("--format", s->format, "csv or xlsx (default: from --out's extension)")
        ->check(CLI::IsMember({"csv", "xlsx"}));
    slots->add_flag("--issue", s->issue,
                    "Issue now what the rules select: from --device's own grant (also offline), "
                    "else by the lead's hand on the central record");
    slots->add_flag("--issued", s->issued, "List the issued slots and their states");
    addSlotActCommands(*slots, ctx);
    slots->callback([&ctx, s, slots] {
        if (!slots->get_subcommands().empty()) return;  // an act on one slot
        if (s->issue) return issueSlotsNow(ctx, s->event, s->device);
        if (s->issued) return printIssuedSlots(ctx, s->event, s->device);
        runSlots(ctx, *s);
    });
}

}  // namespace oh::cli
