// "First name + last initial": how a person is named wherever the full name is not needed
// (the kiosk's name search, the CLI's check-in, invitation and slot output). A privacy rule
// the README promises: enough to confirm who someone is, never the full last name.
#pragma once

#include <string>
#include <string_view>

namespace oh {

// "Ana López" -> "Ana L.". Words are split on whitespace (space, tab, CR, LF, U+00A0,
// U+2000..U+200A, U+202F, U+3000), so runs of it and blanks at the edges do not count; punctuation
// stays part of a word. The initial is the last word's first code point with the combining marks
// that follow it (a Devanagari consonant keeps its vowel sign, a decomposed "É" its accent). A
// single word is returned as it is; empty or blank text gives "".
std::string shortName(std::string_view fullName);

}  // namespace oh
