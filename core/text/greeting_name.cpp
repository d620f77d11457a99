#include "core/text/greeting_name.hpp"

#include "core/text/trim.hpp"
#include "core/text/utf8.hpp"

namespace oh {

namespace {

// Scripts whose names are written family name first (Han, kana, Hangul).
bool familyNameFirst(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

}  // namespace

std::string greetingName(std::string_view fullName) {
    const std::string name = collapseWhitespace(fullName);
    if (name.empty()) return name;
    std::size_t i = 0;
    if (familyNameFirst(nextCodePoint(name, i))) return name;
    const std::size_t space = name.find(' ');
    return space == std::string::npos ? name : name.substr(0, space);
}

}  // namespace oh
