// Encore assignments in the store (encore.upsert): what the program team saves is sent and
// read back whole; a pulled version replaces the stored one only when newer, in either order
// of arrival; a record that is malformed or claims the clock-read state "expired" is refused.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/model/ids.hpp"
#include "core/model/record_kind.hpp"
#include "core/store/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
using nlohmann::json;

namespace {

EncoreAssignment sampleEncore() {
    EncoreAssignment a;
    a.id = encoreIdFor("demo-1", "intern-1");
    a.eventId = sampleEvent().id;
    a.showcaseId = "demo-1";
    a.internId = "intern-1";
    a.brief = "Show the ticket drop holds";
    a.metric = "support tickets";
    a.dueAt = 1'800'000'000'000;
    a.reviewerId = "staff-1";
    return a;
}

json payloadOf(const EncoreAssignment& a, std::int64_t updatedAt, const std::string& state) {
    return json{{"id", a.id},
                {"event_id", a.eventId},
                {"showcase_id", a.showcaseId},
                {"intern_id", a.internId},
                {"brief", a.brief},
                {"due_at", a.dueAt},
                {"state", state},
                {"updated_at", updatedAt},
                {"review_total", nullptr}};
}

TEST(EncoreStore, ASavedEncoreIsSentAndReadBackWhole) {
    Store s = Store::openInMemory();
    s.saveEvent(sampleEvent());
    EncoreAssignment a = sampleEncore();
    a.state = EncoreState::Reviewed;
    a.submission = "https://example.com/work";
    a.submittedAt = 5;
    a.reviewSheet = R"({"levels":{"impact":4}})";
    a.reviewTotal = 75;
    a.reviewedBy = "staff-1";
    a.reviewedAt = 9;
    s.saveEncore(a);
    const auto back = s.encores(a.eventId);
    ASSERT_EQ(back.size(), 1u);
    const EncoreAssignment& b = back[0];
    EXPECT_TRUE(b.stored);
    EXPECT_EQ(b.id, a.id);
    EXPECT_EQ(b.brief, a.brief);
    EXPECT_EQ(b.metric, a.metric);
    EXPECT_EQ(b.dueAt, a.dueAt);
    EXPECT_EQ(b.reviewerId, "staff-1");
    EXPECT_EQ(b.state, EncoreState::Reviewed);
    EXPECT_EQ(b.submission, a.submission);
    EXPECT_EQ(b.submittedAt, 5);
    EXPECT_EQ(b.reviewSheet, a.reviewSheet);
    ASSERT_TRUE(b.reviewTotal);
    EXPECT_DOUBLE_EQ(*b.reviewTotal, 75);
    EXPECT_EQ(b.reviewedAt, 9);
    EXPECT_GT(b.updatedAt, 0);
    const auto outbox = s.pendingOutbox(100);
    ASSERT_FALSE(outbox.empty());
    EXPECT_EQ(outbox.back().kind, "encore.upsert");
    EXPECT_TRUE(s.encores("another-event").empty());
}

TEST(EncoreStore, TwoSavesInOneMillisecondStillLeaveTheSecond) {
    Store s = Store::openInMemory();
    EncoreAssignment a = sampleEncore();
    s.saveEncore(a);
    a.brief = "Second brief";
    s.saveEncore(a);
    a.brief = "Third brief";
    s.saveEncore(a);
    ASSERT_EQ(s.encores(a.eventId).size(), 1u);
    EXPECT_EQ(s.encores(a.eventId)[0].brief, "Third brief");
}

// A copy stamped by a clock ahead of this laptop's (another admin's) must not swallow the
// lead's next edit here: a save is always newer than what it replaces.
TEST(EncoreStore, ASaveReplacesACopyStampedAheadOfThisClock) {
    Store s = Store::openInMemory();
    const EncoreAssignment a = sampleEncore();
    const std::int64_t ahead = nowMillis() + 3'600'000;
    s.applyRemote("encore.upsert", payloadOf(a, ahead, "assigned").dump(), "central");
    EncoreAssignment edit = s.encores(a.eventId).at(0);
    edit.brief = "Edited here";
    s.saveEncore(edit);
    ASSERT_EQ(s.encores(a.eventId).size(), 1u);
    EXPECT_EQ(s.encores(a.eventId)[0].brief, "Edited here");
    EXPECT_EQ(s.encores(a.eventId)[0].updatedAt, ahead + 1);
}

TEST(EncoreStore, TheNewerVersionWinsInEitherOrderOfArrival) {
    const EncoreAssignment a = sampleEncore();
    const json older = payloadOf(a, 100, "assigned");
    const json newer = payloadOf(a, 200, "submitted");
    for (bool newerFirst : {false, true}) {
        SCOPED_TRACE(newerFirst ? "newer first" : "older first");
        Store s = Store::openInMemory();
        const json& first = newerFirst ? newer : older;
        const json& second = newerFirst ? older : newer;
        s.applyRemote("encore.upsert", first.dump(), "central");
        s.applyRemote("encore.upsert", second.dump(), "central");
        const auto back = s.encores(a.eventId);
        ASSERT_EQ(back.size(), 1u);
        EXPECT_EQ(back[0].state, EncoreState::Submitted);
        EXPECT_EQ(back[0].updatedAt, 200);
    }
}

// The reason a replica gives when it refuses a pulled record ("" when it applied it).
std::string refusalOf(Store& s, const json& payload) {
    try {
        s.applyRemote("encore.upsert", payload.dump(), "central");
    } catch (const StoreError& e) {
        return e.what();
    }
    return "";
}

TEST(EncoreStore, AMalformedEncoreRecordIsRefusedAndNothingIsKept) {
    Store s = Store::openInMemory();
    const EncoreAssignment a = sampleEncore();
    json noDue = payloadOf(a, 100, "assigned");
    noDue.erase("due_at");
    EXPECT_NE(refusalOf(s, noDue).find("sync record encore.upsert from central"),
              std::string::npos);
    EXPECT_NE(refusalOf(s, noDue).find("due_at"), std::string::npos) << refusalOf(s, noDue);
    EXPECT_NE(refusalOf(s, payloadOf(a, 100, "expired")).find("unknown encore state"),
              std::string::npos)
        << "expired is read from the clock, never written";
    EXPECT_NE(refusalOf(s, payloadOf(a, 100, "won")).find("unknown encore state"),
              std::string::npos);
    json textTotal = payloadOf(a, 100, "reviewed");
    textTotal["review_total"] = "high";
    EXPECT_NE(refusalOf(s, textTotal).find("type must be number"), std::string::npos)
        << refusalOf(s, textTotal);
    EXPECT_TRUE(s.encores(a.eventId).empty());
}

TEST(EncoreStore, OnlyTheProgramTeamMakesEncoreRecords) {
    const auto kind = parseRecordKind("encore.upsert");
    ASSERT_TRUE(kind);
    EXPECT_FALSE(isDeviceKind(*kind));
}

}  // namespace
