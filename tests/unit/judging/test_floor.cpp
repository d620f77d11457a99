// The judging floor as one judge and one peer see it: the board (suggestions, marks,
// progress) and the demos open for feedback, read from a real (in-memory) store.
#include "core/judging/floor.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "../test_support.hpp"
#include "core/judging/scoring.hpp"
#include "core/model/ids.hpp"
#include "core/text/fold.hpp"

namespace oh {
namespace {

constexpr std::int64_t kStart = 1'800'000'000;  // sampleEvent() starts here (Unix s)
constexpr std::int64_t kNowMs = (kStart + 3 * 3600) * 1000;

ScoreSheet sheetAt(int level) {
    ScoreSheet s;
    for (const auto& c : defaultRubric().criteria) s.levels[c.key] = level;
    s.recommendation = Recommendation::Yes;
    return s;
}

class Floor : public ::testing::Test {
  protected:
    void SetUp() override {
        store.saveEvent(sampleEvent());
        judge = person("judge@example.org", Role::Staff, "Staff");
        other = person("other@example.org", Role::Staff, "Staff");
        // Demo i runs from hour i to hour i+1; at kNowMs (hour 3) demos 0-2 have presented,
        // demo 3 presents now, demo 4 is still to come.
        for (int i = 0; i < 5; ++i) {
            std::string intern = person("intern" + std::to_string(i) + "@example.org", Role::Intern,
                                        "Team " + std::to_string(i));
            demos.push_back(demo("Demo " + std::to_string(i), intern, i));
        }
    }

    std::string person(const std::string& email, Role role, const std::string& team) {
        Attendee a = sampleAttendee(email, email, role);
        a.team = team;
        store.upsertAttendee(a);
        return a.id;
    }

    std::string demo(const std::string& title, const std::string& intern, int hour) {
        Showcase s;
        s.id = Uuid::v7().str();
        s.eventId = sampleEvent().id;
        s.internId = intern;
        s.title = title;
        s.slotStart = kStart + hour * 3600;
        s.slotEnd = kStart + (hour + 1) * 3600;
        store.upsertShowcase(s);
        return s.id;
    }

    void score(const std::string& who, const std::string& what) {
        ASSERT_EQ(
            submitScore(store, defaultRubric(), sampleEvent().id, who, what, sheetAt(4), kNowMs)
                .status,
            ScoreWriteStatus::Saved);
    }

    JudgeBoard board() { return judgeBoard(store, sampleEvent().id, judge, 3, kNowMs, 10); }

    static bool suggests(const JudgeBoard& b, const std::string& demoId) {
        return std::any_of(b.suggestions.begin(), b.suggestions.end(),
                           [&](const Suggestion& s) { return s.demoId == demoId; });
    }

