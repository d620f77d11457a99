// The door's sync cases on both central adapters: an undo after two kiosks
// checked the same person in (it must annul the person's check-in on every
// replica, and a later re-check-in must still count), and a device store
// copied to a second laptop (the central must notice and refuse the copy).
#include <filesystem>

#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

class DoorSync : public SeededCentral {
  protected:
    // Live check-ins (not annulled, not repeats) of the event in a digest.
    static int liveCheckIns(const std::vector<std::string>& digest) {
        int live = 0;
        for (const auto& line : digest)
            if (line.rfind("checkin ", 0) == 0 && line.find(" - 0") != std::string::npos) ++live;
        return live;
    }
};

TEST_P(DoorSync, AnUndoAfterSyncAnnulsThePersonsCheckInOnEveryReplica) {
    auto k1 = device("kiosk-1"), k2 = device("kiosk-2");
    sync(*k1);
    sync(*k2);
    const std::string& ana = seed_.attendees.at(3);
    const auto now = nowMillis();
    ASSERT_TRUE(k1->recordCheckIn(seed_.event.id, ana, "qr", now - 2000).created);
    ASSERT_TRUE(k2->recordCheckIn(seed_.event.id, ana, "qr", now - 1000).created);  // offline
    for (Store* d : {k1.get(), k2.get(), k1.get()}) sync(*d);

    // kiosk-1 holds both: its own is the check-in, kiosk-2's a repeat. Undo it.
    auto active = k1->activeCheckIn(seed_.event.id, ana);
    ASSERT_TRUE(active);
    ASSERT_TRUE(k1->annulCheckIn(active->id, "staff-1", now));
    EXPECT_FALSE(k1->activeCheckIn(seed_.event.id, ana)) << "kiosk-2's repeat took its place";
    for (Store* d : {k1.get(), k2.get(), k1.get()}) sync(*d);

    for (Store* d : {k1.get(), k2.get()}) {
        EXPECT_FALSE(d->activeCheckIn(seed_.event.id, ana)) << d->meta("device_name").value();
        EXPECT_EQ(d->countCheckIns(seed_.event.id), 0);
    }
    auto digest = sorted(k1->digest(seed_.event.id));
    EXPECT_EQ(liveCheckIns(digest), 0);
    EXPECT_EQ(digest, sorted(k2->digest(seed_.event.id)));
    EXPECT_EQ(digest, sorted(central_->digest(seed_.event.id)));

    // She comes back later and is checked in again on kiosk-2: that one counts.
    auto again = k2->recordCheckIn(seed_.event.id, ana, "qr", nowMillis() + 1000);
    EXPECT_TRUE(again.created);
    for (Store* d : {k2.get(), k1.get()}) sync(*d);
    for (Store* d : {k1.get(), k2.get()}) {
        auto live = d->activeCheckIn(seed_.event.id, ana);
        ASSERT_TRUE(live) << d->meta("device_name").value();
        EXPECT_EQ(live->id, again.checkin.id);
    }
    digest = sorted(k1->digest(seed_.event.id));
    EXPECT_EQ(liveCheckIns(digest), 1);
    EXPECT_EQ(digest, sorted(central_->digest(seed_.event.id)));
}

TEST_P(DoorSync, AnUndoLeavesACheckInTheUndoingKioskNeverSaw) {
    // kiosk-2 checked Ana in while offline; kiosk-1, not knowing it, checked
    // her in and undid its own. kiosk-2's scan is real: it still counts.
    auto k1 = device("kiosk-1"), k2 = device("kiosk-2");
    sync(*k1);
    sync(*k2);
    const std::string& ana = seed_.attendees.at(5);
    const auto now = nowMillis();
    auto theirs = k2->recordCheckIn(seed_.event.id, ana, "qr", now - 3000);
    ASSERT_TRUE(theirs.created);
    auto mine = k1->recordCheckIn(seed_.event.id, ana, "qr", now - 2000);
    ASSERT_TRUE(k1->annulCheckIn(mine.checkin.id, "staff-1", now));
    for (Store* d : {k1.get(), k2.get(), k1.get()}) sync(*d);
    for (Store* d : {k1.get(), k2.get()}) {
        auto live = d->activeCheckIn(seed_.event.id, ana);
        ASSERT_TRUE(live) << d->meta("device_name").value();
        EXPECT_EQ(live->id, theirs.checkin.id);
    }
    auto digest = sorted(k1->digest(seed_.event.id));
    EXPECT_EQ(liveCheckIns(digest), 1);
    EXPECT_EQ(digest, sorted(k2->digest(seed_.event.id)));
    EXPECT_EQ(digest, sorted(central_->digest(seed_.event.id)));
}

