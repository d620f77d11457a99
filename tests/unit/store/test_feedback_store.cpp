// The store's peer feedback: one per author per demo, a second one replaces the first (a new
// id, the old row gone, stamped after it), the three questions' answers kept, synced and read
// back, pulled records from before the answers still applied, and a store from before them
// (step 9) migrated with its feedback.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/model/ids.hpp"
#include "core/store/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
using nlohmann::json;

namespace {

struct FeedbackStore : ::testing::Test {
    Store store = Store::openInMemory();
    Event event = sampleEvent();
    Attendee ana = sampleAttendee("ana@example.org", "Ana Lima");
    Showcase demo{Uuid::v7().str(), event.id, "", "Ticket triage", "", "", "", "T1", 0, 0, {}};

    void SetUp() override {
        store.saveEvent(event);
        store.upsertAttendee(ana);
        store.upsertShowcase(demo);
    }

    Feedback byAna(int rating, std::int64_t at, std::vector<int> answers = {}) {
        Feedback f{"", event.id, ana.id, demo.id, rating, "", at, "", std::move(answers)};
        return f;
    }

    json lastOutboxPayload() {
        auto pending = store.pendingOutbox(1000);
        return pending.empty() ? json() : json::parse(pending.back().payload);
    }

    std::int64_t rows() {
        auto s = store.db().prepare("SELECT count(*) FROM feedback");
        s.step();
        return s.int64(0);
    }
};

json pulled(const std::string& id, std::int64_t at, int rating) {
    return {{"id", id},         {"event_id", sampleEvent().id},
            {"author_id", "a"}, {"showcase_id", "s"},
            {"rating", rating}, {"text", ""},
            {"created_at", at}, {"device_id", "device-b"}};
}

}  // namespace

TEST_F(FeedbackStore, ASecondFeedbackReplacesTheFirstUnderANewIdWithItsAnswers) {
    Feedback first = byAna(3, 1000, {3, 3, 3});
    ASSERT_EQ(store.addFeedback(first), FeedbackAdded::First);
    Feedback second = byAna(5, 2000, {5, 4, 5});
    second.text = "Better on a second look";
    ASSERT_EQ(store.addFeedback(second), FeedbackAdded::Replaced);

    EXPECT_NE(second.id, first.id);
    EXPECT_EQ(rows(), 1) << "the first row is gone, not hidden";
    auto kept = store.feedbackBy(ana.id, demo.id);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->id, second.id);
    EXPECT_EQ(kept->rating, 5);
    EXPECT_EQ(kept->answers, (std::vector<int>{5, 4, 5}));
    EXPECT_EQ(kept->text, "Better on a second look");
    ASSERT_EQ(store.feedback(event.id).size(), 1u);
    EXPECT_EQ(store.feedback(event.id)[0].answers, (std::vector<int>{5, 4, 5}));

    json payload = lastOutboxPayload();
    EXPECT_EQ(payload["id"], second.id);
    EXPECT_EQ(payload["answers"], json({5, 4, 5}));
    EXPECT_EQ(payload["rating"], 5);
}

TEST_F(FeedbackStore, AReplacementIsStampedAfterWhatItReplaces) {
    Feedback first = byAna(3, 5000);
    store.addFeedback(first);
    // A clock set back, or two taps in one millisecond: the replacement must still be the
    // newest, or another replica would keep the first.
    Feedback earlier = byAna(4, 4000);
    ASSERT_EQ(store.addFeedback(earlier), FeedbackAdded::Replaced);
    EXPECT_EQ(earlier.createdAt, 5001);
    Feedback same = byAna(2, 5001);
    ASSERT_EQ(store.addFeedback(same), FeedbackAdded::Replaced);
    EXPECT_EQ(same.createdAt, 5002);
    EXPECT_EQ(lastOutboxPayload()["created_at"], 5002);
    Feedback later = byAna(1, 9000);
    store.addFeedback(later);
    EXPECT_EQ(later.createdAt, 9000) << "a later stamp is kept as given";
}

TEST_F(FeedbackStore, FeedbackAfterAWithdrawnOneIsTheFirstAgainAndShown) {
    Feedback first = byAna(2, 1000);
    store.addFeedback(first);
    ASSERT_TRUE(store.deleteFeedback(first.id));
    EXPECT_FALSE(store.feedbackBy(ana.id, demo.id));
    Feedback again = byAna(4, 2000);
    EXPECT_EQ(store.addFeedback(again), FeedbackAdded::First);
    auto kept = store.feedbackBy(ana.id, demo.id);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->id, again.id);
    EXPECT_EQ(store.feedback(event.id).size(), 1u);
}

