// Merge rules at the store level: applying the same records in any order
// gives the same data (what makes every replica converge).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "core/central/central.hpp"
#include "core/model/ids.hpp"
#include "core/store/store.hpp"
#include "core/sync/sync_engine.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

struct Record {
    std::string kind, payload, device;
};

// Two people, three devices: overlapping check-ins, an annul, scores, feedback.
std::vector<Record> sampleRecords(Store& source, const std::vector<std::string>& people) {
    const auto& ev = sampleEvent().id;
    source.recordCheckIn(ev, people[0], "qr", 300);
    auto c = source.activeCheckIn(ev, people[0]);
    source.annulCheckIn(c->id, "staff", 310);
    source.recordCheckIn(ev, people[0], "qr", 320);
    source.recordCheckIn(ev, people[1], "qr", 200);
    std::vector<Record> out;
    for (const auto& e : source.pendingOutbox(100))
        if (e.kind.rfind("checkin.", 0) == 0) out.push_back({e.kind, e.payload, source.deviceId()});
    return out;
}

Store storeWithRoster(std::vector<std::string>& people) {
    Store s = Store::openInMemory();
    Store::ApplyingRemote remote(s);
    s.saveEvent(sampleEvent());
    people.clear();
    for (int i = 0; i < 2; ++i) {
        auto a = sampleAttendee("p" + std::to_string(i) + "@example.org", "P " + std::to_string(i));
        a.id = "0192f3a0-0000-7000-8000-00000000a00" + std::to_string(i);
        s.upsertAttendee(a);
        people.push_back(a.id);
    }
    return s;
}

}  // namespace

TEST(SyncStore, CheckInSetsConvergeWhateverTheOrderRecordsArriveIn) {
    std::vector<std::string> people;
    Store a = storeWithRoster(people);
    Store b = storeWithRoster(people);
    auto records = sampleRecords(a, people);
    auto more = sampleRecords(b, people);
    records.insert(records.end(), more.begin(), more.end());
    ASSERT_EQ(records.size(), 8u);

    std::vector<std::vector<std::string>> digests;
    std::mt19937 rng(7);
    for (int trial = 0; trial < 20; ++trial) {
        std::vector<std::string> ids;
        Store r = storeWithRoster(ids);
        std::shuffle(records.begin(), records.end(), rng);
        // Annuls of unknown check-ins are skipped: replay until nothing changes.
        for (int pass = 0; pass < 2; ++pass) {
            Store::ApplyingRemote remote(r);
            for (const auto& rec : records) r.applyRemote(rec.kind, rec.payload, rec.device);
        }
        auto d = r.digest(sampleEvent().id);
        std::sort(d.begin(), d.end());
        digests.push_back(d);
        EXPECT_EQ(r.countCheckIns(sampleEvent().id), 2);
        EXPECT_EQ(r.outboxBacklog(), 0) << "copies of remote records are never sent back";
    }
    for (const auto& d : digests) EXPECT_EQ(d, digests.front());
}

