// The audience's program (now, next, later per room; spotlights between sessions) and the
// lead's schedule shift, read from and written to a real (in-memory) store.
#include "core/judging/showcase_program.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "core/judging/schedule_shift.hpp"
#include "core/model/ids.hpp"

namespace oh {
namespace {

constexpr std::int64_t kStart = 1'800'000'000;  // sampleEvent() starts here (Unix s)
constexpr std::int64_t kMin = 60;

class ShowcaseProgramTest : public ::testing::Test {
  protected:
    void SetUp() override { store.saveEvent(sampleEvent()); }

    std::string person(const std::string& name) {
        Attendee a = sampleAttendee("p" + std::to_string(++people) + "@example.org", name);
        store.upsertAttendee(a);
        return a.id;
    }

    // A demo in `room` from `startMin` to `endMin` minutes after the event's start.
    std::string demo(const std::string& title, const std::string& room, int startMin, int endMin,
                     std::vector<std::string> presenters, const std::string& metric = "",
                     const std::string& change = "") {
        Showcase s;
        s.id = Uuid::v7().str();
        s.eventId = sampleEvent().id;
        s.internId = presenters.front();
        s.presenterIds = std::move(presenters);
        s.title = title;
        s.location = room;
        s.slotStart = kStart + startMin * kMin;
        s.slotEnd = kStart + endMin * kMin;
        s.metricName = metric;
        s.metricChange = change;
        store.upsertShowcase(s);
        return s.id;
    }

    ShowcaseProgram at(int minute) {
        return showcaseProgram(store, sampleEvent().id, kStart + minute * kMin);
    }

