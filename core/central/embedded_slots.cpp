#include "core/central/embedded_slots.hpp"

#include <algorithm>

#include "core/db/sqlite.hpp"
#include "core/model/ids.hpp"
#include "core/slots/slot_wire.hpp"

namespace oh {

EmbeddedSlots::EmbeddedSlots(Store& store, std::int64_t marginMs, Publish publish)
    : store_(store), marginMs_(marginMs), publish_(std::move(publish)), book_(store) {}

GrantAnswer EmbeddedSlots::requestGrant(const std::string& deviceId, const std::string& eventId,
                                        int want, std::int64_t ttlMs) {
    sql::Transaction tx(store_.db());
    const std::int64_t now = nowMillis();
    book_.reclaimExpired(eventId, now, marginMs_);
    GrantAnswer answer;
    answer.centralNowMs = now;
    const int size = std::min(std::max(want, 0), std::max(0, book_.budget(eventId).free()));
    if (size > 0) {
        SlotGrant& g = answer.grant;
        g.id = Uuid::v7().str();
        g.eventId = eventId;
        g.deviceId = deviceId;
        g.size = size;
        g.grantedAt = now;
        g.expiresAt = now + std::clamp(ttlMs, kMinGrantTtlMs, kMaxGrantTtlMs);
        book_.putGrant(g);
    }
    tx.commit();
    return answer;
}

bool EmbeddedSlots::returnGrant(const std::string& deviceId, const std::string& eventId,
                                const std::string& grantId) {
    sql::Transaction tx(store_.db());
    auto g = book_.grant(grantId);
    if (!g || g->deviceId != deviceId || g->eventId != eventId)
        throw SlotRefused("not a grant of this device");
    const bool ended = book_.endGrant(grantId, nowMillis(), "returned");
    tx.commit();
    return ended;
}

std::vector<Slot> EmbeddedSlots::issue(const std::string& deviceId, const std::string& eventId,
                                       const std::vector<Slot>& issues) {
    std::vector<Slot> out;
    out.reserve(issues.size());
    sql::Transaction tx(store_.db());
    for (const auto& s : issues) out.push_back(issueOne(deviceId, eventId, s));
    tx.commit();
    return out;
}

std::optional<std::string> EmbeddedSlots::malformed(const std::string& eventId, const Slot& s) {
    if (!Uuid::parse(s.id)) return "a slot id is not a UUID";
    if (s.eventId != eventId) return "not this device's event";
    auto intern = store_.attendee(s.internId);
    if (!intern || intern->eventId != eventId) return "unknown intern";
    if (!s.showcaseId.empty()) {
        auto demo = store_.showcase(s.showcaseId);
        if (!demo || demo->eventId != eventId) return "unknown showcase";
    }
    return std::nullopt;
}

Slot EmbeddedSlots::issueOne(const std::string& deviceId, const std::string& eventId, Slot s) {
    if (auto existing = book_.slot(s.id)) return *existing;  // a retry: the same answer
    if (auto why = malformed(eventId, s)) throw SlotRefused(*why);
    s.deviceId = deviceId;
    return settle(std::move(s), false);
}

Slot EmbeddedSlots::settle(Slot s, bool byHand) {
    const IssueDecision d = decideIssue(book_.issueFacts(s, byHand));
    s.state = slotStateName(d.state);
    s.reason = d.reason;
    s.stateAt = nowMillis();
    s.version = 1;
    s.fromGrant = d.fromGrant;
    record(s);
    return s;
}

void EmbeddedSlots::record(const Slot& s, bool byTheLead) {
    book_.putSlot(s);
    // The feed skips a device's own records when it pulls: an issue is written as the issuing
    // device's (it has the answer already), a lead's act as the central's, so the issuing
    // device learns of a decline or revoke too (as oh_slot_feed writes it on PostgreSQL).
    publish_(byTheLead ? std::string() : s.deviceId, s.eventId, slotStateRecord(s));
}

Slot EmbeddedSlots::byHand(Slot s, const std::string& actor, const std::string& reason) {
    sql::Transaction tx(store_.db());
    if (s.id.empty()) s.id = Uuid::v7().str();
    if (auto existing = book_.slot(s.id)) return *existing;
    if (auto why = malformed(s.eventId, s)) throw SlotRefused(*why);
    if (reason.empty()) throw SlotRefused("a slot granted by hand needs a reason");
    s.deviceId.clear();
    s.grantId.clear();
    s.issuedAt = nowMillis();
    s.explanation = s.explanation.empty() ? "granted by hand: " + reason : s.explanation;
    Slot out = settle(std::move(s), true);
    book_.logAct({out.id, "grant", actor, "", reason, out.stateAt, "", out.state});
    tx.commit();
    return out;
}

Slot EmbeddedSlots::act(const SlotAct& a) {
    const auto kind = parseSlotAct(a.act);
    if (!kind) throw SlotRefused("unknown act " + a.act);
    if (actNeedsReason(*kind) && a.reason.empty())
        throw SlotRefused(std::string("to ") + a.act + " a slot needs a reason");
    sql::Transaction tx(store_.db());
    auto s = book_.slot(a.slotId);
    if (!s) throw SlotRefused("no slot " + a.slotId);
    const SlotState from = parseSlotState(s->state).value_or(SlotState::Void);
    const auto to = afterAct(from, *kind);
    if (!to) throw SlotRefused(actRefusal(from, *kind));
    SlotAct logged = a;
    logged.at = nowMillis();
    logged.fromState = s->state;
    logged.toState = slotStateName(*to);
    s->state = logged.toState;
    s->stateAt = logged.at;
    s->reason = a.reason;
    ++s->version;
    record(*s, true);
    book_.logAct(logged);
    tx.commit();
    return *s;
}

BudgetView EmbeddedSlots::budget(const std::string& eventId) {
    return book_.budget(eventId);
}

}  // namespace oh
