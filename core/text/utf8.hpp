// UTF-8 validity, one home for the rule: the strict "well-formed UTF-8" table
// (no overlongs, no surrogates, nothing above U+10FFFF). Used by the CSV reader,
// the roster's checks and the terminal escaping.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace oh {

// Length of the valid UTF-8 sequence at text[i], or 0 if it is invalid.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i);

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid.
std::optional<std::size_t> findInvalidUtf8(std::string_view text);

}  // namespace oh