    Store store = Store::openInMemory();
    int people = 0;
};

TEST_F(ShowcaseProgramTest, ShowsEachRoomsDemoNowTheNextAndTheLaterOnesInStartOrder) {
    const auto ana = person("Ana Muñoz"), wei = person("王伟"), omar = person("عمر فاروق"),
               priya = person("प्रिया शर्मा");
    demo("Triage bot", "Room A", 0, 20, {ana, wei}, "support tickets", "-12%");
    demo("Route planner", "Room A", 20, 40, {omar});
    demo("Invoice OCR", "Room A", 40, 60, {priya});
    demo("Late one", "Room A", 60, 80, {ana});
    demo("Search", "Room B", 30, 50, {wei});

    ShowcaseProgram p = at(10);
    ASSERT_EQ(p.rooms.size(), 2u);
    const RoomProgram& a = p.rooms[0];
    EXPECT_EQ(a.room, "Room A");
    ASSERT_TRUE(a.now && a.next);
    EXPECT_EQ(a.now->title, "Triage bot");
    EXPECT_EQ(a.now->presenterNames, (std::vector<std::string>{"Ana Muñoz", "王伟"}));
    EXPECT_EQ(a.now->outcome, "support tickets \u221212 %");
    EXPECT_EQ(a.next->title, "Route planner");
    EXPECT_EQ(a.next->presenterNames, std::vector<std::string>{"عمر فاروق"});
    ASSERT_EQ(a.later.size(), 2u);
    EXPECT_EQ(a.later[0].title, "Invoice OCR");
    EXPECT_EQ(a.later[1].title, "Late one");
    const RoomProgram& b = p.rooms[1];
    EXPECT_FALSE(b.now);
    ASSERT_TRUE(b.next);
    EXPECT_EQ(b.next->title, "Search");
    EXPECT_FALSE(p.betweenSessions);
    EXPECT_EQ(p.changesAt, kStart + 20 * kMin) << "the first demo's end changes the program";
}

TEST_F(ShowcaseProgramTest, ADemoEndingNowHandsOverToTheOneStartingNow) {
    const auto ana = person("Ana"), wei = person("Wei");
    demo("First", "Room A", 0, 20, {ana});
    demo("Second", "Room A", 20, 40, {wei});
    ShowcaseProgram p = at(20);
    ASSERT_EQ(p.rooms.size(), 1u);
    ASSERT_TRUE(p.rooms[0].now);
    EXPECT_EQ(p.rooms[0].now->title, "Second");
    EXPECT_EQ(p.changesAt, kStart + 40 * kMin);
}

TEST_F(ShowcaseProgramTest, BetweenSessionsOffersSpotlightsWithOutcomesFirstAndTheNextStart) {
    const auto ana = person("Ana"), wei = person("Wei");
    demo("No metric", "Room A", 0, 20, {ana});
    demo("With metric", "Room A", 60, 80, {wei}, "churn", "+3 pp");
    ShowcaseProgram p = at(30);
    EXPECT_TRUE(p.betweenSessions);
    EXPECT_EQ(p.nextStart, kStart + 60 * kMin);
    ASSERT_EQ(p.spotlights.size(), 2u);
    EXPECT_EQ(p.spotlights[0].title, "With metric");
    EXPECT_EQ(p.spotlights[0].outcome, "churn +3 pp");
    EXPECT_EQ(p.spotlights[1].title, "No metric");
    ASSERT_EQ(p.rooms.size(), 1u);
    EXPECT_FALSE(p.rooms[0].now);
}

TEST_F(ShowcaseProgramTest, LeavesOutRoomsWhoseDemosHaveAllEndedAndSaysWhenNothingIsLeft) {
    demo("Done", "Room A", 0, 20, {person("Ana")});
    ShowcaseProgram p = at(30);
    EXPECT_TRUE(p.rooms.empty());
    EXPECT_FALSE(p.changesAt);
    EXPECT_FALSE(p.nextStart);
}

TEST_F(ShowcaseProgramTest, NamesOnlyPresentersAndNeverTheirEmails) {
    demo("Triage bot", "Room A", 0, 20, {person("Ana")});
    ShowcaseProgram p = at(5);
    ASSERT_TRUE(p.rooms.at(0).now);
    for (const auto& name : p.rooms[0].now->presenterNames)
        EXPECT_EQ(name.find('@'), std::string::npos);
}

TEST_F(ShowcaseProgramTest, ADemoCodeCarriesTheDemoIdAndNothingElseIsReadAsOne) {
    const std::string id = Uuid::v7().str();
    EXPECT_EQ(parseDemoCode(demoCode(id)), id);
    EXPECT_FALSE(parseDemoCode("OHD1:not-a-uuid"));
    EXPECT_FALSE(parseDemoCode(id));
    EXPECT_FALSE(parseDemoCode("OH1:" + id));
}

TEST_F(ShowcaseProgramTest, OutcomeTextNeedsBothTheMetricAndItsChange) {
    EXPECT_EQ(outcomeText("support tickets", "-12%"), "support tickets \u221212 %");
    EXPECT_EQ(outcomeText("latency", "40 ms"), "latency 40 ms");
    EXPECT_EQ(outcomeText("latency", ""), "");
    EXPECT_EQ(outcomeText("", "-3%"), "");
}

class ScheduleShiftTest : public ShowcaseProgramTest {
  protected:
    ShiftResult shift(const std::string& room, int minutes, int atMinute) {
        return shiftSchedule(store, sampleEvent().id, {room, minutes, kStart + atMinute * kMin});
    }
    Showcase get(const std::string& id) { return *store.showcase(id); }
};

TEST_F(ScheduleShiftTest, MovesTheRoomsDemosStillToComeAndRunsThePresentingOneLate) {
    const auto ana = person("Ana");
    const auto done = demo("Done", "Room A", 0, 20, {ana});
    const auto now = demo("Now", "Room A", 20, 40, {ana});
    const auto next = demo("Next", "Room A", 40, 60, {ana});
    const auto other = demo("Other room", "Room B", 40, 60, {ana});

    ShiftResult r = shift("room a", 10, 30);
    ASSERT_EQ(r.status, ShiftStatus::Shifted) << r.message;
    EXPECT_EQ(r.moved, 1);
    EXPECT_EQ(r.extended, 1);
    EXPECT_EQ(r.room, "Room A");
    EXPECT_EQ(get(done).slotStart, kStart) << "history stays as it happened";
    EXPECT_EQ(get(done).slotEnd, kStart + 20 * kMin);
    EXPECT_EQ(get(now).slotStart, kStart + 20 * kMin);
    EXPECT_EQ(get(now).slotEnd, kStart + 50 * kMin);
    EXPECT_EQ(get(next).slotStart, kStart + 50 * kMin);
    EXPECT_EQ(get(next).slotEnd, kStart + 70 * kMin);
    EXPECT_EQ(get(other).slotStart, kStart + 40 * kMin) << "another room keeps its times";
}

TEST_F(ScheduleShiftTest, TheProgramFollowsAShiftInItsOrderAndCountdown) {
    const auto ana = person("Ana");
    demo("First", "Room A", 0, 20, {ana});
    demo("Second", "Room A", 20, 40, {ana});
    ASSERT_EQ(shift("Room A", 15, 10).status, ShiftStatus::Shifted);
    ShowcaseProgram p = at(25);  // without the shift, Second would present now
    ASSERT_EQ(p.rooms.size(), 1u);
    ASSERT_TRUE(p.rooms[0].now && p.rooms[0].next);
    EXPECT_EQ(p.rooms[0].now->title, "First");
    EXPECT_EQ(p.rooms[0].next->title, "Second");
    EXPECT_EQ(p.rooms[0].next->start, kStart + 35 * kMin);
    EXPECT_EQ(p.changesAt, kStart + 35 * kMin);
}

TEST_F(ScheduleShiftTest, RefusesWhatCannotBeShiftedAndChangesNothing) {
    const auto ana = person("Ana");
    const auto first = demo("First", "Room A", 0, 20, {ana});
    const auto second = demo("Second", "Room A", 20, 40, {ana});
    EXPECT_EQ(shift("Room A", 0, 10).status, ShiftStatus::BadMinutes);
    EXPECT_EQ(shift("Room A", kShiftMinutesMax + 1, 10).status, ShiftStatus::BadMinutes);
    EXPECT_EQ(shift("Room Z", 10, 10).status, ShiftStatus::UnknownRoom);
    EXPECT_EQ(shift("Room A", 10, 45).status, ShiftStatus::NothingLeft);
    // Earlier by 15 minutes at minute 10 would end First at minute 5, before now.
    ShiftResult r = shift("Room A", -15, 10);
    EXPECT_EQ(r.status, ShiftStatus::IntoThePast);
    EXPECT_FALSE(r.message.empty());
    EXPECT_EQ(get(first).slotEnd, kStart + 20 * kMin);
    EXPECT_EQ(get(second).slotStart, kStart + 20 * kMin);
}

TEST_F(ScheduleShiftTest, ADemoStartingAtTheMomentOfTheShiftMovesWhole) {
    const auto ana = person("Ana");
    const auto first = demo("First", "Room A", 0, 20, {ana});
    const auto second = demo("Second", "Room A", 20, 40, {ana});
    ShiftResult r = shift("Room A", 10, 20);
    ASSERT_EQ(r.status, ShiftStatus::Shifted) << r.message;
    EXPECT_EQ(r.moved, 1);
    EXPECT_EQ(r.extended, 0) << "the demo that ended at that moment is history";
    EXPECT_EQ(get(second).slotStart, kStart + 30 * kMin);
    EXPECT_EQ(get(second).slotEnd, kStart + 50 * kMin);
    EXPECT_EQ(get(first).slotEnd, kStart + 20 * kMin);
}

TEST_F(ScheduleShiftTest, AnEarlierShiftThatWouldStartADemoBeforeNowIsRefused) {
    const auto upcoming = demo("Upcoming", "Room A", 15, 35, {person("Ana")});
    ShiftResult r = shift("Room A", -10, 10);  // it would start at minute 5
    EXPECT_EQ(r.status, ShiftStatus::IntoThePast);
    EXPECT_EQ(get(upcoming).slotStart, kStart + 15 * kMin);
}

TEST_F(ScheduleShiftTest, AnEarlierShiftMovesTheRestForwardWhenNothingStartsBeforeNow) {
    const auto ana = person("Ana");
    const auto first = demo("First", "Room A", 0, 20, {ana});
    const auto second = demo("Second", "Room A", 30, 50, {ana});
    ShiftResult r = shift("Room A", -5, 10);
    ASSERT_EQ(r.status, ShiftStatus::Shifted) << r.message;
    EXPECT_EQ(get(first).slotEnd, kStart + 15 * kMin);
    EXPECT_EQ(get(second).slotStart, kStart + 25 * kMin);
}

TEST_F(ScheduleShiftTest, AShiftGoesOutToTheCentralAsUpdatedDemos) {
    const auto ana = person("Ana");
    demo("First", "Room A", 0, 20, {ana});
    demo("Second", "Room A", 20, 40, {ana});
    const auto before = store.outboxBacklog();
    ASSERT_EQ(shift("Room A", 10, 10).status, ShiftStatus::Shifted);
    EXPECT_EQ(store.outboxBacklog(), before + 2);
    int shifted = 0;
    for (const auto& e : store.pendingOutbox(100))
        if (e.kind == "showcase.upsert") ++shifted;
    EXPECT_GE(shifted, 2);
}

}  // namespace
}  // namespace oh
