// The slot tables of a store (core/slots/slot_book.hpp) on a real in-memory store: the
// budget's arithmetic from rows, reclaiming grants past expiry plus the margin, a device's
// usable grant, and the feed's slot.state records applied by version.
#include "core/slots/slot_book.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "core/model/ids.hpp"
#include "core/slots/slot_wire.hpp"

namespace oh {
namespace {

class Book : public ::testing::Test {
  protected:
    void SetUp() override { store.saveEvent(sampleEvent()); }  // a budget of 3

    SlotGrant grant(int size, std::int64_t expiresAt, const std::string& device = "dev-a") {
        SlotGrant g;
        g.id = Uuid::v7().str();
        g.eventId = sampleEvent().id;
        g.deviceId = device;
        g.size = size;
        g.grantedAt = 1;
        g.expiresAt = expiresAt;
        g.localExpiresAt = expiresAt;
        book.putGrant(g);
        return g;
    }
    Slot slot(const std::string& intern, const std::string& grantId, const std::string& state,
              bool fromGrant, std::int64_t version = 1) {
        Slot s;
        s.id = Uuid::v7().str();
        s.eventId = sampleEvent().id;
        s.internId = intern;
        s.deviceId = "dev-a";
        s.grantId = grantId;
        s.issuedAt = 10;
        s.state = state;
        s.stateAt = 10;
        s.version = version;
        s.fromGrant = fromGrant;
        book.putSlot(s);
        return s;
    }

    Store store = Store::openInMemory();
    SlotBook book{store};
};

TEST_F(Book, LiveSlotsAndTheUnusedPartOfLiveGrantsMakeTheBudgetsUse) {
    const SlotGrant g = grant(2, 1000);
    slot("i1", g.id, "issued", true);
    slot("i2", g.id, "declined", true);  // used the grant; back to the pool, not live
    slot("i3", "", "accepted", false);   // by hand
    const BudgetView b = book.budget(sampleEvent().id);
    EXPECT_EQ(b.budget, 3);
    EXPECT_EQ(b.live, 2);
    EXPECT_EQ(b.outstanding, 0);
    EXPECT_EQ(b.free(), 1);
    EXPECT_EQ(book.grant(g.id)->used, 2);
}

TEST_F(Book, GrantsAreReclaimedOnlyFromExpiryPlusMarginAndThenHoldNothing) {
    const SlotGrant g = grant(2, 1000);
    EXPECT_EQ(book.reclaimExpired(sampleEvent().id, 1499, 500), 0);
    EXPECT_EQ(book.budget(sampleEvent().id).outstanding, 2);
    EXPECT_EQ(book.reclaimExpired(sampleEvent().id, 1500, 500), 1);
    EXPECT_EQ(book.grant(g.id)->endedHow, "reclaimed");
    EXPECT_EQ(book.budget(sampleEvent().id).outstanding, 0);
    EXPECT_FALSE(book.endGrant(g.id, 2000, "returned")) << "already ended";
}

TEST_F(Book, ADeviceUsesTheGrantThatExpiresFirstWhileItHasRoom) {
    const SlotGrant later = grant(1, 5000), sooner = grant(1, 3000);
    EXPECT_EQ(book.usableGrant(sampleEvent().id, 100)->id, sooner.id);
    slot("i1", sooner.id, "issued", true, 0);
    EXPECT_EQ(book.usableGrant(sampleEvent().id, 100)->id, later.id);
    EXPECT_FALSE(book.usableGrant(sampleEvent().id, 5000));
    EXPECT_EQ(book.unconfirmed(sampleEvent().id).size(), 1u);
}

TEST_F(Book, FeedRecordsReplaceASlotOnlyWithAHigherVersion) {
    Slot s = slot("i1", "g", "issued", true, 0);  // issued here, unconfirmed
    Slot v2 = s;
    v2.state = "revoked";
    v2.reason = "rules misapplied";
    v2.version = 2;
    Slot v1 = s;
    v1.version = 1;
    {
        Store::ApplyingRemote remote(store);
        store.applyRemote("slot.state", slotStateRecord(v2), "central");
        EXPECT_EQ(store.applyRemote("slot.state", slotStateRecord(v1), "central"),
                  ApplyResult::Ignored);
    }
    const auto now = book.slot(s.id);
    ASSERT_TRUE(now);
    EXPECT_EQ(now->state, "revoked");
    EXPECT_EQ(now->reason, "rules misapplied");
    EXPECT_EQ(now->version, 2);
    EXPECT_FALSE(book.liveSlotOf(sampleEvent().id, "i1"));
    EXPECT_TRUE(book.unconfirmed(sampleEvent().id).empty());
}

}  // namespace
}  // namespace oh
