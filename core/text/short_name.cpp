// The short-name rule (see short_name.hpp): words, the surname's initial (articles and
// compounds), the initial as one whole character, and the CJK order.
#include "core/text/short_name.hpp"

#include <array>
#include <vector>

#include "core/text/utf8.hpp"

namespace oh {

namespace {

using Words = std::vector<std::string_view>;

bool isSpace(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x00A0 || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F;
}

// The katakana middle dot joins the words of a foreign name written in katakana.
bool separatesWords(char32_t c) {
    return isSpace(c) || c == 0x30FB || c == 0xFF65;
}

Words splitWords(std::string_view text) {
    Words words;
    std::size_t i = 0;
    std::size_t start = std::string::npos;
    while (i < text.size()) {
        const std::size_t at = i;
        if (separatesWords(nextCodePoint(text, i))) {
            if (start != std::string::npos) words.push_back(text.substr(start, at - start));
            start = std::string::npos;
        } else if (start == std::string::npos) {
            start = at;
        }
    }
    if (start != std::string::npos) words.push_back(text.substr(start));
    return words;
}

// ---- One whole character (an approximation of a Unicode extended grapheme cluster) ----

struct Range {
    char32_t first, last;
};

// Combining marks of scripts utf8.hpp's isCombiningMark leaves out (Hebrew points, Arabic
// Quranic marks, the Brahmic scripts after Devanagari, Thai vowels and tones), plus the
// joiners, variation selectors and emoji skin tones that belong to the character before.
constexpr std::array<Range, 24> kMoreMarks{{
    {0x0591, 0x05BD}, {0x05BF, 0x05C7}, {0x0610, 0x061A}, {0x06D6, 0x06ED}, {0x0981, 0x0983},
    {0x09BC, 0x09D7}, {0x0A01, 0x0A03}, {0x0A3C, 0x0A51}, {0x0A81, 0x0A83}, {0x0ABC, 0x0ACD},
    {0x0B01, 0x0B03}, {0x0B3C, 0x0B57}, {0x0B82, 0x0B82}, {0x0BBE, 0x0BCD}, {0x0C00, 0x0C04},
    {0x0C3E, 0x0C56}, {0x0C81, 0x0C83}, {0x0CBC, 0x0CD6}, {0x0D00, 0x0D03}, {0x0D3E, 0x0D57},
    {0x0E31, 0x0E3A}, {0x0E47, 0x0E4E}, {0x200C, 0x200D}, {0xFE00, 0xFE0F},
}};

bool extendsCharacter(char32_t c) {
    if (isCombiningMark(c) || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0100 && c <= 0xE01EF))
        return true;
    for (const Range& r : kMoreMarks)
        if (c >= r.first && c <= r.last) return true;
    return false;
}

// A virama joins the next consonant of its script into one conjunct (क + ् + ष = क्ष).
bool joinsNextConsonant(char32_t virama, char32_t next) {
    constexpr std::array<char32_t, 6> kViramas{0x094D, 0x09CD, 0x0ACD, 0x0B4D, 0x0C4D, 0x0D4D};
    bool isVirama = false;
    for (char32_t v : kViramas) isVirama = isVirama || v == virama;
    return isVirama && (next >> 7) == (virama >> 7) && !extendsCharacter(next);
}

// Conjoining Hangul jamo: a leading consonant, a vowel and a trailing consonant (ᄀ ᅵ ᆷ)
// are one syllable, after a precomposed syllable too.
bool joinsHangul(char32_t prev, char32_t next) {
    auto leading = [](char32_t c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0xA960 && c <= 0xA97F);
    };
    auto vowel = [](char32_t c) {
        return (c >= 0x1160 && c <= 0x11A7) || (c >= 0xD7B0 && c <= 0xD7C6);
    };
    auto trailing = [](char32_t c) {
        return (c >= 0x11A8 && c <= 0x11FF) || (c >= 0xD7CB && c <= 0xD7FB);
    };
    const bool syllable = prev >= 0xAC00 && prev <= 0xD7A3;
    const bool openSyllable = syllable && (prev - 0xAC00) % 28 == 0;
    if (leading(prev)) return leading(next) || vowel(next);
    if (vowel(prev) || openSyllable) return vowel(next) || trailing(next);
    if (trailing(prev) || syllable) return trailing(next);
    return false;
}

