#include "core/sync/push_pipeline.hpp"

namespace oh {

PushPipeline::PushPipeline(CentralRecord& central, std::string deviceId)
    : central_(central), deviceId_(std::move(deviceId)), worker_([this] { run(); }) {}

PushPipeline::~PushPipeline() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    worker_.join();
}

void PushPipeline::send(std::shared_ptr<const Batch> batch) {
    {
        std::lock_guard lock(mutex_);
        queued_.push_back(std::move(batch));
        ++unanswered_;
    }
    changed_.notify_all();
}

std::size_t PushPipeline::unanswered() const {
    std::lock_guard lock(mutex_);
    return unanswered_;
}

PushPipeline::Answer PushPipeline::next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !answered_.empty(); });
    auto [answer, failure] = std::move(answered_.front());
    answered_.pop_front();
    --unanswered_;
    if (failure) std::rethrow_exception(failure);
    return answer;
}

void PushPipeline::run() {
    for (;;) {
        std::shared_ptr<const Batch> batch;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stop_ || !queued_.empty(); });
            if (stop_) return;
            batch = std::move(queued_.front());
            queued_.pop_front();
        }
        Answer answer{batch, {}};
        std::exception_ptr failure;
        try {
            answer.result = central_.push(deviceId_, *batch);
        } catch (...) {
            failure = std::current_exception();
        }
        {
            std::lock_guard lock(mutex_);
            answered_.emplace_back(std::move(answer), failure);
            // Nothing is sent after a failed batch: its successors wait for
            // the next round, so the central never sees a gap in the order.
            if (failure) stop_ = true;
        }
        changed_.notify_all();
        if (failure) return;
    }
}

}  // namespace oh
