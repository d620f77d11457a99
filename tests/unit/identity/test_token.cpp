#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/identity/token.hpp"

using namespace oh;

namespace {

const Uuid kEvent = *Uuid::parse("0192f3a0-0000-7000-8000-00000000e001");
const Uuid kAttendee = *Uuid::parse("0192f3a0-0000-7000-8000-0000000a0001");
constexpr std::uint32_t kFrom = 1'800'000'000;
constexpr std::uint32_t kUntil = 1'800'086'400;

TokenClaims claims() {
    return {{}, kEvent, kAttendee, kFrom - 100, kFrom, kUntil};
}

// A fixed key from tests/data/token_vectors.txt keeps the vectors stable.
std::map<std::string, std::string> loadVectors() {
    std::ifstream in(std::string(OPENHOUSE_TEST_DATA) + "/token_vectors.txt");
    std::map<std::string, std::string> v;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto eq = line.find('=');
        v[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return v;
}

}  // namespace

TEST(Token, SignedTokenVerifiesAndRoundTripsClaims) {
    auto key = SigningKey::generate();
    std::string text = signToken(claims(), key);
    TokenVerifier v(kEvent);
    v.addEventKey(key.publicKey);
    auto r = v.verify(text, kFrom + 10);
    ASSERT_EQ(r.status, TokenStatus::Ok);
    EXPECT_EQ(r.claims->attendeeId, kAttendee);
    EXPECT_EQ(r.claims->validUntil, kUntil);
    EXPECT_EQ(r.claims->keyId, key.id);
    EXPECT_EQ(r.tokenId.size(), 32u);
}

TEST(Token, TextIsQrAlphanumericWithoutSpaces) {
    auto text = signToken(claims(), SigningKey::generate());
    EXPECT_EQ(text.size(), 3u + 181u);
    const std::string allowed = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:";
    for (char c : text) EXPECT_NE(allowed.find(c), std::string::npos) << c;
}

TEST(Token, FixedVectorsVerify) {
    auto v = loadVectors();
    ASSERT_FALSE(v.empty()) << "tests/data/token_vectors.txt missing";
    auto key = SigningKey::fromSecretHex(v["secret_key"]);
    ASSERT_TRUE(key);
    EXPECT_EQ(key->publicHex(), v["public_key"]);
    EXPECT_EQ(keyIdHex(key->id), v["key_id"]);
    // Ed25519 is deterministic: the same claims and key give the same bytes.
    EXPECT_EQ(signToken(claims(), *key), v["token"]);
    TokenVerifier verifier(kEvent);
    verifier.addEventKey(key->publicKey);
    EXPECT_EQ(verifier.verify(v["token"], kFrom).status, TokenStatus::Ok);
    EXPECT_EQ(verifier.verify(v["forged_token"], kFrom).status, TokenStatus::BadSignature);
}

TEST(Token, LowerCaseAndTrailingNewlineFromScannersAreAccepted) {
    auto key = SigningKey::generate();
    std::string text = signToken(claims(), key);
    std::string lower;
    for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    TokenVerifier v(kEvent);
    v.addEventKey(key.publicKey);
    EXPECT_EQ(v.verify(lower + "\r\n", kFrom).status, TokenStatus::Ok);
}

struct BadCase {
    const char* name;
    std::string text;
    TokenStatus expected;
};

TEST(Token, EachRejectionHasItsOwnReason) {
    auto key = SigningKey::generate();
    auto other = SigningKey::generate();
    std::string good = signToken(claims(), key);
    std::string flipped = good;
    flipped[40] = flipped[40] == 'A' ? 'B' : 'A';
    TokenClaims wrongEvent = claims();
    wrongEvent.eventId = *Uuid::parse("0192f3a0-0000-7000-8000-00000000e002");

    TokenVerifier v(kEvent);
    v.addEventKey(key.publicKey);
    std::vector<BadCase> cases{
        {"empty", "", TokenStatus::Malformed},
        {"url", "https://example.org/ticket/123", TokenStatus::Malformed},
        {"truncated", good.substr(0, good.size() - 10), TokenStatus::Malformed},
        {"bad alphabet", "OH:" + std::string(181, '1'), TokenStatus::Malformed},
        {"altered byte", flipped, TokenStatus::BadSignature},
        {"other key", signToken(claims(), other), TokenStatus::UnknownKey},
        {"other event", signToken(wrongEvent, key), TokenStatus::WrongEvent},
    };
    for (const auto& c : cases) EXPECT_EQ(v.verify(c.text, kFrom).status, c.expected) << c.name;
    EXPECT_EQ(v.verify(good, kFrom - 3600).status, TokenStatus::NotYetValid);
    EXPECT_EQ(v.verify(good, kUntil + 3600).status, TokenStatus::Expired);
    // Within the clock leeway both edges still pass.
    EXPECT_EQ(v.verify(good, kFrom - 60).status, TokenStatus::Ok);
    EXPECT_EQ(v.verify(good, kUntil + 60).status, TokenStatus::Ok);
}

TEST(Token, RevokedTokenIsRefusedOthersStillPass) {
    auto key = SigningKey::generate();
    std::string a = signToken(claims(), key);
    TokenClaims c2 = claims();
    c2.attendeeId = *Uuid::parse("0192f3a0-0000-7000-8000-0000000a0002");
    std::string b = signToken(c2, key);
    TokenVerifier v(kEvent);
    v.addEventKey(key.publicKey);
    v.revoke(v.verify(a, kFrom).tokenId);
    EXPECT_EQ(v.verify(a, kFrom).status, TokenStatus::Revoked);
    EXPECT_EQ(v.verify(b, kFrom).status, TokenStatus::Ok);
}

TEST(Token, KeyRotationAcceptsOldAndNewKeys) {
    auto oldKey = SigningKey::generate();
    auto newKey = SigningKey::generate();
    TokenVerifier v(kEvent);
    v.addEventKey(oldKey.publicKey);
    v.addEventKey(newKey.publicKey);
    EXPECT_EQ(v.verify(signToken(claims(), oldKey), kFrom).status, TokenStatus::Ok);
    EXPECT_EQ(v.verify(signToken(claims(), newKey), kFrom).status, TokenStatus::Ok);
}

TEST(Token, DeviceCertificateChainIsVerified) {
    auto eventKey = SigningKey::generate();
    auto deviceKey = SigningKey::generate();
    auto rogue = SigningKey::generate();
    auto cert = DeviceCertificate::issue(kEvent, deviceKey.publicKey, kUntil, eventKey);
    auto decoded = DeviceCertificate::decodeHex(cert.encodeHex());
    ASSERT_TRUE(decoded);

    TokenVerifier v(kEvent);
    v.addEventKey(eventKey.publicKey);
    std::string walkIn = signToken(claims(), deviceKey);
    EXPECT_EQ(v.verify(walkIn, kFrom).status, TokenStatus::UnknownKey);
    // A certificate signed by a key the event does not know is refused.
    auto forgedCert = DeviceCertificate::issue(kEvent, deviceKey.publicKey, kUntil, rogue);
    EXPECT_FALSE(v.addDeviceCertificate(forgedCert, kFrom));
    // A tampered certificate (extended validity) is refused.
    auto tampered = *decoded;
    tampered.validUntil += 86400;
    EXPECT_FALSE(v.addDeviceCertificate(tampered, kFrom));
    // A lapsed one too.
    EXPECT_FALSE(v.addDeviceCertificate(*decoded, kUntil + 1));
    EXPECT_TRUE(v.addDeviceCertificate(*decoded, kFrom));
    EXPECT_EQ(v.verify(walkIn, kFrom).status, TokenStatus::Ok);
}

TEST(Token, Base32RejectsNonCanonicalPadding) {
    unsigned char data[3] = {1, 2, 3};
    auto text = base32Encode(data, 3);
    EXPECT_EQ(text, "AEBAG");
    EXPECT_TRUE(base32Decode(text));
    EXPECT_FALSE(base32Decode("AEBAH"));  // non-zero trailing bits
    EXPECT_FALSE(base32Decode("AEB0G"));  // '0' is not in the alphabet
}
