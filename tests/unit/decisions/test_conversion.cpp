// Conversion decisions: rule order, judge severity correction,
// budget, and the explanations a lead sees.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "conversion_input.hpp"
#include "core/decisions/conversion.hpp"

using namespace oh;
using namespace oh::testing;

TEST(ConversionTest, OutcomeNamesMatchTheHeader) {
    EXPECT_STREQ(outcomeName(Outcome::Slot), "slot");
    EXPECT_STREQ(outcomeName(Outcome::Waitlist), "waitlist");
    EXPECT_STREQ(outcomeName(Outcome::Encore), "encore");
    EXPECT_STREQ(outcomeName(Outcome::NotSelected), "not selected");
    EXPECT_STREQ(outcomeName(Outcome::Pending), "pending");
}

// A harsh judge (2 and 1) and a lenient one (5 and 4.5) agree that A beats B:
// after standardisation both say A is one sd above their mean and B one below.
TEST(ConversionTest, SeverityCorrectionKeepsTheOrderHarshAndLenientJudgesAgreeOn) {
    InputBuilder b;
    b.demo("sc-a", "i1").demo("sc-b", "i2").budget(5);
    b.score("harsh", "sc-a", 2).score("harsh", "sc-b", 1);
    b.score("lenient", "sc-a", 5).score("lenient", "sc-b", 4.5);

    const auto decisions = decideConversions(b.input, scoreOnlyRules(2));

    const Decision& a = find(decisions, "sc-a");
    const Decision& bDemo = find(decisions, "sc-b");
    EXPECT_NEAR(a.calibrated, 1.0, 1e-9);
    EXPECT_NEAR(bDemo.calibrated, -1.0, 1e-9);
    EXPECT_EQ(showcaseOrder(decisions), (std::vector<std::string>{"sc-a", "sc-b"}));
    EXPECT_EQ(a.rank, 1);
    EXPECT_EQ(bDemo.rank, 2);
}

// sc-lenient is only seen by the lenient judge, sc-harsh only by the harsh one,
// and each is that judge's best. Raw means rank sc-lenient (4.8) far above
// sc-harsh (3.0); but the harsh judge set theirs apart by sqrt(2) sd, the
// lenient one by only sqrt(1.5) sd, so calibrated ranks sc-harsh first.
TEST(ConversionTest, SeverityCorrectionRanksHarshJudgesBestAboveLenientJudgesBest) {
    InputBuilder b;
    b.demo("sc-harsh", "i1").demo("sc-lenient", "i2").demo("sc-x", "i3").demo("sc-y", "i4");
    b.budget(10);
    b.score("harsh", "sc-harsh", 3).score("harsh", "sc-x", 1).score("harsh", "sc-y", 1);
    b.score("lenient", "sc-lenient", 4.8).score("lenient", "sc-x", 4.6);
    b.score("lenient", "sc-y", 4.7);

    const auto decisions = decideConversions(b.input, scoreOnlyRules());

    const Decision& harsh = find(decisions, "sc-harsh");
    const Decision& lenient = find(decisions, "sc-lenient");
    EXPECT_NEAR(harsh.calibrated, std::sqrt(2.0), 1e-6);
    EXPECT_NEAR(lenient.calibrated, std::sqrt(1.5), 1e-6);
    EXPECT_NEAR(find(decisions, "sc-y").calibrated, (-std::sqrt(0.5) + 0.0) / 2, 1e-6);
    EXPECT_NEAR(find(decisions, "sc-x").calibrated, (-std::sqrt(0.5) - std::sqrt(1.5)) / 2, 1e-6);
    EXPECT_EQ(showcaseOrder(decisions),
              (std::vector<std::string>{"sc-harsh", "sc-lenient", "sc-y", "sc-x"}));
    EXPECT_EQ(harsh.rank, 1);
    EXPECT_EQ(lenient.rank, 2);
}

