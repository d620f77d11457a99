// UTF-8 validity, one home for the rule: the strict "well-formed UTF-8" table
// (no overlongs, no surrogates, nothing above U+10FFFF). Used by the CSV reader,
// the roster's checks and the terminal escaping. Also the lenient decoder and encoder
// the name search and short names walk names with.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace oh {

// Length of the valid UTF-8 sequence at text[i], or 0 if it is invalid.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i);

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid.
std::optional<std::size_t> findInvalidUtf8(std::string_view text);

// Decodes one code point at text[i] (i < text.size()) and advances i; invalid bytes become
// U+FFFD one byte at a time (a roster with a stray byte still imports).
char32_t nextCodePoint(std::string_view text, std::size_t& i);

// Appends the UTF-8 encoding of cp.
void appendUtf8(std::string& out, char32_t cp);

// Marks that attach to the previous letter (Latin combining accents, Arabic harakat,
// Devanagari vowel signs and viramas, ...): the search drops some when folding, a short
// name keeps them with the initial.
bool isCombiningMark(char32_t cp);

}  // namespace oh
