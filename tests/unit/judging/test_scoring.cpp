#include "core/judging/scoring.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "core/model/ids.hpp"

namespace oh {
namespace {

constexpr std::int64_t kNow = 1'800'003'600'000;  // an hour into sampleEvent(), in ms

ScoreSheet sheetAt(int level, Recommendation r = Recommendation::Yes) {
    ScoreSheet s;
    for (const auto& c : defaultRubric().criteria) s.levels[c.key] = level;
    s.recommendation = r;
    return s;
}

class Scoring : public ::testing::Test {
  protected:
    void SetUp() override {
        store.saveEvent(sampleEvent());
        Event other = sampleEvent();
        other.id = "0192f3a0-0000-7000-8000-00000000e002";
        other.name = "Another Day";
        store.saveEvent(other);
        judge = person("judge@example.org", Role::Staff);
        for (int i = 0; i < 3; ++i) demos.push_back(demo("Demo " + std::to_string(i)));
        otherEventDemo = demo("Elsewhere", other.id);
    }

    std::string person(const std::string& email, Role role,
                       const std::string& eventId = sampleEvent().id) {
        Attendee a = sampleAttendee(email, email, role);
        a.eventId = eventId;
        store.upsertAttendee(a);
        return a.id;
    }

    std::string demo(const std::string& title, const std::string& eventId = sampleEvent().id) {
        Showcase s;
        s.id = Uuid::v7().str();
        s.eventId = eventId;
        s.title = title;
        store.upsertShowcase(s);
        return s.id;
    }

    ScoreWrite submit(const std::string& who, const std::string& what, const ScoreSheet& sheet,
                      std::int64_t now = kNow) {
        return submitScore(store, defaultRubric(), sampleEvent().id, who, what, sheet, now);
    }

    void closeJudgingAt(std::int64_t at) {
        Event e = *store.event(sampleEvent().id);
        e.judgingClosedAt = at;
        store.saveEvent(e);
    }

