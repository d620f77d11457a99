// Feedback mode at the kiosk, driven headless through the real main loop at 1280x800 and
// 1920x1080, with the store checked afterwards: a peer rates a demo with three questions and
// a comment, a second feedback replaces the first, a feedback on one's own team is refused,
// feedback after the lead closed judging is refused, and an idle screen returns to the start.
#include "core/judging/feedback.hpp"
#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

std::string rate(const std::string& token, const std::string& demo, int q1, int q2, int q3,
                 const std::string& comment = "") {
    std::string s = "wait-screen feedback\nscan \"" + token +
                    "\"\nwait-screen feedback-pick\nwait-text \"" + demo + "\"\ntap-text \"" +
                    demo + "\"\nwait-screen feedback-form\nwait-text \"Send feedback\"\n";
    s += "tap-text q1-" + std::to_string(q1) + "\ntap-text q2-" + std::to_string(q2) +
         "\ntap-text q3-" + std::to_string(q3) + "\n";
    if (!comment.empty())
        s += "tap-text field:comment\ntype \"" + comment + "\"\nwait-text \"" + comment + "\"\n";
    return s + "tap-text \"Send feedback\"\n";
}

class FeedbackMode : public ::testing::TestWithParam<Size> {
  protected:
    DemoStore store{tempDir("store")};
    JudgingFloor floor = addJudgingFloor(store);
    std::filesystem::path shots = tempDir("shots");
    KioskOptions options() const {
        KioskOptions o = storeOptions(GetParam(), store);
        o.mode = "feedback";
        return o;
    }
    std::string size() const {
        return std::to_string(GetParam().width) + "x" + std::to_string(GetParam().height);
    }
    std::vector<Feedback> feedbackOn(const std::string& title) {
        Store s = Store::open(store.path);
        std::vector<Feedback> out;
        for (auto& f : s.feedback(store.event.id))
            if (f.showcaseId == floor.demos.at(title)) out.push_back(std::move(f));
        return out;
    }
};

TEST_P(FeedbackMode, APeerRatesADemoAndASecondFeedbackReplacesTheFirst) {
    {
        Kiosk kiosk(options());
        auto r = runScenario(
            kiosk,
            "screenshot feedback-start-" + size() + "\nscan \"" + store.tokens.at("layla") +
                "\"\nwait-screen feedback-pick\nwait-text \"Warehouse map\"\nscreenshot "
                "feedback-pick-" +
                size() + "\ntap-text \"Cancel\"\n" +
                rate(store.tokens.at("layla"), "Warehouse map", 4, 5, 3, "Great map") +
                "wait-screen feedback\nwait-text \"Your feedback was saved\"\n" + "scan \"" +
                store.tokens.at("layla") +
                "\"\nwait-screen feedback-pick\nwait-text \"You rated it\"\ntap-text \"Warehouse "
                "map\"\n"
                "wait-screen feedback-form\nwait-text \"You rated this demo before\"\n"
                "tap-text q1-2\ntap-text q2-2\ntap-text q3-2\nscreenshot feedback-form-" +
                size() +
                "\ntap-text \"Send feedback\"\nwait-screen feedback\n"
                "wait-text \"Your feedback was saved\"\n",
            shots);
        ASSERT_FALSE(r.failed) << r.failure;
    }
    auto given = feedbackOn("Warehouse map");
    ASSERT_EQ(given.size(), 1u) << "a second feedback must replace the first";
    EXPECT_EQ(given[0].authorId, store.ids.at("layla"));
    EXPECT_EQ(given[0].answers, (std::vector<int>{2, 2, 2}));
    EXPECT_EQ(given[0].rating, 2);
}

TEST_P(FeedbackMode, TheCommentIsKeptWithTheThreeAnswers) {
    {
        Kiosk kiosk(options());
        auto r = runScenario(kiosk,
                             rate(store.tokens.at("layla"), "Warehouse map", 4, 5, 3, "Great map") +
                                 "wait-screen feedback\n",
                             shots);
        ASSERT_FALSE(r.failed) << r.failure;
    }
    auto given = feedbackOn("Warehouse map");
    ASSERT_EQ(given.size(), 1u);
    EXPECT_EQ(given[0].answers, (std::vector<int>{4, 5, 3}));
    EXPECT_EQ(given[0].text, "Great map");
    EXPECT_EQ(given[0].rating, 4) << "the mean 4.0";
}

TEST_P(FeedbackMode, AFeedbackOnOnesOwnTeamIsRefusedAndNothingIsStored) {
    Kiosk kiosk(options());
    // Omar is on Team Aurora, as Ana who presents Support triage.
    auto r = runScenario(kiosk,
                         rate(store.tokens.at("omar"), "Support triage", 5, 5, 5) +
                             "wait-text \"You cannot rate a demo of your own team.\"\n"
                             "expect-screen feedback-form\nscreenshot feedback-own-team-" +
                             size() + "\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_TRUE(feedbackOn("Support triage").empty());
}

TEST_P(FeedbackMode, FeedbackAfterTheLeadClosedJudgingIsRefused) {
    {
        Store s = Store::open(store.path);
        Event e = *s.event(store.event.id);
        e.judgingClosedAt = nowMillis() - 1000;
        s.saveEvent(e);
    }
    Kiosk kiosk(options());
    auto r = runScenario(kiosk,
                         rate(store.tokens.at("layla"), "Warehouse map", 3, 3, 3) +
                             "wait-text \"Feedback is closed\"\nexpect-screen feedback-form\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_TRUE(feedbackOn("Warehouse map").empty());
}

TEST_P(FeedbackMode, AnUnfinishedFeedbackReturnsToTheStartWhenLeftAlone) {
    KioskOptions o = options();
    o.judging.feedbackIdleSeconds = 1;
    Kiosk kiosk(o);
    auto r = runScenario(kiosk,
                         "scan \"" + store.tokens.at("layla") +
                             "\"\nwait-screen feedback-pick\ntap-text \"Warehouse map\"\n"
                             "wait-screen feedback-form\ntap-text q1-4\nwait-screen feedback\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(r.hits.find("Layla")) << "the person's name stayed on screen";
    EXPECT_TRUE(feedbackOn("Warehouse map").empty());
}

INSTANTIATE_TEST_SUITE_P(Sizes, FeedbackMode, ::testing::Values(Size{1280, 800}, Size{1920, 1080}),
                         sizeName);

}  // namespace
}  // namespace oh::kiosk::testing
