// Encore assignments (core/decisions/encore.hpp) and rule 7 of the conversion rules: an
// encore decision carries its assignment (the judges' briefs, due ten days after the demo);
// an assigned one past its due date expires; a reviewed one is decided again with the review
// weighing as much as the day's judges, and a pass ranks after the day's own candidates.
//
// Figures by hand: judges j1-j3 each score A 80, B 76, C 50, D 40. Each judge (and the pool)
// has mean 61.5 and spread 16.934, so A is +1.092, B +0.856. With the bar at +1.00 and an
// encore margin of 0.5, A meets every rule and B is an encore. A review is read on the
// rubric's scale (level 3, 50 of 100, is z 0; a level is 25 points): 100 is z +2, and B with
// it is (0.856 + 2) / 2 = +1.428, over the bar; 60 is z +0.4, giving +0.628, under it.
#include <gtest/gtest.h>

#include "core/decisions/encore.hpp"
#include "core/model/ids.hpp"
#include "tests/unit/decisions/conversion_input.hpp"

using namespace oh;
using namespace oh::testing;

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::int64_t kDemoEnd = 1'800'000'000;  // Unix seconds: B's end
constexpr std::int64_t kDue = kDemoEnd * 1000 + 10 * kDayMs;

ConversionRules encoreRules() {
    ConversionRules rules = scoreOnlyRules(3, 1.0);
    rules.encoreMargin = 0.5;
    return rules;
}

InputBuilder fourDemos(int budget) {
    InputBuilder b;
    b.demo("A", "ia").demo("B", "ib").demo("C", "ic").demo("D", "id");
    b.person("ia", "Ana").person("ib", "Bo").person("ic", "Cy").person("id", "Di");
    for (const auto& [demo, total] : {std::pair{"A", 80.0}, {"B", 76.0}, {"C", 50.0}, {"D", 40.0}})
        b.panel(demo, total);
    b.input.showcases[1].slotEnd = kDemoEnd;
    b.input.showcases[1].eventId = "event-1";
    b.budget(budget);
    return b;
}

EncoreAssignment reviewed(double total) {
    EncoreAssignment a;
    a.id = encoreIdFor("B", "ib");
    a.showcaseId = "B";
    a.internId = "ib";
    a.dueAt = kDue;
    a.state = EncoreState::Reviewed;
    a.submission = "https://example.com/encore";
    a.reviewTotal = total;
    a.stored = true;
    return a;
}

TEST(EncoreRule, AnEncoreDecisionCarriesTheAssignmentItImplies) {
    InputBuilder b = fourDemos(1);
    ScoreSheet sheet;
    sheet.encore = true;
    sheet.encoreBrief = "Show the ticket drop holds for two weeks";
    b.input.scores[3].encore = true;  // j1's score of B (A's three come first)
    b.input.scores[3].criteria = sheetJson(sheet);
    ASSERT_EQ(b.input.scores[3].showcaseId, "B");
    const auto decisions = decideConversions(b.input, encoreRules());
    const Decision& d = find(decisions, "B");
    EXPECT_EQ(d.outcome, Outcome::Encore);
    ASSERT_TRUE(d.encore);
    EXPECT_EQ(d.encore->id, encoreIdFor("B", "ib"));
    EXPECT_FALSE(d.encore->stored);
    EXPECT_EQ(d.encore->brief, "Show the ticket drop holds for two weeks");
    EXPECT_EQ(d.encore->metric, "support tickets");
    EXPECT_EQ(d.encore->dueAt, kDue) << "ten days after the demo's end";
    EXPECT_EQ(d.encoreState, EncoreState::Assigned);
    EXPECT_EQ(d.rule, "near the bar (+0.86, bar +1.00)") << "the rule stays the reason";
    EXPECT_NE(d.explanation.find("; encore assigned, due 2027-01-25"), std::string::npos)
        << d.explanation;
    EXPECT_FALSE(find(decisions, "A").encore) << "a slot is no encore";
    EXPECT_FALSE(find(decisions, "C").encore) << "nor is a demo not selected";
}

TEST(EncoreRule, WithoutAJudgesBriefTheDefaultAsksForTheMetricsChange) {
    InputBuilder b = fourDemos(1);
    b.input.encoreFromMs = 5 * kDayMs;
    b.input.showcases[1].slotEnd = 0;  // no end time: due from the event's end
    const auto decisions = decideConversions(b.input, encoreRules());
    const Decision& d = find(decisions, "B");
    ASSERT_TRUE(d.encore);
    EXPECT_EQ(d.encore->brief, "Show the change in support tickets since the day");
    EXPECT_EQ(d.encore->dueAt, 15 * kDayMs);
}

