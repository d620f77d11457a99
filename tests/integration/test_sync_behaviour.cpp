// The same behaviour tests on both central adapters.
#include <map>
#include <thread>

#include "core/roster/search.hpp"
#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

class SyncBehaviour : public SeededCentral {
  protected:
    static void tick() { std::this_thread::sleep_for(std::chrono::milliseconds(3)); }
};

TEST_P(SyncBehaviour, ThreeDevicesOfflineForAWhileConvergeOnTheSameData) {
    auto a = device("kiosk-a");
    auto b = device("kiosk-b");
    auto c = device("tablet-c");
    for (auto* d : {a.get(), b.get(), c.get()}) sync(*d);  // enrolment pull
    ASSERT_EQ(a->countAttendees(seed_.event.id), 33);
    ASSERT_EQ(c->showcases(seed_.event.id).size(), 4u);

    // Offline: overlapping check-ins. A checks in 0..19, B 10..29, C 5..14;
    // B's check-ins of 10..14 are the earliest (time 1000 + i), then C, then A.
    const auto& people = seed_.attendees;
    for (int i = 0; i < 20; ++i) a->recordCheckIn(seed_.event.id, people[i], "qr", 3000 + i);
    for (int i = 10; i < 30; ++i) b->recordCheckIn(seed_.event.id, people[i], "qr", 1000 + i);
    for (int i = 5; i < 15; ++i) c->recordCheckIn(seed_.event.id, people[i], "search", 2000 + i);
    // C undoes one of its own (person 6: A's check-in remains).
    auto c6 = c->activeCheckIn(seed_.event.id, people[6]);
    ASSERT_TRUE(c6);
    ASSERT_TRUE(c->annulCheckIn(c6->id, seed_.judges[0], 2500));

    // The same demos scored on several devices; the last write by clock wins.
    auto score = [&](Store& s, int judge, int demo, double total) {
        Score r;
        r.eventId = seed_.event.id;
        r.judgeId = seed_.judges[judge];
        r.showcaseId = seed_.showcases[demo];
        r.total = total;
        tick();
        return s.recordScore(r);
    };
    score(*a, 0, 0, 3.0);
    score(*b, 0, 0, 4.0);
    score(*c, 0, 0, 5.0);  // latest for (judge 0, demo 0)
    score(*c, 1, 1, 2.0);
    score(*a, 1, 1, 4.5);  // latest for (judge 1, demo 1)
    score(*b, 2, 2, 1.0);
    tick();
    ASSERT_TRUE(b->deleteScore(seed_.judges[2], seed_.showcases[2]));  // a tombstone
    score(*a, 2, 3, 3.5);

    // Feedback: one per author per showcase, the newest (time, then id) wins.
    auto feedback = [&](Store& s, int author, int demo, int rating, std::int64_t at,
                        std::vector<int> answers = {}) {
        Feedback f;
        f.eventId = seed_.event.id;
        f.authorId = people[author];
        f.showcaseId = seed_.showcases[demo];
        f.rating = rating;
        f.createdAt = at;
        f.answers = std::move(answers);
        return s.addFeedback(f);
    };
    EXPECT_EQ(feedback(*a, 1, 0, 5, 100), FeedbackAdded::First);
    EXPECT_EQ(feedback(*a, 1, 0, 4, 101), FeedbackAdded::Replaced);          // same author and demo
    EXPECT_EQ(feedback(*b, 1, 0, 3, 120, {3, 3, 4}), FeedbackAdded::First);  // offline: newest
    EXPECT_EQ(feedback(*c, 1, 0, 2, 110), FeedbackAdded::First);  // offline, in between: loses
    EXPECT_EQ(feedback(*b, 3, 1, 4, 100, {4, 4, 5}), FeedbackAdded::First);
    EXPECT_EQ(feedback(*c, 5, 2, 2, 100), FeedbackAdded::First);
    Feedback doomed;
    doomed.eventId = seed_.event.id;
    doomed.authorId = people[7];
    doomed.showcaseId = seed_.showcases[3];
    doomed.createdAt = 100;
    ASSERT_EQ(c->addFeedback(doomed), FeedbackAdded::First);
    ASSERT_TRUE(c->deleteFeedback(doomed.id));

    // Back online, one after the other, twice (the second round pulls the rest).
    for (int round = 0; round < 2; ++round)
        for (auto* d : {a.get(), b.get(), c.get()}) sync(*d);

    auto expected = sorted(central_->digest(seed_.event.id));
    EXPECT_EQ(sorted(a->digest(seed_.event.id)), expected);
    EXPECT_EQ(sorted(b->digest(seed_.event.id)), expected);
    EXPECT_EQ(sorted(c->digest(seed_.event.id)), expected);

    // Each check-in once: 50 rows (20 + 20 + 10), 30 people checked in, the rest repeats.
    EXPECT_EQ(countPrefix(expected, "checkin "), 50);
    for (auto* d : {a.get(), b.get(), c.get()}) EXPECT_EQ(d->countCheckIns(seed_.event.id), 30);
    // Person 12: B's check-in (time 1012) is the one; A's and C's are repeats.
    auto first = a->activeCheckIn(seed_.event.id, people[12]);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->deviceId, b->deviceId());
    EXPECT_EQ(first->at, 1012);
    // Person 6: C annulled its own; A's (3006) stands.
    auto six = c->activeCheckIn(seed_.event.id, people[6]);
    ASSERT_TRUE(six);
    EXPECT_EQ(six->deviceId, a->deviceId());

    // Each score the latest by clock; the deleted one stays deleted everywhere.
    for (auto* d : {a.get(), b.get(), c.get()}) {
        auto s00 = d->score(seed_.judges[0], seed_.showcases[0]);
        ASSERT_TRUE(s00);
        EXPECT_EQ(s00->total, 5.0);
        EXPECT_EQ(s00->deviceId, c->deviceId());
        EXPECT_EQ(d->score(seed_.judges[1], seed_.showcases[1])->total, 4.5);
        EXPECT_TRUE(d->score(seed_.judges[2], seed_.showcases[2])->deleted);
        EXPECT_EQ(d->scores(seed_.event.id).size(), 3u);
        auto fb = d->feedback(seed_.event.id);
        ASSERT_EQ(fb.size(), 3u);  // (1,0) once, (3,1), (5,2); (7,3) deleted
        auto newest = std::find_if(fb.begin(), fb.end(), [&](const Feedback& f) {
            return f.authorId == people[1] && f.showcaseId == seed_.showcases[0];
        });
        ASSERT_NE(newest, fb.end());
        EXPECT_EQ(newest->rating, 3);  // B's, the newest one, with its answers
        EXPECT_EQ(newest->deviceId, b->deviceId());
        EXPECT_EQ(newest->answers, (std::vector<int>{3, 3, 4}));
    }
    EXPECT_EQ(std::count_if(expected.begin(), expected.end(),
                            [](const std::string& line) {
                                return line.rfind("feedback ", 0) == 0 && line.size() > 6 &&
                                       line.compare(line.size() - 6, 6, " 4,4,5") == 0;
                            }),
              1)
        << "the central keeps a feedback's answers";
}

