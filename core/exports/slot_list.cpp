#include "core/exports/slot_list.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/decisions/figures.hpp"
#include "core/slots/issuing.hpp"
#include "core/slots/slot_book.hpp"
#include "core/text/plural.hpp"

namespace oh {

SlotList buildSlotList(Store& store, const Event& event, const ConversionRules& rules,
                       std::int64_t nowMs) {
    JudgingInput input;
    input.showcases = store.showcases(event.id);
    input.scores = store.scores(event.id);
    input.feedback = store.feedback(event.id);
    input.people = store.attendees(event.id);
    input.budget = event.slotBudget;
    SlotList list;
    list.decisions = decideConversions(input, rules);
    SlotBook book(store);
    list.issued = book.slots(event.id);
    attachIssuedSlots(
        list.decisions, list.issued, book.acts(event.id),
        [&store](const std::string& id) { return store.deviceName(id).value_or(id.substr(0, 8)); });
    list.slots = static_cast<int>(
        std::count_if(list.decisions.begin(), list.decisions.end(),
                      [](const Decision& d) { return d.outcome == Outcome::Slot; }));
    list.meta = SlotExportMeta{
        event.name,          nowMs,
        event.slotBudget,    0,
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
