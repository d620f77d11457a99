// The one "did you mean" measure: insertions, deletions and substitutions each cost one,
// on bytes or on code points.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/text/edit_distance.hpp"

using namespace oh;

TEST(EditDistance, CountsEachInsertDeleteAndSubstitution) {
    using sv = std::string_view;
    EXPECT_EQ(editDistance(sv(""), sv("")), 0u);
    EXPECT_EQ(editDistance(sv("abc"), sv("")), 3u);
    EXPECT_EQ(editDistance(sv(""), sv("ab")), 2u);
    EXPECT_EQ(editDistance(sv("kitten"), sv("sitting")), 3u);
    EXPECT_EQ(editDistance(sv("America/New_Yrok"), sv("America/New_York")), 2u);
    EXPECT_EQ(editDistance(sv("Abc"), sv("abc")), 1u) << "case counts unless folded first";
}

TEST(EditDistance, CodePointsCountOnceWhateverTheirBytes) {
    EXPECT_EQ(editDistance(std::u32string(U"José"), std::u32string(U"Jose")), 1u);
    EXPECT_EQ(editDistance(std::string("José"), std::string("Jose")), 2u) << "é is two bytes";
}