TEST_F(FeedbackStore, APulledFeedbackFromBeforeTheQuestionsAppliesWithoutAnswers) {
    const std::string id = Uuid::v7().str();
    json old = pulled(id, 1000, 4);
    old["author_id"] = ana.id;
    old["showcase_id"] = demo.id;
    ASSERT_EQ(store.applyRemote("feedback.create", old.dump(), "device-b"), ApplyResult::Applied);
    auto kept = store.feedbackBy(ana.id, demo.id);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->rating, 4);
    EXPECT_TRUE(kept->answers.empty());
    auto digest = store.digest(event.id);
    EXPECT_NE(std::find(digest.begin(), digest.end(),
                        "feedback " + id + " " + ana.id + " " + demo.id + " 4 1000 -"),
              digest.end());
}

TEST_F(FeedbackStore, APulledFeedbackKeepsItsAnswersAndTheDigestShowsThem) {
    const std::string id = Uuid::v7().str();
    json withAnswers = pulled(id, 1000, 4);
    withAnswers["author_id"] = ana.id;
    withAnswers["showcase_id"] = demo.id;
    withAnswers["answers"] = {4, 5, 3};
    store.applyRemote("feedback.create", withAnswers.dump(), "device-b");
    EXPECT_EQ(store.feedbackBy(ana.id, demo.id)->answers, (std::vector<int>{4, 5, 3}));
    auto digest = store.digest(event.id);
    EXPECT_NE(std::find(digest.begin(), digest.end(),
                        "feedback " + id + " " + ana.id + " " + demo.id + " 4 1000 4,5,3"),
              digest.end());
}

TEST_F(FeedbackStore, APulledOlderFeedbackLosesToTheOneHere) {
    Feedback mine = byAna(5, 3000);
    store.addFeedback(mine);
    json older = pulled(Uuid::v7().str(), 2000, 1);
    older["author_id"] = ana.id;
    older["showcase_id"] = demo.id;
    EXPECT_EQ(store.applyRemote("feedback.create", older.dump(), "device-b"), ApplyResult::Ignored);
    EXPECT_EQ(store.feedbackBy(ana.id, demo.id)->id, mine.id);
    json newer = pulled(Uuid::v7().str(), 3001, 2);
    newer["author_id"] = ana.id;
    newer["showcase_id"] = demo.id;
    EXPECT_EQ(store.applyRemote("feedback.create", newer.dump(), "device-b"), ApplyResult::Applied);
    EXPECT_EQ(store.feedbackBy(ana.id, demo.id)->id, newer["id"]);
    EXPECT_EQ(rows(), 1);
}

TEST(FeedbackStoreMigration, AStoreFromBeforeTheQuestionsKeepsItsFeedbackWithNoAnswers) {
    TempDir dir;
    auto path = dir.file("v9.db");
    const Event e = sampleEvent();
    {
        auto v9 = Store::openAtVersion(path, 9);
        v9.db().exec("INSERT INTO events (id, name, starts_at, ends_at, updated_at) VALUES ('" +
                     e.id + "', 'Demo Day', 1, 2, 1)");
        v9.db().exec(
            "INSERT INTO attendees (id, event_id, full_name, email, role, created_at, "
            "updated_at) VALUES ('a1', '" +
            e.id + "', 'Ana', 'ana@example.org', 'intern', 1, 1)");
        v9.db().exec("INSERT INTO showcases (id, event_id, title, updated_at) VALUES ('s1', '" +
                     e.id + "', 'Demo', 1)");
        v9.db().exec(
            "INSERT INTO feedback (id, event_id, author_id, showcase_id, rating, text, "
            "created_at, device_id) VALUES ('f1', '" +
            e.id + "', 'a1', 's1', 4, 'Nice', 1000, 'd')");
    }
    auto latest = Store::open(path);
    EXPECT_EQ(latest.schemaVersion(), Store::kSchemaVersion);
    auto old = latest.feedbackBy("a1", "s1");
    ASSERT_TRUE(old);
    EXPECT_EQ(old->rating, 4);
    EXPECT_EQ(old->text, "Nice");
    EXPECT_TRUE(old->answers.empty());
    Feedback replacement{"", e.id, "a1", "s1", 5, "", 2000, "", {5, 5, 4}};
    EXPECT_EQ(latest.addFeedback(replacement), FeedbackAdded::Replaced);
    EXPECT_EQ(latest.feedbackBy("a1", "s1")->answers, (std::vector<int>{5, 5, 4}));
}
