// Judging on the floor across devices, on both central adapters: two tablets scoring
// offline converge (two judges' scores of one demo both kept; one judge's edits on two
// tablets end with the newest everywhere), and the program team's schedule (a team demo)
// and judging close reach every device, which then refuses a late score (the central's
// own refusal, for a device that skips that check: test_device_role_attacks.cpp).
#include "core/judging/floor.hpp"
#include "core/judging/schedule_shift.hpp"
#include "core/judging/scoring.hpp"
#include "core/judging/showcase_program.hpp"
#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

ScoreSheet sheetAt(int level) {
    ScoreSheet s;
    for (const auto& c : defaultRubric().criteria) s.levels[c.key] = level;
    s.recommendation = Recommendation::Yes;
    return s;
}

class JudgingSync : public SeededCentral {
  protected:
    ScoreWrite score(Store& tablet, const std::string& judge, const std::string& demo, int level) {
        return submitScore(tablet, defaultRubric(), seed_.event.id, judge, demo, sheetAt(level),
                           nowMillis());
    }

    // The program team's own writes go out through the admin's rights (as seedCentral's).
    void syncAdmin(Store& admin) {
        std::unique_ptr<CentralRecord> asAdmin;
        if (GetParam() == Backend::Sqlite) {
            CentralOptions options;
            options.admin = true;
            asAdmin = openCentralSqlite(central_->describe().substr(7), options);
        }
        SyncEngine engine(admin, asAdmin ? *asAdmin : *central_, {}, [](const std::string&) {});
        engine.syncOnce();
    }