    Store store = Store::openInMemory();
    std::string judge, other;
    std::vector<std::string> demos;
};

TEST_F(Floor, SuggestsOnlyDemosThatPresentNowOrHavePresented) {
    JudgeBoard b = board();
    ASSERT_EQ(b.demos.size(), 5u);
    EXPECT_EQ(b.suggestions.size(), 4u);
    EXPECT_FALSE(suggests(b, demos[4])) << "demo 4 has not started";
    EXPECT_TRUE(b.demos[3].presentingNow);
    EXPECT_TRUE(b.demos[0].presented);
    EXPECT_EQ(b.scorable, 5);
    EXPECT_EQ(b.scoredByMe, 0);
}

TEST_F(Floor, SkipsADemoTheJudgeScoredAndCountsItAsProgress) {
    score(judge, demos[1]);
    JudgeBoard b = board();
    EXPECT_FALSE(suggests(b, demos[1]));
    EXPECT_EQ(b.marks[1], JudgeMark::Scored);
    EXPECT_EQ(b.scoredByMe, 1);
    EXPECT_EQ(b.scorable, 5);
}

TEST_F(Floor, AConflictSkipsEveryDemoOfThatTeamAndNeverCountsAsAScore) {
    // A second demo of team 2, presenting now.
    std::string teammate = person("mate@example.org", Role::Intern, "Team 2");
    std::string secondOfTeam2 = demo("Demo 2b", teammate, 3);
    ASSERT_EQ(declareConflict(store, sampleEvent().id, judge, demos[2], kNowMs).status,
              ScoreWriteStatus::ConflictDeclared);
    JudgeBoard b = board();
    EXPECT_FALSE(suggests(b, demos[2]));
    EXPECT_FALSE(suggests(b, secondOfTeam2)) << "the conflict is with the team, not one demo";
    EXPECT_EQ(b.scorable, 4) << "six demos, two of them conflicted";
    EXPECT_EQ(b.scoredByMe, 0);
    for (const FloorDemo& d : b.demos) EXPECT_EQ(d.scores, 0) << "a conflict is no score";
    // Other judges still get the team's demos.
    JudgeBoard theirs = judgeBoard(store, sampleEvent().id, other, 3, kNowMs, 10);
    EXPECT_TRUE(suggests(theirs, demos[2]));
}

TEST_F(Floor, AConflictWithADemoWhosePresenterNamesNoTeamStillSkipsThatDemo) {
    std::string loner = person("loner@example.org", Role::Intern, "");
    std::string solo = demo("Solo demo", loner, 3);
    ASSERT_EQ(declareConflict(store, sampleEvent().id, judge, solo, kNowMs).status,
              ScoreWriteStatus::ConflictDeclared);
    JudgeBoard b = board();
    EXPECT_FALSE(suggests(b, solo)) << "the conflicted demo itself was suggested";
    EXPECT_TRUE(suggests(b, demos[3])) << "other demos are still suggested";
    EXPECT_EQ(b.scorable, 5);
}

TEST_F(Floor, WithdrawingAConflictOffersTheTeamAgain) {
    declareConflict(store, sampleEvent().id, judge, demos[2], kNowMs);
    ASSERT_EQ(withdrawScore(store, sampleEvent().id, judge, demos[2], kNowMs).status,
              ScoreWriteStatus::Withdrawn);
    EXPECT_TRUE(suggests(board(), demos[2]));
}

TEST_F(Floor, ADemoBelowQuorumComesBeforeOneAtQuorum) {
    std::string third = person("third@example.org", Role::Lead, "Staff");
    std::string fourth = person("fourth@example.org", Role::Staff, "Staff");
    for (const auto& j : {other, third, fourth}) score(j, demos[0]);
    JudgeBoard b = board();
    ASSERT_FALSE(b.suggestions.empty());
    EXPECT_NE(b.suggestions.front().demoId, demos[0]);
    EXPECT_EQ(b.demos[0].scores, 3);
}

TEST_F(Floor, ClosedJudgingShowsOnTheBoard) {
    EXPECT_FALSE(board().closed);
    Event e = *store.event(sampleEvent().id);
    e.judgingClosedAt = kNowMs - 1;
    store.saveEvent(e);
    EXPECT_TRUE(board().closed);
}

TEST_F(Floor, FeedbackListsTheDemoPresentingNowFirstThenTheMostRecent) {
    auto list = feedbackDemos(store, sampleEvent().id, kNowMs, 2 * 3600);
    ASSERT_EQ(list.size(), 3u) << "now, and the two that ended within two hours";
    EXPECT_EQ(list[0].showcase.id, demos[3]);
    EXPECT_EQ(list[1].showcase.id, demos[2]);
    EXPECT_EQ(list[2].showcase.id, demos[1]);
    ASSERT_EQ(list[0].presenterNames.size(), 1u);
}

TEST_F(Floor, EachDemoCarriesItsTitleAndPresentersFoldedForSearch) {
    JudgeBoard b = board();
    ASSERT_FALSE(b.demos.empty());
    const FloorDemo& d = b.demos[0];
    EXPECT_NE(d.searchKey.find(foldForSearch("DEMO 0")), std::string::npos) << d.searchKey;
    EXPECT_NE(d.searchKey.find(foldForSearch(d.presenterNames.at(0))), std::string::npos)
        << d.searchKey;
}

TEST_F(Floor, JudgesAreStaffAndLeadsNotBlocked) {
    std::string blocked = person("blocked@example.org", Role::Staff, "Staff");
    store.setBlocked(blocked, true);
    auto judges = judgesOf(store, sampleEvent().id);
    ASSERT_EQ(judges.size(), 2u);
    for (const auto& j : judges) EXPECT_NE(j.id, blocked);
}

}  // namespace
}  // namespace oh
