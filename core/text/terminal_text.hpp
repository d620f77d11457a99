// Text from people (names, e-mails, teams, event names) on a terminal or in a form.
//
// A control character in a name is never meant: ESC starts a terminal escape sequence
// (it can set the window title, colours, or move the cursor to overwrite earlier lines),
// BEL rings, CR and LF forge output lines. Rosters and walk-ins refuse them
// (findControlCharacter), and everything the CLI prints from a record goes through
// terminalSafe, so a record that reached the store anyway (an older version, a sync)
// is shown harmlessly.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace oh {

// C0 controls (U+0000..U+001F), DEL (U+007F) and C1 controls (U+0080..U+009F).
constexpr bool isControlCodePoint(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

struct ControlCharacter {
    std::size_t byteOffset = 0;  // where it starts in the text
    std::size_t position = 0;    // 1-based character (code point) position, for messages
    char32_t codePoint = 0;
};

// The first control character in UTF-8 text, ignoring those in `allowed` (ASCII only, e.g.
// "\t\n" for a paragraph). Bytes that are not valid UTF-8 are skipped: callers check
// UTF-8 validity on their own (findInvalidUtf8).
std::optional<ControlCharacter> findControlCharacter(std::string_view text,
                                                     std::string_view allowed = {});

// "U+001B (ESC)": how a message names a control character.
std::string describeControlCharacter(char32_t codePoint);

// The text with every control character replaced by a visible escape: C0 and DEL as
// "\x1b", C1 as "\u009b", and bytes that are not valid UTF-8 as "\xff". Everything
// else (Latin, Arabic, Devanagari, CJK, emoji) is kept byte for byte. Line breaks are
// escaped too: one record prints on one line.
std::string terminalSafe(std::string_view text);

}  // namespace oh
