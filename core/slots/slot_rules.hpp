// The rules of conversion slots, in one home (README, "Issuing slots"; docs/architecture.md,
// "Slots and escrow grants"): a slot's life-cycle, what counts against the budget, when a
// device may still issue from its grant by its own clock, and how the central decides an
// issue that reaches it. Pure functions: both central adapters and the devices call them
// (the PostgreSQL central's oh_slot_issue spells the same decision in SQL, tested alike).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/model/slot.hpp"

namespace oh {

enum class SlotState {
    Issued,     // promised to the intern
    Held,       // a lead holds it (a check pending); still counts against the budget
    Accepted,   // the intern accepted the offer
    Declined,   // back to the pool
    Expired,    // not accepted in time: back to the pool
    Revoked,    // a lead revoked it: back to the pool
    Duplicate,  // the intern already held a live slot when it reached the central
    Void,       // reached the central with no budget left for it (its grant had ended)
};
const char* slotStateName(SlotState state);
std::optional<SlotState> parseSlotState(std::string_view name);

// Live slots count against the budget: issued, held, accepted.
bool isLive(SlotState state);
bool isLive(std::string_view stateName);

enum class SlotActKind { Accept, Decline, Expire, Revoke, Hold, Release };
const char* slotActName(SlotActKind act);
std::optional<SlotActKind> parseSlotAct(std::string_view name);
// Acts a lead must give a reason for (they take a promise back or put it on hold).
bool actNeedsReason(SlotActKind act);

// The state an act leads to from `from`, or nullopt when the act does not apply there:
//   issued   -> accepted (accept), declined (decline), expired (expire), revoked, held
//   held     -> issued (release), revoked, declined, expired
//   accepted -> revoked (the offer withdrawn)
//   declined, expired, revoked, duplicate, void: final.
std::optional<SlotState> afterAct(SlotState from, SlotActKind act);
// Why an act is refused, for the lead: "slot is declined: it cannot be accepted".
std::string actRefusal(SlotState from, SlotActKind act);

// The central's decision on an issue that reaches it, in this order:
//   1. the intern already holds a live slot of the event -> Duplicate (first to reach the
//      central wins; the later one's place in its grant goes back to the pool);
//   2. its grant is live and has room -> Issued from the grant;
//   3. its grant has ended (returned, or reclaimed while the device was away) and the pool
//      has room -> Issued from the pool;
//   4. otherwise -> Void (a live grant used up, or no budget left).
// An issue naming no grant of the issuing device is Void before all this: a device's login
// cannot reach the pool except through a grant it really held.
// A lead's grant by hand has no grant: only step 1, then the pool.
struct IssueFacts {
    bool internHasLiveSlot = false;
    bool byHand = false;
    bool grantKnown = false;  // the grant exists and is the issuing device's, for this event
    bool grantLive = false;   // the device's own grant, not ended
    int grantSize = 0;
    int grantUsed = 0;  // issues counted against it so far
    BudgetView budget;
};
struct IssueDecision {
    SlotState state = SlotState::Void;
    bool fromGrant = false;  // counts against the grant (else against the pool, or nothing)
    std::string reason;      // empty when issued from the grant
};
IssueDecision decideIssue(const IssueFacts& facts);

// A grant's expiry on the device's own clock: the time the central said was left, from when
// the answer arrived. A device clock an hour fast or slow changes nothing; only how fast it
// runs does, which the central's reclaim margin covers.
std::int64_t localExpiry(std::int64_t centralNowMs, std::int64_t expiresAtMs,
                         std::int64_t localReceivedMs);

// A device issues from a grant only before its local expiry and while it has room.
bool mayIssueFromGrant(const SlotGrant& grant, std::int64_t localNowMs);

// The central reclaims a grant only once its expiry plus the margin has passed.
bool reclaimable(const SlotGrant& grant, std::int64_t centralNowMs, std::int64_t marginMs);

// The unused part of a grant that still counts against the budget.
int outstandingOf(const SlotGrant& grant);

}  // namespace oh
