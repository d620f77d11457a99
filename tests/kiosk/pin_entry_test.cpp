// PIN entry while a PIN is being checked (Argon2id runs on a worker for a noticeable moment):
// a PIN typed and confirmed meanwhile is checked next, not dropped.
#include <thread>

#include "core/identity/pin.hpp"
#include "kiosk/services/pin_check.hpp"
#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

using namespace std::chrono_literals;

// The gate wakes its owner once an answer is ready for poll().
std::optional<PinGate::Result> nextResult(AsyncPinGate& gate, WakeSignal& woken) {
    std::optional<PinGate::Result> result;
    woken.waitFor([&] { return (result = gate.poll()).has_value(); });
    return result;
}

TEST(PinEntry, APinSubmittedWhileAnotherIsCheckedIsCheckedRightAfterIt) {
    WakeSignal woken;
    AsyncPinGate gate(hashPin("2468"), woken.callback());
    gate.submit("1111", nowMillis());
    ASSERT_TRUE(gate.busy()) << "the first check runs on the worker";
    gate.submit("2468", nowMillis());  // typed while the first one is being checked
    EXPECT_EQ(nextResult(gate, woken), PinGate::Result::Rejected);
    EXPECT_TRUE(gate.busy()) << "the waiting PIN was dropped instead of checked";
    EXPECT_EQ(nextResult(gate, woken), PinGate::Result::Accepted);
    EXPECT_FALSE(gate.busy());
}

TEST(PinEntry, AWaitingPinIsNotCheckedAfterTheRightOne) {
    WakeSignal woken;
    AsyncPinGate gate(hashPin("2468"), woken.callback());
    gate.submit("2468", nowMillis());
    gate.submit("1111", nowMillis());
    EXPECT_EQ(nextResult(gate, woken), PinGate::Result::Accepted);
    EXPECT_FALSE(gate.busy()) << "a PIN after the accepted one must not count as a failure";
    EXPECT_EQ(gate.remainingAttempts(), 5);
}

TEST(PinEntry, KeyboardDigitsTypedDuringACheckCloseTheKioskWithTheLeadPin) {
    DemoStore store(tempDir("store"));
    KioskOptions o = storeOptions(Size{1280, 800}, store);
    o.leadPinHash = hashPin("2468");
    Kiosk kiosk(o);
    kiosk.app().go("exit-pin");
    auto r = runScenario(kiosk,
                         "expect-screen exit-pin\n"
                         "type \"1111\"\nkey Enter\n"
                         "type \"2468\"\nkey Enter\n"
                         "wait-exit\n",
                         tempDir("shots"));
    EXPECT_FALSE(r.failed) << r.failure;
    EXPECT_TRUE(kiosk.app().context().quitRequested) << "the lead PIN typed second was lost";
}

}  // namespace
}  // namespace oh::kiosk::testing
