// The merge rule of each pulled record kind, applied in both orders of arrival: a showcase's
// and a score's last writer wins, a person's newest feedback wins (time, then id), a device's
// earliest revocation wins, the earliest live check-in is the check-in (by time, not id); an
// annulment counts only within its own event; a merged person's other id checks in as them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/identity/token.hpp"
#include "core/model/hlc.hpp"
#include "core/store/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
using nlohmann::json;

namespace {

const std::string kAna = "0192f3a0-0000-7000-8000-00000000a001";
const std::string kShowcase = "0192f3a0-0000-7000-8000-0000000005c1";

struct Pulled {
    std::string kind;
    json payload;
};

// A device's store holding the event, one person and one showcase, as pulled.
Store replica() {
    Store s = Store::openInMemory();
    s.applyRemote("event.upsert",
                  json{{"id", sampleEvent().id},
                       {"name", "Demo Day"},
                       {"timezone", "UTC"},
                       {"starts_at", sampleEvent().startsAt},
                       {"ends_at", sampleEvent().endsAt}}
                      .dump(),
                  "central");
    s.applyRemote("attendee.upsert",
                  json{{"id", kAna},
                       {"event_id", sampleEvent().id},
                       {"full_name", "Ana Lima"},
                       {"email", "ana@example.org"},
                       {"role", "judge"},
                       {"updated_at", 1}}
                      .dump(),
                  "central");
    s.applyRemote("showcase.upsert",
                  json{{"id", kShowcase},
                       {"event_id", sampleEvent().id},
                       {"title", "First title"},
                       {"updated_at", 1}}
                      .dump(),
                  "central");
    return s;
}

// Applies `first` then `second` to one fresh replica, and `second` then `first` to another.
template <typename Check>
void inBothOrders(const Pulled& first, const Pulled& second, Check check) {
    for (bool swapped : {false, true}) {
        SCOPED_TRACE(swapped ? "second record first" : "first record first");
        Store s = replica();
        const Pulled& a = swapped ? second : first;
        const Pulled& b = swapped ? first : second;
        s.applyRemote(a.kind, a.payload.dump(), "device-a");
        s.applyRemote(b.kind, b.payload.dump(), "device-b");
        check(s);
    }
}

Pulled showcaseEdit(const std::string& title, std::int64_t updatedAt) {
    return {"showcase.upsert", json{{"id", kShowcase},
                                    {"event_id", sampleEvent().id},
                                    {"title", title},
                                    {"updated_at", updatedAt}}};
}

Pulled scoreAt(double total, std::int64_t wall, const std::string& node) {
    return {"score.upsert", json{{"id", "0192f3a0-0000-7000-8000-0000000005e1"},
                                 {"event_id", sampleEvent().id},
                                 {"judge_id", kAna},
                                 {"showcase_id", kShowcase},
                                 {"total", total},
                                 {"hlc", Hlc{wall, 0, node}.str()},
                                 {"device_id", node}}};
}

Pulled feedbackOf(const std::string& id, std::int64_t createdAt, const std::string& text) {
    return {"feedback.create", json{{"id", id},
                                    {"event_id", sampleEvent().id},
                                    {"author_id", kAna},
                                    {"showcase_id", kShowcase},
                                    {"text", text},
                                    {"rating", 4},
                                    {"created_at", createdAt},
                                    {"device_id", "device-a"}}};
}

Pulled checkInOf(const std::string& id, std::int64_t at) {
    return {"checkin.create", json{{"id", id},
                                   {"event_id", sampleEvent().id},
                                   {"attendee_id", kAna},
                                   {"device_id", "device-a"},
                                   {"method", "qr"},
                                   {"at", at}}};
}

}  // namespace

TEST(StoreMergePerKind, AShowcaseKeepsItsNewestEditWhicheverArrivesFirst) {
    inBothOrders(showcaseEdit("Older edit", 100), showcaseEdit("Newer edit", 200),
                 [](Store& s) { EXPECT_EQ(s.showcase(kShowcase)->title, "Newer edit"); });
}

TEST(StoreMergePerKind, AScoreKeepsTheLaterClockWhicheverArrivesFirst) {
    inBothOrders(scoreAt(3.0, 1'800'000'000'000, "aaaaaa"),
                 scoreAt(5.0, 1'800'000'060'000, "bbbbbb"),
                 [](Store& s) { EXPECT_EQ(s.score(kAna, kShowcase)->total, 5.0); });
}

