#include "core/text/terminal_text.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>

#include "core/text/utf8.hpp"

namespace oh {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when the bytes there are not one.
std::size_t sequenceLength(std::string_view text, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (b0 < 0x80) return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF)
        length = 2;
    else if (b0 >= 0xE0 && b0 <= 0xEF)
        length = 3;
    else if (b0 >= 0xF0 && b0 <= 0xF4)
        length = 4;
    else
        return 0;
    if (i + length > text.size()) return 0;
    // The strict check (overlongs, surrogates, > U+10FFFF) is the CSV reader's.
    return findInvalidUtf8(text.substr(i, length)) ? 0 : length;
}

char32_t codePointAt(std::string_view text, std::size_t i, std::size_t length) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    switch (length) {
        case 1:
            return byte(0);
        case 2:
            return (char32_t{byte(0)} & 0x1F) << 6 | (byte(1) & 0x3F);
        case 3:
            return (char32_t{byte(0)} & 0x0F) << 12 | (byte(1) & 0x3F) << 6 | (byte(2) & 0x3F);
        default:
            return (char32_t{byte(0)} & 0x07) << 18 | (byte(1) & 0x3F) << 12 |
                   (byte(2) & 0x3F) << 6 | (byte(3) & 0x3F);
    }
}

constexpr std::array<const char*, 32> kC0Names{
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "TAB", "LF",
    "VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
    "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};

}  // namespace

std::optional<ControlCharacter> findControlCharacter(std::string_view text,
                                                     std::string_view allowed) {
    std::size_t position = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = sequenceLength(text, i);
        ++position;
        if (length == 0) {
            ++i;
            continue;
        }
        char32_t c = codePointAt(text, i, length);
        bool isAllowed = c < 0x80 && allowed.find(static_cast<char>(c)) != allowed.npos;
        if (isControlCodePoint(c) && !isAllowed) return ControlCharacter{i, position, c};
        i += length;
    }
    return std::nullopt;
}

std::string describeControlCharacter(char32_t codePoint) {
    std::string name;
    if (codePoint < kC0Names.size())
        name = kC0Names[codePoint];
    else if (codePoint == 0x7F)
        name = "DEL";
    else if (codePoint == 0x85)
        name = "NEL";
    else if (codePoint == 0x9B)
        name = "CSI";
    else if (codePoint >= 0x80 && codePoint <= 0x9F)
        name = "C1 control";
    std::string text = fmt::format("U+{:04X}", static_cast<std::uint32_t>(codePoint));
    return name.empty() ? text : text + " (" + name + ")";
}

std::string terminalSafe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = sequenceLength(text, i);
        if (length == 0) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
            ++i;
            continue;
        }
        char32_t c = codePointAt(text, i, length);
        if (c < 0x80 && isControlCodePoint(c)) {
            out += fmt::format("\\x{:02x}", static_cast<std::uint32_t>(c));
        } else if (isControlCodePoint(c)) {
            out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(c));
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
    return out;
}

}  // namespace oh