TEST(SyncStore, AScoreWritePersistsItsClockAcrossRestarts) {
    TempDir dir;
    Score written;
    {
        Store s = Store::open(dir.file("d.db"));
        s.clock().setPhysical([] { return std::int64_t{5'000'000}; });
        s.saveEvent(sampleEvent());
        auto judge = sampleAttendee("judge@example.org", "Judge", Role::Staff);
        s.upsertAttendee(judge);
        Showcase demo{Uuid::v7().str(), sampleEvent().id, "", "Demo", "", "", "", "", 0, 0, {}};
        s.upsertShowcase(demo);
        Score r;
        r.eventId = sampleEvent().id;
        r.judgeId = judge.id;
        r.showcaseId = demo.id;
        r.total = 4.0;
        written = s.recordScore(r);
        EXPECT_EQ(Hlc::parse(written.hlc)->wall, 5'000'000);
        EXPECT_EQ(s.pendingOutbox(10).back().kind, "score.upsert");
    }
    Store again = Store::open(dir.file("d.db"));
    again.clock().setPhysical([] { return std::int64_t{1'000}; });  // the clock went backwards
    EXPECT_GT(again.clock().now().str(), written.hlc);
}

TEST(SyncStore, EmbeddedCentralPublishesTheLeadsOwnWritesToDevices) {
    TempDir dir;
    {
        Store central = Store::open(dir.file("central.db"));
        central.saveEvent(sampleEvent());  // as `openhouse init` does
    }
    auto record = openCentralSqlite(dir.file("central.db"));
    Store device = Store::open(dir.file("device.db"));
    device.setMeta("event_id", sampleEvent().id);  // a device works at one event
    SyncEngine engine(device, *record, {}, [](const std::string&) {});
    auto report = engine.syncOnce();
    EXPECT_GE(report.pulled, 1);
    EXPECT_TRUE(device.event(sampleEvent().id));
    EXPECT_EQ(device.outboxBacklog(), 0);
    EXPECT_EQ(engine.syncOnce().pulled, 0);
}

namespace {

// One person registered on two devices (one e-mail, two ids), each with a
// check-in: the records in every order a pull can bring them (a person's
// record always before their check-in).
TEST(SyncStore, OnePersonRegisteredTwiceMergesTheSameWhateverTheOrder) {
    std::vector<std::string> unused;
    auto recordsOf = [&](const std::string& name, std::int64_t at) {
        Store d = storeWithRoster(unused);
        auto w = sampleAttendee("twice@example.org", name, Role::Guest);
        d.upsertAttendee(w);
        d.recordCheckIn(sampleEvent().id, w.id, "walk-in", at);
        std::vector<Record> out;
        for (const auto& e : d.pendingOutbox(10)) out.push_back({e.kind, e.payload, d.deviceId()});
        return std::make_pair(w.id, out);
    };
    auto [first, x] = recordsOf("First Name", 500);
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    auto [second, y] = recordsOf("Second Name", 400);
    ASSERT_LT(first, second);
    ASSERT_EQ(x.size(), 2u);
    ASSERT_EQ(y.size(), 2u);
    const std::vector<std::vector<const Record*>> orders{
        {&x[0], &x[1], &y[0], &y[1]}, {&y[0], &y[1], &x[0], &x[1]}, {&x[0], &y[0], &x[1], &y[1]},
        {&y[0], &x[0], &y[1], &x[1]}, {&x[0], &y[0], &y[1], &x[1]}, {&y[0], &x[0], &x[1], &y[1]}};
    std::vector<std::vector<std::string>> digests;
    for (const auto& order : orders) {
        Store r = storeWithRoster(unused);
        for (const Record* rec : order) r.applyRemote(rec->kind, rec->payload, rec->device);
        auto person = r.attendeeByEmail(sampleEvent().id, "twice@example.org");
        ASSERT_TRUE(person);
        EXPECT_EQ(person->id, first);
        EXPECT_EQ(person->fullName, "Second Name");  // registered later: newer fields
        EXPECT_FALSE(r.attendee(second) == std::nullopt) << "the other id finds the person";
        auto active = r.activeCheckIn(sampleEvent().id, first);
        ASSERT_TRUE(active);
        EXPECT_EQ(active->at, 400);  // the earlier check-in counts, whichever device made it
        auto d = r.digest(sampleEvent().id);
        std::sort(d.begin(), d.end());
        digests.push_back(d);
    }
    for (const auto& d : digests) EXPECT_EQ(d, digests.front());
}

// Two edits in the same millisecond: every replica must keep the same one,
// whatever order they arrive in, for one record edited on two devices and for
// one person registered twice.
TEST(SyncStore, EditsOfTheSameMillisecondConvergeWhateverTheOrder) {
    std::vector<std::string> unused;
    auto edit = [](nlohmann::json p, const std::string& name) {
        p["full_name"] = name;
        p["updated_at"] = 7'000;
        return p.dump();
    };
    Store origin = storeWithRoster(unused);
    auto person = sampleAttendee("same@example.org", "Original", Role::Guest);
    origin.upsertAttendee(person);
    const auto base = nlohmann::json::parse(origin.pendingOutbox(10).back().payload);
    const std::string a = edit(base, "Ana María"), b = edit(base, "Ana Maria");

    nlohmann::json other = base;  // the same e-mail under a larger id
    other["id"] = "ffffffff-ffff-7fff-bfff-ffffffffffff";
    ASSERT_GT(other["id"].get<std::string>(), base["id"].get<std::string>());
    const std::string c = edit(other, "Ana M.");

    std::vector<std::string> names;
    for (const auto& order : std::vector<std::vector<std::string>>{
             {a, b, c}, {b, a, c}, {c, a, b}, {c, b, a}, {a, c, b}, {b, c, a}}) {
        Store r = storeWithRoster(unused);
        for (const auto& payload : order) r.applyRemote("attendee.upsert", payload, "dev");
        auto p = r.attendeeByEmail(sampleEvent().id, "same@example.org");
        ASSERT_TRUE(p);
        EXPECT_EQ(p->id, base["id"].get<std::string>());
        names.push_back(p->fullName);
    }
    for (const auto& n : names) EXPECT_EQ(n, names.front());
    EXPECT_EQ(names.front(), "Ana María");  // bytewise the largest of the three
}

TEST(SyncStore, APulledPersonKeepsTheFamilyNameAndAnOldPayloadGivesNone) {
    std::vector<std::string> unused;
    Store origin = storeWithRoster(unused);
    auto jose = sampleAttendee("jose@example.org", "José Muñoz García", Role::Guest);
    jose.familyName = "Muñoz García";
    origin.upsertAttendee(jose);
    auto payload = nlohmann::json::parse(origin.pendingOutbox(10).back().payload);
    ASSERT_EQ(payload.value("family_name", ""), "Muñoz García");

    Store replica = storeWithRoster(unused);
    replica.applyRemote("attendee.upsert", payload.dump(), "dev");
    EXPECT_EQ(replica.attendee(jose.id)->familyName, "Muñoz García");
    // A later edit that changes only the family name reaches the replica too.
    payload["family_name"] = "Muñoz";
    payload["updated_at"] = payload["updated_at"].get<std::int64_t>() + 1;
    replica.applyRemote("attendee.upsert", payload.dump(), "dev");
    EXPECT_EQ(replica.attendee(jose.id)->familyName, "Muñoz");

    // A payload from a version before family names has none: the field is empty.
    payload.erase("family_name");
    payload["id"] = "0192f3a0-0000-7000-8000-00000000a0f0";
    payload["email"] = "old@example.org";
    replica.applyRemote("attendee.upsert", payload.dump(), "dev");
    auto old = replica.attendeeByEmail(sampleEvent().id, "old@example.org");
    ASSERT_TRUE(old);
    EXPECT_EQ(old->familyName, "");
}

}  // namespace

namespace {

// A check-in of `person` written by another device, as a pull brings it.
std::string remoteCheckIn(Store& s, const std::string& person, std::int64_t at) {
    const std::string id = Uuid::v7().str();
    Store::ApplyingRemote remote(s);
    s.applyRemote("checkin.create",
                  nlohmann::json{{"id", id},
                                 {"event_id", sampleEvent().id},
                                 {"attendee_id", person},
                                 {"device_id", "0192f3a0-0000-7000-8000-0000000d0002"},
                                 {"method", "qr"},
                                 {"at", at}}
                      .dump(),
                  "0192f3a0-0000-7000-8000-0000000d0002");
    return id;
}

}  // namespace

TEST(SyncStore, AnUndoAnnulsThePersonsRepeatsTheStoreHeldNotJustOneRow) {
    std::vector<std::string> people;
    Store s = storeWithRoster(people);
    const auto& ev = sampleEvent().id;
    auto mine = s.recordCheckIn(ev, people[0], "qr", 100);
    const std::string theirs = remoteCheckIn(s, people[0], 200);  // a repeat
    ASSERT_EQ(s.activeCheckIn(ev, people[0])->id, mine.checkin.id);
    ASSERT_TRUE(s.annulCheckIn(mine.checkin.id, "staff", 300));
    EXPECT_FALSE(s.activeCheckIn(ev, people[0])) << "the repeat became the check-in";
    EXPECT_EQ(s.countCheckIns(ev), 0);
    auto annul = s.pendingOutbox(10).back();
    ASSERT_EQ(annul.kind, "checkin.annul");
    auto listed = nlohmann::json::parse(annul.payload).at("annuls");
    EXPECT_EQ(listed.size(), 2u);
    EXPECT_NE(annul.payload.find(theirs), std::string::npos);
    // A later re-check-in counts.
    EXPECT_TRUE(s.recordCheckIn(ev, people[0], "qr", 400).created);
}

TEST(SyncStore, AnAnnulmentThatArrivesBeforeTheCheckInsItNamesAnnulsThemOnArrival) {
    std::vector<std::string> people;
    Store source = storeWithRoster(people);
    const auto& ev = sampleEvent().id;
    const std::string theirs = remoteCheckIn(source, people[0], 200);
    auto mine = source.recordCheckIn(ev, people[0], "qr", 250);  // already checked in
    ASSERT_FALSE(mine.created);
    ASSERT_TRUE(source.annulCheckIn(theirs, "staff", 300));
    std::vector<Record> records;
    for (const auto& e : source.pendingOutbox(10)) records.push_back({e.kind, e.payload, "dev-a"});
    ASSERT_EQ(records.size(), 1u);  // the annulment only

    Store late = storeWithRoster(people);
    {
        Store::ApplyingRemote remote(late);
        late.applyRemote(records[0].kind, records[0].payload, records[0].device);
    }
    remoteCheckIn(late, people[0], 500);  // another, unnamed: it counts
    {
        Store::ApplyingRemote remote(late);
        late.applyRemote("checkin.create",
                         nlohmann::json{{"id", theirs},
                                        {"event_id", ev},
                                        {"attendee_id", people[0]},
                                        {"device_id", "0192f3a0-0000-7000-8000-0000000d0002"},
                                        {"method", "qr"},
                                        {"at", 200}}
                             .dump(),
                         "dev-b");
    }
    auto live = late.activeCheckIn(ev, people[0]);
    ASSERT_TRUE(live);
    EXPECT_EQ(live->at, 500) << "the named check-in stayed live";
}

TEST(SyncStore, TheClockOffsetIsKeptWithItsTime) {
    Store s = Store::openInMemory();
    EXPECT_FALSE(s.centralClockOffset());
    EXPECT_FALSE(s.clockOffsetMs());
    s.setCentralClockOffset(-90'500, 1'700'000'000'000);
    ASSERT_TRUE(s.centralClockOffset());
    EXPECT_EQ(s.centralClockOffset()->offsetMs, -90'500);
    EXPECT_EQ(s.centralClockOffset()->measuredAtMs, 1'700'000'000'000);
    EXPECT_EQ(s.clockOffsetMs(), -90'500);
}