TEST_P(SyncBehaviour, ARetriedBatchIsAppliedOnceAndReportedAsDuplicates) {
    auto a = device("kiosk-a");
    sync(*a);
    for (int i = 0; i < 10; ++i)
        a->recordCheckIn(seed_.event.id, seed_.attendees[i], "qr", 1000 + i);
    auto batch = a->pendingOutbox(100);
    ASSERT_EQ(batch.size(), 10u);
    auto first = central_->push(a->deviceId(), batch);
    EXPECT_EQ(first.applied, 10);
    // The answer was lost: the device resends identical bytes.
    auto second = central_->push(a->deviceId(), batch);
    EXPECT_EQ(second.applied, 0);
    EXPECT_EQ(second.duplicates, 10);
    auto digest = central_->digest(seed_.event.id);
    EXPECT_EQ(countPrefix(digest, "checkin "), 10);
}

TEST_P(SyncBehaviour, AScoreStampedFarAheadIsRefusedAndKeptInTheOutbox) {
    auto a = device("kiosk-a");
    sync(*a);
    std::int64_t hourAhead = nowMillis() + 3600 * 1000;
    a->clock().setPhysical([hourAhead] { return hourAhead; });
    Score s;
    s.eventId = seed_.event.id;
    s.judgeId = seed_.judges[0];
    s.showcaseId = seed_.showcases[0];
    s.total = 4.0;
    a->recordScore(s);
    a->recordCheckIn(seed_.event.id, seed_.attendees[0], "qr", hourAhead);
    std::vector<std::string> log;
    auto report = sync(*a, &log);
    EXPECT_EQ(report.pushed, 1);  // the check-in
    EXPECT_EQ(report.refused, 1);
    EXPECT_EQ(a->outboxBacklog(), 1);
    auto digest = central_->digest(seed_.event.id);
    EXPECT_EQ(countPrefix(digest, "score "), 0);
    EXPECT_EQ(countPrefix(digest, "checkin "), 1);
    bool warned = false, refused = false;
    for (const auto& l : log) {
        warned |= l.find("ahead of the central") != std::string::npos;
        refused |= l.find("refused 1 entries") != std::string::npos;
    }
    EXPECT_TRUE(warned);
    EXPECT_TRUE(refused);
}

