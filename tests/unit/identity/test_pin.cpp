// The staff PIN: its length rule at both edges, and the lockout after repeated failures
// (from the limit on, doubling, capped; a success forgets earlier failures).
#include <gtest/gtest.h>

#include "core/identity/pin.hpp"

using namespace oh;

namespace {

// One hash for the whole suite: Argon2id is slow on purpose.
const std::string& hashOf1234() {
    static const std::string hash = hashPin("1234");
    return hash;
}

}  // namespace

TEST(PinRules, FourToTwelveDigitsAreAcceptedThreeAndThirteenAreNot) {
    EXPECT_FALSE(pinProblem("1234"));
    EXPECT_FALSE(pinProblem("123456789012"));
    EXPECT_TRUE(pinProblem("123"));
    EXPECT_TRUE(pinProblem("1234567890123"));
    EXPECT_TRUE(pinProblem("12a4"));
}

TEST(PinLockout, TheLimitthFailureLocksAndTheOneBeforeDoesNot) {
    PinGate gate(hashOf1234(), 3);
    EXPECT_EQ(gate.attempt("0000", 0), PinGate::Result::Rejected);
    EXPECT_EQ(gate.attempt("0000", 0), PinGate::Result::Rejected);
    EXPECT_EQ(gate.lockedForMillis(0), 0);
    EXPECT_EQ(gate.attempt("0000", 0), PinGate::Result::LockedOut);
    EXPECT_EQ(gate.lockedForMillis(0), 30'000);
    // Locked: even the right PIN waits.
    EXPECT_EQ(gate.attempt("1234", 29'999), PinGate::Result::LockedOut);
    EXPECT_EQ(gate.attempt("1234", 30'000), PinGate::Result::Accepted);
}

TEST(PinLockout, EachFurtherFailureDoublesTheLockoutUpToFifteenMinutes) {
    PinGate gate(hashOf1234(), 1);
    std::int64_t now = 0;
    std::vector<std::int64_t> lockouts;
    for (int i = 0; i < 7; ++i) {
        EXPECT_EQ(gate.attempt("0000", now), PinGate::Result::LockedOut);
        lockouts.push_back(gate.lockedForMillis(now));
        now += lockouts.back();
    }
    const std::vector<std::int64_t> expected{30'000,  60'000,  120'000, 240'000,
                                             480'000, 900'000, 900'000};
    EXPECT_EQ(lockouts, expected);
}

TEST(PinLockout, ASuccessForgetsTheFailuresBeforeIt) {
    PinGate gate(hashOf1234(), 2);
    EXPECT_EQ(gate.attempt("0000", 0), PinGate::Result::Rejected);
    EXPECT_EQ(gate.attempt("1234", 0), PinGate::Result::Accepted);
    EXPECT_EQ(gate.failures(), 0);
    EXPECT_EQ(gate.attempt("0000", 0), PinGate::Result::Rejected);
}