TEST(EncoreRule, AnAssignedEncorePastItsDueDateExpiresAndIsNotSelected) {
    InputBuilder b = fourDemos(1);
    b.input.nowMs = kDue;
    EXPECT_EQ(find(decideConversions(b.input, encoreRules()), "B").outcome, Outcome::Encore)
        << "due at that very instant: not expired yet";
    b.input.nowMs = kDue + 1;
    const auto decisions = decideConversions(b.input, encoreRules());
    const Decision& d = find(decisions, "B");
    EXPECT_EQ(d.outcome, Outcome::NotSelected);
    EXPECT_EQ(d.encoreState, EncoreState::Expired);
    EXPECT_EQ(d.rule, "encore expired: nothing submitted by 2027-01-25");
}

TEST(EncoreRule, ASubmittedEncoreWaitsForItsReviewEvenPastTheDueDate) {
    InputBuilder b = fourDemos(1);
    EncoreAssignment a = reviewed(0);
    a.state = EncoreState::Submitted;
    a.reviewTotal.reset();
    a.submittedAt = kDue - kDayMs;
    b.input.encores.push_back(a);
    b.input.nowMs = kDue + 5 * kDayMs;
    const auto decisions = decideConversions(b.input, encoreRules());
    const Decision& d = find(decisions, "B");
    EXPECT_EQ(d.outcome, Outcome::Encore);
    EXPECT_EQ(d.encoreState, EncoreState::Submitted);
    EXPECT_TRUE(d.encore->stored);
    EXPECT_NE(d.explanation.find("encore submitted 2027-01-24, to review"), std::string::npos)
        << d.explanation;
}

TEST(EncoreRule, AReviewOverTheBarPassesAndTakesAnOpenSlotAfterTheDaysCandidates) {
    InputBuilder b = fourDemos(2);
    b.input.encores.push_back(reviewed(100));
    const auto decisions = decideConversions(b.input, encoreRules());
    const Decision& d = find(decisions, "B");
    EXPECT_TRUE(d.encorePassed);
    EXPECT_EQ(d.outcome, Outcome::Slot);
    EXPECT_EQ(d.rank, 2) << "after A although its calibrated score with the review is higher";
    EXPECT_NEAR(d.calibrated, 1.4281, 1e-3);
    EXPECT_GT(d.calibrated, find(decisions, "A").calibrated);
    EXPECT_EQ(d.rule, "encore passed, rank 2 (slot 2 of 2 open)");
    EXPECT_NE(d.explanation.find("3 judges, calibrated +1.43"), std::string::npos) << d.explanation;
    EXPECT_NE(d.explanation.find("encore review (100 of 100, z +2.00)"), std::string::npos);
    EXPECT_NE(d.explanation.find("(day +0.86)"), std::string::npos);
    EXPECT_EQ(find(decisions, "A").rank, 1);
}

TEST(EncoreRule, APassThatFindsTheBudgetUsedIsWaitlisted) {
    InputBuilder b = fourDemos(1);
    b.input.encores.push_back(reviewed(100));
    const auto decisions = decideConversions(b.input, encoreRules());
    EXPECT_EQ(find(decisions, "A").outcome, Outcome::Slot);
    const Decision& d = find(decisions, "B");
    EXPECT_EQ(d.outcome, Outcome::Waitlist);
    EXPECT_EQ(d.rule, "encore passed; budget used: 1 of 1");
}

TEST(EncoreRule, AReviewUnderTheBarIsNotSelectedWithTheRuleThatFailed) {
    InputBuilder b = fourDemos(2);
    b.input.encores.push_back(reviewed(60));
    const auto decisions = decideConversions(b.input, encoreRules());
    const Decision& d = find(decisions, "B");
    EXPECT_FALSE(d.encorePassed);
    EXPECT_EQ(d.outcome, Outcome::NotSelected);
    EXPECT_NEAR(d.calibrated, 0.6281, 1e-3);
    EXPECT_EQ(d.rule, "encore reviewed, not passed: near the bar (+0.63, bar +1.00)");
}

TEST(EncoreRule, AnotherDemosEncoreRecordDoesNotDecideThisOne) {
    InputBuilder b = fourDemos(2);
    EncoreAssignment other = reviewed(100);
    other.id = encoreIdFor("C", "ic");
    b.input.encores.push_back(other);
    EXPECT_EQ(find(decideConversions(b.input, encoreRules()), "B").outcome, Outcome::Encore);
}

// The life-cycle's acts.

EncoreAssignment assigned() {
    EncoreAssignment a = reviewed(0);
    a.state = EncoreState::Assigned;
    a.reviewTotal.reset();
    a.submission.clear();
    return a;
}

