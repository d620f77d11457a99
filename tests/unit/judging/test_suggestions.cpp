#include "core/judging/suggestions.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace oh {
namespace {

constexpr std::int64_t kNow = 10'000;

SuggestionDemo demo(const std::string& id, std::int64_t start = kNow - 600,
                    std::int64_t end = kNow - 300, const std::string& team = "") {
    return SuggestionDemo{id, {team}, start, end};
}

SuggestionInput input(std::vector<SuggestionDemo> demos, std::vector<SuggestionScore> scores,
                      const std::string& judge = "j1") {
    SuggestionInput in;
    in.demos = std::move(demos);
    in.scores = std::move(scores);
    in.judgeId = judge;
    in.now = kNow;
    in.quorum = 3;
    return in;
}

std::vector<std::string> ids(const std::vector<Suggestion>& s) {
    std::vector<std::string> out;
    for (const auto& x : s) out.push_back(x.demoId);
    return out;
}

TEST(Suggestions, ADemoIsOfferedFromTheSecondItStartsAndIsLiveUntilItEnds) {
    auto in = input({demo("starting", kNow, kNow + 600), demo("later", kNow + 1, kNow + 600),
                     demo("ended", kNow - 600, kNow)},
                    {});
    auto got = suggestDemos(in, 10);
    ASSERT_EQ(ids(got), (std::vector<std::string>{"starting", "ended"}));
    EXPECT_TRUE(got[0].presentingNow);
    EXPECT_FALSE(got[1].presentingNow) << "a demo that ended this second has presented";
}

TEST(Suggestions, NeverADemoTheJudgeScoredNorOneOfAConflictedTeam) {
    auto in = input({demo("scored"), demo("conflict", kNow - 600, kNow - 300, "Team Aurora"),
                     demo("free", kNow - 600, kNow - 300, "Team Borealis")},
                    {{"j1", "scored"}});
    in.conflictTeams = {"Team Aurora"};
    EXPECT_EQ(ids(suggestDemos(in, 10)), (std::vector<std::string>{"free"}));
}

TEST(Suggestions, ATeamDemoIsConflictedWhenAnyOfItsTeamsIs) {
    auto in =
        input({SuggestionDemo{"mixed", {"Team Borealis", "Team Aurora"}, kNow - 60, kNow}}, {});
    in.conflictTeams = {"Team Aurora"};
    EXPECT_TRUE(suggestDemos(in, 10).empty());
}

TEST(Suggestions, DemosBelowTheQuorumComeFirstEvenWhenAnotherIsLive) {
    // "full" has exactly the quorum (3) and is presenting now; "short" is one below it.
    auto in = input({demo("full", kNow - 60, kNow + 600), demo("short")},
                    {{"a", "full"}, {"b", "full"}, {"c", "full"}, {"a", "short"}, {"b", "short"}});
    in.scores.push_back({"j1", "x"});  // j1 scored an unrelated demo: not linked to a, b, c
    auto got = suggestDemos(in, 10);
    ASSERT_EQ(ids(got), (std::vector<std::string>{"short", "full"}));
    EXPECT_EQ(got[0].reason, SuggestionReason::NeedsScoresAndLinksJudges);
    EXPECT_EQ(got[1].reason, SuggestionReason::LinksJudges);
}

TEST(Suggestions, AJudgesFirstScoreGoesToADemoAnotherJudgeScored) {
    auto in = input({demo("untouched"), demo("scored-once")}, {{"j2", "scored-once"}});
    auto got = suggestDemos(in, 10);
    ASSERT_EQ(ids(got), (std::vector<std::string>{"scored-once", "untouched"}));
    EXPECT_EQ(got[0].reason, SuggestionReason::NeedsScoresAndLinksJudges);
    EXPECT_EQ(got[1].reason, SuggestionReason::NeedsScores);
}

TEST(Suggestions, OnceLinkedTheFewestScoresComeFirst) {
    // j1 and j2 share "shared": "scored-once" (by j2) no longer links j1 to anyone new.
    auto in = input({demo("shared"), demo("untouched"), demo("scored-once")},
                    {{"j1", "shared"}, {"j2", "shared"}, {"j2", "scored-once"}});
    auto got = suggestDemos(in, 10);
    ASSERT_EQ(ids(got), (std::vector<std::string>{"untouched", "scored-once"}));
    EXPECT_EQ(got[1].reason, SuggestionReason::NeedsScores);
    EXPECT_EQ(got[1].scores, 1);
}

TEST(Suggestions, AtEqualCountsTheLiveDemoComesFirstThenTheEarlierThenTheSmallerId) {
    auto in = input({demo("b-past", kNow - 900, kNow - 600), demo("a-past", kNow - 900, kNow - 600),
                     demo("early", kNow - 1200, kNow - 900), demo("live", kNow - 60, kNow + 60)},
                    {});
    EXPECT_EQ(ids(suggestDemos(in, 10)),
              (std::vector<std::string>{"live", "early", "a-past", "b-past"}));
}

TEST(Suggestions, TheLimitKeepsTheBestOnes) {
    auto in = input({demo("c"), demo("a"), demo("b")}, {});
    EXPECT_EQ(ids(suggestDemos(in, 2)), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(suggestDemos(in, 0).empty());
}

TEST(Suggestions, JudgesAreConnectedOnlyWhenSharedDemosLinkThemAll) {
    EXPECT_TRUE(judgesConnected({}));
    EXPECT_FALSE(judgesConnected({{"j1", "d1"}, {"j2", "d1"}, {"j3", "d2"}, {"j4", "d2"}}));
    EXPECT_TRUE(
        judgesConnected({{"j1", "d1"}, {"j2", "d1"}, {"j3", "d2"}, {"j4", "d2"}, {"j2", "d2"}}));
}

// Forty judges following their first suggestion, in turns, over 200 demos: every demo
// reaches the quorum and every judge ends up comparable with every other.
TEST(Suggestions, JudgesFollowingSuggestionsCoverEveryDemoAndStayConnected) {
    SuggestionInput in;
    in.now = kNow;
    in.quorum = 3;
    for (int d = 0; d < 200; ++d)
        in.demos.push_back(demo("d" + std::to_string(1000 + d), kNow - 3600 + d, kNow - 60,
                                "team" + std::to_string(d % 40)));
    for (int round = 0; round < 16; ++round)  // 640 scores for 600 needed
        for (int j = 0; j < 40; ++j) {
            in.judgeId = "j" + std::to_string(j);
            in.conflictTeams = {"team" + std::to_string(j)};  // each judge mentors one team
            auto next = suggestDemos(in, 1);
            if (!next.empty()) in.scores.push_back({in.judgeId, next.front().demoId});
        }
    std::map<std::string, int> counts;
    for (const auto& s : in.scores) ++counts[s.demoId];
    for (const auto& d : in.demos) EXPECT_GE(counts[d.id], 3) << d.id;
    EXPECT_TRUE(judgesConnected(in.scores));
}

}  // namespace
}  // namespace oh
