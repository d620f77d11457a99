#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/store/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
namespace fs = std::filesystem;

TEST(Store, NewFileIsPrivateWalAndFullySynchronous) {
    TempDir dir;
    auto path = dir.file("device.db");
    auto store = Store::open(path);
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto mode = store.db().prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.step());
    EXPECT_EQ(mode.text(0), "wal");
    auto sync = store.db().prepare("PRAGMA synchronous");
    ASSERT_TRUE(sync.step());
    EXPECT_EQ(sync.int64(0), 2);  // FULL
    auto fk = store.db().prepare("PRAGMA foreign_keys");
    ASSERT_TRUE(fk.step());
    EXPECT_EQ(fk.int64(0), 1);
    EXPECT_EQ(store.schemaVersion(), Store::kSchemaVersion);
}

// An event row as the first schema step has it: an older store is seeded with the SQL of
// its own version, not with today's saveEvent (which writes today's columns).
static void insertEventAsOfStep1(Store& store, const Event& e) {
    store.db()
        .prepare(
            "INSERT INTO events (id, name, venue, timezone, starts_at, ends_at, slot_budget, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1)")
        .bindAll(e.id, e.name, e.venue, e.timezone, e.startsAt, e.endsAt, e.slotBudget)
        .run();
}

TEST(Store, OlderDatabaseIsMigratedKeepingItsData) {
    TempDir dir;
    auto path = dir.file("old.db");
    std::string deviceId;
    {
        auto v1 = Store::openAtVersion(path, 1);
        EXPECT_EQ(v1.schemaVersion(), 1);
        insertEventAsOfStep1(v1, sampleEvent());
        deviceId = v1.deviceId();
        EXPECT_THROW(v1.db().prepare("SELECT * FROM scores"), sql::Error);
    }
    auto latest = Store::open(path);
    EXPECT_EQ(latest.schemaVersion(), Store::kSchemaVersion);
    EXPECT_EQ(latest.deviceId(), deviceId);
    ASSERT_TRUE(latest.event(sampleEvent().id));
    EXPECT_NO_THROW(latest.db().prepare("SELECT * FROM scores"));
}

TEST(Store, StoreFromBeforeFamilyNamesKeepsItsPeopleWithAnEmptyFamilyName) {
    TempDir dir;
    auto path = dir.file("v6.db");
    {
        auto v6 = Store::openAtVersion(path, 6);
        insertEventAsOfStep1(v6, sampleEvent());
        v6.db().exec(
            "INSERT INTO attendees (id, event_id, full_name, email, role, created_at, updated_at) "
            "VALUES ('a1', '" +
            sampleEvent().id +
            "', 'José Muñoz García', 'jose@example.org', "
            "'guest', 1, 1)");
    }
    auto latest = Store::open(path);
    EXPECT_EQ(latest.schemaVersion(), Store::kSchemaVersion);
    auto column = latest.db().prepare("SELECT family_name FROM attendees WHERE id = 'a1'");
    ASSERT_TRUE(column.step());
    EXPECT_EQ(column.text(0), "");
    auto jose = latest.attendee("a1");
    ASSERT_TRUE(jose);
    EXPECT_EQ(jose->fullName, "José Muñoz García");
    EXPECT_EQ(jose->familyName, "");
}

TEST(Store, FamilyNameIsStoredAndAChangeOfItAloneIsAnUpdate) {
    auto store = Store::openInMemory();
    store.saveEvent(sampleEvent());
    Attendee a = sampleAttendee("jose@example.org", "José Muñoz García");
    a.familyName = "Muñoz García";
    EXPECT_EQ(store.upsertAttendee(a), UpsertResult::Inserted);
    EXPECT_EQ(store.attendee(a.id)->familyName, "Muñoz García");
    EXPECT_EQ(store.attendeeByEmail(a.eventId, a.email)->familyName, "Muñoz García");
    EXPECT_EQ(store.attendees(a.eventId).at(0).familyName, "Muñoz García");
    Attendee again = sampleAttendee("jose@example.org", "José Muñoz García");
    again.familyName = "Muñoz García";
    EXPECT_EQ(store.upsertAttendee(again), UpsertResult::Unchanged);
    again.familyName = "García";
    EXPECT_EQ(store.upsertAttendee(again), UpsertResult::Updated);
    EXPECT_EQ(store.attendee(a.id)->familyName, "García");
    auto pending = store.pendingOutbox(100);
    ASSERT_FALSE(pending.empty());
    EXPECT_NE(pending.back().payload.find("\"family_name\":\"García\""), std::string::npos)
        << pending.back().payload;
}