TEST_P(DoorSync, ACopiedDeviceStoreIsRefusedWithAReasonThatSaysHowToEnrol) {
    auto original = device("kiosk-1");
    sync(*original);
    ASSERT_TRUE(original->recordCheckIn(seed_.event.id, seed_.attendees.at(1), "qr", 1000).created);
    sync(*original);
    original.reset();  // the laptop is off; its store is copied to a second one
    std::filesystem::copy_file(dir_.file("kiosk-1.db"), dir_.file("kiosk-1-copy.db"));
    original = std::make_unique<Store>(Store::open(dir_.file("kiosk-1.db")));
    auto copy = std::make_unique<Store>(Store::open(dir_.file("kiosk-1-copy.db")));
    ASSERT_EQ(copy->deviceId(), original->deviceId());

    ASSERT_TRUE(original->recordCheckIn(seed_.event.id, seed_.attendees.at(2), "qr", 2000).created);
    ASSERT_TRUE(copy->recordCheckIn(seed_.event.id, seed_.attendees.at(4), "qr", 2000).created);
    EXPECT_EQ(sync(*original).refused, 0);
    std::vector<std::string> log;
    auto report = sync(*copy, &log);
    EXPECT_EQ(report.refused, 1);
    EXPECT_EQ(report.pushed, 0);
    EXPECT_EQ(copy->outboxBacklog(), 1) << "the copy's check-in waits in its outbox";
    std::string joined;
    for (const auto& line : log) joined += line + "\n";
    EXPECT_NE(joined.find("copy of device"), std::string::npos) << joined;
    EXPECT_NE(joined.find("openhouse enrol"), std::string::npos) << joined;
    auto status = SyncEngine::status(*copy);
    EXPECT_NE(status.lastError.find("copy of device"), std::string::npos) << status.lastError;

    // The original goes on syncing; the central holds only its check-ins.
    ASSERT_TRUE(original->recordCheckIn(seed_.event.id, seed_.attendees.at(6), "qr", 3000).created);
    EXPECT_EQ(sync(*original).refused, 0);
    EXPECT_EQ(sync(*copy).refused, 1) << "refused again at every round";
    EXPECT_EQ(countPrefix(central_->digest(seed_.event.id), "checkin "), 3);
}

TEST_P(DoorSync, ADeviceRetryingARefusedEntryIsNotTakenForACopy) {
    // A refused entry stays in the outbox and is sent again behind newer
    // ones: an older sequence number with a new key, but not a copy.
    auto k1 = device("kiosk-1");
    sync(*k1);
    Score far;
    far.eventId = seed_.event.id;
    far.judgeId = seed_.judges.at(0);
    far.showcaseId = seed_.showcases.at(0);
    far.total = 3;
    k1->clock().setPhysical([] { return nowMillis() + 3'600'000; });
    k1->recordScore(far);
    k1->clock().setPhysical([] { return nowMillis(); });
    ASSERT_TRUE(k1->recordCheckIn(seed_.event.id, seed_.attendees.at(1), "qr", 1000).created);
    auto first = sync(*k1);
    EXPECT_EQ(first.refused, 1);
    EXPECT_EQ(first.pushed, 1);
    ASSERT_TRUE(k1->recordCheckIn(seed_.event.id, seed_.attendees.at(2), "qr", 2000).created);
    auto second = sync(*k1);
    EXPECT_EQ(second.refused, 1);
    EXPECT_EQ(second.pushed, 1);
    EXPECT_EQ(SyncEngine::status(*k1).lastError.find("copy of device"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Central, DoorSync, testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);

}  // namespace
