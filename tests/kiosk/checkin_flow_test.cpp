// The kiosk with a real device store, headless at both sizes: camera, wedge scanner and name
// search check-ins, every failure screen, duplicates, walk-ins, staff undo/reprint, PINs,
// printing and a camera that goes away. Each scenario checks the screen (labels and pixels)
// and then the store: one check-in per accepted code, none per rejected one.
#include <ctime>
#include <fstream>
#include <thread>

#include "core/identity/pin.hpp"
#include "kiosk/session.hpp"
#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

constexpr Rgb kAccent{255, 196, 61};

float scaleOf(Size s) {
    return std::min(s.width / 1280.0f, s.height / 800.0f);
}

class CheckInFlow : public ::testing::TestWithParam<Size> {
  protected:
    DemoStore store{tempDir("store")};
    std::filesystem::path shots = tempDir("shots");
};

TEST_P(CheckInFlow, CameraCodeChecksInOnceThenTheRepeatSaysWhenAndWhere) {
    const auto ana = store.qrImage(store.tokens["ok"], "ana");
    Kiosk kiosk(storeOptions(GetParam(), store));
    auto r = runScenario(kiosk,
                         "expect-screen attract\n"
                         "camera " +
                             ana +
                             "\n"
                             "wait-screen welcome\n"
                             "expect-text \"You are checked in.\"\n"
                             "screenshot welcome\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_EQ(store.checkIns(), 1) << "the welcome shows only after the commit";
    // Compliment first, with the demo slot; the name drawn large through pango.
    auto line = r.hits.find(
        "Welcome, Ana — your onboarding flow cut support tickets by 12%. Your demo: Table 3 at");
    ASSERT_TRUE(line) << "compliment line missing";
    auto name = r.hits.find("Ana Lima");
    ASSERT_TRUE(name);
    const Image& img = r.shots["welcome"];
    EXPECT_GT(name->height(), 60.0f * scaleOf(GetParam())) << "the name must be large";
    EXPECT_GT(inkFraction(img, *name), 0.10) << "name texture not drawn";
    EXPECT_GT(colorFraction(img, *line, kAccent, 40), 0.03)
        << "compliment line should be in the accent colour";
    EXPECT_NEAR(name->center().x, GetParam().width / 2.0f, 3.0f) << "name is centred";
    EXPECT_LE(line->max.x, static_cast<float>(GetParam().width));

    // The same code again: "already checked in", when and where; still one check-in.
    auto again = runScenario(kiosk,
                             "camera " + ana +
                                 "\n"
                                 "wait-screen failure-already_checked_in\n"
                                 "expect-text \"You are already checked in\"\n"
                                 "screenshot repeat\n",
                             shots);
    ASSERT_FALSE(again.failed) << again.failure;
    bool whereAndWhen = false;
    for (const auto& h : again.hits.all())
        whereAndWhen |= h.label.rfind("You checked in at ", 0) == 0 &&
                        h.label.find("Kiosk A") != std::string::npos;
    EXPECT_TRUE(whereAndWhen) << "the repeat screen must say when and at which kiosk";
    EXPECT_EQ(store.checkIns(), 1);
}

TEST_P(CheckInFlow, EveryRejectedCodeGetsItsOwnScreenAndRecordsNothing) {
    Kiosk kiosk(storeOptions(GetParam(), store));
    const std::map<std::string, std::string> titles{
        {"expired", "This invitation has expired"},
        {"not_yet_valid", "This invitation is not valid yet"},
        {"wrong_event", "This invitation is for another event"},
        {"revoked", "This invitation has been withdrawn"},
        {"unreadable", "We could not read that code"},
        {"invalid_signature", "This code could not be verified"},
        {"unknown", "We could not find your invitation"},
        {"blocked", "Please see a host"},
    };
    for (const auto& [reason, title] : titles) {
        SCOPED_TRACE(reason);
        auto r = runScenario(kiosk,
                             "scan \"" + store.tokens[reason] +
                                 "\"\n"
                                 "wait-screen failure-" +
                                 reason +
                                 "\n"
                                 "expect-text \"" +
                                 title +
                                 "\"\n"
                                 "expect-text \"What to do next\"\n"
                                 "screenshot " +
                                 reason + "\n",
                             shots);
        ASSERT_FALSE(r.failed) << r.failure;
        const Image& img = r.shots[reason];
        // The title is drawn (ink in its box), the search way forward is a big accent button.
        auto search = r.hits.find("Search your name", true);
        ASSERT_TRUE(search);
        EXPECT_GE(search->height(), 48.0f * scaleOf(GetParam()));
        EXPECT_GT(colorFraction(img, *search, kAccent), 0.5);
        EXPECT_LE(search->max.y, static_cast<float>(GetParam().height));
        auto heading = r.hits.find(title);
        ASSERT_TRUE(heading);
        EXPECT_GT(inkFraction(img, *heading), 0.1) << "title not drawn";
        auto back = runScenario(kiosk, "tap-text \"Done\"\nexpect-screen attract\n", shots);
        ASSERT_FALSE(back.failed) << back.failure;
    }
    // Specific facts on the screens that have them.
    auto dates = runScenario(kiosk,
                             "scan \"" + store.tokens["expired"] +
                                 "\"\n"
                                 "wait-screen failure-expired\n"
                                 "expect-text \"The code was valid until\"\n"
                                 "scan \"" +
                                 store.tokens["wrong_event"] +
                                 "\"\n"
                                 "wait-screen failure-wrong_event\n"
                                 "expect-text \"Today's event is Openhouse Demo Day\"\n",
                             shots);
    EXPECT_FALSE(dates.failed) << dates.failure;
    EXPECT_EQ(store.checkIns(), 0) << "a rejected code must not check anyone in";
}

TEST_P(CheckInFlow, NameSearchShowsOnlyFirstNameInitialAndTeamAndChecksIn) {
    Kiosk kiosk(storeOptions(GetParam(), store));
    auto r = runScenario(kiosk,
                         "tap-text \"Search your name\"\n"
                         "expect-screen search\n"
                         "type \"a\"\n"
                         "wait-text \"Type at least two letters.\"\n"
                         "type \"na\"\n"
                         "wait-text \"Ana L. · Team Aurora\"\n"
                         "screenshot search\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    for (const auto& h : r.hits.all()) {
        EXPECT_EQ(h.label.find("Lima"), std::string::npos) << "full last name shown: " << h.label;
        EXPECT_EQ(h.label.find("@"), std::string::npos) << "e-mail shown: " << h.label;
    }
    auto row = r.hits.find("Ana L. · Team Aurora", true);
    ASSERT_TRUE(row);
    EXPECT_GE(row->height(), 48.0f) << "touch target below 48 px";
    EXPECT_GT(inkFraction(r.shots["search"], *row), 0.2);
    auto field = r.hits.find("field:name", true);
    ASSERT_TRUE(field);
    EXPECT_GE(field->height(), 48.0f);
    EXPECT_EQ(store.checkIns(), 0) << "searching alone checks nobody in";

    auto typo =
        runScenario(kiosk,
                    "key Backspace\nkey Backspace\nkey Backspace\n"
                    "type \"Omra\"\n"
                    "wait-text \"Omar H. · Team Aurora\"\n"
                    "tap-text \"Omar H. · Team Aurora\"\n"
                    "wait-screen welcome\n"
                    "wait-text \"your churn model flagged 40 at-risk accounts a week early\"\n",
                    shots);
    ASSERT_FALSE(typo.failed) << typo.failure;
    EXPECT_EQ(store.checkIns(), 1);
    EXPECT_TRUE(store.activeCheckIn("omar"));
}

TEST_P(CheckInFlow, WalkInRegistersChecksInAndSpoolsABadge) {
    Kiosk kiosk(storeOptions(GetParam(), store));
    auto r =
        runScenario(kiosk,
                    "tap-text \"Not registered? Sign up here\"\n"
                    "expect-screen walk-in\n"
                    "screenshot walk-in-empty\n"
                    "tap-text \"Register and print my badge\"\n"
                    "wait-text \"Please enter your name.\"\n"
                    "tap-text \"field:name\"\n"
                    "type \"Jo Walker\"\n"
                    "wait 60\n"
                    "tap-text \"field:email\"\n"
                    "type \"jo.walker@example.net\"\n"
                    "wait 60\n"
                    "tap-text \"Register and print my badge\"\n"
                    "wait-text \"Please accept the privacy notice to continue.\"\n"
                    "tap-text \"consent:off\"\n"
                    "expect-text \"consent:on\"\n"
                    "screenshot walk-in-filled\n"
                    "tap-text \"Register and print my badge\"\n"
                    "wait-screen welcome\n"
                    "expect-text \"Welcome, Jo! Great to have you here — the demos are on now.\"\n"
                    "wait-text \"Your badge is ready — please collect it at the desk.\"\n"
                    "screenshot walk-in-welcome\n",
                    shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_EQ(store.checkIns(), 1);
    Store s = Store::open(store.path);
    auto jo = s.attendeeByEmail(store.event.id, "jo.walker@example.net");
    ASSERT_TRUE(jo);
    EXPECT_EQ(jo->fullName, "Jo Walker");
    EXPECT_EQ(jo->role, Role::Guest);
    auto ci = s.activeCheckIn(store.event.id, jo->id);
    ASSERT_TRUE(ci);
    EXPECT_EQ(ci->method, "walk-in");
    // The privacy notice from the configuration is on the form.
    EXPECT_TRUE(r.shots.count("walk-in-filled"));
    // The badge went to the spool folder (no printer configured).
    int pdfs = 0;
    for (const auto& e : std::filesystem::directory_iterator(store.dir / "spool"))
        pdfs += e.path().extension() == ".pdf";
    EXPECT_EQ(pdfs, 1);
}

TEST_P(CheckInFlow, WalkInWithAnEmailOnTheRosterIsRefused) {
    Kiosk kiosk(storeOptions(GetParam(), store));
    auto r = runScenario(
        kiosk,
        "tap-text \"Not registered? Sign up here\"\n"
        "tap-text \"field:name\"\n"
        "type \"Someone Else\"\n"
        "wait 60\n"
        "tap-text \"field:email\"\n"
        "type \"ana@example.org\"\n"
        "wait 60\n"
        "tap-text \"consent:off\"\n"
        "tap-text \"Register and print my badge\"\n"
        "wait-text \"This e-mail is already on the list. Please search your name instead.\"\n"
        "expect-screen walk-in\n",
        shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_EQ(store.checkIns(), 0);
    Store s = Store::open(store.path);
    EXPECT_EQ(s.attendee(store.ids["ana"])->fullName, "Ana Lima")
        << "a walk-in renamed someone on the roster";
}

TEST_P(CheckInFlow, PinAndStaffScreensHaveLargeKeysInsideTheWindow) {
    KioskOptions o = storeOptions(GetParam(), store);
    o.staffPinHash = hashPin("1357");
    Kiosk kiosk(o);
    auto r = runScenario(kiosk,
                         "scan \"" + store.tokens["omar"] + "\"\nwait-screen welcome\n" +
                             "tap-text \"Done\"\ntap-text staff-corner\n"
                             "expect-screen staff-pin\n"
                             "tap-text \"1\"\ntap-text \"3\"\n"
                             "expect-text pin-dots:2\n"
                             "screenshot staff-pin\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    const Image& img = r.shots["staff-pin"];
    const float scale = scaleOf(GetParam());
    for (const char* key : {"0", "1", "5", "9", "Clear", "Unlock"}) {
        auto k = r.hits.find(key, true);
        ASSERT_TRUE(k) << key;
        EXPECT_GE(k->height(), 48.0f * scale) << key;
        EXPECT_GE(k->width(), 48.0f * scale) << key;
        EXPECT_LE(k->max.y, static_cast<float>(GetParam().height)) << key << " is off screen";
        EXPECT_GT(inkFraction(img, *k), 0.02) << key << " not drawn";
    }
    EXPECT_GT(colorFraction(img, *r.hits.find("Unlock", true), kAccent), 0.5);
    auto s = runScenario(
        kiosk,
        "tap-text \"5\"\ntap-text \"7\"\ntap-text \"Unlock\"\nwait-screen staff\ntype \"Omar\"\n"
        "wait-text \"Omar H.  ·  Team Aurora\"\nscreenshot staff\n",
        shots);
    ASSERT_FALSE(s.failed) << s.failure;
    for (const char* b : {"Undo check-in", "Reprint badge", "Close kiosk"}) {
        auto h = s.hits.find(b, true);
        ASSERT_TRUE(h) << b;
        EXPECT_GE(h->height(), 48.0f) << b;
        EXPECT_LE(h->max.x, static_cast<float>(GetParam().width)) << b;
        EXPECT_GT(inkFraction(s.shots["staff"], *h), 0.05) << b;
    }
}

INSTANTIATE_TEST_SUITE_P(KioskSizes, CheckInFlow,
                         ::testing::Values(Size{1920, 1080}, Size{1280, 800}), sizeName);

// ---- one size is enough for the behaviours below --------------------------------------------

class KioskBehaviour : public ::testing::Test {
  protected:
    DemoStore store{tempDir("store")};
    std::filesystem::path shots = tempDir("shots");
    Size size{1280, 800};
};

TEST_F(KioskBehaviour, WedgeScannerChecksInAndHumanTypingGoesToTheSearchBox) {
    Kiosk kiosk(storeOptions(size, store));
    // A scanner on the attract screen.
    auto r =
        runScenario(kiosk, "scan \"" + store.tokens["ok"] + "\"\nwait-screen welcome\n", shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_EQ(store.checkIns(), 1);
    // A person typing slowly on the search screen: the letters land in the box, nothing is scanned.
    auto t = runScenario(
        kiosk,
        "tap-text \"Done\"\n"
        "wait-screen attract\n"
        "tap-text \"Search your name\"\n"
        "type \"O\"\nwait 80\ntype \"m\"\nwait 80\ntype \"a\"\nwait 80\ntype \"r\"\nwait 80\n"
        "key Enter\n"
        "wait-text \"Omar H. · Team Aurora\"\n"
        "expect-screen search\n",
        shots);
    ASSERT_FALSE(t.failed) << t.failure;
    EXPECT_EQ(store.checkIns(), 1) << "typing must not check anyone in";
    // A scanner while the search screen shows: the code is not typed into the box, it checks in.
    auto s =
        runScenario(kiosk, "scan \"" + store.tokens["omar"] + "\"\nwait-screen welcome\n", shots);
    ASSERT_FALSE(s.failed) << s.failure;
    EXPECT_EQ(store.checkIns(), 2);
}

TEST_F(KioskBehaviour, EventDatesFollowTheLanguageSwitch) {
    Kiosk kiosk(storeOptions(size, store));
    std::time_t t = static_cast<std::time_t>(store.event.startsAt);
    std::tm tm{};
    localtime_r(&t, &tm);
    const char* en[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                        "Thursday", "Friday", "Saturday"};
    const char* es[] = {"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"};
    auto r = runScenario(kiosk,
                         std::string("expect-text \"HQ, Floor 3   ·   ") + en[tm.tm_wday] + "\"\n" +
                             "tap-text \"Español\"\n" + "expect-text \"HQ, Floor 3   ·   " +
                             es[tm.tm_wday] + "\"\nscreenshot attract-es\n",
                         shots);
    EXPECT_FALSE(r.failed) << r.failure;
}

TEST_F(KioskBehaviour, ArabicNameIsShapedIntoTheWelcome) {
    Kiosk kiosk(storeOptions(size, store));
    auto r = runScenario(
        kiosk, "scan \"" + store.tokens["layla"] + "\"\nwait-screen welcome\nscreenshot layla\n",
        shots);
    ASSERT_FALSE(r.failed) << r.failure;
    auto name = r.hits.find("ليلى الحسن");
    ASSERT_TRUE(name);
    EXPECT_GT(inkFraction(r.shots["layla"], *name), 0.08) << "Arabic name not drawn";
    EXPECT_TRUE(r.hits.find("Welcome, ليلى! Great to have you here — the demos are on now."));
}

TEST_F(KioskBehaviour, WelcomeReturnsToAttractAfterThePrivacyTimeout) {
    KioskOptions o = storeOptions(size, store);
    o.personalDataTimeout = std::chrono::milliseconds(400);
    Kiosk kiosk(o);
    auto r = runScenario(
        kiosk, "scan \"" + store.tokens["ok"] + "\"\nwait-screen welcome\nwait-screen attract\n",
        shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(r.hits.find("Ana Lima")) << "the name is still drawn";
    EXPECT_FALSE(kiosk.session().lastCheckIn().reply.attendee) << "the check-in stays in memory";
}

TEST_F(KioskBehaviour, FailedPrintSaysCollectAtTheDeskAndTheCheckInCounts) {
    const auto lp = store.dir / "fake-lp.sh";
    std::ofstream(lp) << "#!/bin/sh\necho 'printer on fire' >&2\nexit 1\n";
    std::filesystem::permissions(lp, std::filesystem::perms::owner_all);
    KioskOptions o = storeOptions(size, store);
    o.printerOverride = "badges";
    o.lpCommand = lp.string();
    Kiosk kiosk(o);
    auto r = runScenario(kiosk,
                         "scan \"" + store.tokens["ok"] +
                             "\"\n"
                             "wait-screen welcome\n"
                             "wait-text \"Your badge could not be printed. Please collect it at "
                             "the desk — you are checked in.\"\n"
                             "screenshot print-failed\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_EQ(store.checkIns(), 1);
    // The desk can reprint it: the PDF is kept in spool/failed.
    EXPECT_TRUE(std::filesystem::exists(store.dir / "spool" / "failed"));
}

TEST_F(KioskBehaviour, CameraThatDisappearsSaysSoAndSearchStillWorks) {
    const auto cam = store.dir / "camera";
    std::filesystem::create_directories(cam);
    GrayImage blank(640, 360, 128);
    std::string error;
    ASSERT_TRUE(writePng((cam / "frame.png").string(), blank, &error)) << error;
    KioskOptions o = storeOptions(size, store);
    o.cameraFile = cam.string();
    Kiosk kiosk(o);
    auto r = runScenario(kiosk,
                         "wait-text \"Camera on: hold your code inside the frame\"\nwait-text "
                         "camera-preview\nscreenshot camera-on\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    auto preview = r.hits.find("camera-preview");
    ASSERT_TRUE(preview);
    // The grey test frame shows inside the guide.
    Hit centre{"", ImVec2(preview->center().x - 20, preview->center().y - 20),
               ImVec2(preview->center().x + 20, preview->center().y + 20)};
    EXPECT_GT(colorFraction(r.shots["camera-on"], centre, Rgb{128, 128, 128}, 12), 0.9);

    std::filesystem::remove_all(cam);  // unplugged
    auto lost = runScenario(kiosk,
                            "wait-text \"The camera was disconnected. Reconnecting…\"\n"
                            "screenshot camera-lost\n"
                            "tap-text \"Search your name\"\n"
                            "type \"Ana\"\n"
                            "wait-text \"Ana L. · Team Aurora\"\n"
                            "tap-text \"Ana L. · Team Aurora\"\n"
                            "wait-screen welcome\n",
                            shots);
    ASSERT_FALSE(lost.failed) << lost.failure;
    EXPECT_EQ(store.checkIns(), 1);
    EXPECT_FALSE(lost.hits.find("camera-preview"));

    // Plugged in again: picked up without a restart.
    std::filesystem::create_directories(cam);
    ASSERT_TRUE(writePng((cam / "frame.png").string(), blank, &error)) << error;
    auto back = runScenario(
        kiosk, "tap-text \"Done\"\nwait-text \"Camera on: hold your code inside the frame\"\n",
        shots);
    EXPECT_FALSE(back.failed) << back.failure;
}

TEST_F(KioskBehaviour, NoCameraAtAllIsAClearMessage) {
    KioskOptions o = storeOptions(size, store);
    o.cameraDevice = "/dev/video-openhouse-test-none";
    Kiosk kiosk(o);
    auto r = runScenario(
        kiosk,
        "wait-text \"No camera found. You can still search your name.\"\nscreenshot no-camera\n",
        shots);
    EXPECT_FALSE(r.failed) << r.failure;
}

TEST_F(KioskBehaviour, RosterAndRevocationsSyncedIntoTheStoreAreUsedWithoutARestart) {
    KioskOptions o = storeOptions(size, store);
    o.deskRefreshMs = 150;
    Kiosk kiosk(o);
    auto before = runScenario(
        kiosk, "tap-text \"Search your name\"\ntype \"Nadia\"\nwait-text \"No match\"\n", shots);
    ASSERT_FALSE(before.failed) << before.failure;
    {
        // What the sync daemon does: writes into the same device store.
        Store s = Store::open(store.path);
        Store::ApplyingRemote remote(s);
        // The revocation first: the kiosk re-reads keys before it looks at the roster, so once
        // Nadia is searchable the revocation is in force.
        s.revokeToken(
            store.event.id,
            s.verifierFor(store.event.id).verify(store.tokens["omar"], nowSeconds()).tokenId, "");
        Attendee a;
        a.eventId = store.event.id;
        a.fullName = "Nadia Karim";
        a.email = "nadia@example.org";
        a.team = "Team Borealis";
        s.upsertAttendee(a);
    }
    ASSERT_TRUE(runUntil(kiosk, [&] { return !kiosk.session().search("Nadia").empty(); }));
    auto after =
        runScenario(kiosk,
                    "key Backspace\ntype \"a\"\nwait-text \"Nadia K. · Team Borealis\"\nwait 60\n"
                    "scan \"" +
                        store.tokens["omar"] + "\"\nwait-screen failure-revoked\n",
                    shots);
    EXPECT_FALSE(after.failed) << after.failure << " (screen " << after.screen << ")";
    EXPECT_EQ(store.checkIns(), 0);
}

TEST_F(KioskBehaviour, ANameCorrectedBySyncIsSearchableWithoutARestart) {
    // The roster keeps its size: only a change of an entry tells the kiosk to rebuild.
    KioskOptions o = storeOptions(size, store);
    o.deskRefreshMs = 150;
    Kiosk kiosk(o);
    auto before = runScenario(
        kiosk, "tap-text \"Search your name\"\ntype \"Xiomara\"\nwait-text \"No match\"\n", shots);
    ASSERT_FALSE(before.failed) << before.failure;
    {
        Store s = Store::open(store.path);
        Store::ApplyingRemote remote(s);
        auto ana = s.attendee(store.ids["ana"]);
        ASSERT_TRUE(ana);
        ana->fullName = "Xiomara Lima";
        s.upsertAttendee(*ana);
        ASSERT_EQ(s.countAttendees(store.event.id), 5);
    }
    ASSERT_TRUE(runUntil(kiosk, [&] { return !kiosk.session().search("Xiomara").empty(); }));
    auto after = runScenario(
        kiosk, "key Backspace\ntype \"a\"\nwait-text \"Xiomara L. · Team Aurora\"\n", shots);
    EXPECT_FALSE(after.failed) << after.failure << " (screen " << after.screen << ")";
}

KioskOptions withPins(KioskOptions o) {
    o.leadPinHash = hashPin("2468");
    o.staffPinHash = hashPin("1357");
    return o;
}

std::string pinSteps(const std::string& pin) {
    std::string s;
    for (char c : pin) s += std::string("tap-text \"") + c + "\"\n";
    return s + "tap-text \"Unlock\"\n";
}

TEST_F(KioskBehaviour, LeadPinLocksOutAfterRepeatedFailuresAndOnlyThenTheRightPinExits) {
    Kiosk kiosk(withPins(storeOptions(size, store)));
    kiosk.app().go("exit-pin");
    std::string script = "expect-screen exit-pin\nscreenshot pin-empty\n";
    for (int i = 0; i < 4; ++i) script += pinSteps("1111") + "wait-text \"Wrong PIN.\"\n";
    script += "expect-text \"Wrong PIN. 1 attempts left.\"\n";
    script +=
        pinSteps("1111") + "wait-text \"Too many attempts. Try again in\"\nscreenshot pin-locked\n";
    script += pinSteps("2468") + "wait-text \"Too many attempts. Try again in\"\n";
    auto r = runScenario(kiosk, script, shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(kiosk.app().context().quitRequested)
        << "the right PIN during a lockout must not exit";
    EXPECT_EQ(r.screen, "exit-pin");
}

TEST_F(KioskBehaviour, WindowCloseUnderLockdownAsksForTheLeadPinInsteadOfExiting) {
    KioskOptions o = withPins(storeOptions(size, store));
    o.lockdown = true;
    Kiosk kiosk(o);
    SDL_Event close{};
    close.type = SDL_WINDOWEVENT;
    close.window.event = SDL_WINDOWEVENT_CLOSE;
    close.window.windowID = SDL_GetWindowID(kiosk.platform().window());
    SDL_PushEvent(&close);  // Alt-F4
    auto r = runScenario(kiosk,
                         "wait-screen exit-pin\nexpect-text \"Close the kiosk\"\n" +
                             pinSteps("1357") + "wait-text \"Wrong PIN.\"\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(kiosk.app().context().quitRequested) << "the staff PIN must not close the kiosk";
    auto ok = runScenario(kiosk, pinSteps("2468") + "wait-exit\n", shots);
    EXPECT_FALSE(ok.failed) << ok.failure;
    EXPECT_TRUE(kiosk.app().context().quitRequested);
}

TEST_F(KioskBehaviour, RightLeadPinExitsAndStaffPinOpensTheStaffScreen) {
    Kiosk kiosk(withPins(storeOptions(size, store)));
    // Staff: undo a check-in and reprint a badge.
    auto r = runScenario(kiosk,
                         "scan \"" + store.tokens["ok"] +
                             "\"\n"
                             "wait-screen welcome\n"
                             "tap-text \"Done\"\n"
                             "wait-screen attract\n"
                             "tap-text staff-corner\n"
                             "expect-screen staff-pin\n" +
                             pinSteps("2468") +  // the lead PIN is not the staff PIN
                             "wait-text \"Wrong PIN.\"\n" + pinSteps("1357") +
                             "wait-screen staff\n"
                             "type \"Ana\"\n"
                             "wait-text \"Ana L.  ·  Team Aurora\"\n"
                             "screenshot staff\n"
                             "tap-text \"Reprint badge\"\n"
                             "wait-text \"the badge was saved as a PDF\"\n"
                             "tap-text \"Undo check-in\"\ntap-text \"Yes, undo\"\n"
                             "wait-text \"Check-in undone.\"\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_EQ(store.checkIns(), 0) << "undo did not annul the check-in";
    kiosk.session().desk()->drain();
    // Close the kiosk from the staff screen with the lead PIN.
    auto exit = runScenario(
        kiosk,
        "tap-text \"Close kiosk\"\nexpect-screen exit-pin\n" + pinSteps("2468") + "wait-exit\n",
        shots);
    EXPECT_FALSE(exit.failed) << exit.failure;
    EXPECT_TRUE(kiosk.app().context().quitRequested);
}

}  // namespace
}  // namespace oh::kiosk::testing
