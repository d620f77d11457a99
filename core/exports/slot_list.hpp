// The offer-slot list as `openhouse slots` shows it and every export writes it: the
// conversion decisions by the configured rules over the store's demos, scores, peer
// ratings and people, with the slots already issued attached, the fairness by cohort, and
// the export's "About" details. One home, so the terminal and the file never disagree.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/decisions/conversion.hpp"
#include "core/decisions/slot_export.hpp"
#include "core/exports/exports.hpp"
#include "core/model/slot.hpp"
#include "core/store/store.hpp"

namespace oh {

struct SlotList {
    std::vector<Decision> decisions;
    std::vector<Slot> issued;  // every slot issued at the event, whatever its state
    SlotExportMeta meta;       // event, time, budget, rules, fairness by cohort
    int slots = 0;             // decisions whose outcome is a slot
};

SlotList buildSlotList(Store& store, const Event& event, const ConversionRules& rules,
                       std::int64_t nowMs);

// Writes a built list (the CLI prints it first, then writes the same list).
ExportResult writeSlotList(const SlotList& list, ExportFormat format, const std::string& path);

// One line: "quorum 3 judges; calibrated score (per-judge z) >= +0.50; ...".
std::string rulesSummary(const ConversionRules& rules);

}  // namespace oh
