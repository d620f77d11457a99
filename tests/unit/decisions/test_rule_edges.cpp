// The conversion rules on both sides of each edge: the encore majority with an even and an
// odd number of judges, the number of peer ratings needed, and a peer mean exactly at the
// minimum. Every case names the one rule it is about.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/decisions/conversion_input.hpp"

using namespace oh;
using namespace oh::testing;

namespace {

// Four judges j1..j4 each score sc-hi 5 and sc-lo 1: calibrated +1 and -1 (below the bar of
// +0.50 and out of its margin, so only the judges' encore votes can give sc-lo an encore).
InputBuilder fourJudges(int encoreVotesForLow) {
    InputBuilder b;
    b.demo("sc-hi", "i1").demo("sc-lo", "i2").budget(5);
    for (int j = 1; j <= 4; ++j) {
        const std::string judge = "j" + std::to_string(j);
        b.score(judge, "sc-hi", 5).score(judge, "sc-lo", 1, j <= encoreVotesForLow);
    }
    return b.goodPeers("sc-hi").goodPeers("sc-lo");
}

}  // namespace

TEST(ConversionEdges, HalfOfAnEvenPanelIsNoMajorityForAnEncore) {
    const auto decisions = decideConversions(fourJudges(2).input, ConversionRules{});
    const Decision& low = find(decisions, "sc-lo");
    EXPECT_EQ(low.calibrated, -1.0);
    EXPECT_EQ(low.encoreVotes, 2);
    EXPECT_EQ(low.outcome, Outcome::NotSelected);
    EXPECT_EQ(low.rule, "below the bar (-1.00 < +0.50)");
}

TEST(ConversionEdges, ThreeOfFourJudgesAreAMajorityForAnEncore) {
    const auto decisions = decideConversions(fourJudges(3).input, ConversionRules{});
    const Decision& low = find(decisions, "sc-lo");
    EXPECT_EQ(low.outcome, Outcome::Encore);
    EXPECT_EQ(low.rule, "judges recommend an encore (3 of 4)");
}

TEST(ConversionEdges, OneOfThreeJudgesIsNoMajorityTwoOfThreeIs) {
    for (int votes : {1, 2}) {
        InputBuilder b;
        b.demo("sc-hi", "i1").demo("sc-lo", "i2").budget(5);
        b.panel("sc-hi", 5).panel("sc-lo", 1, votes).goodPeers("sc-hi").goodPeers("sc-lo");
        const auto decisions = decideConversions(b.input, ConversionRules{});
        const Decision& low = find(decisions, "sc-lo");
        EXPECT_EQ(low.outcome, votes == 2 ? Outcome::Encore : Outcome::NotSelected) << votes;
    }
}

TEST(ConversionEdges, ExactlyTheQuorumOfJudgesIsDecided) {
    InputBuilder b;
    b.demo("sc-a", "i1").demo("sc-b", "i2").budget(5);
    b.panel("sc-a", 5).panel("sc-b", 1).goodPeers("sc-a").goodPeers("sc-b");
    ConversionRules rules;
    rules.quorum = 3;
    EXPECT_EQ(find(decideConversions(b.input, rules), "sc-a").outcome, Outcome::Slot);
    rules.quorum = 4;
    const auto pending = decideConversions(b.input, rules);
    const Decision& a = find(pending, "sc-a");
    EXPECT_EQ(a.outcome, Outcome::Pending);
    EXPECT_EQ(a.rule, "needs 4 judges, has 3");
}

TEST(ConversionEdges, ExactlyTheNeededNumberOfPeerRatingsIsEnough) {
    InputBuilder b;
    b.demo("sc-a", "i1").demo("sc-b", "i2").budget(5);
    b.panel("sc-a", 5).panel("sc-b", 1);
    b.feedback("peer-a", "sc-a", 5).feedback("peer-b", "sc-a", 4);
    ConversionRules rules;
    rules.minPeerCount = 2;
    EXPECT_EQ(find(decideConversions(b.input, rules), "sc-a").outcome, Outcome::Slot);
    rules.minPeerCount = 1;
    EXPECT_EQ(find(decideConversions(b.input, rules), "sc-a").outcome, Outcome::Slot);
    rules.minPeerCount = 3;
    const auto pending = decideConversions(b.input, rules);
    const Decision& a = find(pending, "sc-a");
    EXPECT_EQ(a.outcome, Outcome::Pending);
    EXPECT_EQ(a.rule, "needs 3 peer ratings, has 2");
}

TEST(ConversionEdges, APeerMeanExactlyAtTheMinimumMeetsThePeerRule) {
    InputBuilder b;
    b.demo("sc-at", "i1").demo("sc-under", "i2").demo("sc-low", "i3").budget(5);
    b.panel("sc-at", 5).panel("sc-under", 5).panel("sc-low", 1);
    b.feedback("peer-a", "sc-at", 3).feedback("peer-b", "sc-at", 4);        // 3.50
    b.feedback("peer-a", "sc-under", 3).feedback("peer-b", "sc-under", 3);  // 3.00
    b.goodPeers("sc-low");
    ConversionRules rules;  // minimum 3.5
    const auto decisions = decideConversions(b.input, rules);
    const Decision& at = find(decisions, "sc-at");
    EXPECT_EQ(at.peerMean, 3.5);
    EXPECT_EQ(at.outcome, Outcome::Slot);
    const Decision& under = find(decisions, "sc-under");
    EXPECT_EQ(under.outcome, Outcome::NotSelected);
    EXPECT_EQ(under.rule, "peer rating 3.00 from 2 (needs 3.50 from 1)");
}
