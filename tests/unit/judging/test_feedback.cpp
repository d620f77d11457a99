// Peer feedback from a kiosk (core/judging/feedback.hpp): every status, a second feedback
// replacing the first, nobody rating their own or their team's demo, the judging close, and
// the aggregates the program sees (suppressed below kFeedbackMinShown ratings).
#include "core/judging/feedback.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "core/model/ids.hpp"

namespace oh {
namespace {

constexpr std::int64_t kNow = 1'800'003'600'000;  // an hour into sampleEvent(), in ms
const std::string kOtherEvent = "0192f3a0-0000-7000-8000-00000000e002";

FeedbackAnswers levels(int a, int b, int c, const std::string& comment = "") {
    return FeedbackAnswers{{a, b, c}, comment};
}

class PeerFeedback : public ::testing::Test {
  protected:
    void SetUp() override {
        store.saveEvent(sampleEvent());
        Event other = sampleEvent();
        other.id = kOtherEvent;
        other.name = "Another Day";
        store.saveEvent(other);
        peer = person("peer@example.org", Role::Intern, "Team Borealis");
        omar = person("omar@example.org", Role::Intern, "Team Aurora");
        demo = showcase("Ticket triage", {omar});
        otherEventDemo = showcase("Elsewhere", {omar}, kOtherEvent);
    }

    std::string person(const std::string& email, Role role, const std::string& team,
                       const std::string& eventId = sampleEvent().id) {
        Attendee a = sampleAttendee(email, email, role);
        a.eventId = eventId;
        a.team = team;
        store.upsertAttendee(a);
        return a.id;
    }

    std::string showcase(const std::string& title, const std::vector<std::string>& presenters,
                         const std::string& eventId = sampleEvent().id) {
        Showcase s;
        s.id = Uuid::v7().str();
        s.eventId = eventId;
        s.title = title;
        s.internId = presenters.front();
        s.presenterIds = presenters;
        store.upsertShowcase(s);
        return s.id;
    }

    FeedbackWrite submit(const std::string& who, const std::string& what,
                         const FeedbackAnswers& answers, std::int64_t now = kNow) {
        return submitFeedback(store, sampleEvent().id, who, what, answers, now);
    }

    FeedbackWriteStatus status(const std::string& who, const std::string& what,
                               const FeedbackAnswers& answers = levels(4, 4, 4)) {
        return submit(who, what, answers).status;
    }

    void closeJudgingAt(std::int64_t at) {
        Event e = *store.event(sampleEvent().id);
        e.judgingClosedAt = at;
        store.saveEvent(e);
    }

