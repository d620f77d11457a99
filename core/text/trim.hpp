// Whitespace at the edges of what people type, one rule for the roster, the importers, the
// walk-in form and the CLI: ASCII blanks (space, tab, CR, LF, VT, FF) and U+00A0 NO-BREAK
// SPACE, which web forms and spreadsheets slip into names and e-mails.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace oh {

// Bytes of whitespace at text[i] (1 for an ASCII blank, 2 for U+00A0), or 0.
std::size_t whitespaceAt(std::string_view text, std::size_t i);

// The text without leading and trailing whitespace.
std::string trim(std::string_view text);

// Trimmed, and every inner run of whitespace turned into one space.
std::string collapseWhitespace(std::string_view text);

// ASCII letters lower-cased; every other byte (UTF-8 included) kept as it is.
std::string lowerAscii(std::string_view text);

}  // namespace oh
