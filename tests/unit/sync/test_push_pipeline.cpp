// PushPipeline on its own: batches already queued behind a batch whose push failed are never
// sent (the central must not see a gap in the device's order); they wait for the next round.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "core/central/central.hpp"
#include "core/sync/push_pipeline.hpp"
#include "tests/unit/sync/quiet_central.hpp"

using namespace oh;

namespace {

// A central whose first push fails, once the test has queued every batch (a gate holds it).
class GatedCentral final : public oh::testing::QuietCentral {
  public:
    PushResult push(const std::string&, const std::vector<OutboxEntry>& batch) override {
        std::unique_lock lock(mutex_);
        opened_.wait(lock, [this] { return open_; });
        if (++calls_ == 1) throw CentralError(true, "connection lost");
        return QuietCentral::push("", batch);
    }

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
