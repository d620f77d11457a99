// Latin spellings of names in other scripts: what ICU really gives for each script, said
// honestly (what a Latin keyboard can and cannot find is in core/text/fold.hpp).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/text/fold.hpp"

using namespace oh;

namespace {

std::u32string u32(const std::string& ascii) {
    return std::u32string(ascii.begin(), ascii.end());
}

LatinSpellings spell(const std::string& name) {
    auto tokens = foldTokens(name);
    EXPECT_EQ(tokens.size(), 1u) << name;
    return tokens.empty() ? LatinSpellings{} : latinSpellings(tokens.front());
}

bool has(const std::vector<std::u32string>& list, const std::string& ascii) {
    return std::find(list.begin(), list.end(), u32(ascii)) != list.end();
}

}  // namespace

TEST(Transliteration, ArabicIsWrittenWithoutShortVowelsSoItGetsAConsonantSkeleton) {
    LatinSpellings fatima = spell("فاطمة");
    EXPECT_TRUE(has(fatima.tokens, "fatmt"));  // ICU: f-a-t-m and taa marbuta as t
    EXPECT_TRUE(has(fatima.skeletons, "ftmt"));
    EXPECT_EQ(consonantSkeleton(u32("fatima")), u32("ftm"));  // a prefix of "ftmt"
    LatinSpellings hassan = spell("الحسن");
    EXPECT_TRUE(has(hassan.tokens, "alhsn"));
    EXPECT_TRUE(has(hassan.skeletons, "hsn"));  // the article set apart
    EXPECT_EQ(consonantSkeleton(u32("hassan")), u32("hsn"));
    EXPECT_EQ(consonantSkeleton(u32("mohammed")), consonantSkeleton(u32("muhammad")));
    EXPECT_TRUE(has(spell("محمد").skeletons, "mhmd"));
    EXPECT_EQ(consonantSkeleton(u32("youssef")), u32("ysf"));
    EXPECT_TRUE(has(spell("يوسف").skeletons, "ysf"));
}

TEST(Transliteration, HanGivesPinyinSyllablesAndTheNamesRunTogether) {
    LatinSpellings wang = spell("王小明");
    EXPECT_TRUE(has(wang.tokens, "wang"));
    EXPECT_TRUE(has(wang.tokens, "xiao"));
    EXPECT_TRUE(has(wang.tokens, "ming"));
    EXPECT_TRUE(has(wang.tokens, "xiaoming"));
    EXPECT_TRUE(has(wang.tokens, "wangxiaoming"));
    EXPECT_TRUE(wang.skeletons.empty());
    // Japanese kanji get Chinese readings: 山田 is "shan tian", never "yamada".
    EXPECT_FALSE(has(spell("山田").tokens, "yamada"));
}

TEST(Transliteration, DevanagariCyrillicGreekAndHangulGetTheirUsualSpelling) {
    EXPECT_TRUE(has(spell("प्रिया").tokens, "priya"));
    EXPECT_TRUE(has(spell("शर्मा").tokens, "sarma"));  // "sharma" is one edit away
    EXPECT_TRUE(has(spell("Иван").tokens, "ivan"));
    EXPECT_TRUE(has(spell("Петров").tokens, "petrov"));
    EXPECT_TRUE(has(spell("Ελένη").tokens, "elene"));       // ICU's Greek: eta as e
    EXPECT_TRUE(has(spell("김민준").tokens, "gimminjun"));  // one run: "kim" does not find it
}

TEST(Transliteration, LatinNamesGetNothingExtra) {
    EXPECT_TRUE(latinSpellings(u32("lopez")).tokens.empty());
    EXPECT_TRUE(latinSpellings(u32("lopez")).skeletons.empty());
}
