#include "core/identity/slot_code.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <vector>

namespace oh {
namespace {

constexpr unsigned char kSlotCodeVersion = 1;
constexpr unsigned char kSlotDomain = 'S';  // signed first, never sent: see the header

void putU32(unsigned char* out, std::uint32_t v) {
    out[0] = static_cast<unsigned char>(v >> 24);
    out[1] = static_cast<unsigned char>(v >> 16);
    out[2] = static_cast<unsigned char>(v >> 8);
    out[3] = static_cast<unsigned char>(v);
}

std::uint32_t getU32(const unsigned char* in) {
    return (std::uint32_t(in[0]) << 24) | (std::uint32_t(in[1]) << 16) |
           (std::uint32_t(in[2]) << 8) | std::uint32_t(in[3]);
}

using SignedMessage = std::array<unsigned char, 1 + kSlotCodeSignedBytes>;

// What the signature covers: the domain byte, then the code's signed bytes.
SignedMessage signedMessage(const unsigned char* body) {
    SignedMessage m{};
    m[0] = kSlotDomain;
    std::copy(body, body + kSlotCodeSignedBytes, m.begin() + 1);
    return m;
}

SlotCodeClaims claimsOf(const std::vector<unsigned char>& bytes) {
    const unsigned char* b = bytes.data();
    SlotCodeClaims c;
    std::copy(b + 1, b + 5, c.keyId.begin());
    std::copy(b + 5, b + 21, c.eventId.bytes.begin());
    std::copy(b + 21, b + 37, c.slotId.bytes.begin());
    std::copy(b + 37, b + 53, c.internId.bytes.begin());
    c.issuedAt = getU32(b + 53);
    return c;
}

// The code's bytes, or the reason there are none.
SlotCodeProblem slotCodeBytes(std::string_view text, std::vector<unsigned char>& out) {
    if (!looksLikeSlotCode(text))
        return hasCodePrefix(text, kTokenPrefix) ? SlotCodeProblem::BadgeToken
                                                 : SlotCodeProblem::WrongPrefix;
    // Counted in characters before decoding: a code cut anywhere is "too short", not "bad
    // characters" (base32 refuses the leftover bits of most cuts).
    std::size_t characters = 0;
    for (char c : text) characters += c != ' ' && c != '\r' && c != '\n';
    if (characters != kSlotCodePrefix.size() + kSlotCodeCharacters)
        return SlotCodeProblem::WrongLength;
    auto bytes = decodeCodeText(text, kSlotCodePrefix);
    if (!bytes || bytes->size() != kSlotCodeBytes) return SlotCodeProblem::BadBase32;
    if ((*bytes)[0] != kSlotCodeVersion) return SlotCodeProblem::UnknownVersion;
    out = std::move(*bytes);
    return SlotCodeProblem::None;
}

std::string malformedReason(SlotCodeProblem problem) {
    switch (problem) {
        case SlotCodeProblem::BadgeToken:
            return "This is a badge or invitation code (OH:), not a slot code (OHS:).";
        case SlotCodeProblem::WrongPrefix:
            return "This is not an Openhouse slot code: slot codes start with OHS:.";
        case SlotCodeProblem::BadBase32:
            return "This slot code has characters no slot code has: it may have been mistyped "
                   "or altered.";
        case SlotCodeProblem::WrongLength:
            return "This slot code is too short or too long: it may have been cut off.";
        case SlotCodeProblem::UnknownVersion:
            return "This slot code is of a format this version of Openhouse does not know.";
        case SlotCodeProblem::None:
            break;
    }
    return tokenStatusReason(TokenStatus::Malformed);
}

}  // namespace

std::uint32_t slotCodeSeconds(std::int64_t unixMillis) {
    constexpr std::int64_t kMax = std::numeric_limits<std::uint32_t>::max();
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(unixMillis / 1000, 0, kMax));
}

std::string signSlotCode(const SigningKey& key, const SlotCodeClaims& claims) {
    std::array<unsigned char, kSlotCodeBytes> all{};
    all[0] = kSlotCodeVersion;
    std::copy(key.id.begin(), key.id.end(), all.begin() + 1);
    std::copy(claims.eventId.bytes.begin(), claims.eventId.bytes.end(), all.begin() + 5);
    std::copy(claims.slotId.bytes.begin(), claims.slotId.bytes.end(), all.begin() + 21);
    std::copy(claims.internId.bytes.begin(), claims.internId.bytes.end(), all.begin() + 37);
    putU32(all.data() + 53, claims.issuedAt);
    const SignedMessage m = signedMessage(all.data());
    const Signature signature = signDetached(key, m.data(), m.size());
    std::copy(signature.begin(), signature.end(), all.begin() + kSlotCodeSignedBytes);
    return std::string(kSlotCodePrefix) + base32Encode(all.data(), all.size());
}

bool looksLikeSlotCode(std::string_view text) {
    return hasCodePrefix(text, kSlotCodePrefix);
}

std::optional<SlotCodeClaims> parseSlotCodeUnverified(std::string_view text) {
    std::vector<unsigned char> bytes;
    if (slotCodeBytes(text, bytes) != SlotCodeProblem::None) return std::nullopt;
    return claimsOf(bytes);
}

SlotCodeResult verifySlotCode(const TokenVerifier& verifier, std::string_view text,
                              std::int64_t now) {
    SlotCodeResult r;
    std::vector<unsigned char> bytes;
    r.problem = slotCodeBytes(text, bytes);
    if (r.problem != SlotCodeProblem::None) return r;  // Malformed
    r.claims = claimsOf(bytes);
    r.codeId = codeIdOf(bytes);
    Signature signature;
    std::copy(bytes.begin() + kSlotCodeSignedBytes, bytes.end(), signature.begin());
    const SignedMessage m = signedMessage(bytes.data());
    r.status = verifier.checkSignedCode(r.claims->eventId, r.claims->keyId, m.data(), m.size(),
                                        signature, r.codeId, now);
    return r;
}

std::string slotCodeReason(const SlotCodeResult& result) {
    switch (result.status) {
        case TokenStatus::Malformed:
            return malformedReason(result.problem);
        case TokenStatus::DeviceRevoked:
            return "This slot code was signed by a device that has been revoked (lost or "
                   "stolen): please see the program lead.";
        case TokenStatus::Ok:
            return "The slot code is valid.";
        default:
            return tokenStatusReason(result.status);
    }
}

std::string slotCodeShortForm(std::string_view text) {
    std::string body;
    for (char c : text)
        if (std::isalnum(static_cast<unsigned char>(c)))
            body += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // The prefix's letters are not part of the code's own characters.
    if (body.rfind("OHS", 0) == 0) body.erase(0, 3);
    if (body.size() > 12) body.erase(0, body.size() - 12);
    std::string out(kSlotCodePrefix);
    out += "\u2026";
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += body[i];
    }
    return out;
}

}  // namespace oh