TEST_P(SyncBehaviour, ADeviceCatchesUpThroughManyPagesAndTheCursorSurvivesReopening) {
    auto a = device("kiosk-a");
    sync(*a);
    for (int i = 0; i < 30; ++i) a->recordCheckIn(seed_.event.id, seed_.attendees[i], "qr", i);
    sync(*a);
    auto path = dir_.file("late.db");
    {
        auto late = openDevice(path, seed_, "late");
        SyncOptions small;
        small.pullPage = 7;
        SyncEngine engine(*late, *central_, small, [](const std::string&) {});
        auto r = engine.syncOnce();
        EXPECT_GE(r.pages, 9);  // 1 event + 1 key? + 33 people + 4 demos + 30 check-ins, 7 a page
        EXPECT_EQ(late->countCheckIns(seed_.event.id), 30);
    }
    auto reopened = Store::open(path);
    EXPECT_FALSE(reopened.syncCursor().empty());
    SyncEngine engine(reopened, *central_, {}, [](const std::string&) {});
    EXPECT_EQ(engine.syncOnce().pulled, 0);
}

// One walk-in registered on two kiosks while both were offline: the same
// e-mail under two ids. Every replica keeps one person (the smaller id; device
// A meets the larger id arriving, device B the smaller), with both check-ins
// (the earlier counts), the newer name, and a badge of the other id still works.
TEST_P(SyncBehaviour, OneWalkInRegisteredOnTwoOfflineKiosksBecomesOnePerson) {
    auto a = device("a"), b = device("b");
    sync(*a);
    sync(*b);
    auto walkIn = [&](Store& d, const std::string& name, std::int64_t at) {
        Attendee w;
        w.eventId = seed_.event.id;
        w.fullName = name;
        w.email = "walk.in@example.org";
        w.role = Role::Guest;
        d.upsertAttendee(w);
        d.recordCheckIn(seed_.event.id, w.id, "walk-in", at);
        return w.id;
    };
    auto feedback = [&](Store& d, const std::string& author, std::size_t showcase,
                        std::int64_t at) {
        Feedback f;
        f.eventId = seed_.event.id;
        f.authorId = author;
        f.showcaseId = seed_.showcases.at(showcase);
        f.rating = 4;
        f.createdAt = at;
        d.addFeedback(f);
    };
    const std::string first = walkIn(*a, "Rafa Walker", 100);
    tick();
    const std::string second = walkIn(*b, "Rafael Walker", 200);
    ASSERT_LT(first, second);
    // Both records leave feedback on one demo (the newer one counts: the second
    // record's, so the person's older one is what the merge drops), the second on
    // another demo too: all of it ends up the one person's.
    feedback(*a, first, 0, 900);
    feedback(*b, second, 0, 1000);
    feedback(*b, second, 1, 950);
    for (int round = 0; round < 2; ++round) {
        sync(*a);  // neither round may throw (a record naming an unknown person used to)
        sync(*b);
    }

    EXPECT_EQ(a->outboxBacklog(), 0);
    EXPECT_EQ(b->outboxBacklog(), 0);
    for (Store* d : {a.get(), b.get()}) {
        auto person = d->attendeeByEmail(seed_.event.id, "walk.in@example.org");
        ASSERT_TRUE(person);
        EXPECT_EQ(person->id, first);
        EXPECT_EQ(person->fullName, "Rafael Walker");  // the newer registration's fields
        auto active = d->activeCheckIn(seed_.event.id, first);
        ASSERT_TRUE(active);
        EXPECT_EQ(active->at, 100);
        // The badge kiosk B printed names the other id: it finds the same person.
        auto again = d->recordCheckIn(seed_.event.id, second, "qr", 300);
        EXPECT_FALSE(again.created);
        EXPECT_EQ(again.checkin.id, active->id);
    }
    auto digest = sorted(a->digest(seed_.event.id));
    EXPECT_EQ(countPrefix(digest, "checkin "), 2);
    EXPECT_EQ(countPrefix(digest, "feedback "), 2);
    for (const auto& line : digest) {
        if (line.rfind("feedback ", 0) == 0) {
            EXPECT_NE(line.find(" " + first + " "), std::string::npos) << line;
            if (line.find(seed_.showcases[0]) != std::string::npos) {
                EXPECT_NE(line.find(" 1000 "), std::string::npos) << "the newer one: " << line;
            }
        }
    }
    EXPECT_EQ(digest, sorted(b->digest(seed_.event.id)));
    EXPECT_EQ(digest, sorted(central_->digest(seed_.event.id)));
    // The central's own row of the person has the newer fields too.
    if (GetParam() == Backend::Postgres) {
        auto rows = pgtools::query(place_.spec,
                                   "SELECT full_name FROM attendees WHERE id = $1::uuid", {first});
        ASSERT_EQ(rows.size(), 1u);
        EXPECT_EQ(rows[0][0], "Rafael Walker");
    } else {
        Store central = Store::open(dir_.file("central.db"));
        auto person = central.attendeeByEmail(seed_.event.id, "walk.in@example.org");
        ASSERT_TRUE(person);
        EXPECT_EQ(person->id, first);
        EXPECT_EQ(person->fullName, "Rafael Walker");
    }
}

