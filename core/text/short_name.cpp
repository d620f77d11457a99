#include "core/text/short_name.hpp"

#include <vector>

#include "core/text/utf8.hpp"

namespace oh {

std::string shortName(std::string_view fullName) {
    // Words split on Unicode-aware whitespace only; punctuation stays part of a word.
    std::vector<std::string_view> words;
    std::size_t i = 0;
    std::size_t start = std::string::npos;
    auto isSpace = [](char32_t c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x00A0 || c == 0x3000 ||
               (c >= 0x2000 && c <= 0x200A) || c == 0x202F;
    };
    const std::string_view text = fullName;
    while (i < text.size()) {
        const std::size_t at = i;
        const char32_t cp = nextCodePoint(text, i);
        if (isSpace(cp)) {
            if (start != std::string::npos) words.push_back(text.substr(start, at - start));
            start = std::string::npos;
        } else if (start == std::string::npos) {
            start = at;
        }
    }
    if (start != std::string::npos) words.push_back(text.substr(start));
    if (words.empty()) return {};
    if (words.size() == 1) return std::string(words.front());

    // The initial is the last word's first code point plus its combining marks
    // (a Devanagari consonant keeps its vowel sign; a decomposed "É" its accent).
    const std::string_view last = words.back();
    std::size_t end = 0;
    nextCodePoint(last, end);
    while (end < last.size()) {
        std::size_t next = end;
        if (!isCombiningMark(nextCodePoint(last, next))) break;
        end = next;
    }
    std::string out(words.front());
    out += ' ';
    out += last.substr(0, end);
    out += '.';
    return out;
}

}  // namespace oh
