#include "core/judging/schedule_import.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "../test_support.hpp"
#include "core/decisions/judging_sheet.hpp"
#include "core/time/event_time.hpp"

namespace oh {
namespace {

// sampleEvent() runs from 2027-01-15 08:00 UTC for a day.
const std::string kHeader = "title,presenters,room,start,end,metric,change\n";

std::string describe(const ScheduleImportReport& r) {
    std::string text;
    for (const auto& p : r.problems) text += scheduleProblemText(p) + "\n";
    return text;
}

class ScheduleImport : public ::testing::Test {
  protected:
    void SetUp() override {
        store.saveEvent(sampleEvent());
        for (const char* email : {"ana@example.org", "raj@example.org", "li@example.org"}) {
            Attendee a = sampleAttendee(email, email);
            store.upsertAttendee(a);
            ids[email] = a.id;
        }
        Attendee judge = sampleAttendee("judge@example.org", "Judge", Role::Staff);
        store.upsertAttendee(judge);
    }

    ScheduleImportReport import(const std::string& rows) {
        return importSchedule(store, sampleEvent().id, kHeader + rows);
    }

    Store store = Store::openInMemory();
    std::map<std::string, std::string> ids;
};

TEST_F(ScheduleImport, CreatesATeamDemoWithItsPresentersInOrder) {
    auto r = import(
        "Churn early warning,raj@example.org;ana@example.org,Room A,"
        "2027-01-15 10:00,2027-01-15 10:20,support tickets,-12%\n");
    ASSERT_TRUE(r.ok()) << describe(r);
    EXPECT_EQ(r.created, 1);
    auto demos = store.showcases(sampleEvent().id);
    ASSERT_EQ(demos.size(), 1u);
    const Showcase& d = demos.front();
    EXPECT_EQ(d.presenterIds,
              (std::vector<std::string>{ids["raj@example.org"], ids["ana@example.org"]}));
    EXPECT_EQ(d.internId, ids["raj@example.org"]);  // older readers see the first presenter
    EXPECT_EQ(d.location, "Room A");
    EXPECT_EQ(d.slotStart, *parseEventTime("2027-01-15T10:00:00Z", "UTC"));
    EXPECT_EQ(d.slotEnd, *parseEventTime("2027-01-15T10:20:00Z", "UTC"));
    EXPECT_EQ(d.metricChange, "-12%");
}

TEST_F(ScheduleImport, ReimportMovesADemoAndChangesNothingElse) {
    ASSERT_TRUE(import("Churn,ana@example.org,Room A,2027-01-15 10:00,2027-01-15 10:20,,\n"
                       "Refunds,li@example.org,Room B,2027-01-15 10:00,2027-01-15 10:20,,\n")
                    .ok());
    const auto before = store.showcases(sampleEvent().id);
    const std::int64_t backlog = store.outboxBacklog();
    auto r = import(
        "churn,ana@example.org,Room C,2027-01-15 11:00,2027-01-15 11:20,,\n"
        "Refunds,li@example.org,Room B,2027-01-15 10:00,2027-01-15 10:20,,\n");
    ASSERT_TRUE(r.ok()) << describe(r);
    EXPECT_EQ(r.created, 0);
    EXPECT_EQ(r.updated, 1);
    EXPECT_EQ(r.unchanged, 1);
    EXPECT_EQ(store.outboxBacklog(), backlog + 1) << "only the moved demo goes out to devices";
    auto after = store.showcases(sampleEvent().id);
    ASSERT_EQ(after.size(), 2u);
    for (const auto& s : after) {
        if (s.presenterIds.front() != ids["ana@example.org"]) continue;
        EXPECT_EQ(s.location, "Room C");
        EXPECT_EQ(s.title, "churn");
        EXPECT_TRUE(std::any_of(before.begin(), before.end(), [&](const Showcase& b) {
            return b.id == s.id;
        })) << "the same demo, moved: scores on it stay on it";
    }
}

TEST_F(ScheduleImport, APresenterNotOnTheRosterOrNotAnInternRefusesTheWholeSheet) {
    auto r = import(
        "A,ana@example.org,R,2027-01-15 10:00,2027-01-15 10:20,,\n"
        "B,nobody@example.org,R2,2027-01-15 10:00,2027-01-15 10:20,,\n"
        "C,judge@example.org,R3,2027-01-15 10:00,2027-01-15 10:20,,\n");
    ASSERT_EQ(r.problems.size(), 2u) << describe(r);
    EXPECT_EQ(r.problems[0].reason, "unknown-presenter");
    EXPECT_EQ(r.problems[0].line, 3);
    EXPECT_EQ(r.problems[0].column, "presenters");
    EXPECT_EQ(r.problems[1].reason, "not-an-intern");
    EXPECT_EQ(r.problems[1].line, 4);
    EXPECT_TRUE(store.showcases(sampleEvent().id).empty()) << "all or nothing";
}

TEST_F(ScheduleImport, DemosOutsideTheEventAreRefusedWithTheEventsTimes) {
    auto r = import("A,ana@example.org,R,2027-01-15 07:59,2027-01-15 08:20,,\n");
    ASSERT_EQ(r.problems.size(), 1u) << describe(r);
    EXPECT_EQ(r.problems[0].reason, "outside-event");
}

TEST_F(ScheduleImport, DemosTheSheetNoLongerNamesAreKeptAndCounted) {
    ASSERT_TRUE(import("A,ana@example.org,R,2027-01-15 10:00,2027-01-15 10:20,,\n"
                       "B,li@example.org,R2,2027-01-15 10:00,2027-01-15 10:20,,\n")
                    .ok());
    auto r = import("A,ana@example.org,R,2027-01-15 10:00,2027-01-15 10:20,,\n");
    ASSERT_TRUE(r.ok()) << describe(r);
    EXPECT_EQ(r.notInSheet, 1);
    EXPECT_EQ(store.showcases(sampleEvent().id).size(), 2u);
}

TEST_F(ScheduleImport, TheSameTitleByAnotherTeamIsAnotherDemo) {
    ASSERT_TRUE(import("Dashboards,ana@example.org,R,2027-01-15 10:00,2027-01-15 10:20,,\n").ok());
    auto r = import("Dashboards,li@example.org,R,2027-01-15 11:00,2027-01-15 11:20,,\n");
    ASSERT_TRUE(r.ok()) << describe(r);
    EXPECT_EQ(r.created, 1);
    EXPECT_EQ(r.notInSheet, 1);
}

TEST_F(ScheduleImport, TheJudgingSheetScoresAScheduledTeamDemoThroughAnyPresenter) {
    ASSERT_TRUE(import("Churn early warning,ana@example.org;raj@example.org,Room A,"
                       "2027-01-15 10:00,2027-01-15 10:20,,\n")
                    .ok());
    auto sheet =
        importJudgingSheet(store, sampleEvent().id,
                           "demo,intern_email,metric,change,by_email,score,encore,peer_rating\n"
                           "Churn Early Warning,raj@example.org,,,judge@example.org,80,no,\n");
    ASSERT_TRUE(sheet.ok()) << sheet.problems.front();
    EXPECT_EQ(sheet.showcasesCreated, 0) << "the second presenter's row is the team's demo";
    auto demos = store.showcases(sampleEvent().id);
    ASSERT_EQ(demos.size(), 1u);
    auto scores = store.scores(sampleEvent().id);
    ASSERT_EQ(scores.size(), 1u);
    EXPECT_EQ(scores.front().showcaseId, demos.front().id);
}

TEST(Showcase, PresentersAreTheTeamOnceEachOrTheOneInternOfAnOlderRecord) {
    Showcase older;
    older.internId = "i1";
    EXPECT_EQ(presentersOf(older), (std::vector<std::string>{"i1"}));
    Showcase team;
    team.internId = "i2";
    team.presenterIds = {"i2", "i3", "i2"};
    EXPECT_EQ(presentersOf(team), (std::vector<std::string>{"i2", "i3"}));
    EXPECT_TRUE(presentersOf(Showcase{}).empty());
}

TEST(ShowcaseSync, ATeamDemoReachesAnotherStoreWithItsPresenters) {
    Store admin = Store::openInMemory();
    Store device = Store::openInMemory();
    admin.saveEvent(sampleEvent());
    Attendee a = sampleAttendee("a@example.org", "A"), b = sampleAttendee("b@example.org", "B");
    admin.upsertAttendee(a);
    admin.upsertAttendee(b);
    Showcase s;
    s.id = "0192f3a0-0000-7000-8000-0000000d0001";
    s.eventId = sampleEvent().id;
    s.title = "Team demo";
    s.internId = b.id;
    s.presenterIds = {b.id, a.id};
    admin.upsertShowcase(s);
    {
        Store::ApplyingRemote remote(device);
        for (const auto& entry : admin.pendingOutbox(100))
            device.applyRemote(entry.kind, entry.payload, "admin");
    }
    auto got = device.showcase(s.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->presenterIds, (std::vector<std::string>{b.id, a.id}));
    EXPECT_EQ(got->internId, b.id);
}

TEST(ShowcaseSync, WhenOnePersonsTwoRecordsMergeTheTeamNamesTheKeptRecord) {
    Store origin = Store::openInMemory();
    origin.saveEvent(sampleEvent());
    Attendee person = sampleAttendee("twice@example.org", "Twice");
    origin.upsertAttendee(person);
    const auto base = nlohmann::json::parse(origin.pendingOutbox(10).back().payload);
    nlohmann::json later = base;  // the same e-mail registered elsewhere, a larger id
    later["id"] = "ffffffff-ffff-7fff-bfff-ffffffffffff";
    const std::string kept = base["id"].get<std::string>(), merged = later["id"];
    ASSERT_LT(kept, merged);

    Store replica = Store::openInMemory();
    replica.saveEvent(sampleEvent());
    Store::ApplyingRemote remote(replica);
    replica.applyRemote("attendee.upsert", later.dump(), "dev-2");
    const nlohmann::json demo = {
        {"id", "0192f3a0-0000-7000-8000-0000000d0002"},
        {"event_id", sampleEvent().id},
        {"intern_id", merged},
        {"title", "Team demo"},
        {"presenter_ids", {merged, "0192f3a0-0000-7000-8000-00000000aaaa"}},
        {"updated_at", 1000}};
    replica.applyRemote("showcase.upsert", demo.dump(), "dev-2");
    replica.applyRemote("attendee.upsert", base.dump(), "dev-1");

    auto got = replica.showcase(demo["id"]);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->internId, kept);
    EXPECT_EQ(got->presenterIds,
              (std::vector<std::string>{kept, "0192f3a0-0000-7000-8000-00000000aaaa"}));
}

}  // namespace
}  // namespace oh
