// What a device records about its sync for `openhouse sync status` and the
// kiosk: the last error with its time (a refused push included, cleared by the
// next clean round) and its clock's offset from the central's.
#include <gtest/gtest.h>

#include <cstdlib>

#include "core/central/central.hpp"
#include "core/model/ids.hpp"
#include "core/store/store.hpp"
#include "core/sync/sync_engine.hpp"
#include "tests/unit/sync/quiet_central.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

// A central whose clock is `offsetMs` behind ours and that refuses what it is
// told to refuse.
class StubCentral final : public oh::testing::QuietCentral {
  public:
    explicit StubCentral(std::int64_t behindMs) : behindMs_(behindMs) {}
    bool refuse = false;

    CentralInfo ping() override { return {"central-1", nowMillis() - behindMs_, 1}; }
    PushResult push(const std::string&, const std::vector<OutboxEntry>& batch) override {
        PushResult r;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            r.status.push_back(refuse ? PushStatus::Refused : PushStatus::Applied);
            ++(refuse ? r.refused : r.applied);
        }
        if (refuse) r.refusedReason = "not this device's event";
        return r;
    }

  private:
    std::int64_t behindMs_;
};

// One entry for the outbox.
void addOutboxEntry(Store& s) {
    s.saveEvent(sampleEvent());
}

}  // namespace

TEST(SyncStatus, ARefusedPushIsTheLastErrorWithItsTimeUntilACleanRound) {
    Store s = Store::openInMemory();
    StubCentral central(0);
    SyncEngine engine(s, central, {}, [](const std::string&) {});
    addOutboxEntry(s);
    central.refuse = true;
    const auto before = nowMillis();
    auto report = engine.syncOnce();
    EXPECT_EQ(report.refused, 1);
    auto status = SyncEngine::status(s);
    EXPECT_NE(status.lastError.find("refused 1 entries"), std::string::npos) << status.lastError;
    EXPECT_NE(status.lastError.find("not this device's event"), std::string::npos);
    EXPECT_GE(status.lastErrorMs, before);
    EXPECT_GE(status.lastSuccessMs, before) << "the central was reached";

    central.refuse = false;
    engine.syncOnce();
    status = SyncEngine::status(s);
    EXPECT_EQ(status.lastError, "");
    EXPECT_EQ(status.lastErrorMs, 0);
}

TEST(SyncStatus, AnErrorOutsideARoundIsRecordedOnOneLine) {
    Store s = Store::openInMemory();
    SyncEngine::recordError(s, "cannot open the central: connection refused\n\tIs the server up?");
    auto status = SyncEngine::status(s);
    EXPECT_EQ(status.lastError.find('\n'), std::string::npos);
    EXPECT_NE(status.lastError.find("connection refused"), std::string::npos);
    EXPECT_GT(status.lastErrorMs, 0);
}

TEST(SyncStatus, EachRoundMeasuresTheClockOffsetFromTheCentral) {
    Store s = Store::openInMemory();
    StubCentral central(120'000);  // the central's clock is two minutes behind ours
    SyncEngine engine(s, central, {}, [](const std::string&) {});
    EXPECT_FALSE(SyncEngine::status(s).clockOffset);
    engine.syncOnce();
    auto offset = s.clockOffsetMs();
    ASSERT_TRUE(offset);
    // Generous: the round trip is allowed for, and this machine may be busy.
    EXPECT_NEAR(static_cast<double>(*offset), 120'000.0, 5'000.0);
    ASSERT_TRUE(SyncEngine::status(s).clockOffset);
    EXPECT_GT(SyncEngine::status(s).clockOffset->measuredAtMs, 0);
}
