// The verifier's rules at their exact edges: each rejection reason with an input only that rule
// refuses, the clock leeway on both sides of its boundary, a revoked device from its revocation
// second, device certificates up to their last second and only for their own event.
#include <gtest/gtest.h>

#include "core/identity/token.hpp"

using namespace oh;

namespace {

const Uuid kEvent = *Uuid::parse("0192f3a0-0000-7000-8000-00000000e001");
const Uuid kOtherEvent = *Uuid::parse("0192f3a0-0000-7000-8000-00000000e002");
const Uuid kAttendee = *Uuid::parse("0192f3a0-0000-7000-8000-0000000a0001");
constexpr std::uint32_t kFrom = 1'800'000'000;
constexpr std::uint32_t kUntil = 1'800'086'400;
constexpr std::int64_t kLeeway = 120;

TokenClaims claims(const Uuid& eventId = kEvent) {
    return {{}, eventId, kAttendee, kFrom - 100, kFrom, kUntil};
}

// The token's bytes with the format version replaced, signed again by `key`: only the version
// rule can refuse it.
std::string withVersion(const std::string& token, unsigned char version) {
    auto bytes = base32Decode(token.substr(kTokenPrefix.size()));
    (*bytes)[0] = version;
    return std::string(kTokenPrefix) + base32Encode(bytes->data(), bytes->size());
}

}  // namespace

// A code for another event signed with a key this kiosk does not know: "wrong event" (what
// helps the holder), not "unknown key", whatever order the checks were written in.
TEST(TokenOrder, AnotherEventsCodeIsWrongEventEvenWithAKeyThisKioskDoesNotKnow) {
    auto ours = SigningKey::generate();
    auto theirs = SigningKey::generate();
    TokenVerifier v(kEvent);
    v.addEventKey(ours.publicKey);
    EXPECT_EQ(v.verify(signToken(claims(kOtherEvent), theirs), kFrom).status,
              TokenStatus::WrongEvent);
    EXPECT_EQ(v.verify(signToken(claims(), theirs), kFrom).status, TokenStatus::UnknownKey);
}

TEST(TokenOrder, ATokenOfAnotherFormatVersionIsMalformedNotABadSignature) {
    auto key = SigningKey::generate();
    TokenVerifier v(kEvent);
    v.addEventKey(key.publicKey);
    const std::string good = signToken(claims(), key);
    EXPECT_EQ(v.verify(withVersion(good, 1), kFrom).status, TokenStatus::Ok);
    EXPECT_EQ(v.verify(withVersion(good, 2), kFrom).status, TokenStatus::Malformed);
}

TEST(TokenLeeway, ValidFromIsAcceptedUpToTheLeewayBeforeAndRefusedOneSecondEarlier) {
    auto key = SigningKey::generate();
    TokenVerifier v(kEvent);
    v.addEventKey(key.publicKey);
    const std::string token = signToken(claims(), key);
    EXPECT_EQ(v.verify(token, kFrom - kLeeway).status, TokenStatus::Ok);
    EXPECT_EQ(v.verify(token, kFrom - kLeeway - 1).status, TokenStatus::NotYetValid);
}

TEST(TokenLeeway, ValidUntilIsAcceptedUpToTheLeewayAfterAndRefusedOneSecondLater) {
    auto key = SigningKey::generate();
    TokenVerifier v(kEvent);
    v.addEventKey(key.publicKey);
    const std::string token = signToken(claims(), key);
    EXPECT_EQ(v.verify(token, kUntil + kLeeway).status, TokenStatus::Ok);
    EXPECT_EQ(v.verify(token, kUntil + kLeeway + 1).status, TokenStatus::Expired);
}

TEST(TokenDevices, ARevokedDevicesBadgeIsRefusedFromTheRevocationSecondOnNotBefore) {
    auto eventKey = SigningKey::generate();
    auto deviceKey = SigningKey::generate();
    TokenVerifier v(kEvent);
    v.addEventKey(eventKey.publicKey);
    ASSERT_TRUE(v.addDeviceCertificate(
        DeviceCertificate::issue(kEvent, deviceKey.publicKey, kUntil, eventKey), kFrom));
    const std::int64_t revokedAt = kFrom + 3600;
    v.revokeDeviceKey(deviceKey.publicKey, revokedAt);
    const std::string badge = signToken(claims(), deviceKey);
    EXPECT_EQ(v.verify(badge, revokedAt - 1).status, TokenStatus::Ok);
    EXPECT_EQ(v.verify(badge, revokedAt).status, TokenStatus::DeviceRevoked);
    // The event's own codes are not the device's: unaffected.
    EXPECT_EQ(v.verify(signToken(claims(), eventKey), revokedAt).status, TokenStatus::Ok);
}

TEST(TokenDevices, ACertificateIsTrustedUpToItsLastSecondAndNotAfter) {
    auto eventKey = SigningKey::generate();
    auto deviceKey = SigningKey::generate();
    auto cert = DeviceCertificate::issue(kEvent, deviceKey.publicKey, kUntil, eventKey);
    TokenVerifier lapsed(kEvent);
    lapsed.addEventKey(eventKey.publicKey);
    EXPECT_FALSE(lapsed.addDeviceCertificate(cert, std::int64_t{kUntil} + 1));
    TokenVerifier lastSecond(kEvent);
    lastSecond.addEventKey(eventKey.publicKey);
    EXPECT_TRUE(lastSecond.addDeviceCertificate(cert, kUntil));
}

// Signed by a key this verifier trusts, but issued for another event: only the event rule
// refuses it, and the device key stays unknown here.
TEST(TokenDevices, ACertificateForAnotherEventIsRefusedEvenWhenSignedByAKnownKey) {
    auto eventKey = SigningKey::generate();
    auto deviceKey = SigningKey::generate();
    TokenVerifier v(kEvent);
    v.addEventKey(eventKey.publicKey);
    auto otherEvents = DeviceCertificate::issue(kOtherEvent, deviceKey.publicKey, kUntil, eventKey);
    EXPECT_FALSE(v.addDeviceCertificate(otherEvents, kFrom));
    EXPECT_EQ(v.verify(signToken(claims(), deviceKey), kFrom).status, TokenStatus::UnknownKey);
}

// A final group of five bits is never a whole byte: text of 1 or 9 characters (8 n + 5 bits)
// is not a canonical encoding, however zero its bits.
TEST(TokenBase32, AFinalCharacterThatIsNotPartOfAByteIsRefused) {
    EXPECT_FALSE(base32Decode("A"));
    EXPECT_FALSE(base32Decode("AAAAAAAAA"));
    EXPECT_TRUE(base32Decode("AAAAAAAA"));  // 40 bits: five whole bytes
}
