// Slot codes: signed and verified offline with the event's keys like badge tokens, never
// taken for a badge token (or the reverse), each refusal with its own reason, and small
// enough for a QR code of version 10 at error correction M.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/identity/slot_code.hpp"
#include "core/render/qr.hpp"

using namespace oh;

namespace {

const Uuid kEvent = *Uuid::parse("0192f3a0-0000-7000-8000-00000000e001");
const Uuid kOtherEvent = *Uuid::parse("0192f3a0-0000-7000-8000-00000000e002");
const Uuid kSlot = *Uuid::parse("0192f3a0-1111-7000-8000-0000005a0001");
const Uuid kIntern = *Uuid::parse("0192f3a0-0000-7000-8000-0000000a0001");
constexpr std::uint32_t kIssued = 1'800'003'600;
constexpr std::int64_t kNow = kIssued + 600;

SlotCodeClaims claims(const Uuid& eventId = kEvent) {
    return {{}, eventId, kSlot, kIntern, kIssued};
}

struct Keys {
    SigningKey event = SigningKey::generate();
    TokenVerifier verifier{kEvent};
    Keys() { verifier.addEventKey(event.publicKey); }
    SlotCodeResult verify(const std::string& text) const {
        return verifySlotCode(verifier, text, kNow);
    }
};

// The code's bytes with `edit` applied, encoded again (no new signature).
template <typename Edit>
std::string editedBytes(const std::string& code, Edit edit) {
    auto bytes = base32Decode(code.substr(kSlotCodePrefix.size()));
    edit(*bytes);
    return std::string(kSlotCodePrefix) + base32Encode(bytes->data(), bytes->size());
}

std::string withCharacter(std::string code, std::size_t at) {
    code[at] = code[at] == 'Q' ? 'R' : 'Q';
    return code;
}

}  // namespace

TEST(SlotCode, SignedCodeVerifiesAndRoundTripsItsClaims) {
    Keys k;
    const std::string code = signSlotCode(k.event, claims());
    ASSERT_EQ(code.rfind("OHS:", 0), 0u);
    EXPECT_EQ(code.size(), 4u + kSlotCodeCharacters);
    const SlotCodeResult r = k.verify(code);
    ASSERT_EQ(r.status, TokenStatus::Ok) << slotCodeReason(r);
    ASSERT_TRUE(r.claims);
    EXPECT_EQ(r.claims->eventId, kEvent);
    EXPECT_EQ(r.claims->slotId, kSlot);
    EXPECT_EQ(r.claims->internId, kIntern);
    EXPECT_EQ(r.claims->issuedAt, kIssued);
    EXPECT_EQ(r.claims->keyId, k.event.id);
    EXPECT_EQ(r.codeId.size(), 32u);
    EXPECT_EQ(parseSlotCodeUnverified(code)->slotId, kSlot);
    EXPECT_EQ(slotCodeReason(r), "The slot code is valid.");
}

TEST(SlotCode, IsQrAlphanumericAndFitsVersionTenAtLevelM) {
    const std::string code = signSlotCode(SigningKey::generate(), claims());
    const std::string allowed = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:";
    for (char c : code) EXPECT_NE(allowed.find(c), std::string::npos) << c;
    const auto qr = encodeQr(code, 'M');
    ASSERT_TRUE(qr);
    EXPECT_LE(qr->version, 10);
    EXPECT_EQ(qr->version, 8);  // the header says so
}