TEST(ConversionTest, BelowQuorumIsPending) {
    InputBuilder b;
    b.demo("sc-a", "i1").demo("sc-b", "i2").demo("sc-c", "i3").budget(5);
    b.panel("sc-a", 5).panel("sc-b", 1).score("j1", "sc-c", 5);
    b.goodPeers("sc-a").goodPeers("sc-b").goodPeers("sc-c");

    const auto decisions = decideConversions(b.input, ConversionRules{});

    const Decision& c = find(decisions, "sc-c");
    EXPECT_EQ(c.outcome, Outcome::Pending);
    EXPECT_EQ(c.rule, "needs 3 judges, has 1");
    EXPECT_EQ(c.judges, 1);
    EXPECT_EQ(c.rank, 0);
    EXPECT_EQ(find(decisions, "sc-a").outcome, Outcome::Slot);
    EXPECT_EQ(decisions.back().showcaseId, "sc-c");  // pending comes last

    // No scores at all, quorum of one: still pending, with the singular.
    InputBuilder none;
    none.demo("sc-z", "i1");
    const auto unscored = decideConversions(none.input, scoreOnlyRules(1));
    ASSERT_EQ(unscored.size(), 1u);
    EXPECT_EQ(unscored[0].outcome, Outcome::Pending);
    EXPECT_EQ(unscored[0].rule, "needs 1 judge, has 0");
    EXPECT_EQ(unscored[0].calibrated, 0.0);
}

TEST(ConversionTest, MissingImpactIsNotSelectedBeforeAnyLaterRule) {
    InputBuilder b;
    // sc-a is well above the bar but names no metric change and has no peers
    // either: the impact rule comes first, so it is the one reported.
    b.demo("sc-a", "i1", "").demo("sc-blank", "i2", "   ").demo("sc-low", "i3").budget(5);
    b.panel("sc-a", 5).panel("sc-blank", 5).panel("sc-low", 1).goodPeers("sc-blank");

    const auto decisions = decideConversions(b.input, ConversionRules{});

    for (const std::string id : {"sc-a", "sc-blank"}) {
        const Decision& d = find(decisions, id);
        EXPECT_EQ(d.outcome, Outcome::NotSelected) << id;
        EXPECT_EQ(d.rule, "no live-metric impact named") << id;
        EXPECT_FALSE(d.impact) << id;
        EXPECT_EQ(d.metric, "support tickets") << id;
        EXPECT_EQ(d.rank, 0) << id;
    }

    // The same demo qualifies once impact is not required.
    ConversionRules noImpact;
    noImpact.requireImpact = false;
    EXPECT_EQ(find(decideConversions(b.input, noImpact), "sc-blank").outcome, Outcome::Slot);
}

// Totals 1..5 from the same three judges: calibrated = (total - 3) / sqrt(2).
TEST(ConversionTest, EncoreNearTheBarAndByVotes) {
    InputBuilder b;
    b.demo("sc-1", "i1").demo("sc-2", "i2").demo("sc-3", "i3").demo("sc-4", "i4");
    b.demo("sc-5", "i5").budget(2);
    b.panel("sc-1", 1, 1).panel("sc-2", 2, 2).panel("sc-3", 3).panel("sc-4", 4).panel("sc-5", 5);
    for (const std::string id : {"sc-1", "sc-2", "sc-3", "sc-4", "sc-5"}) b.goodPeers(id);

    const auto decisions = decideConversions(b.input, ConversionRules{});

    // Exactly at bar - margin (0.5 - 0.5) still counts as near the bar.
    const Decision& atEdge = find(decisions, "sc-3");
    EXPECT_EQ(atEdge.calibrated, 0.0);
    EXPECT_EQ(atEdge.outcome, Outcome::Encore);
    EXPECT_EQ(atEdge.rule, "near the bar (+0.00, bar +0.50)");

    const Decision& byVotes = find(decisions, "sc-2");
    EXPECT_NEAR(byVotes.calibrated, -std::sqrt(0.5), 1e-9);
    EXPECT_EQ(byVotes.outcome, Outcome::Encore);
    EXPECT_EQ(byVotes.rule, "judges recommend an encore (2 of 3)");

    const Decision& below = find(decisions, "sc-1");
    EXPECT_EQ(below.encoreVotes, 1);
    EXPECT_EQ(below.outcome, Outcome::NotSelected);
    EXPECT_EQ(below.rule, "below the bar (-1.41 < +0.50)");

    EXPECT_EQ(find(decisions, "sc-4").outcome, Outcome::Slot);
    EXPECT_EQ(find(decisions, "sc-5").outcome, Outcome::Slot);
    EXPECT_EQ(showcaseOrder(decisions),
              (std::vector<std::string>{"sc-5", "sc-4", "sc-3", "sc-2", "sc-1"}));

    // A wider margin reaches sc-2 by nearness, which is reported first.
    ConversionRules wide;
    wide.encoreMargin = 1.5;
    EXPECT_EQ(find(decideConversions(b.input, wide), "sc-2").rule,
              "near the bar (-0.71, bar +0.50)");
}

