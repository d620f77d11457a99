// A code held up to the camera while the kiosk cannot take a scan (staff screen, a check-in
// still being saved) is taken as soon as the kiosk can: the next person in the queue already
// holds up their phone and must not have to take it away and back again.
#include <thread>

#include "core/identity/pin.hpp"
#include "kiosk/session.hpp"
#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

using namespace std::chrono_literals;

class HeldCode : public ::testing::Test {
  protected:
    DemoStore store{tempDir("store")};
    std::filesystem::path shots = tempDir("shots");
    Size size{1280, 800};
};

TEST_F(HeldCode, ACodeFirstSeenOnTheStaffScreenIsTakenOnceTheStartScreenIsBack) {
    KioskOptions o = storeOptions(size, store);
    o.staffPinHash = hashPin("1357");
    Kiosk kiosk(o);
    auto staff = runScenario(kiosk,
                             "tap-text staff-corner\n"
                             "tap-text \"1\"\ntap-text \"3\"\ntap-text \"5\"\ntap-text \"7\"\n"
                             "tap-text \"Unlock\"\n"
                             "wait-screen staff\n"
                             "camera " +
                                 store.qrImage(store.tokens["omar"], "omar") + "\n",
                             shots);
    ASSERT_FALSE(staff.failed) << staff.failure;
    // The code is in view of the camera for a good while on the staff screen: not taken there.
    auto* camera = kiosk.session().camera();
    const auto before = camera->framesDecoded();
    ASSERT_TRUE(runUntil(kiosk, [&] { return camera->framesDecoded() >= before + 8; }));
    EXPECT_EQ(kiosk.app().currentId(), "staff");
    EXPECT_EQ(store.checkIns(), 0) << "a code must not check anyone in on the staff screen";

    auto back = runScenario(kiosk, "tap-text \"Done\"\nwait-screen welcome\n", shots);
    ASSERT_FALSE(back.failed) << back.failure << " (screen " << back.screen << ")";
    EXPECT_TRUE(store.activeCheckIn("omar")) << "the code still in view was never taken";
    EXPECT_EQ(store.checkIns(), 1);
}

TEST_F(HeldCode, AQueueOfTwoCodesChecksInTheSecondAfterTheFirstWasARepeat) {
    Kiosk kiosk(storeOptions(size, store));
    auto first = runScenario(kiosk,
                             "scan \"" + store.tokens["ok"] +
                                 "\"\nwait-screen welcome\ntap-text \"Done\"\n"
                                 "wait-screen attract\n",
                             shots);
    ASSERT_FALSE(first.failed) << first.failure;
    ASSERT_EQ(store.checkIns(), 1);
    // A replayed folder: Ana (already checked in) first, then Omar, both stay in view.
    const auto queue = store.dir / "queue";
    std::filesystem::create_directories(queue);
    std::filesystem::rename(store.qrImage(store.tokens["ok"], "ana"), queue / "1-ana.png");
    std::filesystem::rename(store.qrImage(store.tokens["omar"], "omar"), queue / "2-omar.png");
    auto r = runScenario(kiosk, "camera " + queue.string() + "\nwait-screen welcome\n", shots);
    ASSERT_FALSE(r.failed) << r.failure << " (screen " << r.screen << ")";
    EXPECT_TRUE(store.activeCheckIn("omar")) << "the second person in the queue was ignored";
    EXPECT_EQ(store.checkIns(), 2);
}

TEST(CameraAcceptance, ACodeInViewWhileScansAreRefusedIsReportedWhenTheyAreAcceptedAgain) {
    const auto dir = tempDir("cam");
    DemoStore store(dir);
    const auto image = store.qrImage(store.tokens["omar"], "omar");
    CameraSettings settings;
    settings.minFrameIntervalMs = 0;
    WakeSignal woken;  // the camera wakes the UI when it reports a code
    CameraWorker camera(settings, woken.callback());
    camera.setAccepting(false);
    camera.setSourceFactory([](const std::string& path) { return makeFileSource(path, 10, 10); });
    camera.setSource(image, 1);
    ASSERT_TRUE(eventually([&] { return camera.framesDecoded() >= 5; }));
    EXPECT_TRUE(camera.takeCodes().empty()) << "reported while the kiosk could not take it";
    camera.setAccepting(true);
    std::vector<std::string> codes;
    woken.waitFor([&] { return !(codes = camera.takeCodes()).empty(); });
    ASSERT_EQ(codes.size(), 1u) << "the code held up the whole time was never reported";
    // Reported, then handed back (the kiosk changed screens meanwhile): reported once more.
    camera.release(codes.front());
    codes.clear();
    woken.waitFor([&] { return !(codes = camera.takeCodes()).empty(); });
    EXPECT_EQ(codes.size(), 1u) << "a released code in view must be reported again";
}

}  // namespace
}  // namespace oh::kiosk::testing