TEST(EncoreActs, TheLeadBriefsBeforeTheSubmissionOnly) {
    EncoreBrief change;
    change.brief = "  Show two weeks of the metric  ";
    change.reviewerId = "staff-1";
    change.dueAt = kDue + kDayMs;
    const EncoreActResult r = briefEncore(assigned(), change, kDue - kDayMs);
    ASSERT_EQ(r.status, EncoreActStatus::Done) << r.message;
    EXPECT_EQ(r.assignment.brief, "Show two weeks of the metric");
    EXPECT_EQ(r.assignment.reviewerId, "staff-1");
    EXPECT_EQ(r.assignment.dueAt, kDue + kDayMs);

    EncoreAssignment submitted = r.assignment;
    submitted.state = EncoreState::Submitted;
    EXPECT_EQ(briefEncore(submitted, change, kDue - kDayMs).status, EncoreActStatus::WrongState);
    EncoreBrief empty;
    empty.brief = "   ";
    EXPECT_EQ(briefEncore(assigned(), empty, 0).status, EncoreActStatus::BadInput);
    EncoreBrief past;
    past.dueAt = kDue - 2 * kDayMs;
    EXPECT_EQ(briefEncore(assigned(), past, kDue - kDayMs).status, EncoreActStatus::BadInput);
    past.dueAt = kDue - kDayMs;
    EXPECT_EQ(briefEncore(assigned(), past, kDue - kDayMs).status, EncoreActStatus::BadInput)
        << "due this very instant is not in the future";
    past.dueAt = kDue - kDayMs + 1;
    EXPECT_EQ(briefEncore(assigned(), past, kDue - kDayMs).status, EncoreActStatus::Done);
}

TEST(EncoreActs, AnExpiredEncoreTakesNoSubmissionUntilTheLeadExtendsIt) {
    const EncoreActResult late = submitEncore(assigned(), "https://example.com/x", kDue + 1);
    EXPECT_EQ(late.status, EncoreActStatus::Expired);
    EXPECT_EQ(late.assignment.state, EncoreState::Assigned) << "unchanged";
    EncoreBrief extend;
    extend.dueAt = kDue + 3 * kDayMs;
    const EncoreActResult extended = briefEncore(assigned(), extend, kDue + 1);
    ASSERT_EQ(extended.status, EncoreActStatus::Done);
    const EncoreActResult r =
        submitEncore(extended.assignment, " https://example.com/x ", kDue + 2);
    ASSERT_EQ(r.status, EncoreActStatus::Done);
    EXPECT_EQ(r.assignment.state, EncoreState::Submitted);
    EXPECT_EQ(r.assignment.submission, "https://example.com/x");
    EXPECT_EQ(r.assignment.submittedAt, kDue + 2);
    EXPECT_EQ(submitEncore(r.assignment, "again", kDue + 3).status, EncoreActStatus::WrongState);
    EXPECT_EQ(submitEncore(assigned(), "", kDue - 1).status, EncoreActStatus::BadInput);
}

TEST(EncoreActs, OnlyTheNamedReviewerReviewsASubmittedEncoreOnEveryCriterion) {
    const Rubric rubric = *encoreReviewRubric(defaultRubric(), {"impact"});
    ASSERT_EQ(rubric.criteria.size(), 1u);
    EXPECT_FALSE(encoreReviewRubric(defaultRubric(), {"charm"})) << "not a criterion";
    ScoreSheet sheet;
    sheet.levels["impact"] = 4;
    EncoreAssignment a = assigned();
    EXPECT_EQ(reviewEncore(a, rubric, sheet, "staff-1", kDue).status, EncoreActStatus::WrongState)
        << "nothing submitted yet";
    a = submitEncore(a, "note", kDue - 1).assignment;
    a.reviewerId = "staff-1";
    EXPECT_EQ(reviewEncore(a, rubric, sheet, "staff-2", kDue).status, EncoreActStatus::NotReviewer);
    EXPECT_EQ(reviewEncore(a, rubric, ScoreSheet{}, "staff-1", kDue).status,
              EncoreActStatus::BadInput);
    const EncoreActResult r = reviewEncore(a, rubric, sheet, "staff-1", kDue + 9);
    ASSERT_EQ(r.status, EncoreActStatus::Done);
    EXPECT_EQ(r.assignment.state, EncoreState::Reviewed);
    EXPECT_DOUBLE_EQ(*r.assignment.reviewTotal, 75.0) << "level 4 of 5 on 0-100";
    EXPECT_EQ(r.assignment.reviewedBy, "staff-1");
    EXPECT_EQ(r.assignment.reviewedAt, kDue + 9);
    EXPECT_EQ(reviewEncore(r.assignment, rubric, sheet, "staff-1", kDue + 10).status,
              EncoreActStatus::WrongState);
}

TEST(EncoreReview, AReviewIsReadOnTheRubricsOwnScale) {
    EXPECT_DOUBLE_EQ(encoreReviewZ(50), 0.0) << "level 3 everywhere: an average demo";
    EXPECT_DOUBLE_EQ(encoreReviewZ(75), 1.0);
    EXPECT_DOUBLE_EQ(encoreReviewZ(0), -2.0);
}

TEST(EncoreIds, AnEncoresIdIsTheSameEverywhereAndDiffersPerInternAndDemo) {
    const std::string id = encoreIdFor("B", "ib");
    EXPECT_EQ(id, encoreIdFor("B", "ib"));
    EXPECT_NE(id, encoreIdFor("B", "ic"));
    EXPECT_NE(id, encoreIdFor("Bi", "b"));
    ASSERT_TRUE(Uuid::parse(id));
    EXPECT_EQ(id[14], '8') << "a version 8 (name-based) UUID";
}

}  // namespace
