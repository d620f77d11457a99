// Invitations are valid over the event's window with margins, not from the moment they were
// signed: a kiosk whose clock is behind still takes them; long after the event they are refused.
#include <gtest/gtest.h>

#include "core/identity/token.hpp"
#include "core/model/ids.hpp"

using namespace oh;

namespace {

constexpr std::int64_t kHour = 3600;

struct Signed {
    std::string token;
    TokenVerifier verifier;
};

Signed signInvitation(std::int64_t signedAt, std::int64_t startsAt, std::int64_t endsAt) {
    const Uuid event = Uuid::v7();
    SigningKey key = SigningKey::generate();
    TokenWindow w = invitationWindow(startsAt, endsAt, 24 * kHour, 12 * kHour);
    TokenClaims claims{{},          event,       Uuid::v7(), static_cast<std::uint32_t>(signedAt),
                       w.validFrom, w.validUntil};
    Signed s{signToken(claims, key), TokenVerifier(event)};
    s.verifier.addEventKey(key.publicKey);
    return s;
}

}  // namespace

TEST(InvitationWindow, AKioskWhoseClockIsAnHourBehindTheSigningTimeStillAccepts) {
    const std::int64_t starts = *parseIsoTime("2026-12-10T14:00Z");
    const std::int64_t signedAt = starts - 30 * 60;  // signed at the door, half an hour before
    Signed s = signInvitation(signedAt, starts, starts + 4 * kHour);
    EXPECT_EQ(s.verifier.verify(s.token, signedAt - kHour).status, TokenStatus::Ok);
}

TEST(InvitationWindow, ACodeUsedLongAfterTheEventIsStillRefused) {
    const std::int64_t starts = *parseIsoTime("2026-12-10T14:00Z");
    const std::int64_t ends = starts + 4 * kHour;
    Signed s = signInvitation(starts - 20 * 24 * kHour, starts, ends);
    EXPECT_EQ(s.verifier.verify(s.token, ends + 11 * kHour).status, TokenStatus::Ok);
    EXPECT_EQ(s.verifier.verify(s.token, ends + 13 * kHour).status, TokenStatus::Expired);
    EXPECT_EQ(s.verifier.verify(s.token, ends + 30 * 24 * kHour).status, TokenStatus::Expired);
    // And weeks before the event, it is not valid yet.
    EXPECT_EQ(s.verifier.verify(s.token, starts - 3 * 24 * kHour).status, TokenStatus::NotYetValid);
}

TEST(InvitationWindow, TheWindowIsClampedToWhatATokenHolds) {
    TokenWindow w = invitationWindow(10, 20, 100, 5);
    EXPECT_EQ(w.validFrom, 0u);
    EXPECT_EQ(w.validUntil, 25u);
    EXPECT_EQ(invitationWindow(0, 5'000'000'000, 0, 0).validUntil, 0xFFFFFFFFu);
}
