// Signed invitation/badge tokens: Ed25519 (libsodium), verified offline.
//
// Wire format (113 bytes, then RFC 4648 base32 without padding, prefixed "OH:"):
//   [0]      format version (1)
//   [1..4]   key id of the signer (event key, or a device key the event key certified)
//   [5..20]  event id (UUID)
//   [21..36] attendee id (UUID)
//   [37..40] issued-at, [41..44] valid-from, [45..48] valid-until (u32 big-endian, Unix s)
//   [49..112] Ed25519 signature over bytes [0..48]
// Base32 uses only QR alphanumeric characters, so the 184-character text fits QR
// version 8 at error correction M (limit: version 10), and has no spaces for shells.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/ids.hpp"

namespace oh {

using KeyId = std::array<unsigned char, 4>;
using PublicKey = std::array<unsigned char, 32>;
using SecretKey = std::array<unsigned char, 64>;
using Signature = std::array<unsigned char, 64>;

std::string keyIdHex(const KeyId& id);
std::optional<KeyId> parseKeyIdHex(std::string_view hex);

struct SigningKey {
    KeyId id{};
    PublicKey publicKey{};
    SecretKey secretKey{};

    static SigningKey generate();
    // Key id = first 4 bytes of BLAKE2b(public key): stable, derivable by anyone.
    static KeyId deriveId(const PublicKey& pk);
    static std::optional<SigningKey> fromSecretHex(std::string_view hex);
    std::string secretHex() const;
    std::string publicHex() const;
};

std::optional<PublicKey> parsePublicKeyHex(std::string_view hex);

struct TokenClaims {
    KeyId keyId{};
    Uuid eventId;
    Uuid attendeeId;
    std::uint32_t issuedAt = 0;
    std::uint32_t validFrom = 0;
    std::uint32_t validUntil = 0;
};

enum class TokenStatus {
    Ok,
    Malformed,
    UnknownKey,
    BadSignature,
    WrongEvent,
    NotYetValid,
    Expired,
    Revoked,
    DeviceRevoked,  // signed by a kiosk's key whose device was revoked (lost or stolen)
};

const char* tokenStatusName(TokenStatus status);    // "ok", "bad-signature", ...
const char* tokenStatusReason(TokenStatus status);  // a plain sentence for people

struct VerifyResult {
    TokenStatus status = TokenStatus::Malformed;
    std::optional<TokenClaims> claims;  // set when the bytes parsed
    std::string tokenId;                // hex id used by revocation lists
    bool ok() const { return status == TokenStatus::Ok; }
};

constexpr std::size_t kTokenSignedBytes = 49;
constexpr std::size_t kTokenBytes = kTokenSignedBytes + 64;
constexpr std::string_view kTokenPrefix = "OH:";

std::string signToken(const TokenClaims& claims, const SigningKey& key);

// When an invitation is valid: from `beforeStart` seconds before the event starts (not from
// the moment it was signed, so a kiosk whose clock is behind the signing machine's still
// takes it) until `afterEnd` seconds after it ends. Clamped to what the u32 fields hold.
struct TokenWindow {
    std::uint32_t validFrom = 0;
    std::uint32_t validUntil = 0;
};
TokenWindow invitationWindow(std::int64_t startsAt, std::int64_t endsAt, std::int64_t beforeStart,
                             std::int64_t afterEnd);

// A device key certified by an event key: lets a kiosk sign walk-in badges
// without the event's private key ever leaving the admin machine.
struct DeviceCertificate {
    Uuid eventId;
    PublicKey devicePublicKey{};
    std::uint32_t validUntil = 0;
    KeyId signerKeyId{};
    Signature signature{};

    static DeviceCertificate issue(const Uuid& eventId, const PublicKey& devicePk,
                                   std::uint32_t validUntil, const SigningKey& eventKey);
    std::string encodeHex() const;
    static std::optional<DeviceCertificate> decodeHex(std::string_view hex);
};

class TokenVerifier {
  public:
    explicit TokenVerifier(Uuid eventId) : eventId_(eventId) {}

    void addEventKey(const PublicKey& pk);
    // Accepted only when an event key already added signed it for this event
    // and it has not lapsed at `now`; returns false (and adds nothing) otherwise.
    bool addDeviceCertificate(const DeviceCertificate& cert, std::int64_t now);
    void revoke(const std::string& tokenId) { revoked_.insert(tokenId); }
    // The device holding this key was revoked at `revokedAt` (Unix s): from
    // then on every code it signed is refused, whatever issued-at it claims
    // (a thief can write any issued-at).
    void revokeDeviceKey(const PublicKey& devicePk, std::int64_t revokedAt);

    VerifyResult verify(std::string_view text, std::int64_t now) const;

    // The checks every signed code of the event passes (badge tokens here, slot codes in
    // slot_code.hpp), in this order: its event, a signer the event knows, the signature over
    // `message`, the signer's device not revoked at `now`, the code (`codeId`) not withdrawn.
    // Ok when all pass; a badge token then checks its validity window.
    TokenStatus checkSignedCode(const Uuid& eventId, const KeyId& keyId,
                                const unsigned char* message, std::size_t size,
                                const Signature& signature, const std::string& codeId,
                                std::int64_t now) const;

    // Codes are checked against clocks that may be a little off.
    void setLeewaySeconds(std::int64_t s) { leeway_ = s; }

  private:
    Uuid eventId_;
    std::map<KeyId, PublicKey> keys_;
    std::set<std::string> revoked_;
    std::map<KeyId, std::int64_t> revokedDeviceKeys_;  // key id -> revoked at (Unix s)
    std::int64_t leeway_ = 120;
};

// Parses without checking the signature (for diagnostics); nullopt if malformed.
std::optional<TokenClaims> parseTokenUnverified(std::string_view text);

std::string base32Encode(const unsigned char* data, std::size_t size);
std::optional<std::vector<unsigned char>> base32Decode(std::string_view text);

// ---- shared by every signed code (badge tokens, slot codes) --------------------------------

// True when `text` starts with `prefix` in any case, after the spaces and line ends
// scanners and phones add around it.
bool hasCodePrefix(std::string_view text, std::string_view prefix);
// The bytes of "PREFIX" + base32 text (trimmed and case-blind as above); nullopt for another
// prefix or text that is not canonical base32. The caller checks the length and version.
std::optional<std::vector<unsigned char>> decodeCodeText(std::string_view text,
                                                         std::string_view prefix);
// The id revocation lists use for a code: hex BLAKE2b-128 of its bytes.
std::string codeIdOf(const std::vector<unsigned char>& bytes);
// An Ed25519 signature of `message` by `key`.
Signature signDetached(const SigningKey& key, const unsigned char* message, std::size_t size);

}  // namespace oh
