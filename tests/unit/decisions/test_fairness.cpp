// Fairness per cohort (selection rate, impact ratio, the four-fifths rule,
// small cells suppressed), apart from the conversion rules themselves.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/decisions/conversion.hpp"

using namespace oh;

namespace {

oh::Decision decided(const std::string& cohort, oh::Outcome outcome) {
    oh::Decision d;
    d.cohort = cohort;
    d.outcome = outcome;
    return d;
}

}  // namespace

TEST(ConversionFairness, SelectionRatesImpactRatiosAndTheFourFifthsRule) {
    using oh::Outcome;
    std::vector<oh::Decision> decisions;
    // Spring: 2 slots of 5 decided (0.40); Autumn: 3 of 5 (0.60); Summer: 2 decided only.
    for (int i = 0; i < 5; ++i)
        decisions.push_back(decided("Spring", i < 2 ? Outcome::Slot : Outcome::NotSelected));
    for (int i = 0; i < 5; ++i)
        decisions.push_back(decided("Autumn", i < 3 ? Outcome::Slot : Outcome::Encore));
    decisions.push_back(decided("Summer", Outcome::Slot));
    decisions.push_back(decided("Summer", Outcome::Slot));
    // Pending demos are not decided yet; a waitlisted one is decided but has no slot.
    decisions.push_back(decided("Autumn", Outcome::Pending));
    decisions.push_back(decided("", Outcome::Waitlist));

    auto f = oh::fairnessByCohort(decisions, 5);
    ASSERT_EQ(f.size(), 4u);
    EXPECT_EQ(f[0].cohort, "(no cohort)");
    EXPECT_TRUE(f[0].suppressed);
    EXPECT_EQ(f[1].cohort, "Autumn");
    EXPECT_EQ(f[1].decided, 5);
    EXPECT_EQ(f[1].slots, 3);
    EXPECT_DOUBLE_EQ(f[1].rate, 0.6);
    EXPECT_DOUBLE_EQ(f[1].impactRatio, 1.0);
    EXPECT_FALSE(f[1].belowFourFifths);
    EXPECT_EQ(f[2].cohort, "Spring");
    EXPECT_DOUBLE_EQ(f[2].rate, 0.4);
    EXPECT_NEAR(f[2].impactRatio, 0.4 / 0.6, 1e-12);
    EXPECT_TRUE(f[2].belowFourFifths);
    // Summer's 2 of 2 would be the highest rate: suppressed, it is neither shown nor the
    // reference.
    EXPECT_EQ(f[3].cohort, "Summer");
    EXPECT_TRUE(f[3].suppressed);
    EXPECT_EQ(f[3].rate, 0);
    EXPECT_EQ(f[3].impactRatio, 0);
}

TEST(ConversionFairness, ExactlyFourFifthsMeetsTheRule) {
    using oh::Outcome;
    std::vector<oh::Decision> decisions;
    for (int i = 0; i < 5; ++i)
        decisions.push_back(decided("A", i < 5 ? Outcome::Slot : Outcome::NotSelected));
    for (int i = 0; i < 5; ++i)
        decisions.push_back(decided("B", i < 4 ? Outcome::Slot : Outcome::NotSelected));
    auto f = oh::fairnessByCohort(decisions, 5);
    ASSERT_EQ(f.size(), 2u);
    EXPECT_DOUBLE_EQ(f[1].impactRatio, 0.8);
    EXPECT_FALSE(f[1].belowFourFifths);
    // No slots anywhere: no ratio, nobody flagged.
    for (auto& d : decisions) d.outcome = Outcome::NotSelected;
    for (const auto& c : oh::fairnessByCohort(decisions, 5)) {
        EXPECT_EQ(c.impactRatio, 0);
        EXPECT_FALSE(c.belowFourFifths);
    }
}
