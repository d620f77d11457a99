// `openhouse kpis [--program NAME] [--out FILE.xlsx]`: the program's measures of success
// (README, "KPIs") over the events of a program ([[kpis.program]] in the configuration), or
// over every event of the central record: printed, and written as a workbook on request.
#include <fmt/format.h>

#include <iostream>

#include "core/decisions/figures.hpp"
#include "core/kpis/kpis.hpp"
#include "core/model/ids.hpp"
#include "core/text/plural.hpp"
#include "core/text/terminal_text.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

struct KpiOptions {
    std::string program, out;
};

ProgramSpec specFor(const Context& ctx, const std::string& name) {
    const KpiConfig& k = ctx.config.kpis;
    ProgramSpec spec;
    spec.currency = k.currency;
    spec.eventCosts = k.eventCosts;
    const ProgramConfig* chosen = nullptr;
    for (const ProgramConfig& p : k.programs)
        if (p.name == name || (name.empty() && k.programs.size() == 1)) chosen = &p;
    if (!name.empty() && !chosen) {
        std::string names;
        for (const ProgramConfig& p : k.programs) names += (names.empty() ? "" : ", ") + p.name;
        throw CommandError(kUsage,
                           "no program named '" + terminalSafe(name) + "' in [[kpis.program]] (" +
                               (names.empty() ? std::string("none configured") : names) + ")");
    }
    if (chosen) {
        spec.name = chosen->name;
        spec.events = chosen->events;
        spec.managementCost = chosen->managementCost;
    }
    return spec;
}

std::string rateText(std::optional<double> rate) {
    return rate ? figureText(*rate) : std::string("-");
}

void printFunnel(const ProgramKpis& k) {
    std::cout << fmt::format("{:<18}", "");
    for (const EventKpis& e : k.events)
        std::cout << fmt::format(" {:>20.20}", terminalSafe(e.eventName));
    std::cout << fmt::format(" {:>14.14} {:>6}\n", terminalSafe(k.name), "rate");
    const auto total = funnelSteps(k.funnel);
    for (std::size_t i = 0; i < total.size(); ++i) {
        std::cout << fmt::format("{:<18}", total[i].first);
        for (const EventKpis& e : k.events)
            std::cout << fmt::format(" {:>20}", funnelSteps(e.funnel)[i].second);
        const auto rate = i == 0 ? std::nullopt : stepRate(total[i - 1].second, total[i].second);
        std::cout << fmt::format(" {:>14} {:>6}\n", total[i].second, rateText(rate));
    }
}

void printRest(const ProgramKpis& k) {
    const EncoreFigures& e = k.encores;
    std::cout << fmt::format(
        "encores: {} ({} open), {} passed, {} not passed, {} expired; pass rate {}\n", e.assigned,
        e.open, e.passed, e.failed, e.expired, rateText(e.passRate()));
    std::cout << "median time from demo to slot: "
              << (k.medianHoursDemoToSlot ? figureText(*k.medianHoursDemoToSlot) + " h" : "-")
              << "\n";
    std::cout << fmt::format("cost: {} {} (program management {}); {} accepted; cost per hire {}\n",
                             figureText(k.totalCost), terminalSafe(k.currency),
                             figureText(k.managementCost), k.funnel.accepted,
                             k.costPerHire ? figureText(*k.costPerHire) + " " + k.currency : "-");
    for (const CohortFairness& c : k.fairness) {
        if (c.suppressed)
            std::cout << fmt::format("  cohort {}: suppressed (fewer than the minimum cell)\n",
                                     terminalSafe(c.cohort));
        else
            std::cout << fmt::format("  cohort {}: selection rate {}, impact ratio {}{}\n",
                                     terminalSafe(c.cohort), figureText(c.rate),
                                     figureText(c.impactRatio),
                                     c.belowFourFifths ? " (below four-fifths)" : "");
    }
}

void runKpis(Context& ctx, const KpiOptions& o) {
    const ProgramSpec spec = specFor(ctx, o.program);
    auto central = ctx.openCentral();
    const KpiResult r = programKpis(central, spec, ctx.config.conversion, nowMillis());
    if (r.status != KpiStatus::Ok) throw CommandError(kUsage, terminalSafe(r.problem));
    const ProgramKpis& k = r.kpis;
    std::cout << fmt::format("KPIs of {} ({})\n", terminalSafe(k.name),
                             plural(static_cast<int>(k.events.size()), "event", "events"));
    printFunnel(k);
    printRest(k);
    if (o.out.empty()) return;
    const ExportResult w = writeKpiWorkbook(o.out, k);
    if (!w.ok()) throw CommandError(kFailure, w.message);
    std::cout << "wrote " << terminalSafe(o.out) << "\n";
}

}  // namespace

void addKpiCommands(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<KpiOptions>();
    auto* cmd = app.add_subcommand(
        "kpis",
        "The program's KPIs: funnel, encore pass rate, demo-to-slot time, cost per hire, "
        "fairness");
    cmd->add_option("--program", o->program,
                    "A program of [[kpis.program]] (default: the only one, else every event)");
    cmd->add_option("--out", o->out, "Also write the KPI workbook (XLSX) here");
    cmd->callback([&ctx, o] { runKpis(ctx, *o); });
}

}  // namespace oh::cli