TEST(ConversionTest, BudgetGivesOpenSlotsInRankOrderThenWaitlist) {
    InputBuilder b;
    // Input order and id order both differ from the rank order (d, a, c, b).
    b.demo("sc-c", "i3").demo("sc-a", "i1").demo("sc-d", "i4").demo("sc-b", "i2");
    b.demo("sc-w", "i5").demo("sc-x", "i6").demo("sc-y", "i7").demo("sc-z", "i8");
    b.budget(3, 1);
    b.panel("sc-d", 5).panel("sc-a", 4.5).panel("sc-c", 4).panel("sc-b", 3.5);
    for (const std::string id : {"sc-w", "sc-x", "sc-y", "sc-z"}) b.panel(id, 0);
    for (const std::string id : {"sc-a", "sc-b", "sc-c", "sc-d", "sc-w", "sc-x", "sc-y", "sc-z"})
        b.goodPeers(id);

    const auto decisions = decideConversions(b.input, ConversionRules{});

    ASSERT_EQ(decisions.size(), 8u);
    const std::vector<std::string> expectedIds{"sc-d", "sc-a", "sc-c", "sc-b"};
    const std::vector<Outcome> expectedOutcomes{Outcome::Slot, Outcome::Slot, Outcome::Waitlist,
                                                Outcome::Waitlist};
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(decisions[i].showcaseId, expectedIds[i]) << i;
        EXPECT_EQ(decisions[i].outcome, expectedOutcomes[i]) << i;
        EXPECT_EQ(decisions[i].rank, static_cast<int>(i) + 1) << i;
    }
    EXPECT_EQ(decisions[0].rule, "every rule met, rank 1 (slot 1 of 2 open)");
    EXPECT_EQ(decisions[1].rule, "every rule met, rank 2 (slot 2 of 2 open)");
    EXPECT_EQ(decisions[2].rule, "budget used: 3 of 3");
    EXPECT_EQ(decisions[3].rule, "budget used: 3 of 3");
    EXPECT_GE(decisions[3].calibrated, 0.5);
    for (std::size_t i = 4; i < decisions.size(); ++i) {
        EXPECT_EQ(decisions[i].outcome, Outcome::NotSelected) << i;
        EXPECT_EQ(decisions[i].rank, 0) << i;
    }
    const auto order = showcaseOrder(decisions);
    EXPECT_EQ(std::vector<std::string>(order.begin() + 4, order.end()),
              (std::vector<std::string>{"sc-w", "sc-x", "sc-y", "sc-z"}));

    // More already issued than the budget: nobody gets a slot, nothing goes negative.
    b.budget(3, 4);
    const auto spent = decideConversions(b.input, ConversionRules{});
    EXPECT_EQ(spent[0].showcaseId, "sc-d");
    EXPECT_EQ(spent[0].outcome, Outcome::Waitlist);
    EXPECT_EQ(spent[0].rank, 1);
    EXPECT_EQ(spent[0].rule, "budget used: 4 of 3");
}

