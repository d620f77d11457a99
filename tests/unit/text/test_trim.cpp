// trim and collapseWhitespace: the one whitespace rule for what people type (roster, judging
// sheet, conversion, walk-ins). ASCII blanks and U+00A0 go; everything else stays.
#include <gtest/gtest.h>

#include <string>

#include "core/text/trim.hpp"

using namespace oh;

namespace {
const std::string nbsp = "\xC2\xA0";
}

TEST(Trim, RemovesAsciiBlanksAtBothEnds) {
    EXPECT_EQ(trim("  Ada Lovelace \t"), "Ada Lovelace");
    EXPECT_EQ(trim("\r\n\v\fAda\f\v\n\r"), "Ada");
    EXPECT_EQ(trim("Ada"), "Ada");
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim(" \t \n"), "");
}

TEST(Trim, RemovesNoBreakSpacesAtBothEndsButNotInside) {
    EXPECT_EQ(trim(nbsp + "Grace" + nbsp + "Hopper" + nbsp + " "), "Grace" + nbsp + "Hopper");
    EXPECT_EQ(trim(" " + nbsp + " " + nbsp), "");
    EXPECT_EQ(trim(nbsp), "");
}

TEST(Trim, KeepsOtherCharactersIncludingOtherSpacesAndBrokenBytes) {
    // Only U+00A0 among the Unicode spaces: U+3000 (ideographic space) and U+2003 (em space)
    // are kept, as the roster always did.
    EXPECT_EQ(trim("\xE3\x80\x80"
                   "Ana"),
              "\xE3\x80\x80"
              "Ana");
    EXPECT_EQ(trim("Ana\xE2\x80\x83"), "Ana\xE2\x80\x83");
    // A lone 0xC2 or 0xA0 byte is not a no-break space.
    EXPECT_EQ(trim("\xC2"
                   "Ana"),
              "\xC2"
              "Ana");
    EXPECT_EQ(trim("Ana\xA0"), "Ana\xA0");
    EXPECT_EQ(trim(" x"), "x");
    EXPECT_EQ(trim("محمد "), "محمد");
    EXPECT_EQ(trim(" प्रिया"), "प्रिया");
    EXPECT_EQ(trim(" 王小明 "), "王小明");
}

TEST(Trim, WhitespaceAtCountsBytes) {
    EXPECT_EQ(whitespaceAt(" a", 0), 1u);
    EXPECT_EQ(whitespaceAt(nbsp + "a", 0), 2u);
    EXPECT_EQ(whitespaceAt("a ", 0), 0u);
    EXPECT_EQ(whitespaceAt("\xC2", 0), 0u);
    EXPECT_EQ(whitespaceAt("a", 5), 0u);
}

TEST(CollapseWhitespace, TrimsAndJoinsInnerRunsWithOneSpace) {
    EXPECT_EQ(collapseWhitespace("  Ana \t María" + nbsp + nbsp + "López  "), "Ana María López");
    EXPECT_EQ(collapseWhitespace("Ana López"), "Ana López");
    EXPECT_EQ(collapseWhitespace(" \n "), "");
}

TEST(LowerAscii, LowersAsciiLettersOnly) {
    EXPECT_EQ(lowerAscii("Ada.LOVELACE@Example.COM"), "ada.lovelace@example.com");
    EXPECT_EQ(lowerAscii("JOSÉ"), "josÉ");  // É is not ASCII: kept as typed
    EXPECT_EQ(lowerAscii("@[`{"), "@[`{");  // the bytes around A-Z and a-z do not move
}