// The roster's Last Name column travels with the person: another kiosk shows "José M."
// (its initial), not "José G." (the last word's); a re-import that changes only the last
// name reaches it too, and the central's own record holds it.
TEST_P(SyncBehaviour, APersonsFamilyNameReachesTheOtherDevices) {
    auto lead = device("lead"), kiosk = device("kiosk");
    sync(*lead);
    sync(*kiosk);
    Attendee jose;
    jose.eventId = seed_.event.id;
    jose.fullName = "José Muñoz García";
    jose.familyName = "Muñoz García";
    jose.email = "jose@example.org";
    ASSERT_EQ(lead->upsertAttendee(jose), UpsertResult::Inserted);
    sync(*lead);
    sync(*kiosk);
    auto there = kiosk->attendee(jose.id);
    ASSERT_TRUE(there);
    EXPECT_EQ(there->familyName, "Muñoz García");
    NameIndex index;
    index.build(kiosk->attendees(seed_.event.id));
    auto hits = index.search("jose munoz");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].display, "José M.");

    tick();
    jose.familyName = "García";  // the corrected roster, imported again
    ASSERT_EQ(lead->upsertAttendee(jose), UpsertResult::Updated);
    sync(*lead);
    sync(*kiosk);
    EXPECT_EQ(kiosk->attendee(jose.id)->familyName, "García");
    if (GetParam() == Backend::Postgres) {
        auto rows = pgtools::query(
            place_.spec, "SELECT family_name FROM attendees WHERE id = $1::uuid", {jose.id});
        ASSERT_EQ(rows.size(), 1u);
        EXPECT_EQ(rows[0][0], "García");
    } else {
        Store central = Store::open(dir_.file("central.db"));
        EXPECT_EQ(central.attendee(jose.id)->familyName, "García");
    }
}

INSTANTIATE_TEST_SUITE_P(Central, SyncBehaviour,
                         testing::Values(Backend::Sqlite, Backend::Postgres), backendName);

}  // namespace
