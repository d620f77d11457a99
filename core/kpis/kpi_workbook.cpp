// The KPI workbook (kpis.hpp): one sheet per question a program lead asks.
#include <fmt/format.h>

#include "core/decisions/export_table.hpp"
#include "core/decisions/slot_export.hpp"
#include "core/kpis/kpis.hpp"

namespace oh {

namespace {

Cell rateCell(std::optional<double> rate) {
    return rate ? decimalCell(*rate) : blankCell();
}

// A row per step; a column per event, the program, and the program's rate from the step
// before.
Table funnelTable(const ProgramKpis& k) {
    Table t;
    t.columns.push_back({"Step", 20});
    for (const EventKpis& e : k.events) t.columns.push_back({e.eventName, 16});
    t.columns.push_back({k.name, 16});
    t.columns.push_back({"Rate from the step before", 16});
    const auto total = funnelSteps(k.funnel);
    std::vector<std::vector<std::pair<std::string, int>>> perEvent;
    for (const EventKpis& e : k.events) perEvent.push_back(funnelSteps(e.funnel));
    for (std::size_t i = 0; i < total.size(); ++i) {
        std::vector<Cell> row{textCell(total[i].first)};
        for (const auto& steps : perEvent) row.push_back(integerCell(steps[i].second));
        row.push_back(integerCell(total[i].second));
        row.push_back(i == 0 ? blankCell()
                             : rateCell(stepRate(total[i - 1].second, total[i].second)));
        t.rows.push_back(std::move(row));
    }
    return t;
}

std::vector<Cell> encoreRow(const std::string& name, const EncoreFigures& e,
                            std::optional<double> medianHours) {
    return {textCell(name),         integerCell(e.assigned),
            integerCell(e.open),    integerCell(e.passed),
            integerCell(e.failed),  integerCell(e.expired),
            rateCell(e.passRate()), medianHours ? decimalCell(*medianHours) : blankCell()};
}

Table encoreTable(const ProgramKpis& k) {
    Table t{{{"Event", 24},
             {"Encores", 10},
             {"Open", 8},
             {"Passed", 8},
             {"Not passed", 10},
             {"Expired", 8},
             {"Pass rate", 10},
             {"Median hours demo to slot", 14}},
            {}};
    for (const EventKpis& e : k.events)
        t.rows.push_back(encoreRow(e.eventName, e.encores, medianOf(e.hoursDemoToSlot)));
    t.rows.push_back(encoreRow(k.name, k.encores, k.medianHoursDemoToSlot));
    return t;
}

Table costTable(const ProgramKpis& k) {
    const std::string money = fmt::format("Cost ({})", k.currency);
    Table t{{{"Item", 28}, {money, 14}, {"Accepted offers", 14}}, {}};
    for (const EventKpis& e : k.events)
        t.rows.push_back(
            {textCell(e.eventName), decimalCell(e.cost), integerCell(e.funnel.accepted)});
    t.rows.push_back({textCell("Program management"), decimalCell(k.managementCost), blankCell()});
    t.rows.push_back({textCell("Total"), decimalCell(k.totalCost), integerCell(k.funnel.accepted)});
    t.rows.push_back({textCell("Cost per hire"),
                      k.costPerHire ? decimalCell(*k.costPerHire) : blankCell(),
                      textCell(k.costPerHire ? "total / accepted offers" : "no accepted offer")});
    return t;
}

}  // namespace

ExportResult writeKpiWorkbook(const std::string& path, const ProgramKpis& k) {
    return guardedExport(path, ExportFormat::Xlsx, [&] {
        XlsxBook book(path, "the KPI workbook");
        book.addTable("Funnel", funnelTable(k), false);
        book.addTable("Encores", encoreTable(k), false);
        book.addTable("Costs", costTable(k), false);
        book.addTable("Fairness", fairnessTable(k.fairness), false);
        book.commit();
        return static_cast<int>(k.events.size());
    });
}

}  // namespace oh
