// Attacks on the slot budget by a device's own login (kiosk A, bound to event A), on both
// central adapters: it cannot take a grant or give one back as another device, cannot issue
// from another device's grant or into another event, cannot act on a slot, grant one by hand
// or read the program's slot views; and everything it tries leaves the budget as it was.
#include "core/slots/slot_rules.hpp"
#include "tests/integration/device_role_attacks.hpp"

using namespace oh;
using namespace oh::it;

namespace {

class SlotAttacks : public DeviceRoleAttacks {
  protected:
    Slot slotFor(const Seed& seed, const std::string& internId, const std::string& grantId) {
        Slot s;
        s.id = Uuid::v7().str();
        s.eventId = seed.event.id;
        s.internId = internId;
        s.grantId = grantId;
        s.issuedAt = nowMillis();
        return s;
    }
    BudgetView budget(const Seed& seed) { return admin_->budget(seed.event.id); }
};

// A login that names another device: PostgreSQL knows the role is kiosk A's. (The embedded
// central has no logins: whoever can open its file is trusted with the ids it names, as for
// pushes; docs/security.md.)
TEST_P(SlotAttacks, ADeviceCannotTakeOrGiveBackAGrantAsAnotherDevice) {
    if (GetParam() == Backend::Postgres) {
        EXPECT_THROW(central_->requestGrant(kioskB_->deviceId(), 3, 60'000), std::exception);
        EXPECT_EQ(budget(theirs_).outstanding, 0);
    }
    const GrantAnswer theirs = b().requestGrant(kioskB_->deviceId(), 2, 60'000);
    ASSERT_EQ(theirs.grant.size, 2);
    EXPECT_THROW(central_->returnGrant(kioskA_->deviceId(), theirs.grant.id), std::exception);
    if (GetParam() == Backend::Postgres)
        EXPECT_THROW(central_->returnGrant(kioskB_->deviceId(), theirs.grant.id), std::exception);
    EXPECT_EQ(budget(theirs_).outstanding, 2);
}

TEST_P(SlotAttacks, ADeviceCannotIssueFromAnotherDevicesGrantOrIntoAnotherEvent) {
    const GrantAnswer theirs = b().requestGrant(kioskB_->deviceId(), 2, 60'000);
    const GrantAnswer mine = central_->requestGrant(kioskA_->deviceId(), 1, 60'000);
    ASSERT_EQ(mine.grant.size, 1);
    // Another event's intern, under another device's grant: refused outright.
    EXPECT_THROW(central_->issueSlots(kioskA_->deviceId(),
                                      {slotFor(theirs_, theirs_.attendees[0], theirs.grant.id)}),
                 SlotRefused);
    // Our own event, naming their grant: void, and it takes nothing from anyone.
    auto out = central_->issueSlots(kioskA_->deviceId(),
                                    {slotFor(ours_, ours_.attendees[0], theirs.grant.id)});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].state, "void");
    // Our own grant, used twice: the second is void (no reaching into the pool).
    out = central_->issueSlots(kioskA_->deviceId(),
                               {slotFor(ours_, ours_.attendees[2], mine.grant.id),
                                slotFor(ours_, ours_.attendees[4], mine.grant.id)});
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].state, "issued");
    EXPECT_EQ(out[1].state, "void");
    EXPECT_EQ(budget(ours_).live, 1);
    EXPECT_EQ(budget(theirs_).live, 0);
    EXPECT_EQ(budget(theirs_).outstanding, 2);
}

TEST_P(SlotAttacks, ADeviceCannotActOnSlotsGrantOneByHandOrReadTheProgramsViews) {
    Slot s;
    s.eventId = ours_.event.id;
    s.internId = ours_.attendees[0];
    const Slot issued = admin_->grantSlotByHand(s, "lead", "seeded for the attack");
    ASSERT_EQ(issued.state, "issued");
    EXPECT_THROW(central_->actOnSlot({issued.id, "revoke", "mallory", "", "x", 0, "", ""}),
                 std::exception);
    s.id.clear();
    s.internId = ours_.attendees[2];
    EXPECT_THROW(central_->grantSlotByHand(s, "mallory", "because"), std::exception);
    EXPECT_THROW(central_->budget(ours_.event.id), std::exception);
    EXPECT_THROW(central_->slots(theirs_.event.id), std::exception);
    EXPECT_THROW(central_->grants(ours_.event.id), std::exception);
    EXPECT_THROW(central_->slotActs(ours_.event.id), std::exception);
    EXPECT_EQ(budget(ours_).live, 1);
    const auto slots = admin_->slots(ours_.event.id);
    ASSERT_EQ(slots.size(), 1u);
    EXPECT_EQ(slots[0].state, "issued");
}

// Malformed issues are refused whole, each with its reason, and take nothing.
TEST_P(SlotAttacks, AMalformedIssueIsRefusedWithItsReason) {
    const GrantAnswer mine = central_->requestGrant(kioskA_->deviceId(), 1, 60'000);
    auto reasonOf = [&](const Slot& s) -> std::string {
        try {
            central_->issueSlots(kioskA_->deviceId(), {s});
        } catch (const SlotRefused& e) {
            return e.what();
        }
        return "not refused";
    };
    Slot badId = slotFor(ours_, ours_.attendees[0], mine.grant.id);
    badId.id = "not-a-uuid";
    EXPECT_NE(reasonOf(badId).find("a slot id is not a UUID"), std::string::npos);
    Slot nobody = slotFor(ours_, Uuid::v7().str(), mine.grant.id);
    EXPECT_NE(reasonOf(nobody).find("unknown intern"), std::string::npos);
    Slot noDemo = slotFor(ours_, ours_.attendees[0], mine.grant.id);
    noDemo.showcaseId = Uuid::v7().str();
    EXPECT_NE(reasonOf(noDemo).find("unknown showcase"), std::string::npos);
    EXPECT_EQ(budget(ours_).live, 0);
    EXPECT_EQ(admin_->slots(ours_.event.id).size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Central, SlotAttacks, testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);

}  // namespace
