// "First name + last initial": how a person is named wherever the full name is not needed
// (the kiosk's name search, the CLI's check-in, invitation and slot output). A privacy rule
// the README promises: enough to confirm who someone is, never the full last name. This file
// is the one home of the rule, in every script:
//  - "Ana López" -> "Ana L.": the first word and the initial of the last word.
//  - The initial is one whole character (a grapheme cluster): a letter keeps its combining
//    marks (a decomposed "É", an Arabic letter with shadda and vowel), a Devanagari conjunct
//    (क्ष) and a decomposed Hangul syllable stay whole.
//  - Arabic: the definite article is not the initial ("فاطمة الزهراء" -> "فاطمة ز.",
//    "Ahmed al-Masri" -> "Ahmed M."), and a name in two words led by عبد / أبو (Abd, Abdul,
//    Abu) is one name: "محمد عبد الله" -> "محمد ع.".
//  - Chinese, Japanese, Korean (Han, Hangul, Kana) are written family name first. Spaced, the
//    rule above already gives the family name and the given name's first character
//    ("山田 太郎" -> "山田 太."). Written without a space, the family name is the first
//    character (the first two in a name of four or more, or the Han characters before the
//    kana of a Japanese given name): "王小明" -> "王小.", "김민수" -> "김민.",
//    "山田はなこ" -> "山田は.". That is how people are addressed in public there, and for
//    Chinese and Korean the family name is the least identifying part: the same budget as
//    "Ana L." (one part whole, one character of the other), in the order people expect.
//  - A name in one word (one kana word included) is returned as it is; blank gives "".
#pragma once

#include <string>
#include <string_view>

namespace oh {

// Words are split on whitespace (space, tab, CR, LF, U+00A0, U+2000..U+200A, U+202F, U+3000)
// and the katakana middle dot "・" of foreign names; punctuation stays part of a word.
std::string shortName(std::string_view fullName);

// The same rule when the family name is known (a roster's Last Name column): the initial is
// the family name's own, "José Muñoz García" with family "Muñoz García" -> "José M." (not the
// last word's "G."). Leading lower-case particles are skipped ("de la Cruz" -> "C."). The
// family name may end the full name (given first) or start it (CJK order); one that is blank
// or not part of the full name is ignored.
std::string shortName(std::string_view fullName, std::string_view familyName);

// From the two parts: the given name's first word and the family name's initial
// ("Ana María" + "López Pérez" -> "Ana L."); both in CJK script: family name and the
// given name's first character ("小明" + "王" -> "王 小."). No given name: the initial alone.
std::string shortNameOfParts(std::string_view givenName, std::string_view familyName);

}  // namespace oh
