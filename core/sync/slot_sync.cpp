#include "core/sync/slot_sync.hpp"

#include "core/db/sqlite.hpp"
#include "core/model/ids.hpp"

namespace oh {

namespace {

std::int64_t localNow(const SlotDuty& duty) {
    return duty.clock ? duty.clock() : nowMillis();
}

void confirm(Store& store, SlotBook& book, CentralRecord& central, const SlotDuty& duty,
             SlotRound& round) {
    const std::vector<Slot> pending = book.unconfirmed(duty.eventId);
    if (pending.empty()) return;
    std::vector<Slot> decided;
    try {
        decided = central.issueSlots(store.deviceId(), pending);
    } catch (const SlotRefused&) {
        // One issue the central cannot take (a person it does not know) must not hold the
        // others back: each alone, and the refused one kept as void with the reason.
        for (const auto& s : pending) {
            try {
                auto one = central.issueSlots(store.deviceId(), {s});
                decided.insert(decided.end(), one.begin(), one.end());
            } catch (const SlotRefused& e) {
                Slot refused = s;
                refused.state = slotStateName(SlotState::Void);
                refused.reason = std::string("refused by the central: ") + e.what();
                refused.version = 1;
                decided.push_back(refused);
            }
        }
    }
    sql::Transaction tx(store.db());
    for (const auto& s : decided) {
        book.putSlot(s);
        ++round.confirmed;
        if (s.state == slotStateName(SlotState::Duplicate)) ++round.duplicates;
        if (s.state == slotStateName(SlotState::Void)) ++round.voided;
    }
    tx.commit();
}

bool allConfirmed(SlotBook& book, const std::string& eventId, const std::string& grantId) {
    for (const auto& s : book.unconfirmed(eventId))
        if (s.grantId == grantId) return false;
    return true;
}

void returnExpired(Store& store, SlotBook& book, CentralRecord& central, const SlotDuty& duty,
                   SlotRound& round) {
    const std::int64_t now = localNow(duty);
    for (auto g : book.grants(duty.eventId)) {
        if (g.endedAt != 0 || g.deviceId != store.deviceId() || now < g.localExpiresAt) continue;
        if (!allConfirmed(book, duty.eventId, g.id)) continue;
        central.returnGrant(store.deviceId(), g.id);
        g.endedAt = now;
        g.endedHow = "returned";
        book.putGrant(g);
        ++round.returned;
    }
}

void askForGrant(Store& store, SlotBook& book, CentralRecord& central, const SlotDuty& duty,
                 SlotRound& round) {
    if (duty.policy.mode == IssueMode::Manual) return;
    if (book.usableGrant(duty.eventId, localNow(duty))) return;
    GrantAnswer a =
        central.requestGrant(store.deviceId(), duty.policy.grantSize, duty.policy.grantTtlMs);
    if (a.grant.size <= 0) return;
    a.grant.eventId = duty.eventId;
    a.grant.localExpiresAt = localExpiry(a.centralNowMs, a.grant.expiresAt, localNow(duty));
    book.putGrant(a.grant);
    round.granted = a.grant.size;
}

}  // namespace

int issueDueSlots(Store& store, SlotBook& book, const SlotDuty& duty) {
    int issued = 0;
    const std::int64_t now = localNow(duty);
    for (const auto& d :
         decisionsToIssue(store, book, duty.eventId, duty.rules, duty.policy, now)) {
        const LocalIssue r = issueFromGrant(store, book, d, duty.eventId, now);
        if (r.status == LocalIssueStatus::NoGrant) break;
        if (r.status == LocalIssueStatus::Issued) ++issued;
    }
    return issued;
}

SlotRound exchangeSlots(Store& store, SlotBook& book, CentralRecord& central,
                        const SlotDuty& duty) {
    SlotRound round;
    confirm(store, book, central, duty, round);
    returnExpired(store, book, central, duty, round);
    askForGrant(store, book, central, duty, round);
    return round;
}

}  // namespace oh