TEST(ConversionTest, DeletedScoresAndScoresWithoutTotalAreIgnored) {
    InputBuilder clean;
    clean.demo("sc-a", "i1").demo("sc-b", "i2").budget(5);
    clean.panel("sc-a", 5).panel("sc-b", 1);
    clean.goodPeers("sc-a").goodPeers("sc-b");

    InputBuilder noisy = clean;
    noisy.score("j1", "sc-b", 5, true);
    noisy.input.scores.back().deleted = true;
    noisy.score("j4", "sc-b", 5, true);
    noisy.input.scores.back().deleted = true;
    noisy.score("j4", "sc-a", 0, true);
    noisy.input.scores.back().total.reset();

    const auto decisions = decideConversions(noisy.input, ConversionRules{});
    const auto expected = decideConversions(clean.input, ConversionRules{});

    const Decision& bDemo = find(decisions, "sc-b");
    EXPECT_EQ(bDemo.judges, 3);
    EXPECT_EQ(bDemo.encoreVotes, 0);
    EXPECT_NEAR(bDemo.calibrated, -1.0, 1e-9);
    EXPECT_EQ(find(decisions, "sc-a").judges, 3);
    EXPECT_EQ(find(decisions, "sc-a").encoreVotes, 0);
    ASSERT_EQ(decisions.size(), expected.size());
    for (std::size_t i = 0; i < decisions.size(); ++i) {
        EXPECT_EQ(decisions[i].showcaseId, expected[i].showcaseId);
        EXPECT_EQ(decisions[i].calibrated, expected[i].calibrated);
        EXPECT_EQ(decisions[i].outcome, expected[i].outcome);
        EXPECT_EQ(decisions[i].explanation, expected[i].explanation);
    }
}

// A showcase nobody presents gets no decision, and its scores do not shift the
// judges' statistics: with it counted, sc-a would come out at +0.71, not +1.
TEST(ConversionTest, ShowcaseWithoutInternIsSkipped) {
    InputBuilder b;
    b.demo("sc-a", "i1").demo("sc-b", "i2").demo("sc-nobody", "").budget(5);
    b.panel("sc-a", 5).panel("sc-b", 1).panel("sc-nobody", 5);

    const auto decisions = decideConversions(b.input, scoreOnlyRules());

    EXPECT_EQ(showcaseOrder(decisions), (std::vector<std::string>{"sc-a", "sc-b"}));
    EXPECT_NEAR(find(decisions, "sc-a").calibrated, 1.0, 1e-9);
}

// sc-a, sc-b and sc-c all come out at exactly +1: sc-b has four judges, so it
// ranks first; sc-a and sc-c then go by id. The -1 group ties on calibrated
// and goes by id alone. Input order, forwards or backwards, changes nothing.
TEST(ConversionTest, TiesAreBrokenByJudgesThenShowcaseIdWhateverTheInputOrder) {
    InputBuilder b;
    b.demo("sc-c", "i3").demo("sc-l2", "i5").demo("sc-a", "i1").demo("sc-l3", "i6");
    b.demo("sc-b", "i2").demo("sc-l1", "i4").budget(10);
    b.panel("sc-c", 5).panel("sc-a", 5).panel("sc-b", 5);
    b.panel("sc-l1", 1).panel("sc-l2", 1).panel("sc-l3", 1);
    b.score("j4", "sc-b", 5).score("j4", "sc-l1", 1);  // j4: mean 3, sd 2, same z as the panel
    const ConversionRules rules = scoreOnlyRules(3, 0.5);

    const auto decisions = decideConversions(b.input, rules);

    const std::vector<std::string> expected{"sc-b", "sc-a", "sc-c", "sc-l1", "sc-l2", "sc-l3"};
    EXPECT_EQ(showcaseOrder(decisions), expected);
    EXPECT_EQ(find(decisions, "sc-b").judges, 4);
    EXPECT_EQ(find(decisions, "sc-b").calibrated, find(decisions, "sc-a").calibrated);
    EXPECT_EQ(find(decisions, "sc-l1").calibrated, find(decisions, "sc-l3").calibrated);
    EXPECT_EQ(find(decisions, "sc-b").rank, 1);
    EXPECT_EQ(find(decisions, "sc-a").rank, 2);
    EXPECT_EQ(find(decisions, "sc-c").rank, 3);

    JudgingInput reversed = b.input;
    std::reverse(reversed.showcases.begin(), reversed.showcases.end());
    std::reverse(reversed.scores.begin(), reversed.scores.end());
    const auto again = decideConversions(reversed, rules);
    EXPECT_EQ(showcaseOrder(again), expected);
    for (std::size_t i = 0; i < again.size(); ++i) {
        EXPECT_EQ(again[i].calibrated, decisions[i].calibrated) << i;
        EXPECT_EQ(again[i].explanation, decisions[i].explanation) << i;
    }
}

