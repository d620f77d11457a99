// The lead's dashboard figures on a small event built by hand: the funnel step by step,
// check-ins per quarter hour, judging coverage against the quorum, idle judges, and the
// cache that rebuilds only when the store changes or the minute turns.
#include "core/dashboard/dashboard.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "core/judging/scoring.hpp"
#include "core/model/ids.hpp"
#include "core/slots/slot_book.hpp"

namespace oh {
namespace {

constexpr std::int64_t kStart = 1'800'000'000;  // sampleEvent() starts here (Unix s)
constexpr std::int64_t kMinMs = 60'000;
constexpr std::int64_t kNowMs = (kStart + 2 * 3600) * 1000;  // two hours in

ScoreSheet sheetAt(int level) {
    ScoreSheet s;
    for (const auto& c : defaultRubric().criteria) s.levels[c.key] = level;
    s.recommendation = Recommendation::Yes;
    return s;
}

ConversionRules easyRules() {
    ConversionRules r;
    r.quorum = 2;
    r.bar = -100;  // every demo at quorum meets the bar: the funnel is about counting
    r.requireImpact = false;
    r.minPeerRating = 0;
    return r;
}

class Dashboard : public ::testing::Test {
  protected:
    void SetUp() override {
        store.saveEvent(sampleEvent());
        for (int i = 0; i < 4; ++i)
            interns.push_back(person("i" + std::to_string(i), Role::Intern));
        blocked = person("blocked", Role::Intern);
        store.setBlocked(blocked, true);
        guest = person("guest", Role::Guest);
        judgeA = person("Judge A", Role::Staff);
        judgeB = person("Judge B", Role::Staff);
        // i0, i1, i2 and a guest arrive; i3 never does.
        checkIn(interns[0], 5);
        checkIn(interns[1], 10);
        checkIn(interns[2], 40);
        checkIn(guest, 41);
        demos.push_back(demo("Demo 0", interns[0], 0));
        demos.push_back(demo("Demo 1", interns[1], 60));
        demos.push_back(demo("Demo 2", interns[3], 0));
        demos.push_back(demo("Demo 3", interns[2], 300));  // still to come
        // In time order: a store's clock never runs backwards.
        score(judgeB, demos[0], 5, kNowMs - 30 * kMinMs);
        score(judgeA, demos[0], 4, kNowMs - 5 * kMinMs);
        score(judgeA, demos[1], 3, kNowMs - 4 * kMinMs);
    }

    std::string person(const std::string& name, Role role) {
        Attendee a = sampleAttendee(name + "@example.org", name, role);
        a.team = "Team " + name;
        store.upsertAttendee(a);
        return a.id;
    }

    void checkIn(const std::string& who, int minute) {
        store.recordCheckIn(sampleEvent().id, who, "qr", (kStart + minute * 60) * 1000);
    }

    std::string demo(const std::string& title, const std::string& intern, int startMinute) {
        Showcase s;
        s.id = Uuid::v7().str();
        s.eventId = sampleEvent().id;
        s.internId = intern;
        s.title = title;
        s.location = "Room A";
        s.slotStart = kStart + startMinute * 60;
        s.slotEnd = s.slotStart + 20 * 60;
        store.upsertShowcase(s);
        return s.id;
    }

    void score(const std::string& judge, const std::string& demoId, int level, std::int64_t at) {
        store.clock().setPhysical([at] { return at; });
        ASSERT_EQ(submitScore(store, defaultRubric(), sampleEvent().id, judge, demoId,
                              sheetAt(level), kNowMs)
                      .status,
                  ScoreWriteStatus::Saved);
    }

    DashboardData build(std::int64_t nowMs = kNowMs) {
        return buildDashboard(store, sampleEvent().id, easyRules(), nowMs);
    }

