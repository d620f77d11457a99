// The offer-slot list an event lead exports (README, "Judging sheets and the
// offer-slot list"): every decision with its reasons, as CSV (RFC 4180) or
// XLSX. A file holds names and e-mails, so it is written 0600, and atomically:
// a temporary file in the same folder, flushed and synced, then renamed over
// the target. A full disk or a kill mid-write leaves the previous file (if
// any) untouched and no temporary behind.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/decisions/conversion.hpp"
#include "core/decisions/export_table.hpp"
#include "core/files/private_temp_file.hpp"

namespace oh {

// What the writers throw; its `error` is the errno behind it (a missing folder, a full disk).
using ExportError = PrivateFileError;

struct SlotExportMeta {
    std::string eventName;
    std::int64_t generatedAt = 0;  // Unix ms, shown in UTC
    int budget = 0;
    int alreadyIssued = 0;
    std::string rules;                     // one-line summary of the rules applied
    std::vector<CohortFairness> fairness;  // the XLSX "Fairness" sheet
};

// Columns: rank, outcome, name, demo, email, cohort, team, judges, calibrated,
// impact, peer rating, peer count, encore votes, rule, explanation, and the issued slot:
// its state, id, the device that issued it ("by hand" for a lead), when, and the leads'
// acts on it ("revoke by ana: rules misapplied"), then the encore's state, due date,
// brief, submission and review (blank for a decision that was never an encore). Figures are
// rounded by core/decisions/figures.hpp, like the explanation and the terminal.
// Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR first)
// are prefixed with an apostrophe in the CSV.
void writeOfferSlotsCsv(const std::string& path, const std::vector<Decision>& decisions,
                        const SlotExportMeta& meta);
// One sheet "Offer slots" (header row bold and frozen, numbers as numbers), one
// sheet "About" with the event, time, budget and rules, and one sheet
// "Fairness" with the selection rate per cohort (suppressed cells left blank).
void writeOfferSlotsXlsx(const std::string& path, const std::vector<Decision>& decisions,
                         const SlotExportMeta& meta);

// The selection rate per cohort as a table (the "Fairness" sheet here and in the KPI
// workbook): a suppressed cohort's cells are blank, with the reason.
Table fairnessTable(const std::vector<CohortFairness>& fairness);

}  // namespace oh