// Judge "solo" scored only sc-x, so has no spread of their own: the pooled sd
// of all totals stands in, with solo's own mean (4), so solo's z is 0 and sc-x
// is (1 + 1 + 0) / 3. (Standardising against the pooled mean 3.2 instead would
// give (1 + 1 + 0.82) / 3 = 0.94.)
// A judge with one score has no severity of their own: they count as an
// average judge (pooled mean and spread), so their score still moves the demo.
TEST(ConversionTest, SingleScoreJudgeCountsAsAnAverageJudge) {
    InputBuilder b;
    b.demo("sc-x", "i1").demo("sc-y", "i2").budget(5);
    b.score("j1", "sc-x", 4).score("j1", "sc-y", 2);
    b.score("j2", "sc-x", 4).score("j2", "sc-y", 2);
    b.score("solo", "sc-x", 4);

    const auto decisions = decideConversions(b.input, scoreOnlyRules(2));

    const Decision& x = find(decisions, "sc-x");
    EXPECT_EQ(x.judges, 3);
    EXPECT_TRUE(std::isfinite(x.calibrated));
    // Pooled totals 4, 2, 4, 2, 4: mean 3.2, spread sqrt(0.96). j1 and j2 give +1 each.
    const double solo = (4 - 3.2) / std::sqrt(0.96);
    EXPECT_NEAR(x.calibrated, (1 + 1 + solo) / 3, 1e-9);
    EXPECT_NEAR(find(decisions, "sc-y").calibrated, -1.0, 1e-9);
}

// Every total equal: no judge has a spread and neither does the pool, so every
// z is 0 rather than a division by zero.
TEST(ConversionTest, NoSpreadAnywhereGivesZeroNotNaN) {
    InputBuilder b;
    b.demo("sc-x", "i1").demo("sc-y", "i2").budget(5);
    b.panel("sc-x", 3).panel("sc-y", 3).score("solo", "sc-y", 3);

    const auto decisions = decideConversions(b.input, scoreOnlyRules(1, 0));

    for (const Decision& d : decisions) {
        EXPECT_EQ(d.calibrated, 0.0) << d.showcaseId;
        EXPECT_EQ(d.outcome, Outcome::Slot) << d.showcaseId;  // 0 >= bar 0
    }
    EXPECT_EQ(showcaseOrder(decisions), (std::vector<std::string>{"sc-y", "sc-x"}));  // judges
}

