#include "core/slots/issuing.hpp"

#include <algorithm>
#include <set>

#include "core/db/sqlite.hpp"
#include "core/model/hlc.hpp"
#include "core/model/ids.hpp"

namespace oh {

namespace {

constexpr const char* kModeNames[] = {"immediate", "window", "manual"};

// The store's side of a decision: demos, scores, feedback, people, the budget, encores.
JudgingInput storedInput(Store& store, const Event& event, std::int64_t nowMs) {
    JudgingInput in;
    in.showcases = store.showcases(event.id);
    in.scores = store.scores(event.id);
    in.feedback = store.feedback(event.id);
    in.people = store.attendees(event.id);
    in.budget = event.slotBudget;
    in.encores = store.encores(event.id);
    in.encoreFromMs = event.endsAt * 1000;
    in.nowMs = nowMs;
    return in;
}

// What is left to issue: the budget after the live slots, and the interns the rules have not
// given a slot yet. Every demo stays in the input (so the calibration and the ranks are the
// day's, whoever holds a slot already); an intern whose slot was declined, revoked or expired
// is not issued again by the rules (only a lead's grant by hand gives another): the place goes
// to the next candidate. A void issue took nothing, so its intern is still to be issued.
JudgingInput judgingInputOf(Store& store, SlotBook& book, const Event& event, std::int64_t nowMs) {
    JudgingInput in = storedInput(store, event, nowMs);
    std::set<std::string> issuedTo;
    for (const auto& slot : book.slots(event.id)) {
        if (isLive(slot.state)) ++in.alreadyIssued;
        if (slot.state != slotStateName(SlotState::Void)) issuedTo.insert(slot.internId);
    }
    in.issuedTo.assign(issuedTo.begin(), issuedTo.end());
    return in;
}

}  // namespace

const char* issueModeName(IssueMode mode) {
    return kModeNames[static_cast<int>(mode)];
}

std::optional<IssueMode> parseIssueMode(std::string_view name) {
    for (int i = 0; i < 3; ++i)
        if (name == kModeNames[i]) return static_cast<IssueMode>(i);
    return std::nullopt;
}

std::optional<std::int64_t> quorumReachedAt(const std::vector<Score>& scores,
                                            const std::string& showcaseId, int quorum) {
    std::vector<std::int64_t> stamps;
    for (const auto& s : scores)
        if (s.showcaseId == showcaseId && s.total && !s.deleted)
            if (auto clock = Hlc::parse(s.hlc)) stamps.push_back(clock->wall);
    if (quorum < 1 || static_cast<int>(stamps.size()) < quorum) return std::nullopt;
    std::nth_element(stamps.begin(), stamps.begin() + (quorum - 1), stamps.end());
    return stamps[quorum - 1];
}

std::vector<Decision> decisionsToIssue(Store& store, SlotBook& book, const std::string& eventId,
                                       const ConversionRules& rules, const SlotPolicy& policy,
                                       std::int64_t nowMs, bool byHand) {
    if (policy.mode == IssueMode::Manual && !byHand) return {};
    const auto event = store.event(eventId);
    if (!event) return {};
    const JudgingInput in = judgingInputOf(store, book, *event, nowMs);
    std::vector<Decision> out;
    for (auto& d : decideConversions(in, rules)) {
        if (d.outcome != Outcome::Slot) continue;
        if (std::find(in.issuedTo.begin(), in.issuedTo.end(), d.internId) != in.issuedTo.end())
            continue;
        if (policy.mode == IssueMode::Window && !byHand) {
            const auto at = quorumReachedAt(in.scores, d.showcaseId, rules.quorum);
            if (!at || nowMs - *at < policy.windowMs) continue;
        }
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<Decision> eventDecisions(Store& store, const std::string& eventId,
                                     const ConversionRules& rules, std::int64_t nowMs) {
    const auto event = store.event(eventId);
    if (!event) return {};
    auto decisions = decideConversions(storedInput(store, *event, nowMs), rules);
    SlotBook book(store);
    attachIssuedSlots(
        decisions, book.slots(eventId), book.acts(eventId),
        [&store](const std::string& id) { return store.deviceName(id).value_or(id.substr(0, 8)); });
    return decisions;
}

std::string slotExplanation(const Decision& d) {
    return d.rule + "; " + d.explanation;  // the rule names the rank
}

namespace {

// The slot shown for a decision: live first, then the newest issued.
const Slot* slotForDecision(const Decision& d, const std::vector<Slot>& slots) {
    const Slot* best = nullptr;
    for (const auto& s : slots) {
        if (s.internId != d.internId) continue;
        if (!s.showcaseId.empty() && s.showcaseId != d.showcaseId) continue;
        const bool better = !best || (isLive(s.state) && !isLive(best->state)) ||
                            (isLive(s.state) == isLive(best->state) && s.issuedAt > best->issuedAt);
        if (better) best = &s;
    }
    return best;
}

std::string actsText(const std::string& slotId, const std::vector<SlotAct>& acts) {
    std::string out;
    for (const auto& a : acts) {
        if (a.slotId != slotId) continue;
        if (!out.empty()) out += "; ";
        out += a.act + " by " + a.actor + " " + isoUtc(a.at / 1000);
        if (!a.reason.empty()) out += ": " + a.reason;
    }
    return out;
}

}  // namespace

std::string slotStateCounts(const std::vector<Slot>& slots) {
    std::string out;
    for (int i = 0; i <= static_cast<int>(SlotState::Void); ++i) {
        const char* name = slotStateName(static_cast<SlotState>(i));
        const auto n = std::count_if(slots.begin(), slots.end(),
                                     [&](const Slot& s) { return s.state == name; });
        if (n == 0) continue;
        if (!out.empty()) out += ", ";
        out += std::to_string(n) + " " + name;
    }
    return out.empty() ? "no slots issued" : out;
}

void attachIssuedSlots(std::vector<Decision>& decisions, const std::vector<Slot>& slots,
                       const std::vector<SlotAct>& acts,
                       const std::function<std::string(const std::string&)>& deviceName) {
    for (auto& d : decisions) {
        const Slot* s = slotForDecision(d, slots);
        if (!s) continue;
        d.slotId = s->id;
        d.slotState = s->state;
        d.slotIssuedAt = s->issuedAt;
        d.slotIssuedBy = s->deviceId.empty() ? "by hand" : deviceName(s->deviceId);
        d.slotActs = actsText(s->id, acts);
    }
}

LocalIssue issueFromGrant(Store& store, SlotBook& book, const Decision& d,
                          const std::string& eventId, std::int64_t localNowMs) {
    sql::Transaction tx(store.db());
    LocalIssue out;
    if (book.liveSlotOf(eventId, d.internId)) {
        out.status = LocalIssueStatus::AlreadyHolds;
        return out;
    }
    const auto grant = book.usableGrant(eventId, localNowMs);
    if (!grant) return out;
    Slot& s = out.slot;
    s.id = Uuid::v7().str();
    s.eventId = eventId;
    s.internId = d.internId;
    s.showcaseId = d.showcaseId;
    s.deviceId = store.deviceId();
    s.grantId = grant->id;
    s.issuedAt = localNowMs;
    s.stateAt = localNowMs;
    s.explanation = slotExplanation(d);
    s.fromGrant = true;
    book.putSlot(s);
    store.audit("daemon", "slot.issue", s.id, "from grant " + grant->id);
    tx.commit();
    out.status = LocalIssueStatus::Issued;
    return out;
}

}  // namespace oh
