// Scenario scripts: parsing, clear errors with line numbers, and failing runs.
#include <cstdlib>
#include <fstream>

#include "kiosk_test_support.hpp"

namespace oh::kiosk::testing {
namespace {

using Kind = ScenarioStep::Kind;

std::string errorOf(const std::string& script) {
    try {
        parseScenario(script, "demo.scenario");
    } catch (const ScenarioError& e) {
        return e.what();
    }
    return "";
}

TEST(ScenarioParse, EveryStepKind) {
    auto s = parseScenario(
        "# a comment\n"
        "tap 10 20\n"
        "tap-text \"Search your name\"   # trailing comment\n"
        "type \"Ana \\\"Lima\\\"\"\n"
        "key Enter\n"
        "\n"
        "wait 250\n"
        "screenshot attract-en\n"
        "expect-screen attract\n"
        "expect-text Español\n"
        "camera frames/qr.png\n");
    ASSERT_EQ(s.steps.size(), 9u);
    EXPECT_EQ(s.steps[0].kind, Kind::Tap);
    EXPECT_EQ(s.steps[0].x, 10);
    EXPECT_EQ(s.steps[0].y, 20);
    EXPECT_EQ(s.steps[0].line, 2);
    EXPECT_EQ(s.steps[1].text, "Search your name");
    EXPECT_EQ(s.steps[2].text, "Ana \"Lima\"");
    EXPECT_EQ(s.steps[3].key, SDLK_RETURN);
    EXPECT_EQ(s.steps[4].ms, 250);
    EXPECT_EQ(s.steps[4].line, 7);
    EXPECT_EQ(s.steps[5].kind, Kind::Screenshot);
    EXPECT_EQ(s.steps[6].text, "attract");
    EXPECT_EQ(s.steps[7].text, "Español");
    EXPECT_EQ(s.steps[8].kind, Kind::Camera);
}

TEST(ScenarioParse, UnknownStepNamesTheLineAndTheKnownSteps) {
    const auto msg = errorOf("wait 10\n\ntapp 1 2\n");
    EXPECT_NE(msg.find("demo.scenario:3:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("unknown step 'tapp'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("tap-text"), std::string::npos) << msg;
}

TEST(ScenarioParse, WrongArgumentCountShowsUsage) {
    const auto msg = errorOf("tap 10\n");
    EXPECT_NE(msg.find("demo.scenario:1:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("tap X Y"), std::string::npos) << msg;
}

TEST(ScenarioParse, BadNumbers) {
    EXPECT_NE(errorOf("wait soon\n").find(":1: wait time must be a whole number"),
              std::string::npos);
    EXPECT_NE(errorOf("wait -5\n").find(":1:"), std::string::npos);
    EXPECT_NE(errorOf("\ntap 1 2x\n").find(":2: y must be"), std::string::npos);
}

TEST(ScenarioParse, UnterminatedQuote) {
    const auto msg = errorOf("type \"Ana\n");
    EXPECT_NE(msg.find(":1: unterminated quoted string"), std::string::npos) << msg;
}

TEST(ScenarioParse, UnknownKeyAndBadScreenshotName) {
    EXPECT_NE(errorOf("key Nokey\n").find(":1: unknown key 'Nokey'"), std::string::npos);
    EXPECT_NE(errorOf("screenshot ../escape\n").find(":1: screenshot name"), std::string::npos);
}

TEST(ScenarioRun, FailingExpectationStopsWithItsLine) {
    Kiosk kiosk(headlessOptions(Size{1280, 800}));
    auto r = runScenario(kiosk, "expect-screen attract\nexpect-screen welcome\nscreenshot never\n",
                         tempDir("shots"));
    EXPECT_TRUE(r.failed);
    EXPECT_NE(r.failure.find("test.scenario:2: expected screen 'welcome'"), std::string::npos)
        << r.failure;
    EXPECT_EQ(r.shots.count("never"), 0u) << "steps after a failure must not run";
}

TEST(ScenarioRun, TapTextOnMissingButtonListsTheButtons) {
    Kiosk kiosk(headlessOptions(Size{1280, 800}));
    auto r = runScenario(kiosk, "tap-text \"Fly me to the moon\"\n", tempDir("shots"));
    EXPECT_TRUE(r.failed);
    EXPECT_NE(r.failure.find(":1: no button labelled"), std::string::npos) << r.failure;
    EXPECT_NE(r.failure.find("Search your name"), std::string::npos) << r.failure;
}

TEST(ScenarioRun, KeyAndTypeStepsComplete) {
    Kiosk kiosk(headlessOptions(Size{1280, 800}));
    auto r =
        runScenario(kiosk, "type \"hello\"\nkey Enter\nkey Esc\nwait 20\nexpect-screen attract\n",
                    tempDir("shots"));
    EXPECT_FALSE(r.failed) << r.failure;
}

TEST(ScenarioRun, CameraStepStoresThePath) {
    Kiosk kiosk(headlessOptions(Size{1280, 800}));
    auto r = runScenario(kiosk, "camera /tmp/frames\n", tempDir("shots"));
    EXPECT_FALSE(r.failed) << r.failure;
    EXPECT_EQ(kiosk.app().context().model.cameraPath, "/tmp/frames");
}

// The real binary, as the demo and CI run it.
TEST(ScenarioRun, CommandLineWritesScreenshotsAndExitCodes) {
    const auto dir = tempDir("cli");
    const auto script = dir / "ok.scenario";
    std::ofstream(script) << "screenshot first\ntap-text \"Español\"\nscreenshot second\n";
    const std::string base = std::string(OPENHOUSE_KIOSK_BIN) +
                             " --headless --size 1280x800 --screenshots " +
                             (dir / "shots").string() + " --scenario ";
    ASSERT_EQ(std::system((base + script.string() + " 2>/dev/null").c_str()), 0);
    const Image first = readPng(dir / "shots" / "first.png");
    const Image second = readPng(dir / "shots" / "second.png");
    EXPECT_EQ(first.width, 1280);
    EXPECT_EQ(first.height, 800);
    EXPECT_FALSE(first == second);

    const auto bad = dir / "bad.scenario";
    std::ofstream(bad) << "expect-screen nowhere\n";
    EXPECT_NE(std::system((base + bad.string() + " 2>/dev/null").c_str()), 0);
}

TEST(Options, ParseSize) {
    EXPECT_EQ(parseSize("1280x800"), std::make_pair(1280, 800));
    EXPECT_EQ(parseSize("1920X1080"), std::make_pair(1920, 1080));
    EXPECT_THROW(parseSize("1280"), OptionsError);
    EXPECT_THROW(parseSize("12x8"), OptionsError);
    EXPECT_THROW(parseSize("1280x800px"), OptionsError);
}

}  // namespace
}  // namespace oh::kiosk::testing
