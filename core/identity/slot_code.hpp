// Slot codes: the signed code on an intern's return-offer slot card, verified offline like a
// badge token and with the same keys (TokenVerifier: event keys, rotation, device keys the
// event certified, revoked devices, withdrawn codes). A slot code has no validity window: a
// slot stands until the program withdraws it.
//
// Wire format (121 bytes, then RFC 4648 base32 without padding, prefixed "OHS:"):
//   [0]       format version (1)
//   [1..4]    key id of the signer (event key, or a device key the event key certified)
//   [5..20]   event id, [21..36] slot id (UUIDv7), [37..52] intern id
//   [53..56]  issued-at (u32 big-endian, Unix s)
//   [57..120] Ed25519 signature over 'S' followed by bytes [0..56]: the 'S' keeps a slot
//             signature from ever standing for a badge token's or a certificate's
// The 198 characters are all QR alphanumeric (version 8 at error correction M, as a badge
// token; the limit is 10). The prefix is not a badge token's "OH:", so neither is ever taken for
// the other.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/identity/token.hpp"
#include "core/model/ids.hpp"

namespace oh {

struct SlotCodeClaims {
    KeyId keyId{};  // set by signSlotCode to the signing key's id
    Uuid eventId;
    Uuid slotId;
    Uuid internId;
    std::uint32_t issuedAt = 0;  // Unix s (slotCodeSeconds of the slot's milliseconds)
};

constexpr std::string_view kSlotCodePrefix = "OHS:";
constexpr std::size_t kSlotCodeSignedBytes = 57;
constexpr std::size_t kSlotCodeBytes = kSlotCodeSignedBytes + 64;
constexpr std::size_t kSlotCodeCharacters = (kSlotCodeBytes * 8 + 4) / 5;  // base32, after prefix

// A slot's issued-at (Unix ms, as slots keep it) in the code's whole seconds, clamped to what
// the u32 field holds.
std::uint32_t slotCodeSeconds(std::int64_t unixMillis);

std::string signSlotCode(const SigningKey& key, const SlotCodeClaims& claims);

// Why a text is not a slot code (TokenStatus::Malformed).
enum class SlotCodeProblem {
    None,
    BadgeToken,      // "OH:...": a badge or invitation code, not a slot code
    WrongPrefix,     // not "OHS:" at all
    BadBase32,       // a character base32 does not have, or non-canonical final bits
    WrongLength,     // cut off or run on
    UnknownVersion,  // a format this build does not know
};

struct SlotCodeResult {
    TokenStatus status = TokenStatus::Malformed;
    SlotCodeProblem problem = SlotCodeProblem::None;  // set when Malformed
    std::optional<SlotCodeClaims> claims;             // set when the bytes parsed
    std::string codeId;  // hex id used by revocation lists (TokenVerifier::revoke)
    bool ok() const { return status == TokenStatus::Ok; }
};

// True for "OHS:..." in any case, spaces around it ignored: which verifier a text goes to.
bool looksLikeSlotCode(std::string_view text);

// The claims without checking the signature (for diagnostics); nullopt if malformed.
std::optional<SlotCodeClaims> parseSlotCodeUnverified(std::string_view text);

// The checks are TokenVerifier::checkSignedCode's, in its order (wrong event before unknown
// key before bad signature), after the text's own (prefix, base32, length, version).
SlotCodeResult verifySlotCode(const TokenVerifier& verifier, std::string_view text,
                              std::int64_t now);

// A plain sentence for people: the token's reason where it fits, the slot code's own for a
// malformed text (saying what is wrong with it) and for a revoked device.
std::string slotCodeReason(const SlotCodeResult& result);

// The short form printed under the card's QR and by `openhouse verify`: the last 12
// characters of the code (signature, so they differ from code to code) in groups of four,
// "OHS:…K7QX-2MAB-D4RT". Enough to match a card with a code, never to rebuild one.
std::string slotCodeShortForm(std::string_view text);

}  // namespace oh
