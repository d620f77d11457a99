// The demo scenario (kiosk/scenarios/demo.scenario) that scripts/demo.sh runs headless:
// it must pass end to end on an enrolled store, write a screenshot per screen, and leave
// exactly the check-ins it made (the invitation and the walk-in; the repeat and the
// unreadable code add none).
#include <cstdlib>

#include "core/identity/pin.hpp"
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

// The demo's scoring and feedback scenarios (kiosk/scenarios/scoring.scenario and
// feedback.scenario), as scripts/demo.sh runs them after the door: a judge's badge on camera,
// the staff PIN, a score of "Data pipeline refactor"; then a guest rates that demo.
class DemoJudgingScenarios : public ::testing::Test {
  protected:
    void SetUp() override {
        Store s = Store::open(store.path);
        Showcase demo;
        demo.id = Uuid::v7().str();
        demo.eventId = store.event.id;
        demo.internId = store.ids.at("omar");
        demo.title = "Data pipeline refactor";
        demo.slotStart = nowSeconds() - 600;
        demo.slotEnd = nowSeconds() + 600;
        s.upsertShowcase(demo);
        demoId = demo.id;
    }

    RunResult run(const char* name, const char* variable, const std::string& image,
                  KioskOptions o) {
        setenv(variable, image.c_str(), 1);
        Kiosk kiosk(o);
        ScenarioRunner runner(loadScenario(std::filesystem::path(OPENHOUSE_ASSETS_DIR) / ".." /
                                           "kiosk" / "scenarios" / name),
                              shots);
        runner.stepTimeout = std::chrono::milliseconds(20000);
        kiosk.loop().setDriver(&runner);
        kiosk.loop().run();
        kiosk.loop().setDriver(nullptr);
        unsetenv(variable);
        RunResult r;
        r.failed = runner.failed();
        r.failure = runner.failure();
        for (const auto& path : runner.screenshots()) r.shots[path.stem().string()] = readPng(path);
        return r;
    }

    DemoStore store{tempDir("store")};
    std::filesystem::path shots = tempDir("shots");
    std::string demoId;
};

TEST_F(DemoJudgingScenarios, AJudgeScoresOnTheTabletAndAGuestRatesTheSameDemo) {
    const std::string judge =
        DemoStore::sign(store.ids.at("sofia"), store.eventKey, nowSeconds() - 600,
                        store.event.endsAt, store.event.id);
    KioskOptions scoring = storeOptions(Size{1280, 800}, store);
    scoring.mode = "scoring";
    scoring.staffPinHash = hashPin("1357");
    auto scored =
        run("scoring.scenario", "OPENHOUSE_DEMO_JUDGE", store.qrImage(judge, "judge"), scoring);
    ASSERT_FALSE(scored.failed) << scored.failure;
    for (const char* shot :
         {"scoring-01-locked", "scoring-02-board", "scoring-03-sheet", "scoring-04-saved"})
        EXPECT_TRUE(scored.shots.count(shot)) << shot;
    KioskOptions feedback = storeOptions(Size{1920, 1080}, store);
    feedback.mode = "feedback";
    auto rated = run("feedback.scenario", "OPENHOUSE_DEMO_PEER",
                     store.qrImage(store.tokens.at("layla"), "peer"), feedback);
    ASSERT_FALSE(rated.failed) << rated.failure;
    EXPECT_TRUE(rated.shots.count("feedback-04-thanks"));
    Store s = Store::open(store.path);
    auto score = s.score(store.ids.at("sofia"), demoId);
    ASSERT_TRUE(score && score->total);
    EXPECT_DOUBLE_EQ(*score->total, 80)
        << "impact 5 (x2), quality 4, communication 4, validation 3";
    auto given = s.feedback(store.event.id);
    ASSERT_EQ(given.size(), 1u);
    EXPECT_EQ(given[0].answers, (std::vector<int>{5, 4, 5}));
}

}  // namespace
}  // namespace oh::kiosk::testing
