#include "core/judging/rubric.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace oh {
namespace {

ScoreSheet allAt(const Rubric& rubric, int level) {
    ScoreSheet s;
    for (const auto& c : rubric.criteria) s.levels[c.key] = level;
    s.recommendation = Recommendation::Yes;
    return s;
}

TEST(Rubric, TheDefaultRubricHasTheFourCriteriaWithImpactWeightedDouble) {
    Rubric r = defaultRubric();
    EXPECT_FALSE(rubricProblem(r).has_value());
    ASSERT_EQ(r.criteria.size(), 4u);
    EXPECT_EQ(r.criteria[0].key, "impact");
    EXPECT_EQ(r.criteria[0].weight, 2);
    EXPECT_EQ(r.criteria[3].title, "Cross-functional validation");
}

TEST(Rubric, TheTotalMapsTheWeightedMeanOfLevelsOntoZeroToHundred) {
    Rubric r = defaultRubric();
    EXPECT_DOUBLE_EQ(*rubricTotal(r, allAt(r, 1)), 0);
    EXPECT_DOUBLE_EQ(*rubricTotal(r, allAt(r, 3)), 50);
    EXPECT_DOUBLE_EQ(*rubricTotal(r, allAt(r, 5)), 100);
    ScoreSheet s = allAt(r, 3);
    s.levels["impact"] = 5;  // weight 2 of 5: mean (2*5 + 3*3) / 5 = 3.8
    EXPECT_DOUBLE_EQ(*rubricTotal(r, s), 70);
    s.levels["impact"] = 3;
    s.levels["quality"] = 5;  // weight 1 of 5: mean 3.4
    EXPECT_DOUBLE_EQ(*rubricTotal(r, s), 60);
}

TEST(Rubric, NoTotalUntilEveryCriterionHasALevelInOneToFive) {
    Rubric r = defaultRubric();
    ScoreSheet s = allAt(r, 3);
    s.levels.erase("validation");
    EXPECT_FALSE(rubricTotal(r, s));
    for (int level : {0, 6}) {
        s = allAt(r, 3);
        s.levels["quality"] = level;
        EXPECT_FALSE(rubricTotal(r, s)) << level;
    }
}

TEST(Rubric, ASheetIsReadyOnlyWithEveryLevelAndARecommendation) {
    Rubric r = defaultRubric();
    EXPECT_TRUE(sheetProblems(r, allAt(r, 4)).empty());
    ScoreSheet s = allAt(r, 4);
    s.recommendation.reset();
    EXPECT_EQ(sheetProblems(r, s), (std::vector<std::string>{"choose a recommendation"}));
    s = allAt(r, 4);
    s.levels.erase("communication");
    EXPECT_EQ(sheetProblems(r, s), (std::vector<std::string>{"Communication: choose a level"}));
    s = allAt(r, 4);
    s.levels["communication"] = 0;
    EXPECT_EQ(sheetProblems(r, s),
              (std::vector<std::string>{"Communication: the level must be 1 to 5"}));
    s = allAt(r, 4);
    s.levels["charisma"] = 5;
    EXPECT_EQ(sheetProblems(r, s), (std::vector<std::string>{"'charisma' is not in the rubric"}));
}

TEST(Rubric, AnEncoreNeedsItsBriefAndTextsHaveLimits) {
    Rubric r = defaultRubric();
    ScoreSheet s = allAt(r, 3);
    s.encore = true;
    EXPECT_EQ(sheetProblems(r, s).size(), 1u);
    s.encoreBrief = "Ship the dashboard to the support team";
    EXPECT_TRUE(sheetProblems(r, s).empty());
    s.encoreBrief = std::string(kEncoreBriefMax, 'b');
    EXPECT_TRUE(sheetProblems(r, s).empty());
    s.encoreBrief += "b";
    EXPECT_EQ(sheetProblems(r, s), (std::vector<std::string>{"the encore brief is too long"}));
    s = allAt(r, 3);
    s.notes = std::string(kScoreNotesMax, 'n');
    EXPECT_TRUE(sheetProblems(r, s).empty());
    s.notes += "n";
    EXPECT_EQ(sheetProblems(r, s), (std::vector<std::string>{"the notes are too long"}));
}

TEST(Rubric, ARubricWithoutUsableCriteriaIsRefused) {
    EXPECT_TRUE(rubricProblem(Rubric{}));
    Rubric r = defaultRubric();
    r.criteria[1].key = "impact";
    EXPECT_TRUE(rubricProblem(r));
    for (double bad : {0.0, -1.0, std::numeric_limits<double>::quiet_NaN(),
                       std::numeric_limits<double>::infinity()}) {
        r = defaultRubric();
        r.criteria[2].weight = bad;
        EXPECT_TRUE(rubricProblem(r)) << bad;
    }
    r = defaultRubric();
    r.criteria[2].weight = 0.01;
    EXPECT_FALSE(rubricProblem(r));
    r.criteria[0].levels[4].clear();
    EXPECT_TRUE(rubricProblem(r));
    r = defaultRubric();
    r.criteria[0].key.clear();
    EXPECT_TRUE(rubricProblem(r));
}

TEST(Rubric, ASheetRoundTripsThroughItsJsonAndDamagedJsonReadsEmpty) {
    ScoreSheet s = allAt(defaultRubric(), 4);
    s.levels["impact"] = 5;
    s.notes = "Strong — «ساعد الفريق»";
    s.recommendation = Recommendation::StrongYes;
    s.encore = true;
    s.encoreBrief = "Roll out to EMEA";
    ScoreSheet back = sheetFromJson(sheetJson(s));
    EXPECT_EQ(back.levels, s.levels);
    EXPECT_EQ(back.notes, s.notes);
    EXPECT_EQ(back.recommendation, Recommendation::StrongYes);
    EXPECT_TRUE(back.encore);
    EXPECT_EQ(back.encoreBrief, s.encoreBrief);
    for (const char* bad : {"", "{", "[1,2]", "{\"levels\": 3}", "{}"}) {
        ScoreSheet empty = sheetFromJson(bad);
        EXPECT_TRUE(empty.levels.empty()) << bad;
        EXPECT_FALSE(empty.recommendation) << bad;
    }
}

TEST(Rubric, RecommendationsHaveStableKeys) {
    for (auto r : {Recommendation::StrongYes, Recommendation::Yes, Recommendation::Mixed,
                   Recommendation::No})
        EXPECT_EQ(parseRecommendation(recommendationKey(r)), r);
    EXPECT_EQ(std::string(recommendationKey(Recommendation::StrongYes)), "strong-yes");
    EXPECT_FALSE(parseRecommendation("Yes"));
    EXPECT_FALSE(parseRecommendation("maybe"));
}

}  // namespace
}  // namespace oh
