// Sends outbox batches to the central from one worker thread, one after
// another in the order they were queued, each only after the central answered
// the previous one. The caller (SyncEngine) meanwhile reads the next batch
// from the store and marks answered ones sent, so the device's own work
// overlaps the central's, and the worker starts the next batch the moment the
// previous one is answered (no hand-off in between). After a failed batch
// nothing more is sent: its failure is rethrown from next().
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/central/central.hpp"

namespace oh {

class PushPipeline {
  public:
    using Batch = std::vector<OutboxEntry>;
    struct Answer {
        std::shared_ptr<const Batch> batch;
        PushResult result;
    };

    // `central` must outlive the pipeline and be used by no one else meanwhile.
    PushPipeline(CentralRecord& central, std::string deviceId);
    // Stops the worker: a push in flight finishes (its answer is dropped, so
    // its entries stay pending and come back as duplicates); queued ones are
    // not sent.
    ~PushPipeline();
    PushPipeline(const PushPipeline&) = delete;
    PushPipeline& operator=(const PushPipeline&) = delete;

    void send(std::shared_ptr<const Batch> batch);
    // Batches sent and not yet taken with next().
    std::size_t unanswered() const;
    // The oldest batch's answer, waiting for it; rethrows its failure.
    Answer next();

  private:
    void run();

    CentralRecord& central_;
    std::string deviceId_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::shared_ptr<const Batch>> queued_;
    std::deque<std::pair<Answer, std::exception_ptr>> answered_;
    std::size_t unanswered_ = 0;
    bool stop_ = false;
    std::thread worker_;  // last: started once everything above exists
};

}  // namespace oh