    static std::int64_t nowMillis() {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

TEST_P(JudgingSync, TwoJudgesScoringOneDemoOfflineKeepBothScores) {
    auto t1 = device("tablet-1"), t2 = device("tablet-2");
    sync(*t1);
    sync(*t2);
    const std::string demo = seed_.showcases[0];
    ASSERT_EQ(score(*t1, seed_.judges[0], demo, 3).status, ScoreWriteStatus::Saved);
    ASSERT_EQ(score(*t2, seed_.judges[1], demo, 5).status, ScoreWriteStatus::Saved);
    for (int round = 0; round < 2; ++round) {
        sync(*t1);
        sync(*t2);
    }
    for (Store* tablet : {t1.get(), t2.get()}) {
        auto a = tablet->score(seed_.judges[0], demo), b = tablet->score(seed_.judges[1], demo);
        ASSERT_TRUE(a && b);
        EXPECT_DOUBLE_EQ(*a->total, 50);
        EXPECT_DOUBLE_EQ(*b->total, 100);
    }
}

TEST_P(JudgingSync, OneJudgeEditingOnTwoTabletsEndsWithTheNewestEditEverywhere) {
    auto t1 = device("tablet-1"), t2 = device("tablet-2");
    sync(*t1);
    sync(*t2);
    const std::string demo = seed_.showcases[1], judge = seed_.judges[2];
    ASSERT_EQ(score(*t1, judge, demo, 2).status, ScoreWriteStatus::Saved);
    // The second tablet's edit is the newer one: its clock reads a second later.
    t2->clock().setPhysical([] { return nowMillis() + 1000; });
    ASSERT_EQ(score(*t2, judge, demo, 4).status, ScoreWriteStatus::Saved);
    sync(*t2);  // the newer edit reaches the central first,
    sync(*t1);  // then the older one arrives and must not win,
    sync(*t2);
    for (Store* tablet : {t1.get(), t2.get()}) {
        auto s = tablet->score(judge, demo);
        ASSERT_TRUE(s && s->total);
        EXPECT_DOUBLE_EQ(*s->total, 75) << "the newest edit, everywhere";
    }
}

TEST_P(JudgingSync, AConflictDeclaredOnOneTabletKeepsTheTeamOutOfTheJudgesSuggestionsOnAnother) {
    auto t1 = device("tablet-1"), t2 = device("tablet-2");
    sync(*t1);
    sync(*t2);
    const std::string demo = seed_.showcases[0], judge = seed_.judges[0];
    ASSERT_EQ(declareConflict(*t1, seed_.event.id, judge, demo, nowMillis()).status,
              ScoreWriteStatus::ConflictDeclared);
    sync(*t1);
    sync(*t2);
    const auto far = nowMillis() + 30LL * 24 * 3600 * 1000;  // every demo has presented
    JudgeBoard board = judgeBoard(*t2, seed_.event.id, judge, 3, far, 100);
    ASSERT_FALSE(board.suggestions.empty()) << "the other demos are still suggested";
    for (const Suggestion& s : board.suggestions) EXPECT_NE(s.demoId, demo);
    auto stored = t2->score(judge, demo);
    ASSERT_TRUE(stored);
    EXPECT_TRUE(isConflict(*stored));
    EXPECT_FALSE(stored->total) << "a conflict reached the other tablet as a score";
}

TEST_P(JudgingSync, ATeamDemoAndTheJudgingCloseReachATabletWhichThenRefusesALateScore) {
    Store admin = Store::open(dir_.file("admin.db"));
    auto demo = *admin.showcase(seed_.showcases[2]);
    demo.presenterIds = {seed_.attendees[4], seed_.attendees[6]};
    admin.upsertShowcase(demo);
    Event closed = seed_.event;
    closed.judgingClosedAt = nowMillis() - 1000;
    admin.saveEvent(closed);
    syncAdmin(admin);

    auto tablet = device("tablet-1");
    sync(*tablet);
    auto got = tablet->showcase(demo.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->presenterIds, demo.presenterIds);
    ASSERT_TRUE(tablet->event(seed_.event.id));
    EXPECT_EQ(tablet->event(seed_.event.id)->judgingClosedAt, closed.judgingClosedAt);
    EXPECT_EQ(score(*tablet, seed_.judges[0], demo.id, 4).status, ScoreWriteStatus::JudgingClosed);
    EXPECT_FALSE(tablet->score(seed_.judges[0], demo.id));
}

TEST_P(JudgingSync, AScheduleShiftOnTheLeadsDeviceReachesAnotherDevicesShowcaseInOneRound) {
    const std::int64_t now = nowMillis() / 1000;
    Store admin = Store::open(dir_.file("admin.db"));
    for (int i = 0; i < 2; ++i) {  // Demo 0 presents now in Room A, Demo 1 follows
        auto demo = *admin.showcase(seed_.showcases[static_cast<std::size_t>(i)]);
        demo.location = "Room A";
        demo.slotStart = now - 600 + i * 1200;
        demo.slotEnd = demo.slotStart + 1200;
        admin.upsertShowcase(demo);
    }
    syncAdmin(admin);
    auto screen = device("showcase-1");
    sync(*screen);
    auto before = showcaseProgram(*screen, seed_.event.id, now);
    ASSERT_EQ(before.rooms.size(), 1u);
    ASSERT_TRUE(before.rooms[0].next);
    EXPECT_EQ(before.rooms[0].next->start, now + 600);

    ASSERT_EQ(shiftSchedule(admin, seed_.event.id, {"Room A", 10, now}).status,
              ShiftStatus::Shifted);
    syncAdmin(admin);
    sync(*screen);  // one round
    auto after = showcaseProgram(*screen, seed_.event.id, now);
    ASSERT_EQ(after.rooms.size(), 1u);
    ASSERT_TRUE(after.rooms[0].now && after.rooms[0].next);
    EXPECT_EQ(after.rooms[0].now->end, now + 1200) << "the presenting demo runs late";
    EXPECT_EQ(after.rooms[0].next->start, now + 1200);
    EXPECT_EQ(after.changesAt, now + 1200);
}

TEST_P(JudgingSync, EachDevicesSyncHealthReachesTheLeadsDashboardOnAnotherDevice) {
    auto door = device("door-1"), lead = device("lead-tablet");
    SyncOptions reporting;
    reporting.reportHealthEvery = std::chrono::seconds(30);
    sync(*door);  // the roster first, without a report
    ASSERT_EQ(score(*door, seed_.judges[0], seed_.showcases[0], 3).status, ScoreWriteStatus::Saved);
    SyncEngine(*door, *central_, reporting, [](const std::string&) {}).syncOnce();
    sync(*lead);
    const auto health = lead->deviceHealth(seed_.event.id);
    ASSERT_EQ(health.size(), 1u) << "the door's report, pulled like the rest";
    EXPECT_EQ(health[0].deviceId, door->deviceId());
    EXPECT_EQ(health[0].name, "door-1");
    EXPECT_EQ(health[0].backlog, 1) << "the score was still to be sent when it reported";
    ASSERT_TRUE(door->clockOffsetMs());
    EXPECT_EQ(health[0].clockOffsetMs, *door->clockOffsetMs());
}

INSTANTIATE_TEST_SUITE_P(Central, JudgingSync, testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);

}  // namespace
