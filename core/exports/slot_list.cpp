#include "core/exports/slot_list.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/decisions/figures.hpp"
#include "core/slots/issuing.hpp"
#include "core/slots/slot_book.hpp"
#include "core/slots/slot_rules.hpp"
#include "core/text/plural.hpp"

namespace oh {

SlotList buildSlotList(Store& store, const Event& event, const ConversionRules& rules,
                       std::int64_t nowMs) {
    SlotList list;
    list.decisions = eventDecisions(store, event.id, rules, nowMs);  // the rules' one home
    list.issued = SlotBook(store).slots(event.id);
    const int live = static_cast<int>(std::count_if(list.issued.begin(), list.issued.end(),
                                                    [](const Slot& s) { return isLive(s.state); }));
    list.slots = static_cast<int>(
        std::count_if(list.decisions.begin(), list.decisions.end(),
                      [](const Decision& d) { return d.outcome == Outcome::Slot; }));
    list.meta = SlotExportMeta{
        event.name,          nowMs,
        event.slotBudget,    live,
        rulesSummary(rules), fairnessByCohort(list.decisions, rules.fairnessMinCell)};
    return list;
}

std::string rulesSummary(const ConversionRules& r) {
    const std::string peers =
        r.minPeerRating <= 0
            ? std::string("peer rating not required")
            : fmt::format(
                  "peer rating >= {} from {} (fewer: pending; lower: encore only when "
                  "the bar is met and most judges recommend one)",
                  figureText(r.minPeerRating),
                  plural(std::max(1, r.minPeerCount), "peer", "peers"));
    return fmt::format(
        "quorum {}; calibrated score (per-judge z) >= {}; encore within {} below or by a "
        "majority of judges; live-metric impact {}; {}",
        plural(r.quorum, "judge", "judges"), signedFigureText(r.bar), figureText(r.encoreMargin),
        r.requireImpact ? "required" : "not required", peers);
}

}  // namespace oh
