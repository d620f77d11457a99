// A team demo in the conversion rules: each presenter gets a decision on the demo's figures
// (a slot is an offer to one person), and no presenter's rating counts as a peer's.
#include <gtest/gtest.h>

#include "tests/unit/decisions/conversion_input.hpp"

namespace oh {
namespace {

using testing::InputBuilder;

InputBuilder teamDemo() {
    InputBuilder b;
    b.demo("team", "ana").person("ana", "Ana Lima").person("raj", "Raj Patel");
    b.input.showcases.back().presenterIds = {"ana", "raj"};
    b.demo("solo", "li").person("li", "Li Wei");
    b.panel("team", 90).panel("solo", 60).goodPeers("team").goodPeers("solo");
    return b;
}

TEST(TeamDemos, EachPresenterGetsADecisionOnTheDemosFigures) {
    auto b = teamDemo().budget(3);
    auto decisions = decideConversions(b.input, ConversionRules{});
    ASSERT_EQ(decisions.size(), 3u);
    std::vector<const Decision*> team;
    for (const auto& d : decisions)
        if (d.showcaseId == "team") team.push_back(&d);
    ASSERT_EQ(team.size(), 2u);
    EXPECT_EQ(team[0]->internId, "ana");
    EXPECT_EQ(team[1]->internId, "raj") << "ties within a team go by presenter id";
    EXPECT_EQ(team[1]->internName, "Raj Patel");
    EXPECT_EQ(team[0]->calibrated, team[1]->calibrated);
    EXPECT_EQ(team[0]->judges, 3);
    EXPECT_EQ(team[0]->outcome, Outcome::Slot);
    EXPECT_EQ(team[1]->outcome, Outcome::Slot);
    EXPECT_EQ(team[0]->rank, 1);
    EXPECT_EQ(team[1]->rank, 2);
}

TEST(TeamDemos, OneSlotLeftGoesToTheFirstPresenterAndTheOtherWaits) {
    auto b = teamDemo().budget(1);
    auto decisions = decideConversions(b.input, ConversionRules{});
    ASSERT_GE(decisions.size(), 2u);
    EXPECT_EQ(decisions[0].internId, "ana");
    EXPECT_EQ(decisions[0].outcome, Outcome::Slot);
    EXPECT_EQ(decisions[1].internId, "raj");
    EXPECT_EQ(decisions[1].outcome, Outcome::Waitlist);
}

TEST(TeamDemos, ATeammatesRatingIsNotAPeerRating) {
    InputBuilder b;
    b.demo("team", "ana").person("ana", "Ana").person("raj", "Raj");
    b.input.showcases.back().presenterIds = {"ana", "raj"};
    b.panel("team", 90).feedback("raj", "team", 5).feedback("ana", "team", 5).budget(2);
    for (const auto& d : decideConversions(b.input, ConversionRules{})) {
        EXPECT_EQ(d.peerCount, 0) << d.internId;
        EXPECT_EQ(d.outcome, Outcome::Pending) << d.internId;  // its peer ratings are to come
    }
    b.feedback("peer", "team", 4);
    for (const auto& d : decideConversions(b.input, ConversionRules{})) EXPECT_EQ(d.peerCount, 1);
}

}  // namespace
}  // namespace oh
