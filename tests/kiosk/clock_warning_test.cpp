// The clock warning: a kiosk whose clock is more than a minute off the central record's (as
// the sync daemon measured it) says so on the start screen, where staff walk past.
#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

class ClockWarning : public ::testing::TestWithParam<Size> {};

TEST_P(ClockWarning, AClockFiveMinutesAheadIsShownOnTheStartScreen) {
    DemoStore store{tempDir("store")};
    Store::open(store.path).setCentralClockOffset(5 * 60'000, nowSeconds() * 1000);
    Kiosk kiosk(storeOptions(GetParam(), store));
    auto r = runScenario(kiosk,
                         "wait-text \"Staff: this kiosk's clock is 5 min ahead of the central "
                         "record. Set the laptop's time.\"\nscreenshot clock-ahead\n",
                         tempDir("shots"));
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(r.hits.find("Need help? A host at the desk is happy to help."))
        << "the warning takes the help line's place";
}

TEST_P(ClockWarning, AClockBehindSaysBehind) {
    DemoStore store{tempDir("store")};
    Store::open(store.path).setCentralClockOffset(-3 * 60'000 - 10'000, nowSeconds() * 1000);
    Kiosk kiosk(storeOptions(GetParam(), store));
    auto r = runScenario(kiosk,
                         "wait-text \"Staff: this kiosk's clock is 3 min behind the central "
                         "record. Set the laptop's time.\"\n",
                         tempDir("shots"));
    ASSERT_FALSE(r.failed) << r.failure;
}

// Within a minute (the tolerance), and when never measured, the help line stays.
TEST_P(ClockWarning, AClockWithinAMinuteOrNeverMeasuredShowsNoWarning) {
    for (const bool measured : {true, false}) {
        DemoStore store{tempDir(measured ? "near" : "never")};
        if (measured) Store::open(store.path).setCentralClockOffset(59'000, nowSeconds() * 1000);
        Kiosk kiosk(storeOptions(GetParam(), store));
        auto r = runScenario(kiosk, "screenshot start\n", tempDir("shots"));
        ASSERT_FALSE(r.failed) << r.failure;
        EXPECT_FALSE(r.hits.find("this kiosk's clock")) << "measured: " << measured;
        EXPECT_TRUE(r.hits.find("Need help? A host at the desk is happy to help."));
    }
}

INSTANTIATE_TEST_SUITE_P(KioskSizes, ClockWarning,
                         ::testing::Values(Size{1920, 1080}, Size{1280, 800}), sizeName);

}  // namespace
}  // namespace oh::kiosk::testing
