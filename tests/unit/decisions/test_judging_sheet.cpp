// The judging sheet finds people by the one e-mail rule (core/text/email.hpp): normalised the
// way the roster stores addresses, and refused with a reason when the roster would refuse it.
#include <gtest/gtest.h>

#include <string>

#include "core/decisions/judging_sheet.hpp"
#include "core/judging/rubric.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

struct JudgingSheetEmails : ::testing::Test {
    Store store = Store::openInMemory();
    Event event = sampleEvent();
    void SetUp() override {
        store.saveEvent(event);
        Attendee ana = sampleAttendee("ana@example.org", "Ana Lima", Role::Intern);
        Attendee jo = sampleAttendee("jo@example.org", "Jo Park", Role::Staff);
        // Stored by a kiosk before walk-ins used the roster's rule.
        Attendee odd = sampleAttendee("odd@example..org", "Odd Walker", Role::Intern);
        store.upsertAttendee(ana);
        store.upsertAttendee(jo);
        store.upsertAttendee(odd);
    }
    JudgingSheetReport import(const std::string& internEmail) {
        return importJudgingSheet(store, event.id,
                                  "demo,intern_email,metric,change,by_email,score,encore,"
                                  "peer_rating\nSearch,\"" +
                                      internEmail + "\",,,jo@example.org,80,no,\n");
    }
};

}  // namespace

TEST_F(JudgingSheetEmails, TrimmedNoBreakSpacedAndUpperCaseAddressesMatch) {
    JudgingSheetReport report = import("\xC2\xA0 Ana@Example.ORG ");
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_EQ(report.scoresWritten, 1);
}

TEST_F(JudgingSheetEmails, AnAddressTheRosterRefusesIsRefusedWithItsReason) {
    JudgingSheetReport report = import("odd@example..org");
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems.front(),
              "line 2: intern_email 'odd@example..org' is not a usable e-mail: the domain after "
              "the @ has an empty part");
    EXPECT_EQ(report.scoresWritten, 0);
}

TEST_F(JudgingSheetEmails, AUsableAddressNotOnTheRosterIsSaidSo) {
    JudgingSheetReport report = import("bo@example.org");
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems.front(),
              "line 2: intern_email bo@example.org is not on this event's roster");
}

TEST_F(JudgingSheetEmails, AnEmptyAddressIsSaidSo) {
    JudgingSheetReport report = import(" ");
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems.front(), "line 2: intern_email is empty");
}

// Issue 11, bug 11: a title written differently ("Churn Early Warning") must not
// make a second demo of the same presenter's demo.
namespace {

struct JudgingSheetTitles : ::testing::Test {
    Store store = Store::openInMemory();
    Event event = sampleEvent();
    void SetUp() override {
        store.saveEvent(event);
        add("omar@example.org", "Omar Haddad", Role::Intern);
        add("ana@example.org", "Ana Lima", Role::Intern);
        add("jo@example.org", "Jo Park", Role::Staff);
        add("sam@example.org", "Sam Reed", Role::Staff);
        add("kai@example.org", "Kai Lund", Role::Lead);
    }
    void add(const std::string& email, const std::string& name, Role role) {
        Attendee a = sampleAttendee(email, name, role);
        store.upsertAttendee(a);
    }
    static std::string sheet(const std::string& rows) {
        return "demo,intern_email,metric,change,by_email,score,encore,peer_rating\n" + rows;
    }
    JudgingSheetReport import(const std::string& rows) {
        return importJudgingSheet(store, event.id, sheet(rows));
    }
    std::string allProblems(const JudgingSheetReport& r) {
        std::string all;
        for (const auto& p : r.problems) all += p + "\n";
        return all;
    }
};

}  // namespace

TEST_F(JudgingSheetTitles, CaseSpacesAndPunctuationDoNotMakeASecondDemo) {
    JudgingSheetReport r = import(
        "Churn early warning,omar@example.org,accounts,+40,jo@example.org,80,no,\n"
        "Churn Early Warning,omar@example.org,,,sam@example.org,70,no,\n"
        " churn  early-warning. ,omar@example.org,,,kai@example.org,75,no,\n");
    ASSERT_TRUE(r.ok()) << allProblems(r);
    EXPECT_EQ(r.showcasesCreated, 1);
    EXPECT_EQ(r.scoresWritten, 3);
    auto demos = store.showcases(event.id);
    ASSERT_EQ(demos.size(), 1u);
    EXPECT_EQ(demos[0].title, "Churn early warning");  // the first spelling is kept
    EXPECT_EQ(store.scores(event.id).size(), 3u);

    // A later sheet with yet another spelling finds the stored demo.
    r = import("CHURN EARLY WARNING,omar@example.org,,,jo@example.org,80,no,\n");
    ASSERT_TRUE(r.ok()) << allProblems(r);
    EXPECT_EQ(r.showcasesCreated, 0);
    EXPECT_EQ(r.unchanged, 1);
    EXPECT_EQ(store.showcases(event.id).size(), 1u);
}

