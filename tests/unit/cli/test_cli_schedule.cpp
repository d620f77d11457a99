// The demo schedule through `openhouse import-schedule`: every problem on stderr with its
// line and column and nothing imported; a good sheet imported, and re-imported as an update;
// judging closed and reopened by the lead.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "core/store/store.hpp"
#include "tests/unit/cli/cli_under_test.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

const std::string kAssets = std::string(OPENHOUSE_TEST_DATA) + "/../../assets/demo";

class CliSchedule : public ::testing::Test {
  protected:
    TempDir dir;

    CliRun run(const std::string& args) { return runCli(cliUnderTest(), dir.path(), args); }

    void SetUp() override {
        auto r =
            run("init --name 'Demo Day' --timezone Europe/Madrid --starts 2026-12-10T09:00 "
                "--ends 2026-12-10T21:00 --budget 3");
        ASSERT_EQ(r.exitCode, 0) << r.out;
        r = run("import-roster " + shellQuote(kAssets + "/roster.csv"));
        ASSERT_EQ(r.exitCode, 0) << r.out;
    }

    std::string writeSheet(const std::string& rows) {
        std::string path = dir.file("schedule.csv");
        std::ofstream(path, std::ios::binary) << "Title,Presenters,Room,Start,End,Metric,Change\n"
                                              << rows;
        return path;
    }

    std::vector<Showcase> demos() {
        auto store = Store::open(dir.file("central.db"));
        return store.showcases(store.events().front().id);
    }
};

TEST_F(CliSchedule, ABrokenSheetListsEachProblemWithLineAndColumnAndImportsNothing) {
    auto r =
        run("import-schedule " +
            shellQuote(writeSheet("Onboarding flow,ana.lima@example.org,Room A,2026-12-10 14:00,"
                                  "2026-12-10 14:20,support tickets,-12%\n"
                                  "Churn early warning,nobody@example.org,Room B,2026-12-10 14:00,"
                                  "2026-12-10 14:20,,\n"
                                  "Search tuning,wei.chen@example.org,Room C,2026-12-10 15:00,"
                                  "2026-12-10 14:50,,\n")));
    EXPECT_EQ(r.exitCode, 3) << r.out;  // kDataError
    EXPECT_NE(r.out.find("line 3, column 'Presenters': unknown-presenter"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("line 4, column 'End': end-before-start"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("nothing was imported"), std::string::npos) << r.out;
    EXPECT_TRUE(demos().empty());
}

TEST_F(CliSchedule, ATeamDemoIsImportedInTheEventsZoneAndAReimportMovesIt) {
    auto r = run("import-schedule " +
                 shellQuote(writeSheet("Churn early warning,omar.haddad@example.org; "
                                       "ana.lima@example.org,Room B,2026-12-10 14:00,"
                                       "2026-12-10 14:20,at-risk accounts flagged,40\n")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("1 demo, 1 new"), std::string::npos) << r.out;
    auto first = demos();
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].presenterIds.size(), 2u);
    EXPECT_EQ(first[0].slotStart, 1'796'907'600);  // 14:00 in Madrid is 13:00 UTC

    r = run("import-schedule " +
            shellQuote(writeSheet("Churn early warning,omar.haddad@example.org; "
                                  "ana.lima@example.org,Room D,2026-12-10 16:00,"
                                  "2026-12-10 16:20,at-risk accounts flagged,40\n")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("0 new, 1 changed"), std::string::npos) << r.out;
    auto moved = demos();
    ASSERT_EQ(moved.size(), 1u);
    EXPECT_EQ(moved[0].id, first[0].id);
    EXPECT_EQ(moved[0].location, "Room D");
    EXPECT_EQ(moved[0].slotStart - first[0].slotStart, 2 * 3600);
}

TEST_F(CliSchedule, TheLeadClosesAndReopensJudging) {
    auto closedAt = [&] {
        auto store = Store::open(dir.file("central.db"));
        return store.events().front().judgingClosedAt;
    };
    EXPECT_EQ(closedAt(), 0);
    auto r = run("judging close");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("closed"), std::string::npos) << r.out;
    const auto first = closedAt();
    EXPECT_GT(first, 0);
    r = run("judging close");
    EXPECT_NE(r.out.find("already closed"), std::string::npos) << r.out;
    EXPECT_EQ(closedAt(), first) << "closing twice keeps the first close time";
    r = run("judging reopen");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(closedAt(), 0);
    EXPECT_NE(run("judging").exitCode, 0) << "close or reopen must be named";
}

TEST_F(CliSchedule, ARoomRunningLateIsShiftedAndEverythingElseStaysPut) {
    auto r =
        run("import-schedule " +
            shellQuote(writeSheet("Onboarding flow,ana.lima@example.org,Room A,2026-12-10 14:00,"
                                  "2026-12-10 14:20,support tickets,-12%\n"
                                  "Churn early warning,omar.haddad@example.org,Room B,"
                                  "2026-12-10 14:00,2026-12-10 14:20,,\n")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const auto before = demos();
    r = run("schedule shift --room 'room b' --minutes 10");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("Room B: 1 demo moved by +10 min"), std::string::npos) << r.out;
    for (const Showcase& d : demos()) {
        const auto& was = *std::find_if(before.begin(), before.end(),
                                        [&](const Showcase& b) { return b.id == d.id; });
        EXPECT_EQ(d.slotStart - was.slotStart, d.location == "Room B" ? 600 : 0) << d.title;
    }
    auto store = Store::open(dir.file("central.db"));
    bool logged = false;
    for (const auto& e : store.auditLog(10)) logged |= e.action == "schedule.shift";
    EXPECT_TRUE(logged);

    r = run("schedule shift --room 'Room Z' --minutes 10");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("unknown-room"), std::string::npos) << r.out;
    r = run("schedule shift --room 'Room A' --minutes 0");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("bad-minutes"), std::string::npos) << r.out;
}

}  // namespace
