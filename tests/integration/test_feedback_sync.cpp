// Peer feedback across devices, on both central adapters: a person's second feedback on a
// demo, given on another kiosk, replaces the first on every replica and the central, with
// its answers, whichever kiosk syncs first; a feedback from a device of before the three
// questions (no answers) still applies. The centrals' refusals of late or malformed
// feedback from a device: test_device_role_attacks.cpp.
#include <nlohmann/json.hpp>

#include "core/judging/feedback.hpp"
#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;
using nlohmann::json;

namespace {

class FeedbackSync : public SeededCentral {
  protected:
    FeedbackWrite give(Store& kiosk, const std::string& author, const std::string& demo,
                       const FeedbackAnswers& answers, std::int64_t at) {
        return submitFeedback(kiosk, seed_.event.id, author, demo, answers, at);
    }
};

TEST_P(FeedbackSync, ASecondFeedbackOnAnotherKioskReplacesTheFirstEverywhere) {
    for (bool newerSyncsFirst : {false, true}) {
        SCOPED_TRACE(newerSyncsFirst ? "the newer kiosk syncs first" : "the older syncs first");
        const std::string tag = newerSyncsFirst ? "-b" : "-a";
        auto k1 = device("kiosk-1" + tag), k2 = device("kiosk-2" + tag);
        sync(*k1);
        sync(*k2);
        // A guest (odd index) rates a demo twice, once on each kiosk, a minute apart.
        const std::string author = seed_.attendees[newerSyncsFirst ? 3 : 5];
        const std::string demo = seed_.showcases[1];
        const std::int64_t now = nowMillis();
        ASSERT_EQ(give(*k1, author, demo, {{2, 2, 3}, "Hard to follow"}, now - 60'000).status,
                  FeedbackWriteStatus::Saved);
        auto second = give(*k2, author, demo, {{5, 4, 4}, "Clear on a second look"}, now);
        ASSERT_EQ(second.status, FeedbackWriteStatus::Saved);
        Store& first = newerSyncsFirst ? *k2 : *k1;
        Store& then = newerSyncsFirst ? *k1 : *k2;
        for (int round = 0; round < 2; ++round) {
            sync(first);
            sync(then);
        }
        for (Store* kiosk : {k1.get(), k2.get()}) {
            auto kept = feedbackOf(*kiosk, author, demo);
            ASSERT_TRUE(kept);
            EXPECT_EQ(kept->id, second.feedback->id);
            EXPECT_EQ(kept->answers, (std::vector<int>{5, 4, 4}));
            EXPECT_EQ(kept->rating, 4);
            EXPECT_EQ(kept->text, "Clear on a second look");
        }
        auto expected = sorted(central_->digest(seed_.event.id));
        EXPECT_EQ(sorted(k1->digest(seed_.event.id)), expected);
        EXPECT_EQ(sorted(k2->digest(seed_.event.id)), expected);
        EXPECT_NE(std::find(expected.begin(), expected.end(),
                            "feedback " + second.feedback->id + " " + author + " " + demo + " 4 " +
                                std::to_string(second.feedback->createdAt) + " 5,4,4"),
                  expected.end())
            << "the central keeps the newer feedback with its answers";
    }
}

TEST_P(FeedbackSync, AFeedbackFromADeviceOfBeforeTheQuestionsStillApplies) {
    auto old = device("old-kiosk"), fresh = device("fresh-kiosk");
    sync(*old);
    sync(*fresh);
    // What a device of before step 10 pushes: no "answers" at all.
    const std::string id = Uuid::v7().str();
    OutboxEntry e;
    e.idemKey = Uuid::v7().str();
    e.kind = "feedback.create";
    e.payload = json{{"id", id},
                     {"event_id", seed_.event.id},
                     {"author_id", seed_.attendees[1]},
                     {"showcase_id", seed_.showcases[2]},
                     {"rating", 4},
                     {"text", "Nice"},
                     {"created_at", nowMillis()},
                     {"device_id", old->deviceId()}}
                    .dump();
    PushResult r = central_->push(old->deviceId(), {e});
    ASSERT_EQ(r.applied, 1) << r.refusedReason;
    sync(*fresh);
    auto got = feedbackOf(*fresh, seed_.attendees[1], seed_.showcases[2]);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, id);
    EXPECT_EQ(got->rating, 4);
    EXPECT_TRUE(got->answers.empty());
    EXPECT_TRUE(SyncEngine::status(*fresh).quarantine.empty());
    EXPECT_EQ(sorted(fresh->digest(seed_.event.id)), sorted(central_->digest(seed_.event.id)));
}

INSTANTIATE_TEST_SUITE_P(Central, FeedbackSync, testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);

}  // namespace
