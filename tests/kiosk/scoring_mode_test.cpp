// Scoring mode on a staff tablet, driven headless through the real main loop at the tablet's
// 1280x800 and at 1920x1080, with the store checked afterwards: unlock by badge and staff
// PIN, lockout, a judge scoring three demos and editing one, suggestions that skip a
// conflicted team and a demo already scored, a draft that survives the tablet being shut,
// and a score change refused after the lead closed judging.
#include "core/identity/pin.hpp"
#include "core/judging/drafts.hpp"
#include "core/judging/rubric.hpp"
#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

std::string unlock(const JudgingFloor& f) {
    return "wait-screen scoring\nscan \"" + f.token +
           "\"\nwait-text \"Enter the staff PIN, Sofia Rossi\"\n"
           "tap-text \"1\"\ntap-text \"3\"\ntap-text \"5\"\ntap-text \"7\"\ntap-text \"Unlock\"\n"
           "wait-screen scoring-board\n";
}

// Opens a demo from the full list and fills every criterion with `level`.
std::string score(const std::string& title, int level, const std::string& rec = "Yes") {
    std::string s = "wait-text \"" + title + "\"\ntap-text \"" + title +
                    "\"\nwait-screen scoring-sheet\nwait-text \"Submit score\"\n";
    for (const auto& c : defaultRubric().criteria)
        s += "tap-text " + c.key + "-" + std::to_string(level) + "\n";
    return s + "tap-text \"" + rec + "\"\ntap-text \"Submit score\"\nwait-screen scoring-board\n" +
           "wait-text \"Score saved\"\n";
}

class ScoringMode : public ::testing::TestWithParam<Size> {
  protected:
    DemoStore store{tempDir("store")};
    JudgingFloor floor = addJudgingFloor(store);
    std::filesystem::path shots = tempDir("shots");
    KioskOptions options() const {
        KioskOptions o = storeOptions(GetParam(), store);
        o.staffPinHash = hashPin("1357");
        o.mode = "scoring";
        return o;
    }
    std::string size() const {
        return std::to_string(GetParam().width) + "x" + std::to_string(GetParam().height);
    }
    std::optional<Score> scoreOf(const std::string& title) {
        Store s = Store::open(store.path);
        auto sc = s.score(floor.judge, floor.demos.at(title));
        if (!sc || sc->deleted) return std::nullopt;
        return sc;
    }
};

TEST_P(ScoringMode, AJudgeScoresThreeDemosAndEditsOne) {
    {
        Kiosk kiosk(options());
        auto r = runScenario(
            kiosk,
            "screenshot scoring-locked-" + size() + "\n" + unlock(floor) +
                "screenshot scoring-board-" + size() + "\n" + score("Checkout speed", 3) +
                score("Churn radar", 4) + score("Support triage", 2, "Mixed") +
                "wait-text \"3 of 5 demos scored\"\n" + score("Checkout speed", 5, "Strong yes") +
                "screenshot scoring-board-progress-" + size() + "\n",
            shots);
        ASSERT_FALSE(r.failed) << r.failure;
    }
    ASSERT_TRUE(scoreOf("Checkout speed") && scoreOf("Churn radar") && scoreOf("Support triage"));
    EXPECT_FALSE(scoreOf("Warehouse map"));
    EXPECT_DOUBLE_EQ(*scoreOf("Checkout speed")->total, 100) << "the edit replaced the 3s";
    EXPECT_DOUBLE_EQ(*scoreOf("Churn radar")->total, 75);
    EXPECT_DOUBLE_EQ(*scoreOf("Support triage")->total, 25);
    EXPECT_EQ(sheetFromJson(scoreOf("Checkout speed")->criteria).recommendation,
              Recommendation::StrongYes);
    Store s = Store::open(store.path);
    EXPECT_EQ(s.scores(store.event.id).size(), 3u) << "an edit must replace, not add";
}

