// The demo scenario (kiosk/scenarios/demo.scenario) that scripts/demo.sh runs headless:
// it must pass end to end on an enrolled store, write a screenshot per screen, and leave
// exactly the check-ins it made (the invitation and the walk-in; the repeat and the
// unreadable code add none).
#include <cstdlib>

#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

TEST(DemoScenario, RunsEndToEndAndChecksInTwoPeople) {
    DemoStore store(tempDir("store"));
    const auto invite = store.qrImage(store.tokens["ok"], "invite");
    setenv("OPENHOUSE_DEMO_INVITE", invite.c_str(), 1);
    const std::filesystem::path script = std::filesystem::path(OPENHOUSE_ASSETS_DIR) / ".." /
                                         "kiosk" / "scenarios" / "demo.scenario";
    Kiosk kiosk(storeOptions(Size{1280, 800}, store));
    const auto shots = tempDir("shots");
    ScenarioRunner runner(loadScenario(script), shots);
    kiosk.loop().setDriver(&runner);
    kiosk.loop().run();
    kiosk.loop().setDriver(nullptr);
    unsetenv("OPENHOUSE_DEMO_INVITE");
    ASSERT_FALSE(runner.failed()) << runner.failure();
    EXPECT_EQ(runner.screenshots().size(), 8u);
    for (const auto& shot : runner.screenshots()) {
        const Image img = readPng(shot);
        EXPECT_EQ(img.width, 1280) << shot;
        // Every screenshot shows a screen, not a blank frame: plenty of non-background pixels.
        EXPECT_GT(inkFraction(img, Hit{"", ImVec2(0, 0), ImVec2(1280, 800)}), 0.05) << shot;
    }
    EXPECT_EQ(store.checkIns(), 2);
}

TEST(DemoScenario, MissingInviteVariableIsAClearError) {
    unsetenv("OPENHOUSE_DEMO_INVITE");
    const std::filesystem::path script = std::filesystem::path(OPENHOUSE_ASSETS_DIR) / ".." /
                                         "kiosk" / "scenarios" / "demo.scenario";
    try {
        loadScenario(script);
        FAIL() << "expected a ScenarioError";
    } catch (const ScenarioError& e) {
        EXPECT_NE(std::string(e.what()).find("OPENHOUSE_DEMO_INVITE is not set"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace oh::kiosk::testing
