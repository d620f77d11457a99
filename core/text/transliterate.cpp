// Latin spellings of names in other scripts (fold.hpp: latinSpellings, consonantSkeleton),
// through ICU's transliterators.
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "core/text/fold.hpp"
#include "core/text/utf8.hpp"

namespace oh {

namespace {

// ICU transliterators are not safe to share between threads: one per thread (the index is
// built on a worker). Null if ICU's data is missing: names then stay findable natively.
icu::Transliterator* toLatin() {
    thread_local std::unique_ptr<icu::Transliterator> instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
            "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(t) : nullptr;
    }();
    return instance.get();
}

bool isAbjad(char32_t c) {
    return (c >= 0x0590 && c <= 0x05FF) || (c >= 0x0600 && c <= 0x06FF) ||
           (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
           (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

bool isHan(char32_t c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

// ICU's output split into ASCII words: letters and digits kept, spaces and hyphens split,
// anything else (ʿ ʾ for ayn and hamza, apostrophes) dropped.
std::vector<std::u32string> asciiWords(const std::string& text) {
    std::vector<std::u32string> words(1);
    for (char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            words.back() += static_cast<char32_t>(c);
        } else if (c == ' ' || c == '-') {
            if (!words.back().empty()) words.emplace_back();
        }
    }
    if (words.back().empty()) words.pop_back();
    for (auto& w : words)
        if (w.size() > kMaxTokenLength) w.resize(kMaxTokenLength);
    return words;
}

std::string transliterate(const std::u32string& token) {
    icu::Transliterator* t = toLatin();
    if (!t) return "";
    std::string utf8;
    for (char32_t c : token) appendUtf8(utf8, c);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
    t->transliterate(text);
    std::string out;
    text.toUTF8String(out);
    return out;
}

void addUnique(std::vector<std::u32string>& list, std::u32string token) {
    if (token.size() > kMaxTokenLength) token.resize(kMaxTokenLength);
    if (token.size() < 2) return;
    if (std::find(list.begin(), list.end(), token) == list.end()) list.push_back(std::move(token));
}

}  // namespace

std::u32string consonantSkeleton(std::u32string_view latin) {
    std::u32string out;
    for (std::size_t i = 0; i < latin.size(); ++i) {
        const char32_t c = latin[i];
        if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') continue;
        if ((c == 'y' || c == 'w') && i > 0) continue;
        if (i > 0 && latin[i - 1] == c) continue;  // a doubled letter is written once
        out += c;
    }
    return out;
}

LatinSpellings latinSpellings(const std::u32string& token) {
    LatinSpellings out;
    if (std::all_of(token.begin(), token.end(), [](char32_t c) { return c < 0x80; })) return out;
    const std::vector<std::u32string> words = asciiWords(transliterate(token));
    if (words.empty()) return out;
    for (const auto& w : words) addUnique(out.tokens, w);
    // Pinyin names are written with the given name's syllables run together.
    if (words.size() >= 2 && std::any_of(token.begin(), token.end(), isHan)) {
        std::u32string given, whole = words.front();
        for (std::size_t i = 1; i < words.size(); ++i) given += words[i], whole += words[i];
        if (words.size() >= 3) addUnique(out.tokens, given);
        addUnique(out.tokens, whole);
    }
    if (std::any_of(token.begin(), token.end(), isAbjad)) {
        for (const auto& w : words) {
            addUnique(out.skeletons, consonantSkeleton(w));
            // The article "ال" is written joined to the name: "alhsn" is also "hsn".
            if (w.size() > 4 && w.starts_with(U"al"))
                addUnique(out.skeletons, consonantSkeleton(std::u32string_view(w).substr(2)));
        }
    }
    return out;
}

}  // namespace oh
