// The Latin-letter article ("al-", "El-") is skipped only when a name follows its hyphen;
// a word that is the article alone keeps its own first letter, as the Arabic one does.
#include <gtest/gtest.h>

#include "core/text/short_name.hpp"

using namespace oh;

TEST(ShortNameEdges, TheLatinArticleIsSkippedOnlyBeforeALetter) {
    EXPECT_EQ(shortName("Omar El-S"), "Omar S.");  // one letter after the hyphen
    EXPECT_EQ(shortName("Sara al-"), "Sara a.");   // the article alone, as written
    EXPECT_EQ(shortName("Sara El-"), "Sara E.");
}