    Store store = Store::openInMemory();
    std::string judge, otherEventDemo;
    std::vector<std::string> demos;
};

TEST_F(Scoring, AJudgeScoresThreeDemosAndEditsOne) {
    for (const auto& d : demos)
        ASSERT_EQ(submit(judge, d, sheetAt(3)).status, ScoreWriteStatus::Saved);
    ScoreSheet better = sheetAt(5, Recommendation::StrongYes);
    better.notes = "Convincing after the Q&A";
    auto edit = submit(judge, demos[1], better);
    ASSERT_EQ(edit.status, ScoreWriteStatus::Saved);
    auto scores = store.scores(sampleEvent().id);
    ASSERT_EQ(scores.size(), 3u) << "an edit replaces, never adds";
    auto edited = store.score(judge, demos[1]);
    ASSERT_TRUE(edited && edited->total);
    EXPECT_DOUBLE_EQ(*edited->total, 100);
    EXPECT_EQ(edited->notes, "Convincing after the Q&A");
    EXPECT_EQ(sheetFromJson(edited->criteria).recommendation, Recommendation::StrongYes);
    EXPECT_DOUBLE_EQ(*store.score(judge, demos[0])->total, 50);
}

TEST_F(Scoring, ClosingJudgingRefusesFromItsExactMillisecond) {
    closeJudgingAt(kNow + 1);
    EXPECT_EQ(submit(judge, demos[0], sheetAt(4)).status, ScoreWriteStatus::Saved);
    closeJudgingAt(kNow);
    auto late = submit(judge, demos[0], sheetAt(2));
    EXPECT_EQ(late.status, ScoreWriteStatus::JudgingClosed);
    EXPECT_DOUBLE_EQ(*store.score(judge, demos[0])->total, 75) << "the score before close stays";
    EXPECT_EQ(withdrawScore(store, sampleEvent().id, judge, demos[0], kNow).status,
              ScoreWriteStatus::JudgingClosed);
    EXPECT_FALSE(store.score(judge, demos[0])->deleted);
    closeJudgingAt(0);  // reopened
    EXPECT_EQ(submit(judge, demos[0], sheetAt(2)).status, ScoreWriteStatus::Saved);
}

TEST_F(Scoring, OnlyStaffAndLeadsOfTheEventScoreAndNotWhenBlocked) {
    EXPECT_EQ(submit(person("lead@example.org", Role::Lead), demos[0], sheetAt(3)).status,
              ScoreWriteStatus::Saved);
    for (Role role : {Role::Intern, Role::Guest})
        EXPECT_EQ(
            submit(person(std::string(roleName(role)) + "@example.org", role), demos[0], sheetAt(3))
                .status,
            ScoreWriteStatus::NotAJudge)
            << roleName(role);
    const std::string elsewhere =
        person("staff@elsewhere.org", Role::Staff, "0192f3a0-0000-7000-8000-00000000e002");
    EXPECT_EQ(submit(elsewhere, demos[0], sheetAt(3)).status, ScoreWriteStatus::NotAJudge);
    store.setBlocked(judge, true);
    EXPECT_EQ(submit(judge, demos[0], sheetAt(3)).status, ScoreWriteStatus::NotAJudge);
    EXPECT_EQ(store.scores(sampleEvent().id).size(), 1u);
}

TEST_F(Scoring, ADemoOfAnotherEventOrNoneIsRefused) {
    EXPECT_EQ(submit(judge, otherEventDemo, sheetAt(3)).status, ScoreWriteStatus::UnknownDemo);
    EXPECT_EQ(submit(judge, Uuid::v7().str(), sheetAt(3)).status, ScoreWriteStatus::UnknownDemo);
    EXPECT_TRUE(store.scores(sampleEvent().id).empty());
}

TEST_F(Scoring, AnIncompleteSheetSaysWhatIsMissingAndStoresNothing) {
    ScoreSheet s = sheetAt(3);
    s.levels.erase("impact");
    auto r = submit(judge, demos[0], s);
    EXPECT_EQ(r.status, ScoreWriteStatus::Incomplete);
    EXPECT_EQ(r.problems, (std::vector<std::string>{"Impact on a live metric: choose a level"}));
    EXPECT_FALSE(store.score(judge, demos[0]));
}

TEST_F(Scoring, AJudgeWithdrawsTheirScoreOnce) {
    ASSERT_EQ(submit(judge, demos[0], sheetAt(3)).status, ScoreWriteStatus::Saved);
    auto w = withdrawScore(store, sampleEvent().id, judge, demos[0], kNow);
    EXPECT_EQ(w.status, ScoreWriteStatus::Withdrawn);
    EXPECT_TRUE(store.scores(sampleEvent().id).empty());
    EXPECT_EQ(withdrawScore(store, sampleEvent().id, judge, demos[0], kNow).status,
              ScoreWriteStatus::NothingToWithdraw);
}

TEST(ScoringSync, AClosedJudgingReachesADeviceAndItRefusesThere) {
    Store admin = Store::openInMemory();
    Store device = Store::openInMemory();
    Event e = sampleEvent();
    admin.saveEvent(e);
    e.judgingClosedAt = kNow;
    admin.saveEvent(e);
    {
        Store::ApplyingRemote remote(device);
        for (const auto& entry : admin.pendingOutbox(10))
            device.applyRemote(entry.kind, entry.payload, "admin");
    }
    ASSERT_TRUE(device.event(e.id));
    EXPECT_EQ(device.event(e.id)->judgingClosedAt, kNow);
    EXPECT_TRUE(judgingClosed(*device.event(e.id), kNow));
    EXPECT_FALSE(judgingClosed(*device.event(e.id), kNow - 1));
}

TEST_F(Scoring, AConflictReplacesTheJudgesScoreAndHasNoTotal) {
    ASSERT_EQ(submit(judge, demos[0], sheetAt(4)).status, ScoreWriteStatus::Saved);
    auto declared = declareConflict(store, sampleEvent().id, judge, demos[0], kNow);
    ASSERT_EQ(declared.status, ScoreWriteStatus::ConflictDeclared);
    auto stored = store.score(judge, demos[0]);
    ASSERT_TRUE(stored);
    EXPECT_FALSE(stored->total) << "a conflict must count for no decision";
    EXPECT_TRUE(isConflict(*stored));
    ASSERT_EQ(submit(judge, demos[1], sheetAt(4)).status, ScoreWriteStatus::Saved);
    EXPECT_FALSE(isConflict(*store.score(judge, demos[1])));
}

TEST_F(Scoring, AConflictFollowsTheSameRulesAsAScore) {
    std::string guest = person("guest@example.org", Role::Guest);
    EXPECT_EQ(declareConflict(store, sampleEvent().id, guest, demos[0], kNow).status,
              ScoreWriteStatus::NotAJudge);
    closeJudgingAt(kNow);
    EXPECT_EQ(declareConflict(store, sampleEvent().id, judge, demos[0], kNow).status,
              ScoreWriteStatus::JudgingClosed);
    EXPECT_FALSE(store.score(judge, demos[0]));
}

}  // namespace
}  // namespace oh
