// Folding people's names for search: lower-case, Latin diacritics folded
// (é→e, ß→ss, ø→o, æ→ae, ł→l, ...), Greek and Cyrillic capitals and full-width
// Latin case-folded, combining accents and Arabic harakat dropped, apostrophes
// joining ("O'Brien" = "obrien"), punctuation and spaces splitting. Other
// scripts are kept as they are, and also spelt in Latin (latinSpellings). The
// name index (core/roster/search.hpp) keys on these tokens.
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

// How a name in another script is typed on a Latin keyboard, so "Fatima" finds فاطمة: a
// folded token outside Latin is transliterated by ICU ("Any-Latin; Latin-ASCII; Lower"),
// once per distinct token when the name index is built (never per keystroke). What ICU
// gives, and so what matches (tests/unit/text/test_transliteration.cpp):
//   Cyrillic, Greek, Devanagari: a usual spelling ("ivan", "eleni", "priya sarma": "sharma"
//     is one edit away, which search allows);
//   Chinese (Han): pinyin per syllable ("wang xiao ming"), plus the given name and the whole
//     name run together ("xiaoming", "wangxiaoming"), as pinyin names are written; Japanese
//     kanji get Chinese readings (山田 -> "shan tian", not "yamada"): not findable by romaji;
//   Korean (Hangul): one run ("gimminjun"), so "kim" does not find 김;
//   Arabic, Hebrew: consonants only ("fatmt"; short vowels are not written), so these also
//     get a consonant skeleton (below) that a Latin spelling is compared with.
struct LatinSpellings {
    std::vector<std::u32string> tokens;     // "fatmt"; "wang", "xiao", "ming", "xiaoming", ...
    std::vector<std::u32string> skeletons;  // Arabic/Hebrew only: "ftmt"; "lhsn" and "hsn"
};
// Empty for a token that is already Latin (ASCII after folding).
LatinSpellings latinSpellings(const std::u32string& foldedToken);

// A Latin token's consonants: vowels dropped, y and w dropped after the first letter (they
// write long vowels), a doubled letter once. "fatima" -> "ftm", "mohammed" -> "mhmd",
// "youssef" -> "ysf", "layla" -> "ll". Compared by prefix with the skeletons above.
std::u32string consonantSkeleton(std::u32string_view latinToken);

}  // namespace oh
