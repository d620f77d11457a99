#include "core/identity/token.hpp"

#include <algorithm>
#include <limits>

#include <sodium.h>

#include <stdexcept>

namespace oh {
namespace {

struct SodiumInit {
    SodiumInit() {
        if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    }
};

void ensureSodium() {
    static SodiumInit init;
}

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr unsigned char kFormatVersion = 1;

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

std::optional<std::vector<unsigned char>> hexDecode(std::string_view hex) {
    std::vector<unsigned char> out(hex.size() / 2);
    std::size_t len = 0;
    if (hex.size() % 2 != 0 ||
        sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, nullptr) !=
            0 ||
        len != out.size())
        return std::nullopt;
    return out;
}

std::array<unsigned char, kTokenSignedBytes> signedPart(const TokenClaims& c) {
    std::array<unsigned char, kTokenSignedBytes> b{};
    b[0] = kFormatVersion;
    std::copy(c.keyId.begin(), c.keyId.end(), b.begin() + 1);
    std::copy(c.eventId.bytes.begin(), c.eventId.bytes.end(), b.begin() + 5);
    std::copy(c.attendeeId.bytes.begin(), c.attendeeId.bytes.end(), b.begin() + 21);
    putU32(b.data() + 37, c.issuedAt);
    putU32(b.data() + 41, c.validFrom);
    putU32(b.data() + 45, c.validUntil);
    return b;
}

// Scanners and phones sometimes add whitespace or lower-case the text.
std::string_view trimCodeText(std::string_view text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.remove_suffix(1);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    return text;
}

std::optional<std::vector<unsigned char>> tokenBytes(std::string_view text) {
    auto bytes = decodeCodeText(text, kTokenPrefix);
    if (!bytes || bytes->size() != kTokenBytes || (*bytes)[0] != kFormatVersion)
        return std::nullopt;
    return bytes;
}

std::array<unsigned char, 1 + 16 + 32 + 4> certificateMessage(const Uuid& eventId,
                                                              const PublicKey& pk,
                                                              std::uint32_t validUntil) {
    std::array<unsigned char, 1 + 16 + 32 + 4> m{};
    m[0] = 'C';  // domain separation: a certificate is never a valid token
    std::copy(eventId.bytes.begin(), eventId.bytes.end(), m.begin() + 1);
    std::copy(pk.begin(), pk.end(), m.begin() + 17);
    putU32(m.data() + 49, validUntil);
    return m;
}

}  // namespace

std::string keyIdHex(const KeyId& id) {
    return toHex(id.data(), id.size());
}

std::optional<KeyId> parseKeyIdHex(std::string_view hex) {
    auto bytes = hexDecode(hex);
    if (!bytes || bytes->size() != 4) return std::nullopt;
    KeyId id;
    std::copy(bytes->begin(), bytes->end(), id.begin());
    return id;
}

KeyId SigningKey::deriveId(const PublicKey& pk) {
    ensureSodium();
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, pk.data(), pk.size(), nullptr, 0);
    KeyId id;
    std::copy(hash, hash + 4, id.begin());
    return id;
}

SigningKey SigningKey::generate() {
    ensureSodium();
    SigningKey k;
    crypto_sign_keypair(k.publicKey.data(), k.secretKey.data());
    k.id = deriveId(k.publicKey);
    return k;
}

std::optional<SigningKey> SigningKey::fromSecretHex(std::string_view hex) {
    ensureSodium();
    auto bytes = hexDecode(hex);
    if (!bytes || bytes->size() != 64) return std::nullopt;
    SigningKey k;
    std::copy(bytes->begin(), bytes->end(), k.secretKey.begin());
    crypto_sign_ed25519_sk_to_pk(k.publicKey.data(), k.secretKey.data());
    k.id = deriveId(k.publicKey);
    return k;
}

std::string SigningKey::secretHex() const {
    return toHex(secretKey.data(), secretKey.size());
}
std::string SigningKey::publicHex() const {
    return toHex(publicKey.data(), publicKey.size());
}

std::optional<PublicKey> parsePublicKeyHex(std::string_view hex) {
    auto bytes = hexDecode(hex);
    if (!bytes || bytes->size() != 32) return std::nullopt;
    PublicKey pk;
    std::copy(bytes->begin(), bytes->end(), pk.begin());
    return pk;
}

