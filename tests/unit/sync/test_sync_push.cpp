// The device side of a push (SyncEngine::pushAll): batches go up one after
// another in outbox order while the device reads the next batch and marks the
// previous one; an entry is marked sent only after the central answered for
// its batch; refused entries stay pending without blocking the rest.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "core/central/central.hpp"
#include "core/store/store.hpp"
#include "core/sync/sync_engine.hpp"
#include "tests/unit/sync/quiet_central.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

// A central that records what it receives. While it "applies" a batch it
// looks at the device's outbox through a connection of its own and counts
// entries of that batch already marked sent (there must be none).
class ScriptedCentral final : public oh::testing::QuietCentral {
  public:
    ScriptedCentral(const std::string& devicePath, int failOnCall, int refuseEvery)
        : observer_(Store::open(devicePath)), failOnCall_(failOnCall), refuseEvery_(refuseEvery) {}

    PushResult push(const std::string&, const std::vector<OutboxEntry>& batch) override {
        if (inFlight_.fetch_add(1) != 0) overlapping_ = true;
        std::lock_guard lock(mutex_);
        ++calls_;
        firstSeqs_.push_back(batch.front().seq);
        // Before and after "applying" it (a while, as a real central takes):
        // the device works on other batches meanwhile, never on this one.
        countMarked(batch);
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
        countMarked(batch);
        if (calls_ == failOnCall_) {
            inFlight_.fetch_sub(1);
            throw CentralError(true, "connection lost");
        }
        PushResult r;
        for (const auto& e : batch) {
            bool refuse = refuseEvery_ > 0 && e.seq % refuseEvery_ == 0;
            r.status.push_back(refuse ? PushStatus::Refused : PushStatus::Applied);
            ++(refuse ? r.refused : r.applied);
            if (refuse) r.refusedReason = "refused by the script";
        }
        inFlight_.fetch_sub(1);
        return r;
    }

    void countMarked(const std::vector<OutboxEntry>& batch) {
        auto sent = observer_.db().prepare("SELECT sent_at IS NOT NULL FROM outbox WHERE seq = ?");
        for (const auto& e : batch) {
            sent.bindAll(e.seq);
            if (sent.step() && sent.int64(0) != 0) ++markedTooEarly_;
            sent.reset();
        }
    }

    std::vector<std::int64_t> firstSeqs() {
        std::lock_guard lock(mutex_);
        return firstSeqs_;
    }
    int markedTooEarly() {
        std::lock_guard lock(mutex_);
        return markedTooEarly_;
    }
    bool overlapping() const { return overlapping_; }

  private:
    Store observer_;
    int failOnCall_;
    int refuseEvery_;
    std::mutex mutex_;
    int calls_ = 0;
    std::vector<std::int64_t> firstSeqs_;
    int markedTooEarly_ = 0;
    std::atomic<int> inFlight_{0};
    std::atomic<bool> overlapping_{false};
};

// A device store on disk (the central watches it through a second connection)
// with `n` check-ins pending.
Store deviceWithPending(const std::string& path, int n) {
    Store store = Store::open(path);
    store.setMeta("event_id", sampleEvent().id);
    {
        Store::ApplyingRemote remote(store);
        store.saveEvent(sampleEvent());
    }
    sql::Transaction tx(store.db());
    for (int i = 0; i < n; ++i) {
        auto a = sampleAttendee("p" + std::to_string(i) + "@example.org", "P");
        store.upsertAttendee(a);  // an outbox entry too
        store.recordCheckIn(sampleEvent().id, a.id, "qr", i);
    }
    tx.commit();
    return store;
}

SyncOptions batchesOf(int n) {
    SyncOptions options;
    options.pushBatch = n;
    return options;
}

TEST(SyncPush, BatchesGoUpInOrderOneAtATimeAndAreMarkedOnlyAfterTheCentralAnswered) {
    TempDir dir;
    Store device = deviceWithPending(dir.file("device.db"), 1250);  // 2500 entries
    ScriptedCentral central(dir.file("device.db"), 0, 0);
    SyncReport report =
        SyncEngine(device, central, batchesOf(400), [](const std::string&) {}).syncOnce();

    EXPECT_EQ(report.pushed, 2500);
    EXPECT_EQ(device.outboxBacklog(), 0);
    auto firsts = central.firstSeqs();
    ASSERT_EQ(firsts.size(), 7U);  // 6 x 400 + 100
    EXPECT_TRUE(std::is_sorted(firsts.begin(), firsts.end()));
    EXPECT_EQ(central.markedTooEarly(), 0);
    EXPECT_FALSE(central.overlapping());
}

TEST(SyncPush, TheCentralLostMidPushLeavesExactlyTheUnansweredBatchesPending) {
    TempDir dir;
    Store device = deviceWithPending(dir.file("device.db"), 1250);
    ScriptedCentral central(dir.file("device.db"), 3, 0);  // the third batch fails
    SyncEngine engine(device, central, batchesOf(400), [](const std::string&) {});
    EXPECT_THROW(engine.syncOnce(), CentralError);

    // Two batches answered: marked. The failed one and everything after: pending.
    EXPECT_EQ(device.outboxBacklog(), 2500 - 800);
    auto pending = device.pendingOutbox(1);
    ASSERT_EQ(pending.size(), 1U);
    EXPECT_EQ(pending[0].seq, central.firstSeqs().at(2));
    EXPECT_EQ(central.markedTooEarly(), 0);

    // The next round sends the rest, from the failed batch on.
    ScriptedCentral again(dir.file("device.db"), 0, 0);
    SyncReport report =
        SyncEngine(device, again, batchesOf(400), [](const std::string&) {}).syncOnce();
    EXPECT_EQ(report.pushed, 1700);
    EXPECT_EQ(device.outboxBacklog(), 0);
}

TEST(SyncPush, RefusedEntriesStayPendingAndDoNotHoldBackTheOnesBehindThem) {
    TempDir dir;
    Store device = deviceWithPending(dir.file("device.db"), 500);  // 1000 entries
    ScriptedCentral central(dir.file("device.db"), 0, 7);          // every seventh seq refused
    std::vector<std::string> lines;
    SyncReport report = SyncEngine(device, central, batchesOf(300), [&](const std::string& l) {
                            lines.push_back(l);
                        }).syncOnce();

    auto pending = device.pendingOutbox(1000);
    EXPECT_EQ(report.refused, static_cast<int>(pending.size()));
    EXPECT_EQ(report.pushed + report.refused, 1000);
    for (const auto& e : pending) EXPECT_EQ(e.seq % 7, 0) << e.seq;
    EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
        return l.find("refused") != std::string::npos;
    }));
}

TEST(SyncPush, NothingIsSentAfterAFailedBatchSoTheCentralNeverSeesAGap) {
    TempDir dir;
    Store device = deviceWithPending(dir.file("device.db"), 1250);  // 2500 entries, 7 batches
    ScriptedCentral central(dir.file("device.db"), 2, 0);           // the second batch fails
    SyncEngine engine(device, central, batchesOf(400), [](const std::string&) {});
    EXPECT_THROW(engine.syncOnce(), CentralError);
    // The batch read behind the failed one was never sent.
    EXPECT_EQ(central.firstSeqs().size(), 2U);
    EXPECT_EQ(device.outboxBacklog(), 2500 - 400);
}

}  // namespace
