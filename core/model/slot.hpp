// Conversion slots and the escrow grants they are issued from (README, "Issuing slots"):
// plain data shared by the stores, both central adapters, the CLI and the daemon. The rules
// over it (life-cycle, the budget's arithmetic, a grant's expiry on a device's clock) live in
// core/slots/.
#pragma once

#include <cstdint>
#include <string>

namespace oh {

// A lease of `size` slots of an event's budget, held by one device until `expiresAt`
// (the central's clock, Unix ms) or until it is returned or reclaimed (`endedAt`).
struct SlotGrant {
    std::string id;  // UUID
    std::string eventId;
    std::string deviceId;
    int size = 0;
    std::int64_t grantedAt = 0;
    std::int64_t expiresAt = 0;
    std::int64_t endedAt = 0;  // 0 while live
    std::string endedHow;      // "returned" or "reclaimed"
    int used = 0;              // slots issued against it (the central's count)
    // Device side only: the expiry on the device's own clock, from the time left when the
    // grant arrived (so a clock an hour off changes nothing).
    std::int64_t localExpiresAt = 0;
};

// An issued conversion slot and where it stands. `state` is a SlotState name.
struct Slot {
    std::string id;  // UUID, chosen by the issuer: the idempotency key of its issue
    std::string eventId;
    std::string internId;
    std::string showcaseId;
    std::string deviceId;       // the issuing device ("" for a lead's grant by hand)
    std::string grantId;        // the grant it was issued from ("" by hand)
    std::int64_t issuedAt = 0;  // the issuer's clock, Unix ms
    std::string state = "issued";
    std::int64_t stateAt = 0;  // when the state was set (the central's clock)
    std::string reason;        // why the state is what it is (an act's reason, "duplicate")
    std::string explanation;   // the decision behind it: rule and figures, one line
    std::int64_t version = 0;  // the central's count of changes; 0: not yet confirmed
    bool fromGrant = false;    // counted against its grant (set once, when issued)
};

// One act on a slot by a lead (or the central itself: duplicate, void), as logged.
struct SlotAct {
    std::string slotId;
    std::string act;  // "accept", "decline", "expire", "revoke", "hold", "release", "grant"
    std::string actor;
    std::string deviceId;
    std::string reason;
    std::int64_t at = 0;
    std::string fromState, toState;
};

// What an event's budget holds on the central record at one instant. The invariant:
// live + outstanding <= budget.
struct BudgetView {
    int budget = 0;
    int live = 0;         // slots issued, held or accepted
    int outstanding = 0;  // the unused part of live grants
    int free() const { return budget - live - outstanding; }
};

}  // namespace oh
