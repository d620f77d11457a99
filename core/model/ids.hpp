// Identifiers: UUIDv7 keys (time-ordered, no reliance on SERIAL order) and clocks.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oh {

using Bytes16 = std::array<unsigned char, 16>;

struct Uuid {
    Bytes16 bytes{};

    static Uuid v7();  // time-ordered random UUID (RFC 9562)
    static std::optional<Uuid> parse(std::string_view text);
    std::string str() const;  // canonical 8-4-4-4-12 lower-case
    bool isNil() const;
    friend bool operator==(const Uuid&, const Uuid&) = default;
    friend auto operator<=>(const Uuid&, const Uuid&) = default;
};

// Wall clock in milliseconds / seconds since the Unix epoch.
std::int64_t nowMillis();
inline std::int64_t nowSeconds() {
    return nowMillis() / 1000;
}

// ISO 8601 (UTC, "2026-11-26T14:20:00Z") for display and exports.
std::string isoUtc(std::int64_t unix_seconds);
// The UTC day of a moment in Unix ms, "2026-12-20": due dates and review days as shown.
std::string isoDayUtc(std::int64_t unixMs);
// Parses "YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]" or "YYYY-MM-DD"; nullopt if malformed.
std::optional<std::int64_t> parseIsoTime(std::string_view text);

std::string toHex(const unsigned char* data, std::size_t size);

}  // namespace oh