    Store store = Store::openInMemory();
    std::string peer, omar, demo, otherEventDemo;
};

TEST_F(PeerFeedback, APeerRatesADemoWithTheMeanOfTheAnswersRoundedHalfUp) {
    auto w = submit(peer, demo, levels(4, 5, 5, "  Clear, and the numbers held up.  "));
    ASSERT_EQ(w.status, FeedbackWriteStatus::Saved);
    ASSERT_TRUE(w.feedback);
    auto stored = feedbackOf(store, peer, demo);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->id, w.feedback->id);
    EXPECT_EQ(stored->rating, 5);  // 4.67
    EXPECT_EQ(stored->answers, (std::vector<int>{4, 5, 5}));
    EXPECT_EQ(stored->text, "Clear, and the numbers held up.");
    EXPECT_EQ(stored->createdAt, kNow);
    // 4.33 -> 4, 1.67 -> 2, 3 -> 3: one author per demo, so one demo each.
    const std::vector<std::pair<FeedbackAnswers, int>> cases{
        {levels(4, 5, 4), 4}, {levels(1, 2, 2), 2}, {levels(3, 3, 3), 3}, {levels(1, 1, 2), 1}};
    for (const auto& [answers, rating] : cases) {
        const std::string d = showcase("Demo " + std::to_string(rating), {omar});
        ASSERT_EQ(submit(peer, d, answers).status, FeedbackWriteStatus::Saved);
        EXPECT_EQ(feedbackOf(store, peer, d)->rating, rating);
    }
}

TEST_F(PeerFeedback, GivingFeedbackAgainReplacesItAndKeepsOneRowWithTheNewAnswers) {
    auto first = submit(peer, demo, levels(2, 2, 3, "Too fast"));
    ASSERT_EQ(first.status, FeedbackWriteStatus::Saved);
    auto again = submit(peer, demo, levels(5, 4, 4), kNow + 60'000);
    ASSERT_EQ(again.status, FeedbackWriteStatus::Replaced);
    ASSERT_TRUE(again.feedback);
    EXPECT_NE(again.feedback->id, first.feedback->id);
    auto all = store.feedback(sampleEvent().id);
    ASSERT_EQ(all.size(), 1u) << "a replacement never adds";
    EXPECT_EQ(all[0].id, again.feedback->id);
    EXPECT_EQ(all[0].answers, (std::vector<int>{5, 4, 4}));
    EXPECT_EQ(all[0].rating, 4);
    EXPECT_EQ(all[0].text, "") << "the comment is the new feedback's too";
    EXPECT_EQ(feedbackOf(store, peer, demo)->id, again.feedback->id);
}

TEST_F(PeerFeedback, ClosingJudgingRefusesFromItsExactMillisecond) {
    closeJudgingAt(kNow + 1);
    EXPECT_EQ(status(peer, demo, levels(3, 3, 3)), FeedbackWriteStatus::Saved);
    closeJudgingAt(kNow);
    EXPECT_EQ(status(peer, demo, levels(5, 5, 5)), FeedbackWriteStatus::JudgingClosed);
    EXPECT_EQ(feedbackOf(store, peer, demo)->rating, 3) << "the feedback before the close stays";
    closeJudgingAt(0);  // reopened
    EXPECT_EQ(status(peer, demo, levels(5, 5, 5)), FeedbackWriteStatus::Replaced);
}

TEST_F(PeerFeedback, OnlyAPersonOfTheEventNotBlockedGivesFeedback) {
    EXPECT_EQ(status(person("guest@example.org", Role::Guest, ""), demo),
              FeedbackWriteStatus::Saved);
    EXPECT_EQ(status(person("judge@example.org", Role::Staff, ""), demo),
              FeedbackWriteStatus::Saved);
    EXPECT_EQ(status(Uuid::v7().str(), demo), FeedbackWriteStatus::NotAnAttendee);
    EXPECT_EQ(status(person("x@elsewhere.org", Role::Intern, "", kOtherEvent), demo),
              FeedbackWriteStatus::NotAnAttendee);
    store.setBlocked(peer, true);
    EXPECT_EQ(status(peer, demo), FeedbackWriteStatus::NotAnAttendee);
    EXPECT_EQ(store.feedback(sampleEvent().id).size(), 2u);
}

TEST_F(PeerFeedback, ADemoOfAnotherEventOrNoneIsRefused) {
    EXPECT_EQ(status(peer, otherEventDemo), FeedbackWriteStatus::UnknownDemo);
    EXPECT_EQ(status(peer, Uuid::v7().str()), FeedbackWriteStatus::UnknownDemo);
    EXPECT_EQ(submitFeedback(store, Uuid::v7().str(), peer, demo, levels(3, 3, 3), kNow).status,
              FeedbackWriteStatus::UnknownDemo);
    EXPECT_TRUE(store.feedback(sampleEvent().id).empty());
    EXPECT_TRUE(store.feedback(kOtherEvent).empty());
}

TEST_F(PeerFeedback, NobodyRatesADemoTheyPresentOrOneOfTheirTeam) {
    const std::string loner = person("loner@example.org", Role::Intern, "");
    EXPECT_EQ(status(loner, showcase("Solo", {loner})), FeedbackWriteStatus::OwnTeam)
        << "the presenter themself, with no team";
    EXPECT_EQ(status(omar, demo), FeedbackWriteStatus::OwnTeam);
    // A teammate, whatever the case and the spaces around the team's name.
    EXPECT_EQ(status(person("mate@example.org", Role::Intern, "  team AURORA "), demo),
              FeedbackWriteStatus::OwnTeam);
    EXPECT_EQ(status(person("mate2@example.org", Role::Guest, "Équipe Nord"),
                     showcase("Nord", {person("nord@example.org", Role::Intern, "ÉQUIPE NORD")})),
              FeedbackWriteStatus::OwnTeam);
    // A team demo: its second presenter, and that presenter's teammate.
    const std::string zoe = person("zoe@example.org", Role::Intern, "Team Cirrus");
    const std::string teamDemo = showcase("Team demo", {omar, zoe});
    EXPECT_EQ(status(zoe, teamDemo), FeedbackWriteStatus::OwnTeam);
    EXPECT_EQ(status(person("cirrus@example.org", Role::Intern, "Team Cirrus"), teamDemo),
              FeedbackWriteStatus::OwnTeam);
    // Another team rates it; so does someone with no team (no team is nobody's team).
    EXPECT_EQ(status(peer, teamDemo), FeedbackWriteStatus::Saved);
    EXPECT_EQ(status(person("free@example.org", Role::Intern, ""),
                     showcase("Unteamed", {person("u@example.org", Role::Intern, " ")})),
              FeedbackWriteStatus::Saved);
    EXPECT_EQ(store.feedback(sampleEvent().id).size(), 2u);
}

TEST_F(PeerFeedback, ALevelOutside1To5OrALongCommentIsInvalidAndStoresNothing) {
    auto low = submit(peer, demo, levels(3, 0, 3));
    EXPECT_EQ(low.status, FeedbackWriteStatus::Invalid);
    EXPECT_EQ(low.problem, "question 2: level 0 is not from 1 to 5");
    EXPECT_EQ(submit(peer, demo, levels(3, 3, 6)).problem,
              "question 3: level 6 is not from 1 to 5");
    auto longer = submit(peer, demo, levels(3, 3, 3, std::string(kFeedbackCommentMax + 1, 'x')));
    EXPECT_EQ(longer.status, FeedbackWriteStatus::Invalid);
    EXPECT_EQ(longer.problem, "the comment is 501 bytes long: at most 500");
    EXPECT_EQ(submit(peer, demo, levels(3, 3, 3, "caf\xc3")).problem,
              "the comment is not valid UTF-8");
    EXPECT_TRUE(store.feedback(sampleEvent().id).empty());
    // The limit itself, and spaces around it (trimmed before measuring), are fine.
    EXPECT_EQ(
        status(peer, demo, levels(1, 5, 1, " " + std::string(kFeedbackCommentMax, 'x') + " ")),
        FeedbackWriteStatus::Saved);
    EXPECT_EQ(feedbackOf(store, peer, demo)->text.size(), kFeedbackCommentMax);
}

TEST(PeerFeedbackKeys, EveryStatusHasItsKey) {
    const std::vector<std::pair<FeedbackWriteStatus, std::string>> keys{
        {FeedbackWriteStatus::Saved, "saved"},
        {FeedbackWriteStatus::Replaced, "replaced"},
        {FeedbackWriteStatus::JudgingClosed, "judging-closed"},
        {FeedbackWriteStatus::NotAnAttendee, "not-an-attendee"},
        {FeedbackWriteStatus::OwnTeam, "own-team"},
        {FeedbackWriteStatus::UnknownDemo, "unknown-demo"},
        {FeedbackWriteStatus::Invalid, "invalid"}};
    for (const auto& [status, key] : keys) EXPECT_EQ(feedbackWriteStatusKey(status), key);
}

Feedback rated(const std::string& showcaseId, std::vector<int> answers,
               std::optional<int> rating = std::nullopt) {
    Feedback f;
    f.id = Uuid::v7().str();
    f.showcaseId = showcaseId;
    f.answers = std::move(answers);
    f.rating = rating;
    return f;
}

TEST(PeerFeedbackSummaries, ADemoWithFewerThanThreeRatingsShowsNoMeans) {
    const std::vector<Feedback> feedback{
        rated("b-demo", {4, 5, 3}, 4), rated("b-demo", {2, 3, 4}, 3),  // two: suppressed
        rated("a-demo", {5, 5, 5}, 5), rated("a-demo", {4, 4, 5}, 4),
        rated("a-demo", {3, 4, 4}, 4)};  // three: shown
    auto s = feedbackSummaries(feedback);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].showcaseId, "a-demo") << "sorted by showcase id";
    EXPECT_EQ(s[0].count, 3);
    EXPECT_FALSE(s[0].suppressed);
    EXPECT_DOUBLE_EQ(s[0].means[0], 4);
    EXPECT_DOUBLE_EQ(s[0].means[1], 13.0 / 3);
    EXPECT_DOUBLE_EQ(s[0].means[2], 14.0 / 3);
    EXPECT_DOUBLE_EQ(s[0].overall, 39.0 / 9);
    EXPECT_EQ(s[1].showcaseId, "b-demo");
    EXPECT_EQ(s[1].count, 2);
    EXPECT_TRUE(s[1].suppressed);
    for (double mean : s[1].means) EXPECT_EQ(mean, 0);
    EXPECT_EQ(s[1].overall, 0);
    // The threshold is the caller's.
    auto two = feedbackSummaries(feedback, 2);
    EXPECT_FALSE(two[1].suppressed);
    EXPECT_DOUBLE_EQ(two[1].overall, 3.5);
}

TEST(PeerFeedbackSummaries, OlderRatingsCountOverallOnlyAndCommentsAloneNotAtAll) {
    const std::vector<Feedback> feedback{rated("demo", {5, 5, 5}, 5), rated("demo", {}, 2),
                                         rated("demo", {}, 3), rated("demo", {}),
                                         rated("silent", {})};
    auto s = feedbackSummaries(feedback);
    ASSERT_EQ(s.size(), 1u) << "a demo with comments alone is not listed";
    EXPECT_EQ(s[0].count, 3);
    EXPECT_FALSE(s[0].suppressed);
    EXPECT_DOUBLE_EQ(s[0].means[0], 5) << "the questions' means come from answers alone";
    EXPECT_DOUBLE_EQ(s[0].overall, 10.0 / 3);
    EXPECT_TRUE(feedbackSummaries({}).empty());
}

}  // namespace
}  // namespace oh
