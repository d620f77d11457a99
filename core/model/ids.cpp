#include "core/model/ids.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace oh {

Uuid Uuid::v7() {
    Uuid u;
    std::uint64_t ms = static_cast<std::uint64_t>(nowMillis());
    for (int i = 0; i < 6; ++i) u.bytes[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    randombytes_buf(u.bytes.data() + 6, 10);
    u.bytes[6] = static_cast<unsigned char>((u.bytes[6] & 0x0f) | 0x70);  // version 7
    u.bytes[8] = static_cast<unsigned char>((u.bytes[8] & 0x3f) | 0x80);  // RFC variant
    return u;
}

static int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<Uuid> Uuid::parse(std::string_view text) {
    if (text.size() != 36) return std::nullopt;
    Uuid u;
    std::size_t byte = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text[i] != '-') return std::nullopt;
            ++i;
            continue;
        }
        int hi = hexValue(text[i]), lo = hexValue(text[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        u.bytes[byte++] = static_cast<unsigned char>(hi * 16 + lo);
        i += 2;
    }
    return u;
}

std::string toHex(const unsigned char* data, std::size_t size) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0xf];
    }
    return out;
}

std::string Uuid::str() const {
    std::string hex = toHex(bytes.data(), bytes.size());
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20);
}

bool Uuid::isNil() const {
    for (auto b : bytes)
        if (b) return false;
    return true;
}

std::int64_t nowMillis() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string isoUtc(std::int64_t unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string isoDayUtc(std::int64_t unixMs) {
    return isoUtc(unixMs / 1000).substr(0, 10);
}

std::optional<std::int64_t> parseIsoTime(std::string_view text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    std::string str(text);
    int consumed = 0;
    if (std::sscanf(str.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3 || consumed != 10)
        return std::nullopt;
    std::size_t pos = 10;
    long offset = 0;
    if (pos < str.size()) {
        if (str[pos] != 'T' && str[pos] != ' ') return std::nullopt;
        int n = 0;
        if (std::sscanf(str.c_str() + pos + 1, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5)
            return std::nullopt;
        pos += 1 + static_cast<std::size_t>(n);
        if (pos < str.size() && str[pos] == ':') {
            if (std::sscanf(str.c_str() + pos + 1, "%2d%n", &s, &n) != 1 || n != 2)
                return std::nullopt;
            pos += 3;
        }
        if (pos < str.size()) {
            if (str[pos] == 'Z' && pos + 1 == str.size()) {
                // UTC
            } else if ((str[pos] == '+' || str[pos] == '-') && str.size() - pos == 6 &&
                       str[pos + 3] == ':') {
                int oh = 0, om = 0;
                if (std::sscanf(str.c_str() + pos + 1, "%2d:%2d", &oh, &om) != 2)
                    return std::nullopt;
                offset = (oh * 3600L + om * 60L) * (str[pos] == '+' ? 1 : -1);
            } else {
                return std::nullopt;
            }
        }
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return static_cast<std::int64_t>(timegm(&tm)) - offset;
}

}  // namespace oh
