// Issuing on a device (core/slots/issuing.hpp), on a real in-memory store: which decisions
// the daemon issues now under each mode, when a demo reached quorum, and the issue itself
// from the device's own grant.
#include "core/slots/issuing.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "core/model/ids.hpp"

namespace oh {
namespace {

constexpr std::int64_t kT = 1'800'000'000'000;  // when the judges score (Unix ms)

class Issuing : public ::testing::Test {
  protected:
    void SetUp() override {
        store.saveEvent(sampleEvent());  // a budget of 3
        rules.quorum = 2;
        rules.bar = -10;  // every judged demo passes: these tests are about issuing
        rules.requireImpact = false;
        rules.minPeerRating = 0;
        for (int j = 0; j < 2; ++j) {
            Attendee a = sampleAttendee("judge" + std::to_string(j) + "@example.org",
                                        "Judge " + std::to_string(j), Role::Staff);
            store.upsertAttendee(a);
            judges.push_back(a.id);
        }
        for (int i = 0; i < 5; ++i) {
            Attendee a = sampleAttendee("intern" + std::to_string(i) + "@example.org",
                                        "Intern " + std::to_string(i));
            store.upsertAttendee(a);
            interns.push_back(a.id);
            Showcase s;
            s.id = Uuid::v7().str();
            s.eventId = sampleEvent().id;
            s.internId = a.id;
            s.title = "Demo " + std::to_string(i);
            store.upsertShowcase(s);
            demos.push_back(s.id);
        }
    }

    void score(int demo, int judge, double total, std::int64_t atMs) {
        store.clock().setPhysical([atMs] { return atMs; });
        Score s;
        s.eventId = sampleEvent().id;
        s.judgeId = judges[static_cast<std::size_t>(judge)];
        s.showcaseId = demos[static_cast<std::size_t>(demo)];
        s.total = total;
        store.recordScore(s);
    }

    std::vector<std::string> internsToIssue(const SlotPolicy& policy, std::int64_t now,
                                            bool byHand = false) {
        std::vector<std::string> out;
        for (const auto& d :
             decisionsToIssue(store, book, sampleEvent().id, rules, policy, now, byHand))
            out.push_back(d.internId);
        return out;
    }

    void grant(int size, std::int64_t localExpiresAt) {
        SlotGrant g;
        g.id = Uuid::v7().str();
        g.eventId = sampleEvent().id;
        g.deviceId = store.deviceId();
        g.size = size;
        g.expiresAt = localExpiresAt;
        g.localExpiresAt = localExpiresAt;
        book.putGrant(g);
    }

