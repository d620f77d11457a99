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
    EXPECT_EQ(shortName("محمد عبد الله"), "محمد ا.");
    EXPECT_EQ(shortName("प्रिया शर्मा"), "प्रिया श.");
    // A consonant keeps the vowel sign that follows it: "कु" of "कुमार".
    EXPECT_EQ(shortName("राज कुमार"), "राज कु.");
    EXPECT_EQ(shortName("王 小明"), "王 小.");
    EXPECT_EQ(shortName("王小明"), "王小明");  // no space: one word, kept whole
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
