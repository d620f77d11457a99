// Folding people's names for search: lower-case, Latin diacritics folded
// (é→e, ß→ss, ø→o, æ→ae, ł→l, ...), Greek and Cyrillic capitals and full-width
// Latin case-folded, combining accents and Arabic harakat dropped, apostrophes
// joining ("O'Brien" = "obrien"), punctuation and spaces splitting. Other
// scripts are kept as they are. The name index (core/roster/search.hpp) keys
// on these tokens.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace oh {

// A name has at most kMaxTokens tokens of at most kMaxTokenLength code points
// each (longer ones are cut): bounds for the index's memory and edit distance.
constexpr std::size_t kMaxTokenLength = 32;
constexpr std::size_t kMaxTokens = 8;

// The folded tokens of `text`, as code points.
std::vector<std::u32string> foldTokens(std::string_view text);

// Tokens in scripts without word-initial matching conventions for us are also
// findable by substring (a Chinese name has no spaces between family and given
// name; Arabic names carry prefixes such as "ال" / "عبد").
bool wantsSubstrings(const std::u32string& token);

// The folded tokens joined by single spaces, as UTF-8.
std::string foldForSearch(std::string_view utf8);

}  // namespace oh
