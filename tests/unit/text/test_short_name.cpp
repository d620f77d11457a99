// shortName: first name + last initial, the privacy rule of the README, in every script.
#include <gtest/gtest.h>

#include <string>

#include "core/text/short_name.hpp"

using namespace oh;

TEST(ShortName, FirstNameAndLastInitialOnly) {
    EXPECT_EQ(shortName("Ana López"), "Ana L.");
    EXPECT_EQ(shortName("Ana María López"), "Ana L.");
    EXPECT_EQ(shortName("Łucja Ślusarczyk"), "Łucja Ś.");
    EXPECT_EQ(shortName("O'Brien-Smith Zoë"), "O'Brien-Smith Z.");  // punctuation stays in words
}

TEST(ShortName, OneWordIsKeptAndBlankGivesNothing) {
    EXPECT_EQ(shortName("Madonna"), "Madonna");
    EXPECT_EQ(shortName("  Madonna  "), "Madonna");
    EXPECT_EQ(shortName(""), "");
    EXPECT_EQ(shortName("   "), "");
}

TEST(ShortName, WhitespaceRunsAndEdgesDoNotMakeWords) {
    EXPECT_EQ(shortName("  Ana   María  López "), "Ana L.");
    EXPECT_EQ(shortName("Ana\tLópez\n"), "Ana L.");
    EXPECT_EQ(shortName("Ana\xC2\xA0López"), "Ana L.");      // U+00A0
    EXPECT_EQ(shortName("Ana\xE2\x80\xAFLópez"), "Ana L.");  // U+202F
    EXPECT_EQ(shortName("王\xE3\x80\x80小明"), "王 小.");    // U+3000
}

TEST(ShortName, ArabicDevanagariAndCjk) {
    EXPECT_EQ(shortName("प्रिया शर्मा"), "प्रिया श.");
    // A consonant keeps the vowel sign that follows it: "कु" of "कुमार".
    EXPECT_EQ(shortName("राज कुमार"), "राज कु.");
    EXPECT_EQ(shortName("王 小明"), "王 小.");
}

// Issue 11, friction 10: "ال" is the definite article, not the surname's first
// letter; every "al-" surname used to become "ا.".
TEST(ShortName, ArabicArticleIsSkippedForTheInitial) {
    EXPECT_EQ(shortName("فاطمة الزهراء"), "فاطمة ز.");
    EXPECT_EQ(shortName("ليلى الحسن"), "ليلى ح.");
    EXPECT_EQ(shortName("عمر ٱلفاروق"), "عمر ف.");  // alef wasla
    // Written in Latin letters with a hyphen, the article is skipped too.
    EXPECT_EQ(shortName("Ahmed al-Masri"), "Ahmed M.");
    EXPECT_EQ(shortName("Omar El-Sayed"), "Omar S.");
    EXPECT_EQ(shortName("Karim Alami"), "Karim A.");  // "Al" inside a word is the name
    // The word is only the article: nothing to skip to, so it is kept.
    EXPECT_EQ(shortName("سارة ال"), "سارة ا.");
}

// "عبد الله" (Abdullah, "servant of God") and "أبو بكر" are one name in two
// words: the initial is the compound's, not the article's nor the second word's.
TEST(ShortName, ArabicCompoundSurnamesKeepTheirFirstLetter) {
    EXPECT_EQ(shortName("محمد عبد الله"), "محمد ع.");
    EXPECT_EQ(shortName("خالد عبد الرحمن"), "خالد ع.");
    EXPECT_EQ(shortName("يوسف أبو بكر"), "يوسف أ.");
    EXPECT_EQ(shortName("عبد الله"), "عبد الله");  // one compound given name: kept
    EXPECT_EQ(shortName("Sara Abd al-Rahman"), "Sara A.");
}

// Chinese, Japanese and Korean names are written family name first. On a public
// screen they show the family name (how people are addressed in public, and for
// Chinese and Korean the least identifying part) and the given name's first
// character: the same budget as "Ana L.", one part whole and one character.
TEST(ShortName, CjkShowsTheFamilyNameAndTheGivenNamesFirstCharacter) {
    EXPECT_EQ(shortName("王 小明"), "王 小.");
    EXPECT_EQ(shortName("山田 太郎"), "山田 太.");
    EXPECT_EQ(shortName("王小明"), "王小.");        // no space: a one-character family name
    EXPECT_EQ(shortName("김민수"), "김민.");        // Hangul likewise
    EXPECT_EQ(shortName("欧阳娜娜"), "欧阳娜.");    // four or more: two-character family name
    EXPECT_EQ(shortName("山田はなこ"), "山田は.");  // Han family name, kana given name
    EXPECT_EQ(shortName("王明"), "王明.");          // two characters: the budget is the name
    // Never the whole given name of a name written without a space.
    EXPECT_EQ(shortName("王小明").find("小明"), std::string::npos);
    // A foreign name in katakana is in the Western order, words joined by "・".
    EXPECT_EQ(shortName("ジョン・スミス"), "ジョン ス.");
    EXPECT_EQ(shortName("さくら"), "さくら");  // one kana word: a single name, kept
}

