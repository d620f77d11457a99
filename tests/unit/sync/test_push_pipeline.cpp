// PushPipeline on its own: batches already queued behind a batch whose push failed are never
// sent (the central must not see a gap in the device's order); they wait for the next round.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "core/central/central.hpp"
#include "core/sync/push_pipeline.hpp"

using namespace oh;

namespace {

// A central whose first push fails, once the test has queued every batch (a gate holds it).
class GatedCentral final : public CentralRecord {
  public:
    CentralInfo ping() override { return {"central-1", 0}; }
    void registerDevice(const DeviceRegistration&) override {}
    bool revokeDevice(const std::string&) override { return false; }
    PushResult push(const std::string&, const std::vector<OutboxEntry>& batch) override {
        std::unique_lock lock(mutex_);
        opened_.wait(lock, [this] { return open_; });
        if (++calls_ == 1) throw CentralError(true, "connection lost");
        PushResult r;
        r.status.assign(batch.size(), PushStatus::Applied);
        r.applied = static_cast<int>(batch.size());
        return r;
    }
    PullPage pull(const std::string&, const std::string& cursor, int) override {
        PullPage page;
        page.nextCursor = cursor;
        return page;
    }
    std::vector<std::string> digest(const std::string&) override { return {}; }
    std::string describe() const override { return "gated"; }

    void open() {
        {
            std::lock_guard lock(mutex_);
            open_ = true;
        }
        opened_.notify_all();
    }
    int calls() {
        std::lock_guard lock(mutex_);
        return calls_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable opened_;
    bool open_ = false;
    int calls_ = 0;
};

std::shared_ptr<const PushPipeline::Batch> batchOf(std::int64_t seq) {
    OutboxEntry e;
    e.seq = seq;
    e.idemKey = "key-" + std::to_string(seq);
    e.kind = "checkin.create";
    e.payload = "{}";
    return std::make_shared<const PushPipeline::Batch>(PushPipeline::Batch{e});
}

}  // namespace

TEST(PushPipelineOrder, BatchesQueuedBehindAFailedOneAreNeverSent) {
    GatedCentral central;
    {
        PushPipeline pipeline(central, "device-1");
        for (std::int64_t seq = 1; seq <= 3; ++seq) pipeline.send(batchOf(seq));
        central.open();  // every batch is queued before the first push fails
        EXPECT_THROW(pipeline.next(), CentralError);
    }  // the pipeline's worker has stopped here
    EXPECT_EQ(central.calls(), 1);
}
