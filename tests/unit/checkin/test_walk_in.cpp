// The walk-in rules of core (the screen and the desk both use them): each refusal beside the
// nearest form that passes, the stored attendee, and the device badge's validity window.
#include <gtest/gtest.h>

#include "core/checkin/walk_in.hpp"
#include "core/model/ids.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

WalkInForm good() {
    return {"Eve Mallory", "eve@example.net", "she/her", true};
}

std::optional<std::string> problemWith(void (*edit)(WalkInForm&)) {
    WalkInForm f = good();
    edit(f);
    return validateWalkIn(f);
}

}  // namespace

TEST(WalkInRules, AGoodFormPasses) {
    EXPECT_EQ(validateWalkIn(good()), std::nullopt);
    // Pronouns are optional; Arabic, Devanagari and CJK names are names.
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.pronouns.clear(); }), std::nullopt);
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.fullName = "ليلى Mallory"; }), std::nullopt);
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.fullName = "प्रिया शर्मा"; }), std::nullopt);
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.fullName = "王小明"; }), std::nullopt);
}

TEST(WalkInRules, ControlCharactersAnywhereAreRefused) {
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.fullName = "Eve\x1b]0;pwned\x07"; }),
              kWalkInControlCharacters);
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.email = "eve\x1b@example.net"; }),
              kWalkInControlCharacters);
    EXPECT_EQ(problemWith([](WalkInForm& f) {
                  f.pronouns =
                      "she\xC2\x9B"
                      "2J";
              }),
              kWalkInControlCharacters);
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.fullName = "Eve\x7FMallory"; }),
              kWalkInControlCharacters);
    // Checked before trimming, as the screen always did: a trailing newline is refused too.
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.fullName = "Eve Mallory\n"; }),
              kWalkInControlCharacters);
    // Checked first: a control character wins over a missing consent.
    EXPECT_EQ(problemWith([](WalkInForm& f) {
                  f.fullName = "Eve\x1b";
                  f.consent = false;
              }),
              kWalkInControlCharacters);
}

TEST(WalkInRules, TheNameIsRequiredAfterTrimming) {
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.fullName = ""; }), kWalkInNameRequired);
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.fullName = "  "; }), kWalkInNameRequired);
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.fullName = "\xC2\xA0 \xC2\xA0"; }),
              kWalkInNameRequired);
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.fullName = " E "; }), std::nullopt);
}

TEST(WalkInRules, TheEMailFollowsTheRosterRule) {
    for (const std::string bad :
         {"", "eve", "@example.net", "eve@example", "eve@@example.net", "eve@a@example.net",
          "a@b..c", "eve@example.net.", "eve@.example.net", "eve\xC2\xA0mallory@example.net"}) {
        WalkInForm f = good();
        f.email = bad;
        EXPECT_EQ(validateWalkIn(f), kWalkInEmailInvalid) << bad;
    }
    for (const std::string ok :
         {"a@b.c", "  Eve@Example.NET ", "josé@example.net", "用户@例子.广告"}) {
        WalkInForm f = good();
        f.email = ok;
        EXPECT_EQ(validateWalkIn(f), std::nullopt) << ok;
    }
}

TEST(WalkInRules, ConsentIsRequired) {
    EXPECT_EQ(problemWith([](WalkInForm& f) { f.consent = false; }), kWalkInConsentRequired);
}

TEST(WalkInRules, AnEMailOnTheRosterIsTakenWhateverItsCase) {
    Store store = Store::openInMemory();
    Event event = sampleEvent();
    store.saveEvent(event);
    Attendee ana = sampleAttendee("ana@example.org", "Ana Lima");
    store.upsertAttendee(ana);
    WalkInForm f = good();
    f.email = " ANA@Example.org";
    EXPECT_EQ(validateWalkIn(f), std::nullopt);  // the form alone is fine
    EXPECT_EQ(validateWalkIn(f, store, event.id), kWalkInEmailTaken);
    f.email = "ana2@example.org";
    EXPECT_EQ(validateWalkIn(f, store, event.id), std::nullopt);
    // Another event's roster does not count.
    f.email = "ana@example.org";
    EXPECT_EQ(validateWalkIn(f, store, Uuid::v7().str()), std::nullopt);
    // The form's own problems come first.
    f.consent = false;
    EXPECT_EQ(validateWalkIn(f, store, event.id), kWalkInConsentRequired);
}

