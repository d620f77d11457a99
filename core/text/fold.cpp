#include "core/text/fold.hpp"

#include <algorithm>

#include "core/text/utf8.hpp"

namespace oh {

namespace {

// Generated from Unicode NFKD (combining marks dropped, lower-cased) plus the
// letters that do not decompose (ß, æ, ø, đ, ł, œ, þ, ...). nullptr: keep as is.
constexpr const char* kLatinFold[0x24F - 0xC0 + 1] = {
    "a",     "a",     "a",     "a",     "a",     "a",     "ae",    "c",     "e",     "e",
    "e",     "e",     "i",     "i",     "i",     "i",     "d",     "n",     "o",     "o",
    "o",     "o",     "o",     nullptr, "o",     "u",     "u",     "u",     "u",     "y",
    "th",    "ss",    "a",     "a",     "a",     "a",     "a",     "a",     "ae",    "c",
    "e",     "e",     "e",     "e",     "i",     "i",     "i",     "i",     "d",     "n",
    "o",     "o",     "o",     "o",     "o",     nullptr, "o",     "u",     "u",     "u",
    "u",     "y",     "th",    "y",     "a",     "a",     "a",     "a",     "a",     "a",
    "c",     "c",     "c",     "c",     "c",     "c",     "c",     "c",     "d",     "d",
    "d",     "d",     "e",     "e",     "e",     "e",     "e",     "e",     "e",     "e",
    "e",     "e",     "g",     "g",     "g",     "g",     "g",     "g",     "g",     "g",
    "h",     "h",     "h",     "h",     "i",     "i",     "i",     "i",     "i",     "i",
    "i",     "i",     "i",     "i",     "ij",    "ij",    "j",     "j",     "k",     "k",
    "k",     "l",     "l",     "l",     "l",     "l",     "l",     "l",     "l",     "l",
    "l",     "n",     "n",     "n",     "n",     "n",     "n",     nullptr, "n",     "n",
    "o",     "o",     "o",     "o",     "o",     "o",     "oe",    "oe",    "r",     "r",
    "r",     "r",     "r",     "r",     "s",     "s",     "s",     "s",     "s",     "s",
    "s",     "s",     "t",     "t",     "t",     "t",     "t",     "t",     "u",     "u",
    "u",     "u",     "u",     "u",     "u",     "u",     "u",     "u",     "u",     "u",
    "w",     "w",     "y",     "y",     "y",     "z",     "z",     "z",     "z",     "z",
    "z",     "s",     "b",     "b",     nullptr, nullptr, nullptr, nullptr, nullptr, "c",
    "c",     nullptr, "d",     nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "f",
    "f",     "g",     nullptr, nullptr, nullptr, "i",     "k",     "k",     "l",     nullptr,
    nullptr, "n",     nullptr, "o",     "o",     "o",     nullptr, nullptr, "p",     "p",
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "t",     "u",
    "u",     nullptr, nullptr, "y",     "y",     "z",     "z",     nullptr, nullptr, nullptr,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
    "dz",    "dz",    "dz",    "lj",    "lj",    "lj",    "nj",    "nj",    "nj",    "a",
    "a",     "i",     "i",     "o",     "o",     "u",     "u",     "u",     "u",     "u",
    "u",     "u",     "u",     "u",     "u",     nullptr, "a",     "a",     "a",     "a",
    nullptr, nullptr, "g",     "g",     "g",     "g",     "k",     "k",     "o",     "o",
    "o",     "o",     nullptr, nullptr, "j",     "dz",    "dz",    "dz",    "g",     "g",
    nullptr, nullptr, "n",     "n",     "a",     "a",     nullptr, nullptr, nullptr, nullptr,
    "a",     "a",     "a",     "a",     "e",     "e",     "e",     "e",     "i",     "i",
    "i",     "i",     "o",     "o",     "o",     "o",     "r",     "r",     "r",     "r",
    "u",     "u",     "u",     "u",     "s",     "s",     "t",     "t",     nullptr, nullptr,
    "h",     "h",     nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "a",     "a",
    "e",     "e",     "o",     "o",     "o",     "o",     "o",     "o",     "o",     "o",
    "y",     "y",     nullptr, nullptr, nullptr, nullptr, "db",    "qp",    nullptr, "c",
    "c",     "l",     nullptr, "s",     "z",     nullptr, nullptr, "b",     "u",     nullptr,
    "e",     "e",     "j",     "j",     nullptr, nullptr, "r",     "r",     "y",     "y",
};
constexpr const char* kLatinExtAdditionalFold[0x1EFF - 0x1E00 + 1] = {
    "a",     "a",     "b",     "b",     "b", "b", "b", "b", "c", "c", "d",     "d",
    "d",     "d",     "d",     "d",     "d", "d", "d", "d", "e", "e", "e",     "e",
    "e",     "e",     "e",     "e",     "e", "e", "f", "f", "g", "g", "h",     "h",
    "h",     "h",     "h",     "h",     "h", "h", "h", "h", "i", "i", "i",     "i",
    "k",     "k",     "k",     "k",     "k", "k", "l", "l", "l", "l", "l",     "l",
    "l",     "l",     "m",     "m",     "m", "m", "m", "m", "n", "n", "n",     "n",
    "n",     "n",     "n",     "n",     "o", "o", "o", "o", "o", "o", "o",     "o",
    "p",     "p",     "p",     "p",     "r", "r", "r", "r", "r", "r", "r",     "r",
    "s",     "s",     "s",     "s",     "s", "s", "s", "s", "s", "s", "t",     "t",
    "t",     "t",     "t",     "t",     "t", "t", "u", "u", "u", "u", "u",     "u",
    "u",     "u",     "u",     "u",     "v", "v", "v", "v", "w", "w", "w",     "w",
    "w",     "w",     "w",     "w",     "w", "w", "x", "x", "x", "x", "y",     "y",
    "z",     "z",     "z",     "z",     "z", "z", "h", "t", "w", "y", nullptr, "s",
    nullptr, nullptr, "ss",    nullptr, "a", "a", "a", "a", "a", "a", "a",     "a",
    "a",     "a",     "a",     "a",     "a", "a", "a", "a", "a", "a", "a",     "a",
    "a",     "a",     "a",     "a",     "e", "e", "e", "e", "e", "e", "e",     "e",
    "e",     "e",     "e",     "e",     "e", "e", "e", "e", "i", "i", "i",     "i",
    "o",     "o",     "o",     "o",     "o", "o", "o", "o", "o", "o", "o",     "o",
    "o",     "o",     "o",     "o",     "o", "o", "o", "o", "o", "o", "o",     "o",
    "u",     "u",     "u",     "u",     "u", "u", "u", "u", "u", "u", "u",     "u",
    "u",     "u",     "y",     "y",     "y", "y", "y", "y", "y", "y", nullptr, nullptr,
    nullptr, nullptr, nullptr, nullptr,
};

// Marks that are folded away (Latin accents as combining characters, Arabic
// harakat); Devanagari vowel signs change the word and are kept.
bool isDroppedMark(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
           (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

// Separators: ASCII punctuation and spaces, and the common Unicode ones.
// Apostrophes join ("O'Brien" = "obrien"); everything else splits.
enum class CharClass { Letter, Separator, Joiner };
CharClass classify(char32_t cp) {
    if (cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == 0x0060 || cp == 0x00B4)
        return CharClass::Joiner;
    if (cp < 0x80) {
        return ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
                   ? CharClass::Letter
                   : CharClass::Separator;
    }
    if ((cp >= 0x00A0 && cp <= 0x00BF) || cp == 0x00D7 || cp == 0x00F7 ||
        (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0x3001 || cp == 0x3002 ||
        cp == 0x30FB || cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x0640 ||
        cp == 0xFEFF || cp == 0xFF0C || cp == 0xFF0E || cp == 0xFFFD)
        return CharClass::Separator;
    return CharClass::Letter;
}

// Appends the folded form of one letter (UTF-8 or code points via `emit`).
template <typename Emit>
void foldLetter(char32_t cp, Emit&& emit) {
    if (cp < 0x80) {
        emit(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        return;
    }
    const char* ascii = nullptr;
    if (cp >= 0xC0 && cp <= 0x24F) ascii = kLatinFold[cp - 0xC0];
    if (cp >= 0x1E00 && cp <= 0x1EFF) ascii = kLatinExtAdditionalFold[cp - 0x1E00];
    if (ascii) {
        for (const char* c = ascii; *c; ++c) emit(static_cast<char32_t>(*c));
        return;
    }
    // Greek and Cyrillic capitals: a cheap case fold, so "ΕΛΕΝΗ" finds "Ελένη".
    if (cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2)
        cp += 0x20;
    else if (cp >= 0x0410 && cp <= 0x042F)
        cp += 0x20;
    else if (cp >= 0x0400 && cp <= 0x040F)
        cp += 0x50;
    else if (cp >= 0x03AC && cp <= 0x03CE) {
        // Greek tonos/dialytika on lower-case vowels.
        static constexpr char32_t kGreek[] = {
            0x03B1, 0x03B5, 0x03B7, 0x03B9, 0x03C5, 0x03B1, 0x03B2, 0x03B3, 0x03B4,
            0x03B5, 0x03B6, 0x03B7, 0x03B8, 0x03B9, 0x03BA, 0x03BB, 0x03BC, 0x03BD,
            0x03BE, 0x03BF, 0x03C0, 0x03C1, 0x03C3, 0x03C3, 0x03C4, 0x03C5, 0x03C6,
            0x03C7, 0x03C8, 0x03C9, 0x03B9, 0x03C5, 0x03BF, 0x03C5, 0x03C9};
        cp = kGreek[cp - 0x03AC];
    } else if (cp >= 0x0386 && cp <= 0x038F) {
        static constexpr char32_t kGreekCaps[] = {0x03B1, 0x0387, 0x03B5, 0x03B7, 0x03B9,
                                                  0x038B, 0x03BF, 0x038D, 0x03C5, 0x03C9};
        cp = kGreekCaps[cp - 0x0386];
    } else if (cp >= 0xFF21 && cp <= 0xFF3A) {
        cp = cp - 0xFF21 + 'a';  // full-width Latin typed on a CJK keyboard
    } else if (cp >= 0xFF41 && cp <= 0xFF5A) {
        cp = cp - 0xFF41 + 'a';
    }
    emit(cp);
}

}  // namespace

std::vector<std::u32string> foldTokens(std::string_view text) {
    std::vector<std::u32string> tokens;
    std::u32string current;
    auto flush = [&] {
        if (!current.empty() && tokens.size() < kMaxTokens) {
            if (current.size() > kMaxTokenLength) current.resize(kMaxTokenLength);
            tokens.push_back(std::move(current));
        }
        current.clear();
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const char32_t cp = nextCodePoint(text, i);
        if (isDroppedMark(cp)) continue;
        switch (classify(cp)) {
            case CharClass::Joiner:
                break;
            case CharClass::Separator:
                flush();
                break;
            case CharClass::Letter:
                foldLetter(cp, [&](char32_t c) { current += c; });
                break;
        }
    }
    flush();
    return tokens;
}

bool wantsSubstrings(const std::u32string& token) {
    return std::any_of(token.begin(), token.end(), [](char32_t c) { return c >= 0x0370; });
}

std::string foldForSearch(std::string_view utf8) {
    std::string out;
    for (const auto& token : foldTokens(utf8)) {
        if (!out.empty()) out += ' ';
        for (const char32_t c : token) appendUtf8(out, c);
    }
    return out;
}

}  // namespace oh