TEST(Store, DatabaseFromANewerVersionIsRefusedWithAClearMessage) {
    TempDir dir;
    auto path = dir.file("newer.db");
    {
        auto store = Store::open(path);
        store.db().setUserVersion(99);
    }
    try {
        Store::open(path);
        FAIL() << "expected StoreError";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), StoreError::Kind::SchemaTooNew);
        EXPECT_NE(std::string(e.what()).find("newer Openhouse"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("99"), std::string::npos);
    }
}

TEST(Store, AFileThatIsNotADatabaseIsRefused) {
    TempDir dir;
    auto path = dir.file("notes.db");
    std::ofstream(path) << "name,email\nAna,ana@example.org\n" << std::string(5000, 'x');
    try {
        Store::open(path);
        FAIL() << "expected StoreError";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), StoreError::Kind::NotADatabase) << e.what();
    }
}

TEST(Store, AttendeeUpsertIsMatchedByEmailAndWritesOutbox) {
    auto store = Store::openInMemory();
    store.saveEvent(sampleEvent());
    auto before = store.outboxBacklog();
    Attendee a = sampleAttendee("ana@example.org", "Ana Lima");
    EXPECT_EQ(store.upsertAttendee(a), UpsertResult::Inserted);
    std::string id = a.id;
    Attendee again = sampleAttendee("ana@example.org", "Ana Lima");
    EXPECT_EQ(store.upsertAttendee(again), UpsertResult::Unchanged);
    EXPECT_EQ(again.id, id);
    again.team = "Team Nova";
    EXPECT_EQ(store.upsertAttendee(again), UpsertResult::Updated);
    EXPECT_EQ(store.attendee(id)->team, "Team Nova");
    EXPECT_EQ(store.countAttendees(sampleEvent().id), 1);
    EXPECT_EQ(store.outboxBacklog(), before + 2);  // unchanged writes nothing
    auto pending = store.pendingOutbox(100);
    EXPECT_EQ(pending.back().kind, "attendee.upsert");
    EXPECT_NE(pending.back().payload.find("Team Nova"), std::string::npos);
}

TEST(Store, CheckInIsOncePerPersonAndAnnulAllowsANewOne) {
    auto store = Store::openInMemory();
    store.saveEvent(sampleEvent());
    Attendee a = sampleAttendee("ana@example.org", "Ana Lima");
    store.upsertAttendee(a);
    auto first = store.recordCheckIn(a.eventId, a.id, "qr", 1000);
    ASSERT_TRUE(first.created);
    auto second = store.recordCheckIn(a.eventId, a.id, "qr", 2000);
    EXPECT_FALSE(second.created);
    EXPECT_EQ(second.checkin.id, first.checkin.id);
    EXPECT_EQ(second.checkin.at, 1000);
    EXPECT_EQ(store.countCheckIns(a.eventId), 1);
    EXPECT_TRUE(store.annulCheckIn(first.checkin.id, "staff-1", 3000));
    EXPECT_FALSE(store.annulCheckIn(first.checkin.id, "staff-1", 3001));
    EXPECT_EQ(store.countCheckIns(a.eventId), 0);
    auto third = store.recordCheckIn(a.eventId, a.id, "search", 4000);
    EXPECT_TRUE(third.created);
    int creates = 0, annuls = 0;
    for (const auto& e : store.pendingOutbox(100)) {
        creates += e.kind == "checkin.create";
        annuls += e.kind == "checkin.annul";
    }
    EXPECT_EQ(creates, 2);
    EXPECT_EQ(annuls, 1);
}

TEST(Store, OutboxKeysAreUniqueAndMarkSentClearsTheBacklog) {
    auto store = Store::openInMemory();
    store.saveEvent(sampleEvent());
    for (int i = 0; i < 5; ++i) {
        Attendee a = sampleAttendee("p" + std::to_string(i) + "@example.org", "P");
        store.upsertAttendee(a);
    }
    auto pending = store.pendingOutbox(100);
    ASSERT_EQ(pending.size(), 6u);
    std::set<std::string> keys;
    for (const auto& e : pending) keys.insert(e.idemKey);
    EXPECT_EQ(keys.size(), 6u);
    store.markSent({pending[0].seq, pending[1].seq}, 99);
    EXPECT_EQ(store.outboxBacklog(), 4);
    EXPECT_EQ(store.pendingOutbox(100).front().seq, pending[2].seq);
}

