// terminalSafe and findControlCharacter: control characters become visible escapes, every
// script's text stays byte for byte.
#include <gtest/gtest.h>

#include <string>

#include "core/text/terminal_text.hpp"

using namespace oh;

TEST(TerminalSafe, EscapesC0DelAndC1Controls) {
    EXPECT_EQ(terminalSafe("Eve\x1b]0;pwned\x07 Mallory"), "Eve\\x1b]0;pwned\\x07 Mallory");
    EXPECT_EQ(terminalSafe("\x1b[31mRed\x1b[0m"), "\\x1b[31mRed\\x1b[0m");
    EXPECT_EQ(terminalSafe("a\tb\nc\rd"), "a\\x09b\\x0ac\\x0dd");
    EXPECT_EQ(terminalSafe(std::string("nul\0x", 5)), "nul\\x00x");
    EXPECT_EQ(terminalSafe("del\x7F"), "del\\x7f");
    EXPECT_EQ(terminalSafe("csi\xC2\x9B"
                           "2J nel\xC2\x85"),
              "csi\\u009b2J nel\\u0085");
}

TEST(TerminalSafe, KeepsEveryScriptIntact) {
    const std::string names[] = {
        "Ana Lima",
        "\xD9\x84\xD9\x8A\xD9\x84\xD9\x89 \xD8\xA7\xD9\x84\xD8\xAD\xD8\xB3\xD9\x86",  // Arabic
        "\xE0\xA4\xAA\xE0\xA5\x8D\xE0\xA4\xB0\xE0\xA4\xBF\xE0\xA4\xAF\xE0\xA4\xBE",   // Devanagari
        "\xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x99",                                       // CJK
        "Zo\xC3\xAB \xC2\xA0M\xC3\xBCller \xF0\x9F\x98\x80",  // Latin-1, NBSP, emoji
        "back\\slash and 'quotes' \"too\"",
    };
    for (const auto& name : names) EXPECT_EQ(terminalSafe(name), name);
    // U+00A0..U+00FF sit right after the C1 block and are letters, not controls.
    EXPECT_EQ(terminalSafe("\xC2\xA0\xC3\xBF"), "\xC2\xA0\xC3\xBF");
}

TEST(TerminalSafe, InvalidUtf8BytesAreEscapedNotPassedOn) {
    // A lone 0x9B byte is CSI to terminals that read 8-bit controls.
    EXPECT_EQ(terminalSafe("a\x9B"
                           "31mb"),
              "a\\x9b31mb");
    EXPECT_EQ(terminalSafe("Ren\xE9"), "Ren\\xe9");
    EXPECT_EQ(terminalSafe("\xED\xA0\x80"), "\\xed\\xa0\\x80");  // a surrogate
    EXPECT_EQ(terminalSafe("\xE6\x9D"), "\\xe6\\x9d");           // cut short
}

TEST(FindControlCharacter, ReportsTheFirstWithItsCharacterPosition) {
    EXPECT_FALSE(findControlCharacter("Ana Lima"));
    EXPECT_FALSE(findControlCharacter("\xE6\x9D\x8E \xD9\x84"));
    auto esc = findControlCharacter("\xE6\x9D\x8E\xE5\xB0\x8F\x1b[2J");
    ASSERT_TRUE(esc);
    EXPECT_EQ(esc->codePoint, U'\x1b');
    EXPECT_EQ(esc->position, 3u);  // characters, not bytes
    EXPECT_EQ(esc->byteOffset, 6u);
    auto c1 = findControlCharacter("ab\xC2\x9B");
    ASSERT_TRUE(c1);
    EXPECT_EQ(c1->codePoint, U'\x9B');
    EXPECT_EQ(describeControlCharacter(c1->codePoint), "U+009B (CSI)");
    EXPECT_EQ(describeControlCharacter(U'\x07'), "U+0007 (BEL)");
    EXPECT_EQ(describeControlCharacter(U'\x7F'), "U+007F (DEL)");
}

TEST(FindControlCharacter, AllowsOnlyWhatTheCallerAllows) {
    EXPECT_FALSE(findControlCharacter("para\n\tgraph", "\t\n"));
    auto cr = findControlCharacter("para\r\n", "\t\n");
    ASSERT_TRUE(cr);
    EXPECT_EQ(cr->codePoint, U'\r');
    EXPECT_TRUE(findControlCharacter("tab\there"));
}