TEST_F(JudgingSheetTitles, ANearlyIdenticalTitleIsRefusedNamingTheExistingOne) {
    ASSERT_TRUE(import("Churn early warning,omar@example.org,,,jo@example.org,80,no,\n").ok());
    JudgingSheetReport r = import(
        "Search tuning,ana@example.org,,,jo@example.org,60,no,\n"
        "Churn early warnings,omar@example.org,,,sam@example.org,70,no,\n");
    ASSERT_EQ(r.problems.size(), 1u) << allProblems(r);
    EXPECT_EQ(r.problems[0],
              "line 3: demo 'Churn early warnings' is nearly the title of omar@example.org's demo "
              "'Churn early warning': write that title to score the same demo, or a clearly "
              "different one for a second demo");
    EXPECT_EQ(store.showcases(event.id).size(), 1u);  // all-or-nothing
    EXPECT_EQ(store.scores(event.id).size(), 1u);

    // Within one sheet as well: the earlier row's title is the one named.
    r = import(
        "Onboarding flow,ana@example.org,,,jo@example.org,60,no,\n"
        "Onboardng flow,ana@example.org,,,sam@example.org,70,no,\n");
    ASSERT_EQ(r.problems.size(), 1u) << allProblems(r);
    EXPECT_EQ(r.problems[0],
              "line 3: demo 'Onboardng flow' is nearly the title of ana@example.org's demo "
              "'Onboarding flow' (line 2): write that title to score the same demo, or a clearly "
              "different one for a second demo");
}

TEST_F(JudgingSheetTitles, DifferentTitlesAndDifferentPresentersAreDifferentDemos) {
    JudgingSheetReport r = import(
        "Churn early warning,omar@example.org,,,jo@example.org,80,no,\n"
        "Churn early warning,ana@example.org,,,jo@example.org,70,no,\n"
        "Pricing page,omar@example.org,,,jo@example.org,60,no,\n");
    ASSERT_TRUE(r.ok()) << allProblems(r);
    EXPECT_EQ(r.showcasesCreated, 3);
}

TEST_F(JudgingSheetTitles, ProblemsAreListedInTheSheetsLineOrder) {
    ASSERT_TRUE(import("Churn early warning,omar@example.org,,,jo@example.org,80,no,\n").ok());
    JudgingSheetReport r = import(
        "Churn early warnings,omar@example.org,,,sam@example.org,70,no,\n"
        "Search tuning,ana@example.org,,,jo@example.org,ten,no,\n");
    ASSERT_EQ(r.problems.size(), 2u) << allProblems(r);
    EXPECT_EQ(r.problems[0].rfind("line 2: demo 'Churn early warnings'", 0), 0u) << allProblems(r);
    EXPECT_EQ(r.problems[1], "line 3: score 'ten' is not a number from 0 to 100");
}

// A printed rubric's levels (--levels) land on the tablets' 0-100 scale by the rubric's own
// mapping, so one judge scoring on paper and on a tablet stays on one scale.
TEST_F(JudgingSheetEmails, RubricLevelsAreMappedOntoTheTabletsScale) {
    const std::string sheet =
        "demo,intern_email,metric,change,by_email,score,encore,peer_rating\n"
        "Search,ana@example.org,,,jo@example.org,4.8,no,\n";
    JudgingSheetReport report = importJudgingSheet(store, event.id, sheet, SheetScores::Levels);
    ASSERT_TRUE(report.ok()) << report.problems.front();
    auto scores = store.scores(event.id);
    ASSERT_EQ(scores.size(), 1u);
    EXPECT_DOUBLE_EQ(*scores[0].total, 95) << "(4.8 - 1) / 4 * 100";
    EXPECT_DOUBLE_EQ(*scores[0].total, totalOfMeanLevel(4.8));
}

TEST_F(JudgingSheetEmails, ALevelOutsideOneToFiveIsRefusedWhileA0To100ScoreIsNot) {
    const std::string sheet =
        "demo,intern_email,metric,change,by_email,score,encore,peer_rating\n"
        "Search,ana@example.org,,,jo@example.org,80,no,\n";
    JudgingSheetReport levels = importJudgingSheet(store, event.id, sheet, SheetScores::Levels);
    ASSERT_EQ(levels.problems.size(), 1u);
    EXPECT_NE(levels.problems[0].find("not a rubric level from 1 to 5"), std::string::npos);
    EXPECT_TRUE(store.scores(event.id).empty());
    EXPECT_TRUE(importJudgingSheet(store, event.id, sheet).ok()) << "0-100 is the default";
    EXPECT_DOUBLE_EQ(*store.scores(event.id).at(0).total, 80);
}
