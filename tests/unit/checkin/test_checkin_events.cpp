// The desk and the event it serves: a store may hold two events (a device re-enrolled, an
// admin laptop), and the desk checks in only people of its own event; undo is audited only
// when it annulled something.
#include <gtest/gtest.h>

#include "core/checkin/checkin.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

struct DeskTwoEvents : ::testing::Test {
    Store store = Store::openInMemory();
    SigningKey key = SigningKey::generate();
    Event event = sampleEvent();
    Event other = Event{"0192f3a0-0000-7000-8000-00000000e002",
                        "Other Day",
                        "HQ, Floor 1",
                        "UTC",
                        event.startsAt,
                        event.endsAt,
                        3};
    Attendee ana = sampleAttendee("ana@example.org", "Ana Lima");
    Attendee olu = sampleAttendee("olu@example.org", "Olu Ade");
    std::int64_t now = (event.startsAt + 600) * 1000;

    void SetUp() override {
        store.saveEvent(event);
        store.saveEvent(other);
        store.addEventKey(event.id, key.publicKey);
        store.upsertAttendee(ana);
        olu.eventId = other.id;
        store.upsertAttendee(olu);
    }

    // A genuine code of this desk's event naming `attendeeId`.
    std::string tokenFor(const std::string& attendeeId) {
        TokenClaims c{{},
                      *Uuid::parse(event.id),
                      *Uuid::parse(attendeeId),
                      static_cast<std::uint32_t>(event.startsAt - 86400),
                      static_cast<std::uint32_t>(event.startsAt - 86400),
                      static_cast<std::uint32_t>(event.endsAt)};
        return signToken(c, key);
    }
};

}  // namespace

TEST_F(DeskTwoEvents, APersonOfAnotherEventInTheSameStoreIsUnknownHereAndNotCheckedIn) {
    CheckInDesk desk(store, event.id);
    auto scanned = desk.scan(tokenFor(olu.id), now);
    EXPECT_EQ(scanned.status, CheckInStatus::Unknown);
    EXPECT_FALSE(scanned.attendee);
    // Picked from a search list too (no code): the same rule.
    EXPECT_EQ(desk.checkInAttendee(olu.id, now, "search").status, CheckInStatus::Unknown);
    EXPECT_EQ(store.countCheckIns(event.id), 0);
    EXPECT_EQ(store.countCheckIns(other.id), 0);
    EXPECT_FALSE(store.activeCheckIn(other.id, olu.id));
    // This event's person still checks in.
    EXPECT_EQ(desk.scan(tokenFor(ana.id), now).status, CheckInStatus::Ok);
}

TEST_F(DeskTwoEvents, AnUndoThatAnnulsNothingIsNotAudited) {
    CheckInDesk desk(store, event.id);
    EXPECT_FALSE(desk.annul(Uuid::v7().str(), "staff-1", now));
    EXPECT_TRUE(store.auditLog(10).empty());
    auto first = desk.scan(tokenFor(ana.id), now);
    ASSERT_TRUE(first.ok());
    EXPECT_TRUE(desk.annul(first.checkin->id, "staff-1", now + 1000));
    EXPECT_FALSE(desk.annul(first.checkin->id, "staff-1", now + 2000));  // already undone
    EXPECT_EQ(store.auditLog(10).size(), 1u);
}
