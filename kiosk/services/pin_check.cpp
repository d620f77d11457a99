#include "kiosk/services/pin_check.hpp"

#include <algorithm>
#include <chrono>

#include "core/model/ids.hpp"

namespace oh::kiosk {

void AsyncPinGate::submit(std::string pin, std::int64_t nowMillis) {
    if (busy()) {
        waiting_ = std::move(pin);
        return;
    }
    start(std::move(pin), nowMillis);
}

void AsyncPinGate::start(std::string pin, std::int64_t nowMillis) {
    if (!configured_) {
        std::promise<PinGate::Result> p;
        p.set_value(PinGate::Result::Rejected);
        pending_ = p.get_future();
        return;
    }
    if (worker_.joinable()) worker_.join();
    std::promise<PinGate::Result> promise;
    pending_ = promise.get_future();
    worker_ = std::thread(
        [this, promise = std::move(promise), pin = std::move(pin), nowMillis]() mutable {
            promise.set_value(gate_.attempt(pin, nowMillis));
            wake_();  // after the value is set: the UI's poll() must find it
        });
}

AsyncPinGate::~AsyncPinGate() {
    if (worker_.joinable()) worker_.join();
}

std::optional<PinGate::Result> AsyncPinGate::poll() {
    if (!pending_.valid()) return std::nullopt;
    if (pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return std::nullopt;
    const auto result = pending_.get();
    auto waiting = std::move(waiting_);
    waiting_.reset();
    // Accepted: the screen moves on; locked out: the waiting PIN would only be refused too.
    if (waiting && result == PinGate::Result::Rejected) start(std::move(*waiting), nowMillis());
    return result;
}

std::int64_t AsyncPinGate::lockedForMillis(std::int64_t nowMillis) const {
    return busy() ? 0 : gate_.lockedForMillis(nowMillis);
}

int AsyncPinGate::remainingAttempts() const {
    return busy() ? 0 : std::max(0, maxFailures_ - gate_.failures());
}

}  // namespace oh::kiosk
