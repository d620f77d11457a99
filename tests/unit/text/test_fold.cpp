// Folding for search (core/text/fold.hpp): which characters join a word and which split it.
#include <gtest/gtest.h>

#include "core/text/fold.hpp"

using namespace oh;

TEST(Fold, EveryApostropheJoinsTheWord) {
    // Phones and word processors type the right single quote (U+2019), not the ASCII one.
    EXPECT_EQ(foldForSearch("O'Brien"), "obrien");
    EXPECT_EQ(foldForSearch("O\u2019Brien"), "obrien");
    EXPECT_EQ(foldForSearch("O\u02BCBrien"), "obrien");  // modifier letter apostrophe
    EXPECT_EQ(foldForSearch("D`Angelo"), "dangelo");
    EXPECT_EQ(foldForSearch("D\u00B4Angelo"), "dangelo");  // acute accent typed as one
}

TEST(Fold, OtherPunctuationSplitsTheWord) {
    EXPECT_EQ(foldForSearch("Smith-Jones"), "smith jones");
    EXPECT_EQ(foldForSearch("Anne\u2010Marie"), "anne marie");  // Unicode hyphen
}
