#include "core/identity/pin.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace oh {

std::string hashPin(const std::string& pin) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing the PIN");
    return out;
}

bool verifyPin(const std::string& hash, const std::string& pin) {
    if (sodium_init() < 0 || hash.empty()) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

std::optional<std::string> pinProblem(const std::string& pin) {
    if (pin.size() < 4 || pin.size() > 12) return "a PIN has 4 to 12 digits";
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return "a PIN has digits only";
    return std::nullopt;
}

PinGate::Result PinGate::attempt(const std::string& pin, std::int64_t nowMillis) {
    if (lockedForMillis(nowMillis) > 0) return Result::LockedOut;
    if (verifyPin(hash_, pin)) {
        failures_ = 0;
        return Result::Accepted;
    }
    ++failures_;
    if (failures_ >= maxFailures_) {
        int extra = std::min(failures_ - maxFailures_, 5);
        std::int64_t lockout = std::min<std::int64_t>(30'000LL << extra, 15 * 60'000LL);
        lockedUntil_ = nowMillis + lockout;
        return Result::LockedOut;
    }
    return Result::Rejected;
}

std::int64_t PinGate::lockedForMillis(std::int64_t nowMillis) const {
    return std::max<std::int64_t>(0, lockedUntil_ - nowMillis);
}

}  // namespace oh