const char* tokenStatusName(TokenStatus status) {
    switch (status) {
        case TokenStatus::Ok:
            return "ok";
        case TokenStatus::Malformed:
            return "malformed";
        case TokenStatus::UnknownKey:
            return "unknown-key";
        case TokenStatus::BadSignature:
            return "bad-signature";
        case TokenStatus::WrongEvent:
            return "wrong-event";
        case TokenStatus::NotYetValid:
            return "not-yet-valid";
        case TokenStatus::Expired:
            return "expired";
        case TokenStatus::Revoked:
            return "revoked";
        case TokenStatus::DeviceRevoked:
            return "revoked-device";
    }
    return "malformed";
}

const char* tokenStatusReason(TokenStatus status) {
    switch (status) {
        case TokenStatus::Ok:
            return "The code is valid.";
        case TokenStatus::Malformed:
            return "This is not an Openhouse invitation code.";
        case TokenStatus::UnknownKey:
            return "The code was signed with a key this event does not know.";
        case TokenStatus::BadSignature:
            return "The code's signature does not match: it may have been altered.";
        case TokenStatus::WrongEvent:
            return "This code is for a different event.";
        case TokenStatus::NotYetValid:
            return "This code is not valid yet.";
        case TokenStatus::Expired:
            return "This code has expired.";
        case TokenStatus::Revoked:
            return "This code has been withdrawn.";
        case TokenStatus::DeviceRevoked:
            return "This badge was made by a kiosk that has been revoked (revoked device): "
                   "please see the event desk.";
    }
    return "";
}

std::string base32Encode(const unsigned char* data, std::size_t size) {
    std::string out;
    out.reserve((size * 8 + 4) / 5);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 5) {
            out += kBase32Alphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 31];
    return out;
}

std::optional<std::vector<unsigned char>> base32Decode(std::string_view text) {
    std::vector<unsigned char> out;
    out.reserve(text.size() * 5 / 8);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char ch : text) {
        int c = std::toupper(static_cast<unsigned char>(ch));
        int v;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= '2' && c <= '7')
            v = c - '2' + 26;
        else
            return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<unsigned char>(buffer >> (bits - 8)));
            bits -= 8;
        }
    }
    // Leftover bits must be zero padding of a canonical encoding.
    if (bits >= 5 || (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
    return out;
}

bool hasCodePrefix(std::string_view text, std::string_view prefix) {
    text = trimCodeText(text);
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    return true;
}

std::optional<std::vector<unsigned char>> decodeCodeText(std::string_view text,
                                                         std::string_view prefix) {
    if (!hasCodePrefix(text, prefix)) return std::nullopt;
    return base32Decode(trimCodeText(text).substr(prefix.size()));
}

std::string codeIdOf(const std::vector<unsigned char>& bytes) {
    ensureSodium();
    unsigned char id[16];
    crypto_generichash(id, sizeof id, bytes.data(), bytes.size(), nullptr, 0);
    return toHex(id, sizeof id);
}

Signature signDetached(const SigningKey& key, const unsigned char* message, std::size_t size) {
    ensureSodium();
    Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, message, size, key.secretKey.data());
    return signature;
}

std::string signToken(const TokenClaims& claims, const SigningKey& key) {
    TokenClaims c = claims;
    c.keyId = key.id;
    auto body = signedPart(c);
    std::array<unsigned char, kTokenBytes> all{};
    std::copy(body.begin(), body.end(), all.begin());
    const Signature signature = signDetached(key, body.data(), body.size());
    std::copy(signature.begin(), signature.end(), all.begin() + kTokenSignedBytes);
    return std::string(kTokenPrefix) + base32Encode(all.data(), all.size());
}

std::optional<TokenClaims> parseTokenUnverified(std::string_view text) {
    auto bytes = tokenBytes(text);
    if (!bytes) return std::nullopt;
    const unsigned char* b = bytes->data();
    TokenClaims c;
    std::copy(b + 1, b + 5, c.keyId.begin());
    std::copy(b + 5, b + 21, c.eventId.bytes.begin());
    std::copy(b + 21, b + 37, c.attendeeId.bytes.begin());
    c.issuedAt = getU32(b + 37);
    c.validFrom = getU32(b + 41);
    c.validUntil = getU32(b + 45);
    return c;
}

DeviceCertificate DeviceCertificate::issue(const Uuid& eventId, const PublicKey& devicePk,
                                           std::uint32_t validUntil, const SigningKey& eventKey) {
    ensureSodium();
    DeviceCertificate cert{eventId, devicePk, validUntil, eventKey.id, {}};
    auto m = certificateMessage(eventId, devicePk, validUntil);
    crypto_sign_detached(cert.signature.data(), nullptr, m.data(), m.size(),
                         eventKey.secretKey.data());
    return cert;
}