TEST(ConversionTest, ExplanationCarriesEveryFigure) {
    InputBuilder b;
    b.person("i1", "Léa Dubois").demo("sc-a", "i1").demo("sc-b", "i2", "").budget(5);
    b.input.showcases[0].metricChange = "  -12% ";
    // j1 gives 5, 1, 1 (z +1.41 on sc-a, -0.71 on the others); j2 and j3 give 5, 1 (z +1, -1).
    b.demo("sc-c", "i3").panel("sc-a", 5, 1).panel("sc-c", 1).goodPeers("sc-a");
    b.score("j1", "sc-b", 1);

    const auto decisions = decideConversions(b.input, ConversionRules{});

    const Decision& a = find(decisions, "sc-a");
    EXPECT_TRUE(a.impact);
    EXPECT_EQ(a.metric, "support tickets -12%");
    EXPECT_EQ(a.explanation,
              "3 judges, calibrated +1.14 (mean of each judge's z-score; bar +0.50); impact: "
              "support tickets -12%; peers 4.50 from 2; encore votes 1");
    EXPECT_EQ(find(decisions, "sc-b").explanation,
              "1 judge, calibrated -0.71 (mean of each judge's z-score; bar +0.50); impact: "
              "none; peers none; encore votes 0");
}

// One decision per showcase, so an intern with two demos appears twice; an
// intern missing from the people list keeps their id and empty details.
TEST(ConversionTest, InternDetailsAndOneDecisionPerShowcase) {
    InputBuilder b;
    b.person("i1", "Léa Dubois").demo("sc-a", "i1").demo("sc-b", "i1").demo("sc-c", "ghost");
    b.panel("sc-a", 5).panel("sc-b", 3).panel("sc-c", 1).budget(5);

    const auto decisions = decideConversions(b.input, scoreOnlyRules());

    ASSERT_EQ(decisions.size(), 3u);
    for (const std::string id : {"sc-a", "sc-b"}) {
        const Decision& d = find(decisions, id);
        EXPECT_EQ(d.internId, "i1");
        EXPECT_EQ(d.internName, "Léa Dubois");
        EXPECT_EQ(d.email, "i1@example.com");
        EXPECT_EQ(d.cohort, "2024-spring");
        EXPECT_EQ(d.team, "Aurora");
        EXPECT_EQ(d.showcaseTitle, "Demo " + id);
    }
    const Decision& ghost = find(decisions, "sc-c");
    EXPECT_EQ(ghost.internId, "ghost");
    EXPECT_EQ(ghost.internName, "");
    EXPECT_EQ(ghost.email, "");
    EXPECT_EQ(ghost.cohort, "");
    EXPECT_EQ(ghost.team, "");
}

// Issue 11, bug 10: judges score on their own scales (4.8 of 5, 78 of 100, 9 of
// 10, 90 of 100); averaging the raw totals (45.45) means nothing, so no output
// carries it. Figures are rounded once, halves away from zero: 33 / 8 = 4.125
// is 4.13 in the explanation as in the CSV.
TEST(ConversionTest, ExplanationShowsNoRawCrossScaleMeanAndRoundsHalvesUp) {
    InputBuilder b;
    b.demo("sc-a", "i1").demo("sc-b", "i2").budget(5);
    b.score("j1", "sc-a", 4.8).score("j2", "sc-a", 78).score("j3", "sc-a", 9);
    b.score("j4", "sc-a", 90);
    b.score("j1", "sc-b", 3).score("j2", "sc-b", 50).score("j3", "sc-b", 5);
    b.score("j4", "sc-b", 60);
    for (int i = 0; i < 8; ++i) b.feedback("peer-" + std::to_string(i), "sc-a", i < 1 ? 5 : 4);
    // 5 + 7 * 4 = 33 over 8 ratings: 4.125.

    const auto decisions = decideConversions(b.input, ConversionRules{});

    const Decision& a = find(decisions, "sc-a");
    EXPECT_EQ(a.peerMean, 4.125);
    EXPECT_EQ(a.explanation.find("45.45"), std::string::npos) << a.explanation;
    EXPECT_EQ(a.explanation.find("mean 45"), std::string::npos) << a.explanation;
    EXPECT_NE(a.explanation.find("peers 4.13 from 8"), std::string::npos) << a.explanation;
    EXPECT_EQ(a.explanation,
              "4 judges, calibrated +1.00 (mean of each judge's z-score; bar +0.50); impact: "
              "support tickets -12%; peers 4.13 from 8; encore votes 0");
}