TEST(SlotCode, IssuedAtMillisecondsBecomeWholeSecondsWithinTheField) {
    EXPECT_EQ(slotCodeSeconds(1'800'003'600'999), 1'800'003'600u);
    EXPECT_EQ(slotCodeSeconds(-5), 0u);
    EXPECT_EQ(slotCodeSeconds(std::int64_t{1} << 50), 0xFFFFFFFFu);
}

TEST(SlotCode, ScannerLowerCaseAndLineEndsAreAccepted) {
    Keys k;
    std::string code = signSlotCode(k.event, claims());
    for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(k.verify(" " + code + "\r\n").status, TokenStatus::Ok);
}

TEST(SlotCode, AForgedCodeIsRefused) {
    Keys k;
    const SigningKey forger = SigningKey::generate();
    const SlotCodeResult own = k.verify(signSlotCode(forger, claims()));
    EXPECT_EQ(own.status, TokenStatus::UnknownKey);
    // The forger writes the event key's id over their own: the signature gives them away.
    const std::string borrowed = editedBytes(signSlotCode(forger, claims()), [&](auto& b) {
        std::copy(k.event.id.begin(), k.event.id.end(), b.begin() + 1);
    });
    const SlotCodeResult r = k.verify(borrowed);
    EXPECT_EQ(r.status, TokenStatus::BadSignature);
    EXPECT_NE(slotCodeReason(r).find("altered"), std::string::npos) << slotCodeReason(r);
}

TEST(SlotCode, EverySingleChangedCharacterIsRefused) {
    Keys k;
    const std::string code = signSlotCode(k.event, claims());
    for (std::size_t at = 0; at < code.size(); ++at) {
        if (code[at] == ':') continue;
        EXPECT_NE(k.verify(withCharacter(code, at)).status, TokenStatus::Ok) << "at " << at;
    }
}

TEST(SlotCode, AnAlteredCodeIsRefusedWithTheReasonOfWhatChanged) {
    Keys k;
    const std::string code = signSlotCode(k.event, claims());
    // Character c of the body holds bits 5c..5c+4: byte 0 version, 1..4 key id, 5..20 event,
    // 21..36 slot, 37..52 intern, 53..56 issued-at, 57..120 signature.
    const std::size_t p = kSlotCodePrefix.size();
    struct Case {
        std::size_t body;
        TokenStatus status;
    };
    for (const Case c : {Case{2, TokenStatus::UnknownKey}, Case{12, TokenStatus::WrongEvent},
                         Case{40, TokenStatus::BadSignature}, Case{70, TokenStatus::BadSignature},
                         Case{88, TokenStatus::BadSignature}, Case{130, TokenStatus::BadSignature},
                         Case{192, TokenStatus::BadSignature}})
        EXPECT_EQ(k.verify(withCharacter(code, p + c.body)).status, c.status) << c.body;
    const SlotCodeResult version = k.verify(withCharacter(code, p));
    EXPECT_EQ(version.status, TokenStatus::Malformed);
    EXPECT_EQ(version.problem, SlotCodeProblem::UnknownVersion);
}

TEST(SlotCode, ATruncatedOrExtendedCodeIsMalformedForItsLength) {
    Keys k;
    const std::string code = signSlotCode(k.event, claims());
    for (const std::string& text : {code.substr(0, code.size() - 1), code.substr(0, 100),
                                    code.substr(0, code.size() - 10), code + "A"}) {
        const SlotCodeResult r = k.verify(text);
        EXPECT_EQ(r.status, TokenStatus::Malformed) << text.size();
        EXPECT_EQ(r.problem, SlotCodeProblem::WrongLength) << text.size();
        EXPECT_NE(slotCodeReason(r).find("cut off"), std::string::npos);
    }
    const SlotCodeResult bad = k.verify(code.substr(0, 20) + "1" + code.substr(21));
    EXPECT_EQ(bad.problem, SlotCodeProblem::BadBase32);
}

TEST(SlotCode, ABadgeTokenIsNotASlotCodeAndASlotCodeIsNotABadgeToken) {
    Keys k;
    const std::string badge =
        signToken({{}, kEvent, kIntern, kIssued, kIssued, kIssued + 3600}, k.event);
    const SlotCodeResult asSlot = k.verify(badge);
    EXPECT_EQ(asSlot.status, TokenStatus::Malformed);
    EXPECT_EQ(asSlot.problem, SlotCodeProblem::BadgeToken);
    EXPECT_NE(slotCodeReason(asSlot).find("badge"), std::string::npos);

    const std::string slot = signSlotCode(k.event, claims());
    EXPECT_EQ(k.verifier.verify(slot, kNow).status, TokenStatus::Malformed);
    EXPECT_FALSE(parseTokenUnverified(slot));
    EXPECT_TRUE(looksLikeSlotCode(slot));
    EXPECT_FALSE(looksLikeSlotCode(badge));

    const SlotCodeResult other = k.verify("https://example.org/offer/1");
    EXPECT_EQ(other.problem, SlotCodeProblem::WrongPrefix);
    EXPECT_EQ(k.verify("").problem, SlotCodeProblem::WrongPrefix);
}

TEST(SlotCode, ACodeOfAnotherEventIsWrongEventWhateverKeySignedIt) {
    Keys k;
    EXPECT_EQ(k.verify(signSlotCode(k.event, claims(kOtherEvent))).status, TokenStatus::WrongEvent);
    const SlotCodeResult r = k.verify(signSlotCode(SigningKey::generate(), claims(kOtherEvent)));
    EXPECT_EQ(r.status, TokenStatus::WrongEvent);
    EXPECT_EQ(slotCodeReason(r), tokenStatusReason(TokenStatus::WrongEvent));
}

TEST(SlotCode, RotatedAndCertifiedDeviceKeysVerifyRevokedDevicesDoNot) {
    Keys k;
    const SigningKey newer = SigningKey::generate();
    k.verifier.addEventKey(newer.publicKey);
    EXPECT_EQ(k.verify(signSlotCode(k.event, claims())).status, TokenStatus::Ok);
    EXPECT_EQ(k.verify(signSlotCode(newer, claims())).status, TokenStatus::Ok);

    const SigningKey device = SigningKey::generate();
    const std::string fromDevice = signSlotCode(device, claims());
    EXPECT_EQ(k.verify(fromDevice).status, TokenStatus::UnknownKey);
    ASSERT_TRUE(k.verifier.addDeviceCertificate(
        DeviceCertificate::issue(kEvent, device.publicKey, kNow + 86400, newer), kNow));
    EXPECT_EQ(k.verify(fromDevice).status, TokenStatus::Ok);
    k.verifier.revokeDeviceKey(device.publicKey, kNow - 1);
    const SlotCodeResult r = k.verify(fromDevice);
    EXPECT_EQ(r.status, TokenStatus::DeviceRevoked);
    EXPECT_NE(slotCodeReason(r).find("slot code"), std::string::npos) << slotCodeReason(r);
}

TEST(SlotCode, AWithdrawnCodeIsRefusedAndOthersStillPass) {
    Keys k;
    const std::string a = signSlotCode(k.event, claims());
    SlotCodeClaims second = claims();
    second.slotId = *Uuid::parse("0192f3a0-1111-7000-8000-0000005a0002");
    const std::string b = signSlotCode(k.event, second);
    k.verifier.revoke(k.verify(a).codeId);
    EXPECT_EQ(k.verify(a).status, TokenStatus::Revoked);
    EXPECT_EQ(k.verify(b).status, TokenStatus::Ok);
}

TEST(SlotCode, EachMalformedProblemHasItsOwnSentence) {
    std::set<std::string> sentences;
    for (const auto problem :
         {SlotCodeProblem::BadgeToken, SlotCodeProblem::WrongPrefix, SlotCodeProblem::BadBase32,
          SlotCodeProblem::WrongLength, SlotCodeProblem::UnknownVersion}) {
        SlotCodeResult r;
        r.problem = problem;
        sentences.insert(slotCodeReason(r));
    }
    EXPECT_EQ(sentences.size(), 5u);
}

TEST(SlotCode, ShortFormIsTheCodesLastTwelveCharactersInGroups) {
    const std::string code = signSlotCode(SigningKey::generate(), claims());
    const std::string tail = code.substr(code.size() - 12);
    const std::string expected =
        "OHS:\u2026" + tail.substr(0, 4) + "-" + tail.substr(4, 4) + "-" + tail.substr(8, 4);
    EXPECT_EQ(slotCodeShortForm(code), expected);
    std::string lower = code;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(slotCodeShortForm(lower + "\n"), expected);
}
