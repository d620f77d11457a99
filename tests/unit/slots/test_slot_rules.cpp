// The slot rules (core/slots/slot_rules.hpp): the life-cycle's transitions, the central's
// decision on an issue in its order, and a grant's expiry on a device's own clock.
#include <gtest/gtest.h>

#include "core/slots/slot_rules.hpp"

using namespace oh;

namespace {

IssueFacts fromLiveGrant(int size, int used, int budget = 10, int live = 0, int outstanding = 0) {
    IssueFacts f;
    f.grantKnown = true;
    f.grantLive = true;
    f.grantSize = size;
    f.grantUsed = used;
    f.budget = {budget, live, outstanding};
    return f;
}

TEST(SlotStates, NamesRoundTripAndOnlyIssuedHeldAcceptedAreLive) {
    for (auto s : {SlotState::Issued, SlotState::Held, SlotState::Accepted, SlotState::Declined,
                   SlotState::Expired, SlotState::Revoked, SlotState::Duplicate, SlotState::Void})
        EXPECT_EQ(parseSlotState(slotStateName(s)), s);
    EXPECT_FALSE(parseSlotState("Issued"));
    EXPECT_TRUE(isLive("issued"));
    EXPECT_TRUE(isLive("held"));
    EXPECT_TRUE(isLive("accepted"));
    for (const char* dead : {"declined", "expired", "revoked", "duplicate", "void", "nonsense"})
        EXPECT_FALSE(isLive(dead)) << dead;
}

TEST(SlotActs, AnIssuedSlotCanBeAcceptedDeclinedExpiredRevokedOrHeld) {
    EXPECT_EQ(afterAct(SlotState::Issued, SlotActKind::Accept), SlotState::Accepted);
    EXPECT_EQ(afterAct(SlotState::Issued, SlotActKind::Decline), SlotState::Declined);
    EXPECT_EQ(afterAct(SlotState::Issued, SlotActKind::Expire), SlotState::Expired);
    EXPECT_EQ(afterAct(SlotState::Issued, SlotActKind::Revoke), SlotState::Revoked);
    EXPECT_EQ(afterAct(SlotState::Issued, SlotActKind::Hold), SlotState::Held);
    EXPECT_FALSE(afterAct(SlotState::Issued, SlotActKind::Release));
}

TEST(SlotActs, AHeldSlotIsReleasedRevokedDeclinedOrExpiredButNotAccepted) {
    EXPECT_EQ(afterAct(SlotState::Held, SlotActKind::Release), SlotState::Issued);
    EXPECT_EQ(afterAct(SlotState::Held, SlotActKind::Revoke), SlotState::Revoked);
    EXPECT_EQ(afterAct(SlotState::Held, SlotActKind::Decline), SlotState::Declined);
    EXPECT_EQ(afterAct(SlotState::Held, SlotActKind::Expire), SlotState::Expired);
    EXPECT_FALSE(afterAct(SlotState::Held, SlotActKind::Accept));
    EXPECT_FALSE(afterAct(SlotState::Held, SlotActKind::Hold));
}

TEST(SlotActs, AnAcceptedSlotCanOnlyBeRevokedAndFinalStatesTakeNoAct) {
    EXPECT_EQ(afterAct(SlotState::Accepted, SlotActKind::Revoke), SlotState::Revoked);
    EXPECT_FALSE(afterAct(SlotState::Accepted, SlotActKind::Decline));
    for (auto s : {SlotState::Declined, SlotState::Expired, SlotState::Revoked,
                   SlotState::Duplicate, SlotState::Void})
        for (auto a : {SlotActKind::Accept, SlotActKind::Decline, SlotActKind::Expire,
                       SlotActKind::Revoke, SlotActKind::Hold, SlotActKind::Release})
            EXPECT_FALSE(afterAct(s, a)) << slotStateName(s) << " " << slotActName(a);
    EXPECT_EQ(actRefusal(SlotState::Declined, SlotActKind::Accept),
              "slot is declined: it cannot be accepted");
}

TEST(SlotActs, RevokeAndHoldNeedAReasonAndActNamesRoundTrip) {
    EXPECT_TRUE(actNeedsReason(SlotActKind::Revoke));
    EXPECT_TRUE(actNeedsReason(SlotActKind::Hold));
    EXPECT_FALSE(actNeedsReason(SlotActKind::Accept));
    EXPECT_FALSE(actNeedsReason(SlotActKind::Decline));
    for (auto a : {SlotActKind::Accept, SlotActKind::Decline, SlotActKind::Expire,
                   SlotActKind::Revoke, SlotActKind::Hold, SlotActKind::Release})
        EXPECT_EQ(parseSlotAct(slotActName(a)), a);
    EXPECT_FALSE(parseSlotAct("grant"));
}

TEST(DecideIssue, AnIssueNamingNoGrantOfTheDeviceIsVoidEvenWithThePoolFree) {
    IssueFacts f;
    f.budget = {10, 0, 0};
    const IssueDecision d = decideIssue(f);
    EXPECT_EQ(d.state, SlotState::Void);
    EXPECT_FALSE(d.fromGrant);
}

TEST(DecideIssue, AnInternWithALiveSlotMakesADuplicateWhosePlaceGoesToThePool) {
    IssueFacts f = fromLiveGrant(2, 0);
    f.internHasLiveSlot = true;
    IssueDecision d = decideIssue(f);
    EXPECT_EQ(d.state, SlotState::Duplicate);
    EXPECT_TRUE(d.fromGrant) << "counted against the grant: it leaves the grant for the pool";
    f.grantUsed = 2;
    EXPECT_FALSE(decideIssue(f).fromGrant) << "a used-up grant has no place to give";
}

TEST(DecideIssue, ALiveGrantWithRoomIssuesFromItAndAUsedUpOneIsVoid) {
    IssueDecision d = decideIssue(fromLiveGrant(2, 1, 10, 10, 0));
    EXPECT_EQ(d.state, SlotState::Issued);
    EXPECT_TRUE(d.fromGrant);
    d = decideIssue(fromLiveGrant(2, 2));
    EXPECT_EQ(d.state, SlotState::Void) << "a live grant used up does not reach the pool";
    EXPECT_EQ(d.reason, "its grant was used up");
}

TEST(DecideIssue, AnEndedGrantIssuesFromThePoolWhileItHasRoomElseVoid) {
    IssueFacts f = fromLiveGrant(2, 0, 5, 4, 0);
    f.grantLive = false;
    IssueDecision d = decideIssue(f);
    EXPECT_EQ(d.state, SlotState::Issued);
    EXPECT_FALSE(d.fromGrant);
    EXPECT_EQ(d.reason, "from the pool");
    f.budget = {5, 4, 1};
    EXPECT_EQ(decideIssue(f).state, SlotState::Void);
}

TEST(DecideIssue, ByHandIgnoresGrantsAndTakesThePool) {
    IssueFacts f;
    f.byHand = true;
    f.budget = {3, 2, 0};
    EXPECT_EQ(decideIssue(f).state, SlotState::Issued);
    EXPECT_EQ(decideIssue(f).reason, "granted by hand");
    f.budget = {3, 2, 1};
    EXPECT_EQ(decideIssue(f).state, SlotState::Void);
}

TEST(GrantClock, TheLocalExpiryIsTheTimeLeftFromWhenTheAnswerArrived) {
    const std::int64_t central = 1'000'000, expires = central + 60'000;
    EXPECT_EQ(localExpiry(central, expires, 5'000'000), 5'060'000);  // a clock far ahead
    EXPECT_EQ(localExpiry(central, expires, 100), 60'100);           // a clock far behind
    EXPECT_EQ(localExpiry(central, central - 10, 7'000), 7'000) << "already expired";
}

TEST(GrantClock, ADeviceIssuesOnlyBeforeItsLocalExpiryWithRoomAndWhileNotEnded) {
    SlotGrant g;
    g.size = 2;
    g.used = 1;
    g.localExpiresAt = 1000;
    EXPECT_TRUE(mayIssueFromGrant(g, 999));
    EXPECT_FALSE(mayIssueFromGrant(g, 1000));
    g.used = 2;
    EXPECT_FALSE(mayIssueFromGrant(g, 10));
    g.used = 0;
    g.endedAt = 5;
    EXPECT_FALSE(mayIssueFromGrant(g, 10));
}

TEST(GrantClock, TheCentralReclaimsOnlyFromExpiryPlusMarginAndCountsOnlyLiveGrants) {
    SlotGrant g;
    g.size = 3;
    g.used = 1;
    g.expiresAt = 10'000;
    EXPECT_FALSE(reclaimable(g, 10'999, 1000));
    EXPECT_TRUE(reclaimable(g, 11'000, 1000));
    EXPECT_EQ(outstandingOf(g), 2);
    g.used = 5;
    EXPECT_EQ(outstandingOf(g), 0);
    g.used = 0;
    g.endedAt = 1;
    EXPECT_EQ(outstandingOf(g), 0);
    EXPECT_FALSE(reclaimable(g, 99'999, 0));
}

TEST(Budget, FreeIsWhatNeitherLiveSlotsNorGrantsHold) {
    BudgetView b{20, 7, 5};
    EXPECT_EQ(b.free(), 8);
}

}  // namespace