TEST(Store, FullDiskFailsTheWholeCheckInAndLosesNothingCommitted) {
    TempDir dir;
    auto store = Store::open(dir.file("full.db"));
    store.saveEvent(sampleEvent());
    std::vector<Attendee> people;
    sql::Transaction tx(store.db());
    for (int i = 0; i < 400; ++i) {
        people.push_back(sampleAttendee("p" + std::to_string(i) + "@example.org",
                                        "Person " + std::to_string(i) + std::string(200, 'x')));
        store.upsertAttendee(people.back());
    }
    tx.commit();
    // Cap the file at its current size: the next pages cannot be allocated,
    // exactly as on a full disk (SQLITE_FULL).
    auto pages = store.db().prepare("PRAGMA page_count");
    pages.step();
    store.db().exec("PRAGMA max_page_count = " + std::to_string(pages.int64(0)));
    int ok = 0;
    bool sawFull = false;
    for (const auto& p : people) {
        try {
            store.recordCheckIn(p.eventId, p.id, "qr", 1000);
            ++ok;
        } catch (const sql::Error& e) {
            EXPECT_TRUE(e.isDiskProblem()) << e.what();
            EXPECT_NE(describeStoreFailure(e).find("disk is full"), std::string::npos);
            sawFull = true;
            break;
        }
    }
    ASSERT_TRUE(sawFull);
    // Every committed check-in has its outbox entry and no failed one left a half.
    auto count = store.db().prepare(
        "SELECT (SELECT count(*) FROM checkins), "
        "(SELECT count(*) FROM outbox WHERE kind = 'checkin.create')");
    count.step();
    EXPECT_EQ(count.int64(0), ok);
    EXPECT_EQ(count.int64(1), ok);
}

TEST(Store, KilledMidWriteLosesNoCommittedCheckInAndLeavesNoHalf) {
    TempDir dir;
    auto path = dir.file("kill.db");
    std::vector<Attendee> people;
    {
        auto store = Store::open(path);
        store.saveEvent(sampleEvent());
        sql::Transaction tx(store.db());
        for (int i = 0; i < 3000; ++i) {
            people.push_back(sampleAttendee("k" + std::to_string(i) + "@example.org", "K"));
            store.upsertAttendee(people.back());
        }
        tx.commit();
    }
    int pipeFds[2];
    ASSERT_EQ(::pipe(pipeFds), 0);
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(pipeFds[0]);
        auto store = Store::open(path);
        for (const auto& p : people) {
            store.recordCheckIn(p.eventId, p.id, "qr", 1000);
            // Report each commit: the parent checks none of these is lost.
            char byte = 1;
            if (::write(pipeFds[1], &byte, 1) != 1) _exit(2);
        }
        _exit(0);
    }
    ::close(pipeFds[1]);
    // Kill it once it is writing (a few commits reported; a busy machine may
    // take long to get there), not after a fixed time.
    int acknowledged = 0;
    char buf[4096];
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (acknowledged < 10 && std::chrono::steady_clock::now() < until) {
        pollfd ready{pipeFds[0], POLLIN, 0};
        if (::poll(&ready, 1, 100) <= 0) continue;
        ssize_t n = ::read(pipeFds[0], buf, static_cast<std::size_t>(10 - acknowledged));
        if (n <= 0) break;
        acknowledged += int(n);
    }
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    for (ssize_t n; (n = ::read(pipeFds[0], buf, sizeof buf)) > 0;) acknowledged += int(n);
    ::close(pipeFds[0]);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer finished before it was killed";
    ASSERT_GT(acknowledged, 0);

    auto store = Store::open(path);
    auto check = store.db().prepare("PRAGMA integrity_check");
    check.step();
    EXPECT_EQ(check.text(0), "ok");
    auto count = store.db().prepare(
        "SELECT (SELECT count(*) FROM checkins), "
        "(SELECT count(*) FROM outbox WHERE kind = 'checkin.create')");
    count.step();
    EXPECT_GE(count.int64(0), acknowledged);      // nothing acknowledged is lost
    EXPECT_LE(count.int64(0), acknowledged + 1);  // at most the one in flight
    EXPECT_EQ(count.int64(0), count.int64(1));    // never a check-in without its outbox entry
}

TEST(Store, AuditLogHoldsIdsNotPersonalData) {
    auto store = Store::openInMemory();
    store.audit("staff-7", "checkin.annul", "0192f3a0-0000-7000-8000-0000000c0001");
    auto log = store.auditLog(10);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].actor, "staff-7");
    EXPECT_EQ(log[0].action, "checkin.annul");
}