TEST(WalkInRules, TheAttendeeIsTrimmedNormalisedAndAGuest) {
    WalkInForm f{"\xC2\xA0 Eve Mallory \t", " Eve@Example.NET\xC2\xA0", " she/her ", true};
    Attendee a = walkInAttendee(f, "event-1");
    EXPECT_EQ(a.eventId, "event-1");
    EXPECT_EQ(a.fullName, "Eve Mallory");
    EXPECT_EQ(a.email, "eve@example.net");
    EXPECT_EQ(a.pronouns, "she/her");
    EXPECT_EQ(a.role, Role::Guest);
    EXPECT_TRUE(a.id.empty());
}

TEST(WalkInBadge, ValidFromAMinuteAgoUntilADayAfterTheEvent) {
    Event event = sampleEvent();  // ends at 1'800'086'400
    SigningKey device = SigningKey::generate();
    const std::string attendee = Uuid::v7().str();
    const std::int64_t now = 1'800'000'000;  // during the event
    auto c = walkInBadgeClaims(event, attendee, device.id, now * 1000 + 999);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->keyId, device.id);
    EXPECT_EQ(c->eventId.str(), event.id);
    EXPECT_EQ(c->attendeeId.str(), attendee);
    EXPECT_EQ(c->issuedAt, now);
    EXPECT_EQ(c->validFrom, now - 60);
    EXPECT_EQ(c->validUntil, event.endsAt + 86400);

    // A signed badge verifies in its window and not outside it (beyond the 120 s leeway).
    const std::string token = signToken(*c, device);
    TokenVerifier verifier(*Uuid::parse(event.id));
    verifier.addEventKey(device.publicKey);  // the window is under test, not the certificate
    EXPECT_EQ(verifier.verify(token, now).status, TokenStatus::Ok);
    EXPECT_EQ(verifier.verify(token, event.endsAt + 86400).status, TokenStatus::Ok);
    EXPECT_EQ(verifier.verify(token, event.endsAt + 86400 + 121).status, TokenStatus::Expired);
    EXPECT_EQ(verifier.verify(token, now - 60 - 121).status, TokenStatus::NotYetValid);
}

TEST(WalkInBadge, ALateWalkInGetsADayFromNow) {
    Event event = sampleEvent();
    SigningKey device = SigningKey::generate();
    const std::int64_t late = event.endsAt + 3600;  // after the event's end
    auto c = walkInBadgeClaims(event, Uuid::v7().str(), device.id, late * 1000);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->validUntil, late + 86400);
    // One second before the end, the event's end still decides.
    auto before = walkInBadgeClaims(event, Uuid::v7().str(), device.id, (event.endsAt - 1) * 1000);
    ASSERT_TRUE(before);
    EXPECT_EQ(before->validUntil, event.endsAt + 86400);
}

TEST(WalkInBadge, ValidFromNeverGoesBelowZero) {
    Event event = sampleEvent();
    SigningKey device = SigningKey::generate();
    EXPECT_EQ(walkInBadgeClaims(event, Uuid::v7().str(), device.id, 30'000)->validFrom, 0u);
    EXPECT_EQ(walkInBadgeClaims(event, Uuid::v7().str(), device.id, 60'000)->validFrom, 0u);
    EXPECT_EQ(walkInBadgeClaims(event, Uuid::v7().str(), device.id, 61'000)->validFrom, 1u);
}

TEST(WalkInBadge, IdsThatAreNotUuidsGiveNoClaims) {
    Event event = sampleEvent();
    SigningKey device = SigningKey::generate();
    EXPECT_FALSE(walkInBadgeClaims(event, "not-a-uuid", device.id, 1'800'000'000'000));
    event.id = "nope";
    EXPECT_FALSE(walkInBadgeClaims(event, Uuid::v7().str(), device.id, 1'800'000'000'000));
}

// Issued when the walk-in registered (an hour into the event here), not at the event's start.
TEST(WalkInBadge, TheBadgeSaysWhenItWasMadeNotWhenTheEventStarted) {
    Event event = sampleEvent();
    SigningKey device = SigningKey::generate();
    const std::int64_t madeAt = event.startsAt + 3600;
    auto c = walkInBadgeClaims(event, Uuid::v7().str(), device.id, madeAt * 1000 + 500);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->issuedAt, madeAt);
    EXPECT_EQ(c->validFrom, madeAt - 60);
}