TEST(StoreMergePerKind, FeedbackKeepsTheNewestAndOnTheSameMillisecondTheLargerId) {
    const std::string small = "0192f3a0-0000-7000-8000-0000000f0001";
    const std::string large = "0192f3a0-0000-7000-8000-0000000f0002";
    auto keptText = [](Store& s) {
        auto all = s.feedback(sampleEvent().id);
        EXPECT_EQ(all.size(), 1u);
        return all.empty() ? std::string() : all.front().text;
    };
    inBothOrders(feedbackOf(large, 500, "large id"), feedbackOf(small, 500, "small id"),
                 [&](Store& s) { EXPECT_EQ(keptText(s), "large id"); });
    inBothOrders(feedbackOf(small, 700, "later"), feedbackOf(large, 600, "earlier"),
                 [&](Store& s) { EXPECT_EQ(keptText(s), "later"); });
}

TEST(StoreMergePerKind, ADeviceKeepsItsEarliestRevocationWhicheverArrivesFirst) {
    const std::string device = "0192f3a0-0000-7000-8000-0000000d0001";
    auto revokedAt = [&](std::int64_t at) {
        return Pulled{"device.revoke",
                      json{{"id", device}, {"event_id", sampleEvent().id}, {"revoked_at", at}}};
    };
    inBothOrders(revokedAt(9000), revokedAt(5000),
                 [&](Store& s) { EXPECT_EQ(s.deviceRevokedAt(device), 5000); });
}

TEST(StoreMergePerKind, TheEarliestCheckInByTimeIsTheCheckInEvenWhenItsIdIsLarger) {
    const std::string smallIdLater = "0192f3a0-0000-7000-8000-0000000c0001";
    const std::string largeIdEarlier = "0192f3a0-0000-7000-8000-0000000c0002";
    inBothOrders(checkInOf(smallIdLater, 2000), checkInOf(largeIdEarlier, 1000), [&](Store& s) {
        auto active = s.activeCheckIn(sampleEvent().id, kAna);
        ASSERT_TRUE(active);
        EXPECT_EQ(active->id, largeIdEarlier);
        EXPECT_EQ(s.countCheckIns(sampleEvent().id), 1);
    });
}

// An undo of another event that lists this event's check-in (a forged or mixed-up record)
// annuls nothing here.
TEST(StoreMergePerKind, AnAnnulmentOfAnotherEventDoesNotAnnulThisEventsCheckIn) {
    Store s = replica();
    const std::string checkin = "0192f3a0-0000-7000-8000-0000000c0001";
    s.applyRemote("checkin.create", checkInOf(checkin, 1000).payload.dump(), "device-a");
    s.applyRemote("checkin.annul",
                  json{{"id", "0192f3a0-0000-7000-8000-0000000c0009"},
                       {"event_id", "0192f3a0-0000-7000-8000-00000000e002"},
                       {"attendee_id", kAna},
                       {"annulled_at", 3000},
                       {"annulled_by", "staff"},
                       {"annuls", json::array({checkin})}}
                      .dump(),
                  "device-b");
    auto active = s.activeCheckIn(sampleEvent().id, kAna);
    ASSERT_TRUE(active);
    EXPECT_EQ(active->id, checkin);
}

// One person registered on two kiosks: once merged, a code naming the other id finds the
// person's check-in instead of making a second one.
TEST(StoreMergePerKind, AMergedPersonsOtherIdIsAlreadyCheckedIn) {
    Store s = replica();
    const std::string later = "0192f3a0-0000-7000-8000-00000000b002";
    const std::string earlier = "0192f3a0-0000-7000-8000-00000000b001";
    for (const auto& id : {later, earlier})
        s.applyRemote("attendee.upsert",
                      json{{"id", id},
                           {"event_id", sampleEvent().id},
                           {"full_name", "Walk In"},
                           {"email", "walkin@example.org"},
                           {"role", "guest"},
                           {"updated_at", 10}}
                          .dump(),
                      "device-a");
    ASSERT_EQ(s.attendeeByEmail(sampleEvent().id, "walkin@example.org")->id, earlier);
    auto first = s.recordCheckIn(sampleEvent().id, earlier, "qr", 1000);
    ASSERT_TRUE(first.created);
    auto again = s.recordCheckIn(sampleEvent().id, later, "qr", 2000);
    EXPECT_FALSE(again.created);
    EXPECT_EQ(again.checkin.id, first.checkin.id);
    EXPECT_EQ(s.countCheckIns(sampleEvent().id), 1);
}

