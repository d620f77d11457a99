#include <gtest/gtest.h>

#include "core/checkin/checkin.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

struct DeskFixture : ::testing::Test {
    Store store = Store::openInMemory();
    SigningKey key = SigningKey::generate();
    Event event = sampleEvent();
    Attendee ana = sampleAttendee("ana@example.org", "Ana Lima");
    std::int64_t now = (event.startsAt + 600) * 1000;

    void SetUp() override {
        store.saveEvent(event);
        store.addEventKey(event.id, key.publicKey);
        store.setMeta("device_name", "Kiosk A");
        store.upsertAttendee(ana);
    }

    std::string tokenFor(const std::string& attendeeId, const SigningKey& k, std::int64_t from,
                         std::int64_t until, const std::string& eventId) {
        TokenClaims c{{},
                      *Uuid::parse(eventId),
                      *Uuid::parse(attendeeId),
                      static_cast<std::uint32_t>(from),
                      static_cast<std::uint32_t>(from),
                      static_cast<std::uint32_t>(until)};
        return signToken(c, k);
    }
    std::string tokenFor(const std::string& attendeeId) {
        return tokenFor(attendeeId, key, event.startsAt - 86400, event.endsAt, event.id);
    }
};

}  // namespace

TEST_F(DeskFixture, ValidCodeChecksInOnceAndTheRepeatSaysWhenAndWhere) {
    CheckInDesk desk(store, event.id);
    auto first = desk.scan(tokenFor(ana.id), now);
    ASSERT_EQ(first.status, CheckInStatus::Ok);
    EXPECT_EQ(first.attendee->fullName, "Ana Lima");
    auto again = desk.scan(tokenFor(ana.id), now + 60'000);
    EXPECT_EQ(again.status, CheckInStatus::AlreadyCheckedIn);
    EXPECT_EQ(again.checkin->at, now);
    EXPECT_EQ(again.earlierDevice, "Kiosk A");
    EXPECT_EQ(store.countCheckIns(event.id), 1);
}

TEST_F(DeskFixture, EveryRejectionHasItsReasonAndRecordsNothing) {
    auto other = SigningKey::generate();
    Attendee blocked = sampleAttendee("bo@example.org", "Bo");
    blocked.blocked = true;
    store.upsertAttendee(blocked);
    std::string stranger = Uuid::v7().str();
    std::string revoked = tokenFor(ana.id, key, event.startsAt - 10, event.endsAt, event.id);
    CheckInDesk probe(store, event.id);
    store.revokeToken(event.id, store.verifierFor(event.id).verify(revoked, now / 1000).tokenId,
                      "lost phone");

    CheckInDesk desk(store, event.id);
    struct Case {
        std::string token;
        CheckInStatus expected;
    };
    std::vector<Case> cases{
        {"hello", CheckInStatus::Malformed},
        {tokenFor(ana.id, other, event.startsAt - 10, event.endsAt, event.id),
         CheckInStatus::UnknownKey},
        {tokenFor(ana.id, key, event.startsAt - 10, event.endsAt,
                  "0192f3a0-0000-7000-8000-00000000e777"),
         CheckInStatus::WrongEvent},
        {tokenFor(ana.id, key, event.startsAt + 7200, event.endsAt, event.id),
         CheckInStatus::NotYetValid},
        {tokenFor(ana.id, key, event.startsAt - 7200, event.startsAt - 3600, event.id),
         CheckInStatus::Expired},
        {revoked, CheckInStatus::Revoked},
        {tokenFor(stranger), CheckInStatus::Unknown},
        {tokenFor(blocked.id), CheckInStatus::Blocked},
    };
    std::string forged = tokenFor(ana.id);
    forged[50] = forged[50] == 'Q' ? 'R' : 'Q';
    cases.push_back({forged, CheckInStatus::BadSignature});
    for (const auto& c : cases) {
        auto outcome = desk.scan(c.token, now);
        EXPECT_EQ(outcome.status, c.expected) << checkInStatusName(c.expected);
        EXPECT_STRNE(checkInStatusReason(outcome.status), "");
    }
    EXPECT_EQ(store.countCheckIns(event.id), 0);
}

TEST_F(DeskFixture, StaffUndoIsAuditedAndAllowsCheckingInAgain) {
    CheckInDesk desk(store, event.id);
    auto first = desk.scan(tokenFor(ana.id), now);
    ASSERT_TRUE(first.ok());
    EXPECT_TRUE(desk.annul(first.checkin->id, "staff-1", now + 1000));
    EXPECT_EQ(store.auditLog(1).at(0).action, "checkin.annul");
    EXPECT_EQ(desk.scan(tokenFor(ana.id), now + 2000).status, CheckInStatus::Ok);
}

TEST_F(DeskFixture, WalkInBadgeSignedByCertifiedDeviceKeyChecksIn) {
    auto deviceKey = SigningKey::generate();
    auto cert = DeviceCertificate::issue(*Uuid::parse(event.id), deviceKey.publicKey,
                                         static_cast<std::uint32_t>(event.endsAt), key);
    store.db()
        .prepare(
            "INSERT INTO devices (id, event_id, name, public_key, certificate, registered_at) "
            "VALUES (?, ?, 'Kiosk B', ?, ?, 0)")
        .bindAll(Uuid::v7().str(), event.id, deviceKey.publicHex(), cert.encodeHex())
        .run();
    CheckInDesk desk(store, event.id);
    std::string walkIn = tokenFor(ana.id, deviceKey, event.startsAt - 10, event.endsAt, event.id);
    EXPECT_EQ(desk.scan(walkIn, now).status, CheckInStatus::Ok);
}
