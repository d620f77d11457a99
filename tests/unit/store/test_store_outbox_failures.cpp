// Every local write that reaches the central record shares one transaction with its outbox
// entry: when the outbox write fails, the write throws and leaves neither the record nor an
// outbox entry. One test per write path (a TEMP trigger makes the outbox insert fail).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/model/ids.hpp"
#include "core/store/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

struct StoreOutboxFails : ::testing::Test {
    Store store = Store::openInMemory();
    Event event = sampleEvent();
    Attendee ana = sampleAttendee("ana@example.org", "Ana Lima");
    Showcase showcase{Uuid::v7().str(), event.id, "", "Ticket triage", "", "", "", "T1", 0, 0, {}};

    void SetUp() override {
        store.saveEvent(event);
        store.upsertAttendee(ana);
        store.upsertShowcase(showcase);
    }

    void breakOutbox() {
        store.db().exec(
            "CREATE TEMP TRIGGER outbox_fails BEFORE INSERT ON outbox "
            "BEGIN SELECT RAISE(ABORT, 'outbox write failed'); END");
    }
    void repairOutbox() { store.db().exec("DROP TRIGGER outbox_fails"); }

    std::int64_t count(const std::string& sqlText) {
        auto s = store.db().prepare(sqlText.c_str());
        s.step();
        return s.int64(0);
    }
    std::int64_t outboxRows() { return count("SELECT count(*) FROM outbox"); }
};

}  // namespace

TEST_F(StoreOutboxFails, ACheckInIsNotRecordedWithoutItsOutboxEntry) {
    const auto before = outboxRows();
    breakOutbox();
    EXPECT_ANY_THROW(store.recordCheckIn(event.id, ana.id, "qr", 1000));
    repairOutbox();
    EXPECT_FALSE(store.activeCheckIn(event.id, ana.id));
    EXPECT_EQ(count("SELECT count(*) FROM checkins"), 0);
    EXPECT_EQ(outboxRows(), before);
}

TEST_F(StoreOutboxFails, AnUndoIsNotRecordedWithoutItsOutboxEntry) {
    auto first = store.recordCheckIn(event.id, ana.id, "qr", 1000);
    const auto before = outboxRows();
    breakOutbox();
    EXPECT_ANY_THROW(store.annulCheckIn(first.checkin.id, "staff-1", 2000));
    repairOutbox();
    EXPECT_TRUE(store.activeCheckIn(event.id, ana.id));
    EXPECT_EQ(count("SELECT count(*) FROM checkin_annulments"), 0);
    EXPECT_EQ(outboxRows(), before);
    // Undo still works once the outbox can be written.
    EXPECT_TRUE(store.annulCheckIn(first.checkin.id, "staff-1", 3000));
    EXPECT_EQ(outboxRows(), before + 1);
}

TEST_F(StoreOutboxFails, AScoreIsNotRecordedWithoutItsOutboxEntry) {
    const auto before = outboxRows();
    Score s;
    s.eventId = event.id;
    s.judgeId = ana.id;
    s.showcaseId = showcase.id;
    s.total = 4.5;
    breakOutbox();
    EXPECT_ANY_THROW(store.recordScore(s));
    repairOutbox();
    EXPECT_FALSE(store.score(ana.id, showcase.id));
    EXPECT_EQ(outboxRows(), before);
}

TEST_F(StoreOutboxFails, FeedbackAndItsDeletionAreNotRecordedWithoutTheirOutboxEntries) {
    Feedback f{"", event.id, ana.id, showcase.id, 5, "Clear demo", 0, "", {}};
    const auto before = outboxRows();
    breakOutbox();
    EXPECT_ANY_THROW(store.addFeedback(f));
    repairOutbox();
    EXPECT_TRUE(store.feedback(event.id).empty());
    EXPECT_EQ(outboxRows(), before);

    Feedback kept{"", event.id, ana.id, showcase.id, 5, "Clear demo", 0, "", {}};
    ASSERT_EQ(store.addFeedback(kept), FeedbackAdded::First);
    breakOutbox();
    EXPECT_ANY_THROW(store.deleteFeedback(kept.id));
    repairOutbox();
    EXPECT_EQ(store.feedback(event.id).size(), 1u);
    EXPECT_EQ(count("SELECT count(*) FROM tombstones"), 0);
    EXPECT_EQ(outboxRows(), before + 1);
}

TEST_F(StoreOutboxFails, AFeedbackIsNotReplacedWithoutTheReplacementsOutboxEntry) {
    Feedback first{"", event.id, ana.id, showcase.id, 5, "Clear demo", 0, "", {}};
    ASSERT_EQ(store.addFeedback(first), FeedbackAdded::First);
    const auto before = outboxRows();
    Feedback second{"", event.id, ana.id, showcase.id, 2, "On second thought", 0, "", {}};
    breakOutbox();
    EXPECT_ANY_THROW(store.addFeedback(second));
    repairOutbox();
    auto kept = store.feedbackBy(ana.id, showcase.id);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->id, first.id);
    EXPECT_EQ(kept->rating, 5);
    EXPECT_EQ(outboxRows(), before);
}

TEST_F(StoreOutboxFails, AShowcaseEditIsNotRecordedWithoutItsOutboxEntry) {
    const auto before = outboxRows();
    Showcase edited = showcase;
    edited.title = "Ticket triage, v2";
    breakOutbox();
    EXPECT_ANY_THROW(store.upsertShowcase(edited));
    repairOutbox();
    EXPECT_EQ(store.showcase(showcase.id)->title, "Ticket triage");
    EXPECT_EQ(outboxRows(), before);
}

TEST_F(StoreOutboxFails, APersonIsNotRegisteredWithoutTheirOutboxEntry) {
    const auto before = outboxRows();
    Attendee guest = sampleAttendee("guest@example.org", "Gil Guest", Role::Guest);
    breakOutbox();
    EXPECT_ANY_THROW(store.upsertAttendee(guest));
    repairOutbox();
    EXPECT_FALSE(store.attendeeByEmail(event.id, "guest@example.org"));
    EXPECT_EQ(outboxRows(), before);
}

TEST_F(StoreOutboxFails, ADeviceRevocationIsNotRecordedWithoutItsOutboxEntry) {
    const std::string device = Uuid::v7().str();
    store.applyRemote(
        "device.register",
        nlohmann::json{
            {"id", device}, {"event_id", event.id}, {"name", "Kiosk B"}, {"registered_at", 1}}
            .dump(),
        device);
    const auto before = outboxRows();
    breakOutbox();
    EXPECT_ANY_THROW(store.revokeDevice(device, 5000));
    repairOutbox();
    EXPECT_FALSE(store.deviceRevokedAt(device));
    EXPECT_EQ(outboxRows(), before);
}
