// Showcase and dashboard modes at the kiosk, driven headless through the real main loop at
// 1280x800 and 1920x1080, each screen's content checked against the store: the demo presenting
// now and the next one with its countdown, the program after a schedule shift written by
// another process (as a sync would), spotlights between sessions with outcome first, names in
// four scripts shaped, nothing personal beyond names and titles; the dashboard's funnel,
// coverage marks and decisions against the store, its lead PIN, and a schedule shift from
// its Actions tab on the lead's laptop (and refused on a plain device).
#include "core/dashboard/dashboard.hpp"
#include "core/identity/pin.hpp"
#include "core/judging/schedule_shift.hpp"
#include "core/judging/scoring.hpp"
#include "core/judging/showcase_program.hpp"
#include "kiosk_fixture.hpp"

#include <fstream>

namespace oh::kiosk::testing {
namespace {

class ShowcaseMode : public ::testing::TestWithParam<Size> {
  protected:
    DemoStore store{tempDir("store")};
    JudgingFloor floor = addJudgingFloor(store);
    std::filesystem::path shots = tempDir("shots");

    KioskOptions options(const std::string& mode) const {
        KioskOptions o = storeOptions(GetParam(), store);
        o.mode = mode;
        o.leadPinHash = hashPin("2468");
        return o;
    }
    std::string size() const {
        return std::to_string(GetParam().width) + "x" + std::to_string(GetParam().height);
    }
    // The dashboard on the lead's laptop: its home holds the central record's file (a copy of
    // the device store here), so the lead's actions are the program team's.
    KioskOptions onTheLeadsLaptop() {
        std::filesystem::copy_file(store.path, store.dir / "central.db");
        KioskOptions o = options("dashboard");
        o.home = store.dir.string();
        o.device = "lead-laptop";
        return o;
    }
    // The central record's audit log holds `action` by the lead on the lead's laptop.
    bool loggedOnCentral(const std::string& action) {
        Store central = Store::open((store.dir / "central.db").string());
        for (const auto& e : central.auditLog(20))
            if (e.action == action && e.actor == "lead on lead-laptop" && e.at > 0) return true;
        return false;
    }
    std::string demoId(const std::string& title) {
        Store s = Store::open(store.path);
        for (const auto& d : s.showcases(store.event.id))
            if (d.title == title) return d.id;
        return "";
    }
    // A team demo presented by four people writing in four scripts.
    void addTeamDemo(std::int64_t start) {
        Store s = Store::open(store.path);
        store.add(s, "王伟", "wei@example.org", Role::Intern, "Team Cosmos", "", "");
        store.add(s, "प्रिया शर्मा", "priya@example.org", Role::Intern, "Team Cosmos", "", "");
        store.add(s, "ليلى الحسن", "layla@example.org", Role::Intern, "Team Cosmos", "", "");
        Showcase d;
        d.id = Uuid::v7().str();
        d.eventId = store.event.id;
        d.internId = store.ids.at("ana");
        auto id = [&](const char* email) { return s.attendeeByEmail(store.event.id, email)->id; };
        d.presenterIds = {id("ana@example.org"), id("wei@example.org"), id("priya@example.org"),
                          id("layla@example.org")};
        d.title = "Route planner";
        d.location = "Room 9";
        d.slotStart = start;
        d.slotEnd = start + 1200;
        d.metricName = "delivery time";
        d.metricChange = "-18%";
        s.upsertShowcase(d);
    }
};

TEST_P(ShowcaseMode, ShowsTheDemoPresentingNowAndTheNextWithItsCountdownAndQrCodes) {
    Kiosk kiosk(options("showcase"));
    auto r = runScenario(kiosk,
                         "expect-screen showcase\nwait-text \"Warehouse map\"\n"
                         "wait-text \"Onboarding flow\"\nwait-text \"in 30 min\"\n"
                         "screenshot showcase-now-" +
                             size() + "\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_TRUE(r.hits.find("qr:" + floor.demos.at("Warehouse map")));
    EXPECT_TRUE(r.hits.find("qr:" + demoId("Onboarding flow")));
    EXPECT_TRUE(r.hits.find("NOW · until"));
    EXPECT_TRUE(r.hits.find("tickets \u221212 %")) << "the outcome on its live metric";
    EXPECT_FALSE(r.hits.find("Checkout speed")) << "a finished demo is still on the program";
    for (const Hit& h : r.hits.all()) {
        EXPECT_EQ(h.label.find('@'), std::string::npos) << "an e-mail on a public screen";
        EXPECT_EQ(h.missingGlyphs, 0) << h.label;
    }
}

TEST_P(ShowcaseMode, FollowsAScheduleShiftThatReachesTheStore) {
    Kiosk kiosk(options("showcase"));
    auto r = runScenario(kiosk, "wait-text \"in 30 min\"\n", shots);
    ASSERT_FALSE(r.failed) << r.failure;
    {  // what a sync round writes after the lead shifted Table 3 by ten minutes
        Store s = Store::open(store.path);
        ASSERT_EQ(shiftSchedule(s, store.event.id, {"Table 3", 10, nowSeconds()}).status,
                  ShiftStatus::Shifted);
    }
    r = runScenario(kiosk, "wait-text \"in 40 min\"\nscreenshot showcase-shifted-" + size() + "\n",
                    shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(r.hits.find("in 30 min"));
}

TEST_P(ShowcaseMode, BetweenSessionsShowsASpotlightOutcomeFirstWithNamesInFourScripts) {
    {  // nothing presents now: every demo of the floor ended or is still to come
        Store s = Store::open(store.path);
        for (auto d : s.showcases(store.event.id))
            if (d.slotEnd > nowSeconds() && d.slotStart <= nowSeconds()) {
                d.slotEnd = nowSeconds() - 1;
                s.upsertShowcase(d);
            }
    }
    addTeamDemo(nowSeconds() + 3600);
    Kiosk kiosk(options("showcase"));
    auto r = runScenario(kiosk,
                         "wait-text Spotlight\nwait-text \"Next demos at\"\n"
                         "screenshot showcase-spotlight-" +
                             size() + "\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    // The card showing (the spotlights turn every few seconds) puts the outcome above the
    // title, where a room card puts it below.
    Store s = Store::open(store.path);
    const ShowcaseProgram p = showcaseProgram(s, store.event.id, nowSeconds());
    ASSERT_TRUE(p.betweenSessions);
    ASSERT_FALSE(p.spotlights.front().outcome.empty()) << "demos with an outcome come first";
    bool outcomeFirst = false;
    for (const ProgramDemo& d : p.spotlights)
        for (const Hit& o : r.hits.all())
            for (const Hit& t : r.hits.all())
                if (o.label == d.outcome && t.label == d.title && o.min.y < t.min.y &&
                    r.hits.find("qr:" + d.showcaseId))
                    outcomeFirst = true;
    EXPECT_TRUE(outcomeFirst);
    auto names = r.hits.find("Ana Lima · 王伟 · प्रिया शर्मा · ليلى الحسن");
    ASSERT_TRUE(names) << "the team's four names, in presenter order";
    EXPECT_TRUE(names->shaped);
    EXPECT_EQ(names->missingGlyphs, 0);
}

TEST_P(ShowcaseMode, TheDashboardAsksForTheLeadPinAndShowsTheStoresFigures) {
    {
        Store s = Store::open(store.path);
        s.recordCheckIn(store.event.id, store.ids.at("ana"), "qr", nowMillis());
    }
    Kiosk kiosk(options("dashboard"));
    auto r = runScenario(kiosk,
                         "expect-screen dashboard-pin\ntype \"1111\"\nkey Enter\n"
                         "wait-text \"Wrong PIN\"\ntype \"2468\"\nkey Enter\n"
                         "wait-screen dashboard\nwait-text \"Interns, step by step\"\n"
                         "screenshot dashboard-overview-" +
                             size() + "\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    Store s = Store::open(store.path);
    ConversionRules rules;
    const DashboardData expected = buildDashboard(s, store.event.id, rules, nowMillis());
    EXPECT_TRUE(r.hits.find("funnel:registered=" + std::to_string(expected.funnel.registered)));
    EXPECT_TRUE(r.hits.find("funnel:checked_in=1"));
    EXPECT_EQ(expected.funnel.checkedIn, 1);
    int below = 0;
    for (const auto& c : expected.coverage) below += c.started && c.belowQuorum;
    EXPECT_TRUE(r.hits.find("coverage:below=" + std::to_string(below)));
    EXPECT_TRUE(r.hits.find("coverage:Warehouse map=0 below")) << "a running demo with no judge";

    r = runScenario(kiosk,
                    "tap-text Decisions\nwait-text \"Conversion decisions\"\n"
                    "screenshot dashboard-decisions-" +
                        size() +
                        "\ntap-text Devices\nwait-text \"No device has reported\"\n"
                        "screenshot dashboard-devices-" +
                        size() + "\n",
                    shots);
    ASSERT_FALSE(r.failed) << r.failure;
}

// One judge scores Checkout speed 80 and Churn radar 60 (z +1 and -1) and recommends an encore
// for Churn radar: with a quorum of one and no peer rule, it is an encore, assigned, due ten
// days after its demo; the Decisions tab lists it, and the funnel counts it.
TEST_P(ShowcaseMode, TheDecisionsTabListsEachEncoreWithItsStateAndDueDate) {
    {
        Store s = Store::open(store.path);
        for (const auto& [title, total] :
             {std::pair{"Checkout speed", 80.0}, {"Churn radar", 60.0}}) {
            Score score;
            score.eventId = store.event.id;
            score.judgeId = floor.judge;
            score.showcaseId = floor.demos.at(title);
            score.total = total;
            score.encore = std::string(title) == "Churn radar";
            s.recordScore(score);
        }
    }
    KioskOptions o = options("dashboard");
    o.quorum = 1;  // the one quorum of suggestions and decisions
    o.conversion.quorum = 1;
    o.conversion.minPeerRating = 0;
    Kiosk kiosk(o);
    auto r = runScenario(kiosk,
                         "expect-screen dashboard-pin\ntype \"2468\"\nkey Enter\n"
                         "wait-screen dashboard\ntap-text Decisions\nwait-text \"Encores\"\n"
                         "screenshot dashboard-encores-" +
                             size() + "\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    Store s = Store::open(store.path);
    const DashboardData expected = buildDashboard(s, store.event.id, o.conversion, nowMillis());
    ASSERT_EQ(expected.encores.assigned, 1);
    EXPECT_TRUE(r.hits.find("encore:Churn radar=assigned"));
    const Decision* churn = nullptr;
    for (const auto& d : expected.decisions)
        if (d.showcaseTitle == "Churn radar") churn = &d;
    ASSERT_TRUE(churn && churn->encore);
    EXPECT_TRUE(r.hits.find("assigned · due " + isoUtc(churn->encore->dueAt / 1000).substr(0, 10) +
                            " · encore"));
    EXPECT_TRUE(r.hits.find("encores:passed=0"));
}

TEST_P(ShowcaseMode, AShiftFromTheDashboardIsRefusedOnADeviceThatIsNotTheLeadsLaptop) {
    Kiosk kiosk(options("dashboard"));
    auto r = runScenario(kiosk,
                         "type \"2468\"\nkey Enter\nwait-screen dashboard\ntap-text Actions\n"
                         "wait-text \"Table 3\"\ntap-text \"Table 3\"\n"
                         "tap-text \"Shift Table 3 by +10 min\"\n"
                         "wait-text \"Only the lead's laptop\"\n"
                         "screenshot dashboard-actions-" +
                             size() + "\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    Store s = Store::open(store.path);
    EXPECT_EQ(s.showcase(demoId("Onboarding flow"))->slotStart, store.event.startsAt + 3600 + 1800)
        << "the device's own store changed";
}

TEST_P(ShowcaseMode, AShiftFromTheDashboardOnTheLeadsLaptopChangesTheCentralAndIsLogged) {
    Kiosk kiosk(onTheLeadsLaptop());
    auto r = runScenario(kiosk,
                         "type \"2468\"\nkey Enter\nwait-screen dashboard\ntap-text Actions\n"
                         "wait-text \"Table 3\"\ntap-text \"Table 3\"\ntap-text +5\n"
                         "tap-text \"Shift Table 3 by +15 min\"\nwait-text Shifted.\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    Store central = Store::open((store.dir / "central.db").string());
    const std::string id = demoId("Onboarding flow");
    EXPECT_EQ(central.showcase(id)->slotStart, store.event.startsAt + 5400 + 15 * 60);
    EXPECT_TRUE(loggedOnCentral("schedule.shift"))
        << "the lead's action is logged with actor, device and time";
    EXPECT_GE(central.outboxBacklog(), 1) << "the shift goes out to the other devices";
}

TEST_P(ShowcaseMode, TheLeadClosesJudgingFromTheDashboardOnTheLeadsLaptop) {
    Kiosk kiosk(onTheLeadsLaptop());
    auto r = runScenario(kiosk,
                         "type \"2468\"\nkey Enter\nwait-screen dashboard\ntap-text Actions\n"
                         "tap-text \"Close judging\"\nwait-text \"Judging is closed\"\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    Store central = Store::open((store.dir / "central.db").string());
    EXPECT_GT(central.event(store.event.id)->judgingClosedAt, 0);
    EXPECT_TRUE(loggedOnCentral("judging.close"));
}

TEST_P(ShowcaseMode, TheDashboardExportsTheCheckInListToTheChosenFolderReadableOnlyByItsOwner) {
    {
        Store s = Store::open(store.path);
        s.recordCheckIn(store.event.id, store.ids.at("ana"), "qr", nowMillis());
        s.recordCheckIn(store.event.id, store.ids.at("layla"), "qr", nowMillis());
    }
    Kiosk kiosk(options("dashboard"));
    auto r = runScenario(kiosk,
                         "type \"2468\"\nkey Enter\nwait-screen dashboard\ntap-text Actions\n"
                         "wait-text \"Check-in list\"\ntap-text \"Check-in list\"\n"
                         "wait-text Saved:\nscreenshot dashboard-exported-" +
                             size() + "\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    int files = 0;
    for (const auto& f : std::filesystem::directory_iterator(store.dir / "exports")) {
        ++files;
        const auto perms = std::filesystem::status(f.path()).permissions();
        EXPECT_EQ(perms & std::filesystem::perms::all,
                  std::filesystem::perms::owner_read | std::filesystem::perms::owner_write)
            << f.path();
        if (f.path().extension() == ".csv") {
            std::ifstream in(f.path());
            std::string text((std::istreambuf_iterator<char>(in)), {});
            EXPECT_NE(text.find("Ana Lima"), std::string::npos);
            EXPECT_NE(text.find("ليلى الحسن"), std::string::npos);
            EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3) << "a header and two rows";
        }
    }
    EXPECT_EQ(files, 2) << "CSV and XLSX";
    Store s = Store::open(store.path);
    int logged = 0;
    for (const auto& e : s.auditLog(20)) logged += e.action == "export.checkins";
    EXPECT_EQ(logged, 2);
}

TEST_P(ShowcaseMode, ADemoCodeFromAShowcaseCardTakesAFeedbackKioskStraightToThatDemo) {
    Kiosk kiosk(options("feedback"));
    const std::string code = demoCode(floor.demos.at("Warehouse map"));
    auto r = runScenario(kiosk,
                         "scan \"" + store.tokens.at("layla") +
                             "\"\nwait-screen feedback-pick\n"
                             "scan \"" +
                             demoCode(Uuid::v7().str()) +
                             "\"\nexpect-screen feedback-pick\n"
                             "scan \"" +
                             code + "\"\nwait-screen feedback-form\nwait-text \"Warehouse map\"\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
}

INSTANTIATE_TEST_SUITE_P(Sizes, ShowcaseMode, ::testing::Values(Size{1280, 800}, Size{1920, 1080}),
                         sizeName);

}  // namespace
}  // namespace oh::kiosk::testing
