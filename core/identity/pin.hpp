// Staff and lead PINs: stored only as libsodium crypto_pwhash (Argon2id)
// strings, and guarded by a lockout after repeated failures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace oh {

// Argon2id hash for the configuration file. Interactive limits: ~0.1 s to check.
std::string hashPin(const std::string& pin);
bool verifyPin(const std::string& hash, const std::string& pin);
// PINs are 4 to 12 digits; nullopt when fine, else the reason.
std::optional<std::string> pinProblem(const std::string& pin);

// After `maxFailures` wrong PINs in a row, refuses every attempt for a lockout
// that doubles with each further failure (30 s, 60 s, ... up to 15 min).
class PinGate {
  public:
    explicit PinGate(std::string hash, int maxFailures = 5)
        : hash_(std::move(hash)), maxFailures_(maxFailures) {}

    enum class Result { Accepted, Rejected, LockedOut };
    Result attempt(const std::string& pin, std::int64_t nowMillis);
    // Milliseconds until attempts are allowed again (0 when not locked).
    std::int64_t lockedForMillis(std::int64_t nowMillis) const;
    int failures() const { return failures_; }

  private:
    std::string hash_;
    int maxFailures_;
    int failures_ = 0;
    std::int64_t lockedUntil_ = 0;
};

}  // namespace oh
