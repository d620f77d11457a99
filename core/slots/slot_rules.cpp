#include "core/slots/slot_rules.hpp"

#include <algorithm>

namespace oh {

namespace {

constexpr const char* kStateNames[] = {"issued",  "held",    "accepted",  "declined",
                                       "expired", "revoked", "duplicate", "void"};
constexpr const char* kActNames[] = {"accept", "decline", "expire", "revoke", "hold", "release"};

}  // namespace

const char* slotStateName(SlotState state) {
    return kStateNames[static_cast<int>(state)];
}

std::optional<SlotState> parseSlotState(std::string_view name) {
    for (int i = 0; i < static_cast<int>(std::size(kStateNames)); ++i)
        if (name == kStateNames[i]) return static_cast<SlotState>(i);
    return std::nullopt;
}

bool isLive(SlotState state) {
    return state == SlotState::Issued || state == SlotState::Held || state == SlotState::Accepted;
}

bool isLive(std::string_view stateName) {
    const auto state = parseSlotState(stateName);
    return state && isLive(*state);
}

const char* slotActName(SlotActKind act) {
    return kActNames[static_cast<int>(act)];
}

std::optional<SlotActKind> parseSlotAct(std::string_view name) {
    for (int i = 0; i < static_cast<int>(std::size(kActNames)); ++i)
        if (name == kActNames[i]) return static_cast<SlotActKind>(i);
    return std::nullopt;
}

bool actNeedsReason(SlotActKind act) {
    return act == SlotActKind::Revoke || act == SlotActKind::Hold;
}

std::optional<SlotState> afterAct(SlotState from, SlotActKind act) {
    using S = SlotState;
    using A = SlotActKind;
    switch (from) {
        case S::Issued:
            switch (act) {
                case A::Accept:
                    return S::Accepted;
                case A::Decline:
                    return S::Declined;
                case A::Expire:
                    return S::Expired;
                case A::Revoke:
                    return S::Revoked;
                case A::Hold:
                    return S::Held;
                case A::Release:
                    return std::nullopt;
            }
            break;
        case S::Held:
            switch (act) {
                case A::Release:
                    return S::Issued;
                case A::Revoke:
                    return S::Revoked;
                case A::Decline:
                    return S::Declined;
                case A::Expire:
                    return S::Expired;
                default:
                    return std::nullopt;
            }
        case S::Accepted:
            if (act == A::Revoke) return S::Revoked;
            return std::nullopt;
        default:
            return std::nullopt;
    }
    return std::nullopt;
}

std::string actRefusal(SlotState from, SlotActKind act) {
    static constexpr const char* kDone[] = {"accepted", "declined", "expired",
                                            "revoked",  "held",     "released"};
    return std::string("slot is ") + slotStateName(from) + ": it cannot be " +
           kDone[static_cast<int>(act)];
}

IssueDecision decideIssue(const IssueFacts& f) {
    if (!f.byHand && !f.grantKnown)
        return {SlotState::Void, false, "not a grant of the issuing device"};
    if (f.internHasLiveSlot)
        return {SlotState::Duplicate, !f.byHand && f.grantLive && f.grantUsed < f.grantSize,
                "the intern already holds a live slot"};
    if (!f.byHand && f.grantLive) {
        if (f.grantUsed < f.grantSize) return {SlotState::Issued, true, ""};
        return {SlotState::Void, false, "its grant was used up"};
    }
    if (f.budget.free() >= 1)
        return {SlotState::Issued, false, f.byHand ? "granted by hand" : "from the pool"};
    return {SlotState::Void, false, "no budget left"};
}

std::int64_t localExpiry(std::int64_t centralNowMs, std::int64_t expiresAtMs,
                         std::int64_t localReceivedMs) {
    return localReceivedMs + std::max<std::int64_t>(0, expiresAtMs - centralNowMs);
}

bool mayIssueFromGrant(const SlotGrant& grant, std::int64_t localNowMs) {
    return grant.endedAt == 0 && grant.used < grant.size && localNowMs < grant.localExpiresAt;
}

bool reclaimable(const SlotGrant& grant, std::int64_t centralNowMs, std::int64_t marginMs) {
    return grant.endedAt == 0 && centralNowMs >= grant.expiresAt + marginMs;
}

int outstandingOf(const SlotGrant& grant) {
    return grant.endedAt == 0 ? std::max(0, grant.size - grant.used) : 0;
}

}  // namespace oh
