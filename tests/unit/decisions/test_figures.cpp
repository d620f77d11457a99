// The one rounding rule of the conversion figures (core/decisions/figures.hpp).
#include <gtest/gtest.h>

#include <cmath>

#include "core/decisions/figures.hpp"
#include "core/text/plural.hpp"

using namespace oh;

TEST(DecisionFigures, HalvesRoundAwayFromZero) {
    EXPECT_EQ(figureText(27.125), "27.13");  // formatting alone gives 27.12 (half to even)
    EXPECT_EQ(figureText(4.125), "4.13");
    EXPECT_EQ(signedFigureText(-0.125), "-0.13");
    EXPECT_EQ(signedFigureText(0.125), "+0.13");
    EXPECT_DOUBLE_EQ(roundedFigure(27.125), 27.13);
}

TEST(DecisionFigures, NeverNegativeZero) {
    EXPECT_EQ(signedFigureText(-0.001), "+0.00");
    EXPECT_EQ(figureText(-0.004), "0.00");
    EXPECT_FALSE(std::signbit(roundedFigure(-0.001)));
}

TEST(DecisionFigures, CountsUseTheSingularForOne) {
    EXPECT_EQ(plural(1, "slot", "slots"), "1 slot");
    EXPECT_EQ(plural(0, "slot", "slots"), "0 slots");
    EXPECT_EQ(plural(3, "demo", "demos"), "3 demos");
}
