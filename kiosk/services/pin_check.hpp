// A PIN gate checked off the UI thread: Argon2id takes ~0.1 s by design, which is a dropped
// frame and more on a slow laptop. The UI submits, keeps drawing, and polls for the answer.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include "core/identity/pin.hpp"

namespace oh::kiosk {

class AsyncPinGate {
  public:
    // `wake` is called from the worker once an attempt's answer is ready for poll().
    explicit AsyncPinGate(std::string hash, std::function<void()> wake = {}, int maxFailures = 5)
        : configured_(!hash.empty()),
          maxFailures_(maxFailures),
          gate_(std::move(hash), maxFailures),
          wake_(wake ? std::move(wake) : [] {}) {}
    ~AsyncPinGate();
    AsyncPinGate(const AsyncPinGate&) = delete;
    AsyncPinGate& operator=(const AsyncPinGate&) = delete;

    bool configured() const { return configured_; }
    bool busy() const { return pending_.valid(); }
    // Starts checking the PIN. While an attempt is running, the PIN waits and is checked as
    // soon as that attempt is rejected (a PIN typed quickly after a wrong one is not lost);
    // a later submit replaces a waiting one.
    void submit(std::string pin, std::int64_t nowMillis);
    // The result of the last attempt once it is known (then forgotten); starts the waiting
    // PIN, if any, after a rejection.
    std::optional<PinGate::Result> poll();
    std::int64_t lockedForMillis(std::int64_t nowMillis) const;
    int remainingAttempts() const;

  private:
    void start(std::string pin, std::int64_t nowMillis);

    bool configured_;
    int maxFailures_ = 5;
    PinGate gate_;
    std::function<void()> wake_;
    std::future<PinGate::Result> pending_;
    std::optional<std::string> waiting_;  // submitted while an attempt was running
    std::thread worker_;
};

}  // namespace oh::kiosk
