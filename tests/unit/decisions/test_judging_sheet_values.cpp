// The judging sheet's values on both sides of each edge: a score from 0 to 100, a peer
// rating a whole number from 1 to 5; a title one or two letters from a presenter's other
// title (two only from 10 characters), or inside it (from 8 characters), is refused; and a
// changed encore vote alone rewrites the judge's score; a peer's rating imported again is
// unchanged, a changed one replaces the peer's feedback (a kiosk's included).
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "core/decisions/judging_sheet.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

struct JudgingSheetValues : ::testing::Test {
    Store store = Store::openInMemory();
    Event event = sampleEvent();
    void SetUp() override {
        store.saveEvent(event);
        for (auto [email, name, role] :
             {std::tuple{"omar@example.org", "Omar Haddad", Role::Intern},
              std::tuple{"ana@example.org", "Ana Lima", Role::Intern},
              std::tuple{"jo@example.org", "Jo Park", Role::Staff}}) {
            Attendee a = sampleAttendee(email, name, role);
            store.upsertAttendee(a);
        }
    }
    JudgingSheetReport import(const std::string& rows) {
        return importJudgingSheet(
            store, event.id,
            "demo,intern_email,metric,change,by_email,score,encore,peer_rating\n" + rows);
    }
    // One judge's score for Omar's demo `title`.
    JudgingSheetReport score(const std::string& title, const std::string& value,
                             const std::string& encore = "no") {
        return import(title + ",omar@example.org,,,jo@example.org," + value + "," + encore + ",\n");
    }
    JudgingSheetReport rating(const std::string& value) {
        return import("Search,omar@example.org,,,ana@example.org,,," + value + "\n");
    }
    static std::string all(const JudgingSheetReport& r) {
        std::string text;
        for (const auto& p : r.problems) text += p + "\n";
        return text;
    }
};

}  // namespace

TEST_F(JudgingSheetValues, AScoreFrom0To100IsTaken) {
    for (const char* value : {"0", "100"}) {
        JudgingSheetReport r = score(std::string("Demo ") + value, value);
        EXPECT_TRUE(r.ok()) << value << ": " << all(r);
        EXPECT_EQ(r.scoresWritten, 1) << value;
    }
}

TEST_F(JudgingSheetValues, AScoreOutside0To100IsRefused) {
    for (const char* value : {"-1", "100.5"}) {
        JudgingSheetReport r = score("Search", value);
        ASSERT_EQ(r.problems.size(), 1u) << all(r);
        EXPECT_EQ(r.problems[0],
                  std::string("line 2: score '") + value + "' is not a number from 0 to 100");
        EXPECT_EQ(r.scoresWritten, 0);
    }
}

TEST_F(JudgingSheetValues, APeerRatingFrom1To5IsTaken) {
    JudgingSheetReport r = rating("1");
    EXPECT_TRUE(r.ok()) << all(r);
    EXPECT_EQ(r.feedbackWritten, 1);
}

TEST_F(JudgingSheetValues, APeerRatingOutside1To5OrNotWholeIsRefused) {
    for (const char* value : {"0", "6", "2.5"}) {
        JudgingSheetReport r = rating(value);
        ASSERT_EQ(r.problems.size(), 1u) << value << ": " << all(r);
        EXPECT_EQ(r.problems[0], std::string("line 2: peer_rating '") + value +
                                     "' is not a whole number from 1 to 5");
        EXPECT_EQ(r.feedbackWritten, 0);
    }
}

TEST_F(JudgingSheetValues, ATitleInsideAnotherIsRefusedFromEightCharacters) {
    ASSERT_TRUE(score("Payments", "80").ok());  // 8 characters
    JudgingSheetReport r = score("Payments v2", "70");
    ASSERT_EQ(r.problems.size(), 1u) << all(r);
    EXPECT_NE(r.problems[0].find("is nearly the title of omar@example.org's demo 'Payments'"),
              std::string::npos)
        << all(r);

    ASSERT_TRUE(score("Billing", "80").ok());  // 7 characters: a different demo
    r = score("Billing dashboard", "70");
    EXPECT_TRUE(r.ok()) << all(r);
    EXPECT_EQ(r.showcasesCreated, 1);
}

TEST_F(JudgingSheetValues, TwoLettersOffIsNearlyTheSameTitleFromTenCharacters) {
    ASSERT_TRUE(score("Onboarding", "80").ok());  // 10 characters
    JudgingSheetReport r = score("Onbuardeng", "70");
    ASSERT_EQ(r.problems.size(), 1u) << all(r);
    EXPECT_NE(r.problems[0].find("nearly the title of omar@example.org's demo 'Onboarding'"),
              std::string::npos)
        << all(r);

    ASSERT_TRUE(score("Dashboard", "80").ok());  // 9 characters: one letter only
    r = score("Doshbiard", "70");
    EXPECT_TRUE(r.ok()) << all(r);
    EXPECT_EQ(r.showcasesCreated, 1);
}

TEST_F(JudgingSheetValues, AChangedEncoreVoteAloneRewritesTheScore) {
    ASSERT_TRUE(score("Search", "80", "no").ok());
    JudgingSheetReport r = score("Search", "80", "yes");
    EXPECT_TRUE(r.ok()) << all(r);
    EXPECT_EQ(r.scoresWritten, 1);
    EXPECT_EQ(r.unchanged, 0);
    const auto scores = store.scores(event.id);
    ASSERT_EQ(scores.size(), 1u);
    EXPECT_TRUE(scores[0].encore);
    EXPECT_EQ(scores[0].total, 80);
}

TEST_F(JudgingSheetValues, APeerRatingImportedAgainIsUnchangedAndAChangedOneReplacesIt) {
    ASSERT_EQ(rating("4").feedbackWritten, 1);
    const std::string firstId = store.feedback(event.id).at(0).id;
    JudgingSheetReport again = rating("4");
    EXPECT_EQ(again.feedbackWritten, 0);
    EXPECT_EQ(again.unchanged, 1);
    ASSERT_EQ(store.feedback(event.id).size(), 1u);
    EXPECT_EQ(store.feedback(event.id)[0].id, firstId) << "re-importing writes nothing";

    JudgingSheetReport changed = rating("2");
    EXPECT_EQ(changed.feedbackWritten, 1);
    EXPECT_EQ(changed.unchanged, 0);
    const auto feedback = store.feedback(event.id);
    ASSERT_EQ(feedback.size(), 1u) << "one rating per peer per demo";
    EXPECT_EQ(feedback[0].rating, 2);
    EXPECT_NE(feedback[0].id, firstId);
}

TEST_F(JudgingSheetValues, ASheetRatingKeepsAKioskFeedbackOfTheSameRatingAndReplacesAnother) {
    ASSERT_TRUE(rating("3").ok());  // creates the demo
    const auto ana = store.attendeeByEmail(event.id, "ana@example.org");
    const std::string demo = store.feedback(event.id).at(0).showcaseId;
    Feedback kiosk{"", event.id, ana->id, demo, 4, "Clear", 0, "", {4, 4, 5}};
    ASSERT_EQ(store.addFeedback(kiosk), FeedbackAdded::Replaced);
    EXPECT_EQ(rating("4").unchanged, 1);
    EXPECT_EQ(store.feedbackBy(ana->id, demo)->answers, (std::vector<int>{4, 4, 5}));
    EXPECT_EQ(rating("1").feedbackWritten, 1);
    auto now = store.feedbackBy(ana->id, demo);
    ASSERT_TRUE(now);
    EXPECT_EQ(now->rating, 1);
    EXPECT_TRUE(now->answers.empty());
}
