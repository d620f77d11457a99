#include "core/decisions/slot_export.hpp"

#include <fmt/format.h>

#include <string_view>

#include "core/decisions/export_table.hpp"
#include "core/decisions/figures.hpp"
#include "core/model/ids.hpp"

namespace oh {
namespace {

constexpr std::string_view kLabel = "the offer-slot export";

// The order of the header comment in slot_export.hpp.
// No mean of raw scores: judges score on their own scales (4.8 of 5, 78 of 100), so only
// the calibrated score (per judge) means something across judges.
std::vector<TableColumn> slotColumns() {
    return {
        {"Rank", 6},
        {"Outcome", 13},
        {"Name", 24},
        {"Demo", 32},
        {"Email", 30},
        {"Cohort", 12},
        {"Team", 16},
        {"Judges", 8},
        {"Calibrated", 11},
        {"Impact", 24},
        {"Peer rating", 11},
        {"Peer count", 10},
        {"Encore votes", 12},
        {"Rule", 36},
        {"Explanation", 80},
        {"Slot", 10},
        {"Slot id", 38},
        {"Issued by", 16},
        {"Issued at (UTC)", 21},
        {"Slot log", 48},
        {"Encore", 11},
        {"Encore due", 12},
        {"Encore brief", 48},
        {"Encore submission", 40},
        {"Encore review", 24},
    };
}

// The encore's step, due date, brief, submission and review: blank for a decision that was
// never an encore.
void appendEncoreCells(std::vector<Cell>& row, const Decision& d) {
    if (!d.encore) {
        for (int i = 0; i < 5; ++i) row.push_back(blankCell());
        return;
    }
    const EncoreAssignment& a = *d.encore;
    row.push_back(textCell(encoreStateName(d.encoreState)));
    row.push_back(textCell(isoDayUtc(a.dueAt)));
    row.push_back(textCell(a.brief));
    row.push_back(a.submission.empty() ? blankCell() : textCell(a.submission));
    row.push_back(a.reviewTotal ? textCell(fmt::format("{:.0f} of 100, ", *a.reviewTotal) +
                                           isoDayUtc(a.reviewedAt))
                                : blankCell());
}

// One row of the table, shared by both writers so the columns cannot drift apart.
std::vector<Cell> rowOf(const Decision& d) {
    std::vector<Cell> row;
    row.reserve(25);
    row.push_back(d.rank > 0 ? integerCell(d.rank) : blankCell());
    row.push_back(textCell(outcomeName(d.outcome)));
    row.push_back(textCell(d.internName));
    row.push_back(textCell(d.showcaseTitle));  // beside the name: two demos of one person differ
    row.push_back(textCell(d.email));
    row.push_back(textCell(d.cohort));
    row.push_back(textCell(d.team));
    row.push_back(integerCell(d.judges));
    // Without a judge (or a peer rating) a 0.00 figure would read as a real, very low score.
    row.push_back(d.judges > 0 ? decimalCell(d.calibrated, CellKind::Signed) : blankCell());
    // The metric that changed is the evidence of impact; no impact leaves the cell empty.
    row.push_back(d.impact ? textCell(d.metric) : blankCell());
    row.push_back(d.peerCount > 0 ? decimalCell(d.peerMean) : blankCell());
    row.push_back(integerCell(d.peerCount));
    row.push_back(integerCell(d.encoreVotes));
    row.push_back(textCell(d.rule));
    row.push_back(textCell(d.explanation));
    // The issued slot's state and life-cycle: empty when none was issued (yet).
    row.push_back(d.slotState.empty() ? blankCell() : textCell(d.slotState));
    row.push_back(d.slotId.empty() ? blankCell() : textCell(d.slotId));
    row.push_back(d.slotIssuedBy.empty() ? blankCell() : textCell(d.slotIssuedBy));
    row.push_back(d.slotIssuedAt > 0 ? textCell(isoUtc(d.slotIssuedAt / 1000)) : blankCell());
    row.push_back(d.slotActs.empty() ? blankCell() : textCell(d.slotActs));
    appendEncoreCells(row, d);
    return row;
}

Table slotTable(const std::vector<Decision>& decisions) {
    Table table{slotColumns(), {}};
    table.rows.reserve(decisions.size());
    for (const Decision& d : decisions) table.rows.push_back(rowOf(d));
    return table;
}

// Floor division, so an instant before 1970 still lands in the right second.
std::string utcIso8601(std::int64_t unixMs) {
    std::int64_t seconds = unixMs / 1000 - (unixMs % 1000 < 0 ? 1 : 0);
    return isoUtc(seconds);
}

}  // namespace

// The selection rate per cohort; a small cohort's slot count would give its rate away, so
// its cells are blank, with the reason.
Table fairnessTable(const std::vector<CohortFairness>& fairness) {
    Table table{{{"Cohort", 24},
                 {"Decided demos", 16},
                 {"Slots", 16},
                 {"Selection rate", 16},
                 {"Impact ratio", 16},
                 {"Four-fifths rule", 16}},
                {}};
    for (const CohortFairness& f : fairness) {
        if (f.suppressed) {
            table.rows.push_back(
                {textCell(f.cohort), integerCell(f.decided), blankCell(), blankCell(), blankCell(),
                 textCell("suppressed (fewer decided demos than the minimum cell size)")});
        } else {
            table.rows.push_back({textCell(f.cohort), integerCell(f.decided), integerCell(f.slots),
                                  decimalCell(f.rate), decimalCell(f.impactRatio),
                                  textCell(f.belowFourFifths ? "below 0.80" : "met")});
        }
    }
    return table;
}

void writeOfferSlotsCsv(const std::string& path, const std::vector<Decision>& decisions,
                        const SlotExportMeta& meta) {
    // The CSV is the bare table so it imports anywhere; the event details are in the XLSX
    // "About" sheet and in the file name the caller picks.
    (void)meta;
    writeTableCsv(path, slotTable(decisions), std::string(kLabel));
}

void writeOfferSlotsXlsx(const std::string& path, const std::vector<Decision>& decisions,
                         const SlotExportMeta& meta) {
    XlsxBook book(path, std::string(kLabel));
    book.addTable("Offer slots", slotTable(decisions));
    book.addAbout("About", {{"Event", textCell(meta.eventName)},
                            {"Generated at (UTC)", textCell(utcIso8601(meta.generatedAt))},
                            {"Slot budget", integerCell(meta.budget)},
                            {"Already issued", integerCell(meta.alreadyIssued)},
                            {"Rules", textCell(meta.rules)}});
    book.addTable("Fairness", fairnessTable(meta.fairness), false);
    book.commit();
}

}  // namespace oh
