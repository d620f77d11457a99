// The staff screen as the desk uses it on the day: each row says whether the person is
// checked in; Undo (with a confirmation) and Reprint only for people checked in; a reprint
// says what really happened to the badge; the printer's state is always in view; and a
// message never moves the rows under a finger.
#include <fstream>

#include "core/identity/pin.hpp"
#include "kiosk/session.hpp"
#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

std::string toStaffScreen(const std::string& query) {
    return "tap-text staff-corner\n"
           "tap-text \"1\"\ntap-text \"3\"\ntap-text \"5\"\ntap-text \"7\"\ntap-text \"Unlock\"\n"
           "wait-screen staff\n"
           "type \"" +
           query + "\"\n";
}

std::string checkIn(const DemoStore& store, const std::string& who) {
    return "scan \"" + store.tokens.at(who) + "\"\nwait-screen welcome\ntap-text \"Done\"\n";
}

// A label that starts with `prefix` on the last frame, or "".
std::string labelStarting(const RunResult& r, const std::string& prefix) {
    for (const auto& h : r.hits.all()) {
        if (h.label.rfind(prefix, 0) == 0) return h.label;
    }
    return {};
}

class StaffScreen : public ::testing::TestWithParam<Size> {
  protected:
    DemoStore store{tempDir("store")};
    std::filesystem::path shots = tempDir("shots");
    KioskOptions options() const {
        KioskOptions o = storeOptions(GetParam(), store);
        o.staffPinHash = hashPin("1357");
        return o;
    }
    std::string spool() const { return (store.dir / "spool").string(); }
};