std::string DeviceCertificate::encodeHex() const {
    std::vector<unsigned char> b;
    b.insert(b.end(), eventId.bytes.begin(), eventId.bytes.end());
    b.insert(b.end(), devicePublicKey.begin(), devicePublicKey.end());
    unsigned char until[4];
    putU32(until, validUntil);
    b.insert(b.end(), until, until + 4);
    b.insert(b.end(), signerKeyId.begin(), signerKeyId.end());
    b.insert(b.end(), signature.begin(), signature.end());
    return toHex(b.data(), b.size());
}

std::optional<DeviceCertificate> DeviceCertificate::decodeHex(std::string_view hex) {
    auto b = hexDecode(hex);
    if (!b || b->size() != 16 + 32 + 4 + 4 + 64) return std::nullopt;
    DeviceCertificate c;
    const unsigned char* p = b->data();
    std::copy(p, p + 16, c.eventId.bytes.begin());
    std::copy(p + 16, p + 48, c.devicePublicKey.begin());
    c.validUntil = getU32(p + 48);
    std::copy(p + 52, p + 56, c.signerKeyId.begin());
    std::copy(p + 56, p + 120, c.signature.begin());
    return c;
}

void TokenVerifier::addEventKey(const PublicKey& pk) {
    keys_[SigningKey::deriveId(pk)] = pk;
}

bool TokenVerifier::addDeviceCertificate(const DeviceCertificate& cert, std::int64_t now) {
    ensureSodium();
    if (cert.eventId != eventId_ || now > cert.validUntil) return false;
    auto signer = keys_.find(cert.signerKeyId);
    if (signer == keys_.end()) return false;
    auto m = certificateMessage(cert.eventId, cert.devicePublicKey, cert.validUntil);
    if (crypto_sign_verify_detached(cert.signature.data(), m.data(), m.size(),
                                    signer->second.data()) != 0)
        return false;
    keys_[SigningKey::deriveId(cert.devicePublicKey)] = cert.devicePublicKey;
    return true;
}

void TokenVerifier::revokeDeviceKey(const PublicKey& devicePk, std::int64_t revokedAt) {
    revokedDeviceKeys_[SigningKey::deriveId(devicePk)] = revokedAt;
}

TokenStatus TokenVerifier::checkSignedCode(const Uuid& eventId, const KeyId& keyId,
                                           const unsigned char* message, std::size_t size,
                                           const Signature& signature, const std::string& codeId,
                                           std::int64_t now) const {
    ensureSodium();
    // The event id is checked before the signature: a code for another event is
    // signed with a key this kiosk cannot know, and "wrong event" is what helps
    // the person holding it. Either way the code is refused.
    if (eventId != eventId_) return TokenStatus::WrongEvent;
    auto key = keys_.find(keyId);
    if (key == keys_.end()) return TokenStatus::UnknownKey;
    if (crypto_sign_verify_detached(signature.data(), message, size, key->second.data()) != 0)
        return TokenStatus::BadSignature;
    auto revokedDevice = revokedDeviceKeys_.find(keyId);
    if (revokedDevice != revokedDeviceKeys_.end() && now >= revokedDevice->second)
        return TokenStatus::DeviceRevoked;
    if (revoked_.count(codeId)) return TokenStatus::Revoked;
    return TokenStatus::Ok;
}

VerifyResult TokenVerifier::verify(std::string_view text, std::int64_t now) const {
    VerifyResult r;
    auto bytes = tokenBytes(text);
    if (!bytes) {
        r.status = TokenStatus::Malformed;
        return r;
    }
    r.claims = parseTokenUnverified(text);
    r.tokenId = codeIdOf(*bytes);
    Signature signature;
    std::copy(bytes->begin() + kTokenSignedBytes, bytes->end(), signature.begin());
    r.status = checkSignedCode(r.claims->eventId, r.claims->keyId, bytes->data(), kTokenSignedBytes,
                               signature, r.tokenId, now);
    if (r.status != TokenStatus::Ok) return r;
    if (now + leeway_ < r.claims->validFrom) {
        r.status = TokenStatus::NotYetValid;
    } else if (now - leeway_ > r.claims->validUntil) {
        r.status = TokenStatus::Expired;
    }
    return r;
}

TokenWindow invitationWindow(std::int64_t startsAt, std::int64_t endsAt, std::int64_t beforeStart,
                             std::int64_t afterEnd) {
    auto clamp = [](std::int64_t t) {
        constexpr std::int64_t kMax = std::numeric_limits<std::uint32_t>::max();
        return static_cast<std::uint32_t>(std::clamp<std::int64_t>(t, 0, kMax));
    };
    return {clamp(startsAt - std::max<std::int64_t>(beforeStart, 0)),
            clamp(endsAt + std::max<std::int64_t>(afterEnd, 0))};
}

}  // namespace oh