TEST_P(ScoringMode, SuggestionsSkipAConflictedTeamAndADemoAlreadyScored) {
    Kiosk kiosk(options());
    auto r = runScenario(
        kiosk,
        unlock(floor) + score("Checkout speed", 4) +
            // A conflict with Ravi's team (Team Borealis) covers both of his demos.
            "tap-text \"Churn radar\"\nwait-screen scoring-sheet\nwait-text \"I have a conflict\"\n"
            "tap-text \"I have a conflict\"\nwait-screen scoring-board\n"
            "wait-text \"Conflict noted\"\nscreenshot scoring-board-conflict-" +
            size() + "\n",
        shots);
    ASSERT_FALSE(r.failed) << r.failure;
    // The suggestions are the rows tagged with a score count or "Presenting now" at the left;
    // only Support triage is left for this judge.
    auto next = r.hits.find("Next demo for you");
    ASSERT_TRUE(next);
    int suggested = 0;
    for (const auto& h : r.hits.all()) {
        if (!h.clickable || h.min.x > next->max.x + 10 || h.min.y < next->max.y) continue;
        if (h.label == "Support triage") ++suggested;
        EXPECT_NE(h.label, "Checkout speed") << "already scored, still suggested";
        EXPECT_NE(h.label, "Churn radar") << "conflicted team suggested";
        EXPECT_NE(h.label, "Warehouse map") << "the conflict covers the whole team";
    }
    EXPECT_EQ(suggested, 1);
    EXPECT_TRUE(r.hits.find("1 of 3 demos scored")) << "three demos left after the conflict";
}

TEST_P(ScoringMode, WrongPinsLockTheTabletOut) {
    Kiosk kiosk(options());
    std::string script = "wait-screen scoring\nscan \"" + floor.token +
                         "\"\nwait-text \"Enter the staff PIN, Sofia Rossi\"\n";
    for (int i = 0; i < 5; ++i)
        script +=
            "tap-text \"9\"\ntap-text \"9\"\ntap-text \"9\"\ntap-text \"9\"\n"
            "tap-text \"Unlock\"\nwait-text \"" +
            std::string(i < 4 ? "Wrong PIN" : "Too many attempts") + "\"\n";
    script +=
        "tap-text \"1\"\ntap-text \"3\"\ntap-text \"5\"\ntap-text \"7\"\ntap-text \"Unlock\"\n"
        "wait-text \"Too many attempts\"\nscreenshot scoring-lockout-" +
        size() + "\nexpect-screen scoring\n";
    auto r = runScenario(kiosk, script, shots);
    ASSERT_FALSE(r.failed) << r.failure;
}

