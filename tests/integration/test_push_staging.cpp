// The PostgreSQL push as a set (oh_push): the feed row is the idempotency
// record, so a key sent twice in one batch applies once; two devices pushing
// the same people at the same moment still leave one check-in per person and
// the others as its repeats (step 4 serialised the sets with advisory locks;
// since step 6 the sets are read from the feed, so there is nothing to settle).
#include <barrier>
#include <thread>

#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

class PushBatch : public testing::Test {
  protected:
    void SetUp() override {
        OH_REQUIRE_PG();
        pg_ = std::make_unique<ScratchPg>();
        central_ = openCentralRecord(pg_->url());
    }

    TempDir dir_;
    std::unique_ptr<ScratchPg> pg_;
    std::unique_ptr<CentralRecord> central_;
};

TEST_F(PushBatch, AKeyTwiceInOneBatchIsAppliedOnceAndTheCopyReportedAsDuplicate) {
    Seed seed = seedCentral(*central_, dir_.file("admin.db"), 10);
    auto kiosk = openDevice(dir_.file("kiosk.db"), seed, "kiosk");
    SyncEngine(*kiosk, *central_, {}, [](const std::string&) {}).syncOnce();  // registers
    for (int i = 0; i < 3; ++i)
        kiosk->recordCheckIn(seed.event.id, seed.attendees[static_cast<std::size_t>(i)], "qr", i);
    auto entries = kiosk->pendingOutbox(10);
    ASSERT_EQ(entries.size(), 3U);

    std::vector<OutboxEntry> batch{entries[0], entries[1], entries[0], entries[2], entries[1]};
    PushResult first = central_->push(kiosk->deviceId(), batch);
    std::vector<PushStatus> expected{PushStatus::Applied, PushStatus::Applied,
                                     PushStatus::Duplicate, PushStatus::Applied,
                                     PushStatus::Duplicate};
    EXPECT_EQ(first.status, expected);
    EXPECT_EQ(first.applied, 3);
    EXPECT_EQ(first.duplicates, 2);

    const std::string& url = pg_->url();
    EXPECT_EQ(scalar(url,
                     "SELECT count(*) FROM change_log WHERE device_id = $1::uuid "
                     "AND kind <> 'device.register'",
                     {kiosk->deviceId()}),
              3);
    EXPECT_EQ(scalar(url, "SELECT count(*) FROM applied_keys WHERE device_id = $1::uuid",
                     {kiosk->deviceId()}),
              3);
    EXPECT_EQ(scalar(url, "SELECT count(*) FROM checkins WHERE device_id = $1::uuid",
                     {kiosk->deviceId()}),
              3);

    // The retry of the whole batch: every entry a duplicate, nothing added.
    PushResult again = central_->push(kiosk->deviceId(), batch);
    EXPECT_EQ(again.duplicates, 5);
    EXPECT_EQ(again.applied, 0);
    EXPECT_EQ(scalar(url,
                     "SELECT count(*) FROM change_log WHERE device_id = $1::uuid "
                     "AND kind <> 'device.register'",
                     {kiosk->deviceId()}),
              3);
}

TEST_F(PushBatch, TwoDevicesPushingTheSamePeopleAtOnceLeaveOneCheckInEachAndRepeats) {
    constexpr int kPeople = 300;
    Seed seed = seedCentral(*central_, dir_.file("admin.db"), kPeople);
    auto a = openDevice(dir_.file("a.db"), seed, "a");
    auto b = openDevice(dir_.file("b.db"), seed, "b");
    for (auto* d : {a.get(), b.get()})
        SyncEngine(*d, *central_, {}, [](const std::string&) {}).syncOnce();
    {
        // Both check in everyone, offline; B's clock is a little earlier for
        // the odd people, so the first check-in is split between the devices.
        sql::Transaction ta(a->db());
        for (int i = 0; i < kPeople; ++i)
            a->recordCheckIn(seed.event.id, seed.attendees[static_cast<std::size_t>(i)], "qr",
                             1000 + i);
        ta.commit();
        sql::Transaction tb(b->db());
        for (int i = 0; i < kPeople; ++i)
            b->recordCheckIn(seed.event.id, seed.attendees[static_cast<std::size_t>(i)], "qr",
                             1000 + i + (i % 2 ? -1 : 1));
        tb.commit();
    }

    // Small batches from two connections at the same moment: many pushes
    // touch the same people's sets concurrently.
    std::barrier start(2);
    auto pushAll = [&](Store* device) {
        auto central = openCentralRecord(pg_->url());
        SyncOptions options;
        options.pushBatch = 25;
        SyncEngine engine(*device, *central, options, [](const std::string&) {});
        start.arrive_and_wait();
        engine.syncOnce();
    };
    std::thread ta(pushAll, a.get());
    std::thread tb(pushAll, b.get());
    ta.join();
    tb.join();

    const std::string& url = pg_->url();
    EXPECT_EQ(scalar(url, "SELECT count(*) FROM checkins"), 2 * kPeople);
    EXPECT_EQ(scalar(url, "SELECT count(*) FROM checkins WHERE repeat_of IS NULL"), kPeople);
    // The one without repeat_of is the earliest (at, id) of its set, and every
    // repeat points at it.
    EXPECT_EQ(scalar(url,
                     "SELECT count(*) FROM checkins c WHERE c.repeat_of IS NULL AND EXISTS "
                     "(SELECT 1 FROM checkins d WHERE d.event_id = c.event_id AND "
                     "d.attendee_id = c.attendee_id AND (d.at, d.id) < (c.at, c.id))"),
              0);
    EXPECT_EQ(scalar(url,
                     "SELECT count(*) FROM checkins c JOIN checkins h ON h.id = c.repeat_of "
                     "WHERE h.repeat_of IS NULL AND h.attendee_id = c.attendee_id"),
              kPeople);
    EXPECT_EQ(a->outboxBacklog(), 0);
    EXPECT_EQ(b->outboxBacklog(), 0);

    // After a pull each way, both devices agree with the central.
    for (auto* d : {a.get(), b.get()})
        SyncEngine(*d, *central_, {}, [](const std::string&) {}).syncOnce();
    EXPECT_EQ(sorted(a->digest(seed.event.id)), sorted(central_->digest(seed.event.id)));
    EXPECT_EQ(sorted(b->digest(seed.event.id)), sorted(central_->digest(seed.event.id)));
}

}  // namespace