    Store store = Store::openInMemory();
    std::vector<std::string> interns, demos;
    std::string blocked, guest, judgeA, judgeB;
};

TEST_F(Dashboard, TheFunnelNarrowsFromRegisteredInternsToAcceptedSlots) {
    Slot slot;
    slot.id = Uuid::v7().str();
    slot.eventId = sampleEvent().id;
    slot.internId = interns[0];
    slot.showcaseId = demos[0];
    slot.state = "accepted";
    slot.version = 2;
    SlotBook(store).putSlot(slot);

    const Funnel f = build().funnel;
    EXPECT_EQ(f.registered, 4) << "blocked interns and guests are not registered interns";
    EXPECT_EQ(f.checkedIn, 3) << "the guest's check-in is not an intern's";
    EXPECT_EQ(f.demoed, 2) << "i2's demo has not started; i3 never arrived";
    EXPECT_EQ(f.scoredToQuorum, 1) << "only Demo 0 has two judges";
    EXPECT_EQ(f.slotDecided, 1);
    EXPECT_EQ(f.issued, 1);
    EXPECT_EQ(f.accepted, 1);
}

TEST_F(Dashboard, AVoidSlotIsNotIssuedAndAnIssuedOneIsNotAccepted) {
    Slot slot;
    slot.id = Uuid::v7().str();
    slot.eventId = sampleEvent().id;
    slot.internId = interns[0];
    slot.showcaseId = demos[0];
    slot.state = "void";
    SlotBook(store).putSlot(slot);
    EXPECT_EQ(build().funnel.issued, 0);
    slot.state = "issued";
    SlotBook(store).putSlot(slot);
    const Funnel f = build().funnel;
    EXPECT_EQ(f.issued, 1);
    EXPECT_EQ(f.accepted, 0);
}

TEST_F(Dashboard, CountsCheckInsPerQuarterHourFromTheEventsStartToNow) {
    const auto buckets = build().checkIns;
    ASSERT_EQ(buckets.size(), 9u) << "0:00 to 2:00 inclusive, every quarter";
    EXPECT_EQ(buckets[0].start, kStart);
    EXPECT_EQ(buckets[0].count, 2);
    EXPECT_EQ(buckets[1].count, 0);
    EXPECT_EQ(buckets[2].count, 2);
    EXPECT_EQ(buckets[8].start, kStart + 2 * 3600);
    int total = 0;
    for (const auto& b : buckets) total += b.count;
    EXPECT_EQ(total, 4);
}

TEST_F(Dashboard, QuarterBucketsStartOnAQuarterAndKeepEmptyOnes) {
    const auto b = checkInsPerQuarter({(kStart + 7 * 60) * 1000, (kStart + 50 * 60) * 1000},
                                      kStart + 7 * 60, kStart + 50 * 60);
    ASSERT_EQ(b.size(), 4u);
    EXPECT_EQ(b[0].start, kStart);
    EXPECT_EQ(b[0].count, 1);
    EXPECT_EQ(b[1].count, 0);
    EXPECT_EQ(b[3].count, 1);
    EXPECT_TRUE(checkInsPerQuarter({}, kStart + 900, kStart).empty());
}

TEST_F(Dashboard, MarksDemosBelowTheQuorumInStartOrder) {
    const auto c = build().coverage;
    ASSERT_EQ(c.size(), 4u);
    EXPECT_EQ(c[0].title, "Demo 0");
    EXPECT_EQ(c[0].scores, 2);
    EXPECT_FALSE(c[0].belowQuorum);
    EXPECT_EQ(c[1].title, "Demo 2");
    EXPECT_TRUE(c[1].belowQuorum);
    EXPECT_TRUE(c[1].started);
    EXPECT_EQ(c[2].title, "Demo 1");
    EXPECT_EQ(c[2].scores, 1);
    EXPECT_TRUE(c[2].belowQuorum);
    EXPECT_EQ(c[3].title, "Demo 3");
    EXPECT_FALSE(c[3].started);
}

TEST_F(Dashboard, AJudgeWithNoScoreForTwentyMinutesWhileDemosRunIsIdleAndListedFirst) {
    // Judge B last scored 30 minutes ago, Judge A 4 minutes ago; a demo runs now.
    demo("Running", interns[1], 115);
    const auto now = build().judges;
    ASSERT_EQ(now.size(), 2u);
    EXPECT_EQ(now[0].name, "Judge B");
    EXPECT_TRUE(now[0].idle);
    EXPECT_EQ(now[0].scores, 1);
    EXPECT_EQ(now[1].name, "Judge A");
    EXPECT_FALSE(now[1].idle);
    EXPECT_EQ(now[1].scores, 2);
}

TEST_F(Dashboard, NoJudgeIsIdleWhenNoDemoIsRunning) {
    for (const auto& j : build().judges) EXPECT_FALSE(j.idle) << j.name;
}

TEST_F(Dashboard, TheCacheRebuildsOnlyWhenTheStoreChangesOrTheMinuteTurns) {
    DashboardCache cache;
    EXPECT_TRUE(cache.refresh(store, sampleEvent().id, easyRules(), kNowMs));
    EXPECT_FALSE(cache.refresh(store, sampleEvent().id, easyRules(), kNowMs + 1000));
    EXPECT_EQ(cache.generation(), 1u);
    checkIn(interns[3], 100);
    EXPECT_TRUE(cache.refresh(store, sampleEvent().id, easyRules(), kNowMs + 2000));
    EXPECT_EQ(cache.data().funnel.checkedIn, 4);
    EXPECT_TRUE(cache.refresh(store, sampleEvent().id, easyRules(), kNowMs + kMinMs));
    EXPECT_EQ(cache.generation(), 3u);
}

}  // namespace
}  // namespace oh

namespace oh {
namespace {

TEST(DeviceHealthReports, TheNewestReportOfEachDeviceIsKeptAndShownOnTheCentralsClock) {
    Store store = Store::openInMemory();
    store.saveEvent(sampleEvent());
    store.setMeta("device_name", "door-1");
    const std::int64_t now = 1'900'000'000'000;
    store.reportHealth(sampleEvent().id, 12, 90'000, now - 60'000);
    store.reportHealth(sampleEvent().id, 3, 90'000, now);
    // An older report arriving late (pulled after the newer one) changes nothing.
    store.applyRemote("device.health",
                      R"({"event_id":")" + sampleEvent().id + R"(","device_id":")" +
                          store.deviceId() +
                          R"(","reported_at":1,"backlog":99,"clock_offset_ms":0})",
                      store.deviceId());
    const auto health = store.deviceHealth(sampleEvent().id);
    ASSERT_EQ(health.size(), 1u);
    EXPECT_EQ(health[0].name, "door-1");
    EXPECT_EQ(health[0].backlog, 3);
    const auto d = buildDashboard(store, sampleEvent().id, ConversionRules{}, now);
    ASSERT_EQ(d.devices.size(), 1u);
    EXPECT_EQ(d.devices[0].lastSeenMs, now - 90'000) << "the device runs 90 s fast";
    EXPECT_FALSE(d.devices[0].stale);
    EXPECT_TRUE(buildDashboard(store, sampleEvent().id, ConversionRules{}, now + 10 * 60'000)
                    .devices[0]
                    .stale);
    int reports = 0;
    for (const auto& e : store.pendingOutbox(10)) reports += e.kind == "device.health";
    EXPECT_EQ(reports, 2) << "each report goes out to the other devices";
}

TEST(DeviceHealthReports, AMalformedReportIsRefusedAsInvalid) {
    Store store = Store::openInMemory();
    EXPECT_THROW(store.applyRemote("device.health", R"({"event_id":"e","device_id":"d"})", "d"),
                 StoreError);
}

}  // namespace
}  // namespace oh