// The initial is a whole user-perceived character (grapheme cluster), never a
// letter without its marks nor half of a conjunct.
TEST(ShortName, TheInitialIsAWholeCharacter) {
    // An Arabic letter with shadda and a vowel mark, after the article (a sun letter).
    EXPECT_EQ(shortName("محمد الشَّامي"), "محمد شَّ.");
    EXPECT_EQ(shortName("سارة شُّكري"), "سارة شُّ.");
    // A Devanagari conjunct: क + virama + ष is one character.
    EXPECT_EQ(shortName("अनु क्षत्रिय"), "अनु क्ष.");
    // Decomposed Hangul jamo (ᄀ + ᅵ + ᆷ = 김) stay together.
    EXPECT_EQ(shortName("Mina \xE1\x84\x80\xE1\x85\xB5\xE1\x86\xB7"),
              "Mina \xE1\x84\x80\xE1\x85\xB5\xE1\x86\xB7.");
    // Two combining accents on one letter.
    EXPECT_EQ(shortName("Zoe E\xCC\x81\xCC\xA7tienne"), "Zoe E\xCC\x81\xCC\xA7.");
}

TEST(ShortName, TheInitialKeepsItsCombiningMarks) {
    // "É" written as E + U+0301: both code points are the initial.
    EXPECT_EQ(shortName("Zoe E\xCC\x81tienne"), "Zoe E\xCC\x81.");
    // A letter without marks stops there.
    EXPECT_EQ(shortName("Zoe Etienne"), "Zoe E.");
}

TEST(ShortName, NeverShowsTheLastNameOrBreaksACharacter) {
    const std::string name = "Ana Łopez";
    const std::string s = shortName(name);
    EXPECT_EQ(s, "Ana Ł.");
    EXPECT_EQ(s.find("opez"), std::string::npos);
}

// Issue 11, friction 10: a roster's Last Name column says where the family name
// starts; "José Muñoz García" is José of the Muñoz García family.
TEST(ShortName, AGivenFamilyNameGivesTheInitial) {
    EXPECT_EQ(shortName("José Muñoz García"), "José G.");  // without it: the last word
    EXPECT_EQ(shortName("José Muñoz García", "Muñoz García"), "José M.");
    EXPECT_EQ(shortNameOfParts("José", "Muñoz García"), "José M.");
    EXPECT_EQ(shortNameOfParts("Ana María", "López"), "Ana L.");
    EXPECT_EQ(shortNameOfParts("Ana", "de la Cruz"), "Ana C.");  // particles skipped
    EXPECT_EQ(shortNameOfParts("Leila", "al-Amin"), "Leila A.");
    EXPECT_EQ(shortNameOfParts("محمد", "عبد الله"), "محمد ع.");
    EXPECT_EQ(shortNameOfParts("فاطمة", "الزهراء"), "فاطمة ز.");
    // CJK parts: the family name and the given name's first character.
    EXPECT_EQ(shortNameOfParts("小明", "王"), "王 小.");
    EXPECT_EQ(shortName("王小明", "王"), "王 小.");
    EXPECT_EQ(shortName("山田 太郎", "山田"), "山田 太.");
    // Missing parts.
    EXPECT_EQ(shortNameOfParts("Ana", ""), "Ana");
    EXPECT_EQ(shortNameOfParts("", "López"), "L.");
    EXPECT_EQ(shortName("José Muñoz García", "  "), "José G.");
    // A family name that is not part of the full name (edited since) is not trusted.
    EXPECT_EQ(shortName("José Muñoz García", "Pérez"), "José G.");
}

TEST(ShortName, NeverMoreThanTheGivenNameAndOneCharacter) {
    for (const auto& [full, family] : std::vector<std::pair<std::string, std::string>>{
             {"José Muñoz García", "Muñoz García"}, {"Ana López", ""}, {"Léa Dubois", "Dubois"}}) {
        const std::string s = shortName(full, family);
        // The family name never appears beyond its first character.
        const std::string lastWord = full.substr(full.rfind(' ') + 1);
        EXPECT_EQ(s.find(lastWord), std::string::npos) << s;
    }
}