TEST_P(StaffScreen, ReprintWithoutAPrinterSaysTheBadgeWasSavedInTheSpoolFolder) {
    Kiosk kiosk(options());
    auto r = runScenario(kiosk,
                         checkIn(store, "ok") + toStaffScreen("Ana") +
                             "wait-text \"Reprint badge\"\n"
                             "tap-text \"Reprint badge\"\n"
                             "wait-text \"No printer is set up: the badge was saved as a PDF in " +
                             spool() + ". Print it from there.\"\nscreenshot staff-reprinted\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(r.hits.find("The badge is on its way to the printer."));
}

TEST_P(StaffScreen, EachRowSaysWhetherThePersonIsCheckedInAndOffersOnlyWhatMakesSense) {
    Kiosk kiosk(options());
    auto r = runScenario(
        kiosk, toStaffScreen("Omar") + "wait-text \"Not checked in\"\nscreenshot staff-out\n",
        shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(r.hits.find("Undo check-in", true)) << "undo offered to someone not checked in";
    EXPECT_FALSE(r.hits.find("Reprint badge", true)) << "a badge for someone not checked in";
    auto in = runScenario(kiosk,
                          "tap-text \"Done\"\n" + checkIn(store, "omar") + toStaffScreen("Omar") +
                              "wait-text \"Undo check-in\"\n",
                          shots);
    ASSERT_FALSE(in.failed) << in.failure;
    EXPECT_FALSE(labelStarting(in, "Checked in ").empty()) << "no check-in time on the row";
    EXPECT_TRUE(in.hits.find("Reprint badge", true));
}

TEST_P(StaffScreen, UndoAsksFirstAndOnlyYesUndoesIt) {
    Kiosk kiosk(options());
    auto ask = runScenario(kiosk,
                           checkIn(store, "ok") + toStaffScreen("Ana") +
                               "wait-text \"Undo check-in\"\ntap-text \"Undo check-in\"\n"
                               "wait-text \"Undo this check-in?\"\nscreenshot staff-confirm\n",
                           shots);
    ASSERT_FALSE(ask.failed) << ask.failure;
    EXPECT_EQ(store.checkIns(), 1) << "undone without a confirmation";
    auto cancel = runScenario(kiosk, "tap-text \"Cancel\"\nwait-text \"Undo check-in\"\n", shots);
    ASSERT_FALSE(cancel.failed) << cancel.failure;
    EXPECT_TRUE(store.activeCheckIn("ana")) << "Cancel undid the check-in";
    auto yes = runScenario(kiosk,
                           "tap-text \"Undo check-in\"\ntap-text \"Yes, undo\"\n"
                           "wait-text \"Check-in undone.\"\nwait-text \"Not checked in\"\n",
                           shots);
    ASSERT_FALSE(yes.failed) << yes.failure;
    EXPECT_FALSE(store.activeCheckIn("ana"));
    EXPECT_FALSE(yes.hits.find("Undo check-in", true));
}

TEST_P(StaffScreen, AMessageNeverMovesTheRows) {
    Kiosk kiosk(options());
    auto before = runScenario(
        kiosk, checkIn(store, "ok") + toStaffScreen("Ana") + "wait-text \"Reprint badge\"\n",
        shots);
    ASSERT_FALSE(before.failed) << before.failure;
    auto reprint = before.hits.find("Reprint badge", true);
    ASSERT_TRUE(reprint);
    auto after = runScenario(kiosk,
                             "tap-text \"Reprint badge\"\nwait-text \"No printer is set up: the "
                             "badge was saved as a PDF in " +
                                 spool() + ". Print it from there.\"\nscreenshot staff-message\n",
                             shots);
    ASSERT_FALSE(after.failed) << after.failure;
    auto moved = after.hits.find("Reprint badge", true);
    ASSERT_TRUE(moved);
    EXPECT_EQ(moved->min.y, reprint->min.y) << "the message pushed the row down";
    EXPECT_EQ(moved->min.x, reprint->min.x);
}

TEST_P(StaffScreen, TheSpoolFolderIsNamedWhenNoPrinterIsSet) {
    Kiosk kiosk(options());
    auto r = runScenario(kiosk,
                         toStaffScreen("Ana") +
                             "wait-text \"No printer set: badges are saved as "
                             "PDFs in " +
                             spool() + ".\"\nscreenshot staff-no-printer\n",
                         shots);
    EXPECT_FALSE(r.failed) << r.failure;
}

INSTANTIATE_TEST_SUITE_P(KioskSizes, StaffScreen,
                         ::testing::Values(Size{1920, 1080}, Size{1280, 800}), sizeName);

class PrinterAtStart : public ::testing::Test {
  protected:
    DemoStore store{tempDir("store")};
    std::filesystem::path shots = tempDir("shots");
    KioskOptions options(const std::string& lp) const {
        KioskOptions o = storeOptions(Size{1280, 800}, store);
        o.staffPinHash = hashPin("1357");
        o.printerOverride = "badges";
        o.lpCommand = lp;
        return o;
    }
};

TEST_F(PrinterAtStart, NoLpIsAnAlertOnTheStaffScreen) {
    Kiosk kiosk(options("/nonexistent/openhouse-test/lp"));
    auto r = runScenario(kiosk,
                         toStaffScreen("Ana") +
                             "wait-text \"Printer problem: the print command "
                             "'/nonexistent/openhouse-test/lp' is not installed (Debian package "
                             "cups-client). Badges that do not print are kept in " +
                             (store.dir / "spool" / "failed").string() +
                             ".\"\nscreenshot printer-missing\n",
                         shots);
    EXPECT_FALSE(r.failed) << r.failure;
}

TEST_F(PrinterAtStart, AQueueCupsDoesNotKnowIsAnAlertOnTheStaffScreen) {
    const auto bin = store.dir / "bin";
    std::filesystem::create_directories(bin);
    std::ofstream(bin / "lp") << "#!/bin/sh\nexit 0\n";
    std::ofstream(bin / "lpstat")
        << "#!/bin/sh\necho \"lpstat: Invalid destination name in list $2\" >&2\nexit 1\n";
    for (const char* f : {"lp", "lpstat"})
        std::filesystem::permissions(bin / f, std::filesystem::perms::owner_all);
    Kiosk kiosk(options((bin / "lp").string()));
    auto r = runScenario(kiosk,
                         toStaffScreen("Ana") +
                             "wait-text \"Printer problem: CUPS does not know printer 'badges': "
                             "lpstat: Invalid destination name in list badges. Badges that do not "
                             "print are kept in " +
                             (store.dir / "spool" / "failed").string() + ".\"\n",
                         shots);
    EXPECT_FALSE(r.failed) << r.failure;
}

TEST_F(PrinterAtStart, AKnownQueueShowsItsName) {
    const auto bin = store.dir / "bin";
    std::filesystem::create_directories(bin);
    std::ofstream(bin / "lp") << "#!/bin/sh\nexit 0\n";
    std::ofstream(bin / "lpstat") << "#!/bin/sh\necho 'printer badges is idle.  enabled since "
                                     "Thu 01 Jan 2026'\nexit 0\n";
    for (const char* f : {"lp", "lpstat"})
        std::filesystem::permissions(bin / f, std::filesystem::perms::owner_all);
    Kiosk kiosk(options((bin / "lp").string()));
    auto r = runScenario(kiosk, toStaffScreen("Ana") + "wait-text \"Printer: badges\"\n", shots);
    EXPECT_FALSE(r.failed) << r.failure;
}

TEST(DeskReprint, NoBadgeForSomeoneNotCheckedIn) {
    DemoStore store(tempDir("store"));
    DeskSettings ds;
    ds.spoolDir = (store.dir / "spool").string();
    DeskService desk(Store::open(store.path), store.event.id, ds);
    const auto request = desk.submitReprint(store.ids.at("omar"));
    desk.drain();
    bool answered = false;
    for (auto& reply : desk.takeReplies()) {
        if (auto* s = std::get_if<StaffReply>(&reply); s && s->request == request) {
            answered = true;
            EXPECT_EQ(s->messageKey, "staff.not_checked_in");
            EXPECT_FALSE(s->ok);
        }
    }
    EXPECT_TRUE(answered);
    EXPECT_FALSE(std::filesystem::exists(store.dir / "spool")) << "a badge was spooled anyway";
}

}  // namespace
}  // namespace oh::kiosk::testing