    Store store = Store::openInMemory();
    SlotBook book{store};
    ConversionRules rules;
    std::vector<std::string> judges, interns, demos;
};

TEST_F(Issuing, QuorumIsReachedAtTheQuorumthScoreWithATotal) {
    score(0, 0, 80, kT + 2000);
    EXPECT_FALSE(quorumReachedAt(store.scores(sampleEvent().id), demos[0], 2));
    score(0, 1, 60, kT + 5000);
    EXPECT_EQ(quorumReachedAt(store.scores(sampleEvent().id), demos[0], 2), kT + 5000);
    EXPECT_EQ(quorumReachedAt(store.scores(sampleEvent().id), demos[0], 1), kT + 2000);
}

TEST_F(Issuing, ManualModeIssuesNothingOnItsOwnButTheLeadsHandGetsTheSelection) {
    score(0, 0, 80, kT);
    score(0, 1, 70, kT);
    SlotPolicy manual;
    manual.mode = IssueMode::Manual;
    EXPECT_TRUE(internsToIssue(manual, kT + 1).empty());
    EXPECT_EQ(internsToIssue(manual, kT + 1, true), std::vector<std::string>{interns[0]});
}

TEST_F(Issuing, ImmediateModeSkipsInternsHoldingASlotAndKeepsToWhatTheBudgetHasLeft) {
    for (int demo = 0; demo < 5; ++demo) {
        score(demo, 0, 90 - demo, kT);
        score(demo, 1, 90 - demo, kT);
    }
    SlotPolicy now;
    now.mode = IssueMode::Immediate;
    EXPECT_EQ(internsToIssue(now, kT).size(), 3u) << "a budget of 3";
    grant(3, kT + 60'000);
    Decision first;
    first.internId = interns[0];
    first.showcaseId = demos[0];
    ASSERT_EQ(issueFromGrant(store, book, first, sampleEvent().id, kT).status,
              LocalIssueStatus::Issued);
    const auto left = internsToIssue(now, kT);
    EXPECT_EQ(left.size(), 2u);
    EXPECT_EQ(std::count(left.begin(), left.end(), interns[0]), 0);
}

// The slot of the best demo is declined: its place goes to the next candidate, never back to
// the intern who declined, and a void issue (it took nothing) leaves its intern to be issued.
TEST_F(Issuing, ADeclinedInternIsNotIssuedAgainAndAVoidIssueIs) {
    for (int demo = 0; demo < 5; ++demo) {
        score(demo, 0, 90 - demo, kT);
        score(demo, 1, 90 - demo, kT);
    }
    SlotPolicy now;
    now.mode = IssueMode::Immediate;
    auto put = [&](int intern, const char* state) {
        Slot s;
        s.id = Uuid::v7().str();
        s.eventId = sampleEvent().id;
        s.internId = interns[static_cast<std::size_t>(intern)];
        s.showcaseId = demos[static_cast<std::size_t>(intern)];
        s.state = state;
        s.version = 1;
        book.putSlot(s);
    };
    put(0, "declined");
    put(1, "void");
    const auto left = internsToIssue(now, kT);
    EXPECT_EQ(left, (std::vector<std::string>{interns[1], interns[2], interns[3]}))
        << "three open places: the declined one's goes to intern 3";
}

// Issued slots do not leave the rules' input: the remaining demos keep the day's calibration.
// Both judges score demos 0-4 90, 89, ... 86 (z +1.41, +0.71, 0, ...): with demo 0 issued,
// the bar at +0.4 still selects only demo 1, not demo 2, which a pool without demo 0 would
// lift to +0.45.
TEST_F(Issuing, AnIssuedDemoStaysInTheInputSoTheOthersKeepTheDaysCalibration) {
    for (int demo = 0; demo < 5; ++demo) {
        score(demo, 0, 90 - demo, kT);
        score(demo, 1, 90 - demo, kT);
    }
    rules.bar = 0.4;
    rules.encoreMargin = 0;
    SlotPolicy now;
    now.mode = IssueMode::Immediate;
    EXPECT_EQ(internsToIssue(now, kT), (std::vector<std::string>{interns[0], interns[1]}));
    grant(3, kT + 60'000);
    Decision first;
    first.internId = interns[0];
    first.showcaseId = demos[0];
    ASSERT_EQ(issueFromGrant(store, book, first, sampleEvent().id, kT).status,
              LocalIssueStatus::Issued);
    EXPECT_EQ(internsToIssue(now, kT), std::vector<std::string>{interns[1]})
        << "the day's calibration holds";
}

TEST_F(Issuing, WindowModeWaitsTheWindowFromTheQuorumScore) {
    score(1, 0, 80, kT);
    score(1, 1, 70, kT + 60'000);
    SlotPolicy window;
    window.mode = IssueMode::Window;
    window.windowMs = 600'000;
    EXPECT_TRUE(internsToIssue(window, kT + 60'000 + 599'999).empty());
    EXPECT_EQ(internsToIssue(window, kT + 60'000 + 600'000), std::vector<std::string>{interns[1]});
}

TEST_F(Issuing, AnIssueComesFromTheDevicesUsableGrantOnlyAndOncePerIntern) {
    Decision d;
    d.internId = interns[2];
    d.showcaseId = demos[2];
    d.rank = 1;
    d.rule = "every rule met";
    d.explanation = "calibrated +0.90 from 3 judges";
    EXPECT_EQ(issueFromGrant(store, book, d, sampleEvent().id, kT).status,
              LocalIssueStatus::NoGrant);
    grant(1, kT + 1000);
    EXPECT_EQ(issueFromGrant(store, book, d, sampleEvent().id, kT + 1000).status,
              LocalIssueStatus::NoGrant)
        << "at its local expiry the grant is gone";
    const LocalIssue issued = issueFromGrant(store, book, d, sampleEvent().id, kT + 999);
    ASSERT_EQ(issued.status, LocalIssueStatus::Issued);
    EXPECT_EQ(issued.slot.version, 0);
    EXPECT_TRUE(issued.slot.fromGrant);
    EXPECT_EQ(issued.slot.state, "issued");
    EXPECT_EQ(issued.slot.explanation, "every rule met; calibrated +0.90 from 3 judges");
    EXPECT_EQ(issueFromGrant(store, book, d, sampleEvent().id, kT).status,
              LocalIssueStatus::AlreadyHolds);
    d.internId = interns[3];
    EXPECT_EQ(issueFromGrant(store, book, d, sampleEvent().id, kT).status,
              LocalIssueStatus::NoGrant)
        << "a grant of one is used up";
    EXPECT_EQ(book.unconfirmed(sampleEvent().id).size(), 1u);
}

TEST(IssueModes, NamesRoundTrip) {
    for (auto m : {IssueMode::Immediate, IssueMode::Window, IssueMode::Manual})
        EXPECT_EQ(parseIssueMode(issueModeName(m)), m);
    EXPECT_FALSE(parseIssueMode("soon"));
}

}  // namespace
}  // namespace oh