TEST_P(ScoringMode, AGuestBadgeDoesNotUnlockScoring) {
    Kiosk kiosk(options());
    auto r = runScenario(kiosk,
                         "wait-screen scoring\nscan \"" + store.tokens.at("ok") +
                             "\"\nwait-text \"This badge is not a staff badge\"\n"
                             "expect-screen scoring\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(r.hits.find("Unlock", true)) << "the PIN pad showed for an intern's badge";
}

TEST_P(ScoringMode, ADraftSurvivesTheTabletBeingShutAndComesBack) {
    {
        Kiosk kiosk(options());
        auto r = runScenario(kiosk,
                             unlock(floor) +
                                 "tap-text \"Support triage\"\nwait-screen scoring-sheet\n"
                                 "wait-text \"Submit score\"\ntap-text impact-4\n"
                                 "tap-text quality-2\n",
                             shots);
        ASSERT_FALSE(r.failed) << r.failure;
        kiosk.session().desk()->drain();
    }  // the lid closes: the kiosk is gone, nothing was submitted
    EXPECT_FALSE(scoreOf("Support triage"));
    auto draft =
        DraftBox(draftFolderFor(store.path)).load(floor.judge, floor.demos.at("Support triage"));
    ASSERT_TRUE(draft) << "the sheet on screen was not kept";
    EXPECT_EQ(draft->levels.at("impact"), 4);
    Kiosk again(options());
    auto r = runScenario(again,
                         unlock(floor) +
                             "tap-text \"Support triage\"\nwait-screen scoring-sheet\n"
                             "wait-text \"Your unfinished sheet was restored.\"\n"
                             "screenshot scoring-sheet-draft-" +
                             size() + "\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
}

TEST_P(ScoringMode, AScoreChangeAfterTheLeadClosedJudgingIsRefusedWithItsReason) {
    {
        Kiosk kiosk(options());
        ASSERT_FALSE(runScenario(kiosk, unlock(floor) + score("Churn radar", 4), shots).failed);
    }
    {
        Store s = Store::open(store.path);
        Event e = *s.event(store.event.id);
        e.judgingClosedAt = nowMillis() - 1000;
        s.saveEvent(e);
    }
    Kiosk kiosk(options());
    std::string edit =
        "tap-text \"Churn radar\"\nwait-screen scoring-sheet\nwait-text \"Submit score\"\n";
    for (const auto& c : defaultRubric().criteria) edit += "tap-text " + c.key + "-1\n";
    auto r = runScenario(kiosk,
                         unlock(floor) + "wait-text \"Judging is closed\"\n" + edit +
                             "tap-text \"No\"\ntap-text \"Submit score\"\n"
                             "wait-text \"Judging is closed: this score can no longer change.\"\n"
                             "expect-screen scoring-sheet\nscreenshot scoring-sheet-closed-" +
                             size() + "\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    ASSERT_TRUE(scoreOf("Churn radar"));
    EXPECT_DOUBLE_EQ(*scoreOf("Churn radar")->total, 75) << "the closed score changed";
}

TEST_P(ScoringMode, TheLeadSwitchesADoorKioskToScoringWithTheLeadPinOnly) {
    KioskOptions o = options();
    o.mode = "door";
    o.leadPinHash = hashPin("2468");
    Kiosk kiosk(o);
    const std::string staffPin =
        "tap-text \"1\"\ntap-text \"3\"\ntap-text \"5\"\ntap-text \"7\"\ntap-text \"Unlock\"\n";
    const std::string leadPin =
        "tap-text \"2\"\ntap-text \"4\"\ntap-text \"6\"\ntap-text \"8\"\ntap-text \"Unlock\"\n";
    auto r = runScenario(kiosk,
                         "tap-text staff-corner\nwait-screen staff-pin\n" + staffPin +
                             "wait-screen staff\ntap-text \"Device mode\"\nwait-screen mode-pin\n" +
                             staffPin + "wait-text \"Wrong PIN\"\nexpect-screen mode-pin\n" +
                             leadPin + "wait-screen mode\nscreenshot mode-" + size() +
                             "\ntap-text \"Scoring: staff score demos\"\nwait-screen scoring\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    // Idle now returns to the scoring start, not the door's attract screen.
    EXPECT_EQ(kiosk.app().settings().attractScreen, "scoring");
}

TEST_P(ScoringMode, WithThePinAloneTheJudgePicksTheirNameFromTheStaffList) {
    KioskOptions o = options();
    o.judging.pinAlone = true;
    Kiosk kiosk(o);
    auto r = runScenario(kiosk,
                         "wait-screen scoring\nwait-text \"Enter the staff PIN\"\n"
                         "tap-text \"1\"\ntap-text \"3\"\ntap-text \"5\"\ntap-text \"7\"\n"
                         "tap-text \"Unlock\"\nwait-screen scoring-pick\nwait-text \"Chen Wei\"\n"
                         "screenshot scoring-pick-" +
                             size() +
                             "\ntap-text \"Chen Wei\"\nwait-screen scoring-board\n"
                             "wait-text \"Scoring · Chen Wei\"\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(r.hits.find("Ana Lima")) << "an intern was offered as a judge";
}

TEST_P(ScoringMode, ATabletLeftAloneLocksItselfAndForgetsTheJudge) {
    KioskOptions o = options();
    o.judging.lockAfterIdleSeconds = 1;
    Kiosk kiosk(o);
    auto r = runScenario(kiosk,
                         unlock(floor) +
                             "wait-screen scoring\n"
                             "wait-text \"Judges: scan your staff badge\"\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(kiosk.session().floor().judge()) << "the judge stayed unlocked after the lock";
    EXPECT_FALSE(r.hits.find("Sofia Rossi"));
}

TEST_P(ScoringMode, TheSearchFieldNarrowsTheListOfAllDemos) {
    Kiosk kiosk(options());
    auto r = runScenario(kiosk,
                         unlock(floor) +
                             "wait-text \"Onboarding flow\"\ntap-text field:demo-search\n"
                             "type \"warehouse\"\nwait 300\nwait-text \"Warehouse map\"\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(r.hits.find("Onboarding flow", true)) << "a demo the query does not name";
    EXPECT_TRUE(r.hits.find("Warehouse map", true));
}

INSTANTIATE_TEST_SUITE_P(Sizes, ScoringMode, ::testing::Values(Size{1280, 800}, Size{1920, 1080}),
                         sizeName);

}  // namespace
}  // namespace oh::kiosk::testing