// The first character of `word`, with everything that belongs to it.
std::string_view firstCharacter(std::string_view word) {
    if (word.empty()) return word;
    std::size_t end = 0;
    char32_t prev = nextCodePoint(word, end);
    while (end < word.size()) {
        std::size_t next = end;
        const char32_t c = nextCodePoint(word, next);
        const bool afterJoiner = prev == 0x200D;  // ZWJ: the next one is part of it too
        if (!afterJoiner && !extendsCharacter(c) && !joinsNextConsonant(prev, c) &&
            !joinsHangul(prev, c))
            break;
        end = next;
        prev = c;
    }
    return word.substr(0, end);
}

// ---- The surname's initial ----

// "ال" (alef or alef wasla, lam, with any marks): the Arabic definite article.
std::size_t arabicArticleLength(std::string_view word) {
    std::size_t i = 0;
    const char32_t alef = nextCodePoint(word, i);
    if (alef != 0x0627 && alef != 0x0671) return 0;
    while (i < word.size()) {
        std::size_t next = i;
        const char32_t c = nextCodePoint(word, next);
        if (c == 0x0644) return next < word.size() ? next : 0;  // lam, and a letter after it
        if (!isCombiningMark(c)) return 0;
        i = next;
    }
    return 0;
}

char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsAsciiNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (asciiLower(a[i]) != asciiLower(b[i])) return false;
    return true;
}

// "al-Masri", "El-Sayed": the article written in Latin letters, joined by a hyphen.
std::size_t latinArticleLength(std::string_view word) {
    if (word.size() > 3 && word[2] == '-' &&
        (equalsAsciiNoCase(word.substr(0, 2), "al") || equalsAsciiNoCase(word.substr(0, 2), "el")))
        return 3;
    return 0;
}

// The initial of one surname word: its first character after the article, if any.
std::string_view wordInitial(std::string_view word) {
    std::size_t article = arabicArticleLength(word);
    if (article == 0) article = latinArticleLength(word);
    std::string_view rest = word.substr(article);
    // Marks on the article's lam (a sukun) are not the next letter's.
    std::size_t i = 0;
    while (article > 0 && i < rest.size()) {
        std::size_t next = i;
        if (!isCombiningMark(nextCodePoint(rest, next))) break;
        i = next;
    }
    return firstCharacter(rest.substr(i));
}

// عبد / أبو / Abd / Abdul / Abu: the first word of a two-word name ("عبد الله", "Abu Bakr").
bool startsCompoundName(std::string_view word) {
    constexpr std::array<std::string_view, 9> kParticles{"عبد",   "أبو", "ابو",  "abd", "abdul",
                                                         "abdel", "abu", "abou", "أبي"};
    for (std::string_view p : kParticles)
        if (word == p || equalsAsciiNoCase(word, p)) return true;
    return false;
}

// Lower-case particles that lead a family name and are not its initial ("de la Cruz").
bool isLeadingParticle(std::string_view word) {
    constexpr std::array<std::string_view, 17> kParticles{"de",  "del", "della", "di",  "da", "do",
                                                          "dos", "das", "du",    "la",  "le", "van",
                                                          "von", "der", "den",   "ten", "ter"};
    for (std::string_view p : kParticles)
        if (word == p) return true;
    return false;
}

// ---- Chinese, Japanese, Korean ----

bool isHan(char32_t c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF) || c == 0x3005;
}
bool isHangulSyllable(char32_t c) {
    return c >= 0xAC00 && c <= 0xD7A3;
}
bool isKana(char32_t c) {
    return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF) ||
           (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F);
}
bool isCjk(char32_t c) {
    return isHan(c) || isHangulSyllable(c) || isKana(c);
}

bool allCjk(std::string_view text) {
    std::size_t i = 0;
    bool any = false;
    while (i < text.size()) {
        const char32_t c = nextCodePoint(text, i);
        if (separatesWords(c)) continue;
        if (!isCjk(c)) return false;
        any = true;
    }
    return any;
}