// Two registrations of one person: the newer fields win on every replica, also when the
// record kept (the smaller id) arrives first and the other one brings older fields.
TEST(StoreMergePerKind, TwoRegistrationsOfOnePersonKeepTheNewerFieldsWhicheverArrivesFirst) {
    auto registration = [](const std::string& id, const std::string& name, std::int64_t at) {
        return Pulled{"attendee.upsert", json{{"id", id},
                                              {"event_id", sampleEvent().id},
                                              {"full_name", name},
                                              {"email", "twice@example.org"},
                                              {"role", "guest"},
                                              {"updated_at", at}}};
    };
    inBothOrders(registration("0192f3a0-0000-7000-8000-00000000b001", "Newer Name", 200),
                 registration("0192f3a0-0000-7000-8000-00000000b002", "Older Name", 100),
                 [](Store& s) {
                     auto p = s.attendeeByEmail(sampleEvent().id, "twice@example.org");
                     ASSERT_TRUE(p);
                     EXPECT_EQ(p->id, "0192f3a0-0000-7000-8000-00000000b001");
                     EXPECT_EQ(p->fullName, "Newer Name");
                 });
}

TEST(StoreMergePerKind, RevokingADeviceTwiceKeepsTheFirstRevocationAndOneOutboxEntry) {
    Store s = replica();
    const std::string device = "0192f3a0-0000-7000-8000-0000000d0002";
    s.applyRemote("device.register",
                  json{{"id", device}, {"event_id", sampleEvent().id}, {"name", "Kiosk B"}}.dump(),
                  device);
    EXPECT_TRUE(s.revokeDevice(device, 5000));
    EXPECT_TRUE(s.revokeDevice(device, 9000));
    EXPECT_EQ(s.deviceRevokedAt(device), 5000);
    int revocations = 0;
    for (const auto& e : s.pendingOutbox(100)) revocations += e.kind == "device.revoke";
    EXPECT_EQ(revocations, 1);
}

// A pulled revocation reaches the verifier the desk uses: the revoked kiosk's badges are
// refused from the second it was revoked, with that reason.
TEST(StoreMergePerKind, APulledDeviceRevocationRefusesThatDevicesBadgesFromThen) {
    Store s = replica();
    const SigningKey eventKey = SigningKey::generate();
    const SigningKey deviceKey = SigningKey::generate();
    const Uuid event = *Uuid::parse(sampleEvent().id);
    s.applyRemote("event_key.add",
                  json{{"event_id", sampleEvent().id}, {"public_key", eventKey.publicHex()}}.dump(),
                  "central");
    const std::string device = "0192f3a0-0000-7000-8000-0000000d0003";
    s.applyRemote("device.register",
                  json{{"id", device},
                       {"event_id", sampleEvent().id},
                       {"name", "Kiosk C"},
                       {"public_key", deviceKey.publicHex()},
                       {"certificate", DeviceCertificate::issue(event, deviceKey.publicKey,
                                                                4'000'000'000u, eventKey)
                                           .encodeHex()}}
                      .dump(),
                  device);
    const std::int64_t revokedAtSeconds = 1'800'000'000;
    s.applyRemote(
        "device.revoke",
        json{
            {"id", device}, {"event_id", sampleEvent().id}, {"revoked_at", revokedAtSeconds * 1000}}
            .dump(),
        "central");
    TokenClaims badge{{}, event, *Uuid::parse(kAna), 0, 0, 4'000'000'000u};
    const std::string token = signToken(badge, deviceKey);
    const TokenVerifier verifier = s.verifierFor(sampleEvent().id);
    EXPECT_EQ(verifier.verify(token, revokedAtSeconds - 1).status, TokenStatus::Ok);
    EXPECT_EQ(verifier.verify(token, revokedAtSeconds).status, TokenStatus::DeviceRevoked);
}