// A CJK name written without a space: family name first (see short_name.hpp for which
// characters it is), then the given name's first character. Anything else stays whole.
std::string unspacedCjkName(std::string_view word) {
    std::vector<std::size_t> starts;  // byte offset of each code point
    std::vector<char32_t> cps;
    for (std::size_t i = 0; i < word.size();) {
        starts.push_back(i);
        cps.push_back(nextCodePoint(word, i));
    }
    const std::size_t n = cps.size();
    if (n < 2 || !(isHan(cps[0]) || isHangulSyllable(cps[0]))) return std::string(word);
    std::size_t hanRun = 0;
    while (hanRun < n && isHan(cps[hanRun])) ++hanRun;
    std::size_t family = n >= 4 ? 2 : 1;
    if (hanRun < n && isKana(cps[hanRun]) && hanRun <= 3) family = hanRun;  // 山田 + はなこ
    const std::size_t end = family + 1 < n ? starts[family + 1] : word.size();
    return std::string(word.substr(0, end)) + ".";
}

// The text from words[from] to words[to - 1], with the separators between them as written.
std::string_view spanOf(const Words& words, std::size_t from, std::size_t to) {
    const char* begin = words[from].data();
    return {begin, static_cast<std::size_t>(words[to - 1].data() + words[to - 1].size() - begin)};
}

std::string joined(std::string_view given, std::string_view initial) {
    std::string out(given);
    out += ' ';
    out += initial;
    out += '.';
    return out;
}

// The initial of a surname given as words (the last word of a full name, or a whole
// family-name column): a compound's first letter, else the first real word's.
std::string_view surnameInitial(const Words& surname) {
    std::size_t first = 0;
    while (first + 1 < surname.size() && isLeadingParticle(surname[first])) ++first;
    if (first + 1 < surname.size() && startsCompoundName(surname[first]))
        return firstCharacter(surname[first]);
    return wordInitial(surname[first]);
}

}  // namespace

std::string shortName(std::string_view fullName) {
    const Words words = splitWords(fullName);
    if (words.empty()) return {};
    if (words.size() == 1)
        return allCjk(words.front()) ? unspacedCjkName(words.front()) : std::string(words.front());
    // The surname is the last word, or the last two when they are one compound name
    // ("عبد الله"); a two-word name that is one compound ("عبد الله" alone) stays whole.
    std::size_t surnameStart = words.size() - 1;
    if (startsCompoundName(words[surnameStart - 1])) {
        if (surnameStart == 1) return std::string(spanOf(words, 0, words.size()));
        --surnameStart;
    }
    const Words surname(words.begin() + static_cast<std::ptrdiff_t>(surnameStart), words.end());
    return joined(words.front(), surnameInitial(surname));
}

std::string shortNameOfParts(std::string_view givenName, std::string_view familyName) {
    const Words given = splitWords(givenName);
    const Words family = splitWords(familyName);
    if (family.empty()) return shortName(givenName);
    if (given.empty()) return std::string(surnameInitial(family)) + ".";
    if (allCjk(givenName) && allCjk(familyName))
        return joined(spanOf(family, 0, family.size()), firstCharacter(given.front()));
    return joined(given.front(), surnameInitial(family));
}

std::string shortName(std::string_view fullName, std::string_view familyName) {
    const Words full = splitWords(fullName);
    const Words family = splitWords(familyName);
    if (family.empty() || full.empty()) return shortName(fullName);
    const std::string_view familyText = spanOf(family, 0, family.size());
    // "王小明" with the family name "王": a CJK name written without a space.
    if (full.size() == 1 && allCjk(full.front()) && full.front().size() > familyText.size() &&
        full.front().substr(0, familyText.size()) == familyText)
        return shortNameOfParts(full.front().substr(familyText.size()), familyText);
    if (family.size() >= full.size()) return shortName(fullName);
    const std::size_t rest = full.size() - family.size();
    if (Words(full.begin() + static_cast<std::ptrdiff_t>(rest), full.end()) == family)
        return shortNameOfParts(spanOf(full, 0, rest), familyText);  // given name first
    if (Words(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(family.size())) == family)
        return shortNameOfParts(spanOf(full, family.size(), full.size()), familyText);  // CJK
    return shortName(fullName);  // the family name is not part of the name: not trusted
}

}  // namespace oh
