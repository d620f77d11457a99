// PostgreSQL schema step 6: check-ins are a view over the change feed.
//  - a check-in or annulment whose fields do not parse is refused alone, with
//    its reason, and the rest of its batch applies (the fast path's failed
//    cast sends the batch down the vetting path);
//  - an annulment that reaches the central before its check-in still counts;
//  - a step-5 database migrates without losing a check-in, even one that was
//    only in the old table.
#include <nlohmann/json.hpp>

#include "core/central/central_pg_schema.hpp"
#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

OutboxEntry entry(const std::string& kind, const std::string& payload) {
    return OutboxEntry{0, Uuid::v7().str(), kind, payload, 0};
}

std::string checkInPayload(const std::string& id, const Seed& seed, std::size_t person,
                           const std::string& at) {
    return R"({"at":)" + at + R"(,"attendee_id":")" + seed.attendees.at(person) +
           R"(","event_id":")" + seed.event.id + R"(","id":")" + id + R"(","method":"qr"})";
}

class CheckInsFromFeed : public testing::Test {
  protected:
    void SetUp() override {
        OH_REQUIRE_PG();
        pg_ = std::make_unique<ScratchPg>();
    }

    TempDir dir_;
    std::unique_ptr<ScratchPg> pg_;
};

TEST_F(CheckInsFromFeed, AMalformedCheckInIsRefusedAloneAndTheRestOfItsBatchApplies) {
    auto central = openCentralRecord(pg_->url());
    Seed seed = seedCentral(*central, dir_.file("admin.db"), 8);
    auto kiosk = openDevice(dir_.file("kiosk.db"), seed, "kiosk");
    SyncEngine(*kiosk, *central, {}, [](const std::string&) {}).syncOnce();  // registers

    std::string good1 = Uuid::v7().str(), good2 = Uuid::v7().str();
    std::vector<OutboxEntry> batch{
        entry("checkin.create", checkInPayload(good1, seed, 0, "1000")),
        // A person id that is not a UUID: the fast path's cast fails.
        entry("checkin.create", R"({"at":5,"attendee_id":"not-a-uuid","event_id":")" +
                                    seed.event.id + R"(","id":")" + Uuid::v7().str() + R"("})"),
        // A time that is not an integer.
        entry("checkin.create", checkInPayload(Uuid::v7().str(), seed, 2, "1.5")),
        // A field missing altogether (no cast fails: refused on the fast path too).
        entry("checkin.create", R"({"attendee_id":")" + seed.attendees[3] + R"(","event_id":")" +
                                    seed.event.id + R"(","id":")" + Uuid::v7().str() + R"("})"),
        entry("checkin.annul", R"({"id":")" + good1 + R"(","annulled_at":"soon"})"),
        entry("checkin.create", checkInPayload(good2, seed, 4, "2000")),
    };
    PushResult r = central->push(kiosk->deviceId(), batch);
    std::vector<PushStatus> expected{PushStatus::Applied, PushStatus::Refused, PushStatus::Refused,
                                     PushStatus::Refused, PushStatus::Refused, PushStatus::Applied};
    EXPECT_EQ(r.status, expected);
    EXPECT_EQ(r.applied, 2);
    EXPECT_EQ(r.refused, 4);
    EXPECT_NE(r.refusedReason.find("malformed checkin"), std::string::npos) << r.refusedReason;

    // The view reads the feed without tripping over anything.
    const std::string& url = pg_->url();
    EXPECT_EQ(scalar(url, "SELECT count(*) FROM checkins WHERE annulled_at IS NULL"), 2);
    EXPECT_EQ(scalar(url, "SELECT count(*) FROM checkins WHERE id IN ($1::uuid, $2::uuid)",
                     {good1, good2}),
              2);

    // A batch with only the one missing field takes the fast path.
    PushResult alone = central->push(
        kiosk->deviceId(), {entry("checkin.create", R"({"id":")" + Uuid::v7().str() + R"("})")});
    EXPECT_EQ(alone.status, std::vector<PushStatus>{PushStatus::Refused});
    EXPECT_EQ(alone.refusedReason, "malformed checkin.create");
}

// Step 7: JSON that is not an object raises invalid_parameter_value in the
// fast path, and a payload that is not JSON at all, or a person whose id is
// not a UUID, raises on the vetting path too: each is refused alone (one
// entry at a time), where before the whole batch failed at every retry.
TEST_F(CheckInsFromFeed, AnEntryThatDoesNotParseOnAnyPathIsRefusedAlone) {
    auto central = openCentralRecord(pg_->url());
    Seed seed = seedCentral(*central, dir_.file("admin.db"), 8);
    auto kiosk = openDevice(dir_.file("kiosk.db"), seed, "kiosk");
    SyncEngine(*kiosk, *central, {}, [](const std::string&) {}).syncOnce();  // registers

    std::string good1 = Uuid::v7().str(), good2 = Uuid::v7().str();
    std::vector<OutboxEntry> batch{
        entry("checkin.create", checkInPayload(good1, seed, 0, "1000")),
        entry("checkin.create", "[1,2]"),
        entry("checkin.annul", "42"),
        entry("checkin.create", "not json at all"),
        // A number where a UUID belongs.
        entry("checkin.create", R"({"at":5,"attendee_id":")" + seed.attendees[1] +
                                    R"(","event_id":")" + seed.event.id + R"(","id":7})"),
        entry("attendee.upsert",
              R"({"id":"P-17","event_id":")" + seed.event.id +
                  R"(","full_name":"Ada","email":"ada@example.org","role":"guest"})"),
        entry("checkin.create", checkInPayload(good2, seed, 2, "2000")),
    };
    PushResult r = central->push(kiosk->deviceId(), batch);
    std::vector<PushStatus> expected{PushStatus::Applied, PushStatus::Refused, PushStatus::Refused,
                                     PushStatus::Refused, PushStatus::Refused, PushStatus::Refused,
                                     PushStatus::Applied};
    EXPECT_EQ(r.status, expected);
    EXPECT_NE(r.refusedReason.find("malformed checkin"), std::string::npos) << r.refusedReason;
    const std::string& url = pg_->url();
    EXPECT_EQ(scalar(url, "SELECT count(*) FROM checkins"), 2);
    EXPECT_EQ(scalar(url, "SELECT count(*) FROM attendees WHERE email = 'ada@example.org'"), 0);
    // Each entry's feed position is its place in the batch, on every path.
    EXPECT_EQ(scalar(url, "SELECT pos FROM change_log WHERE payload::jsonb->>'id' = $1", {good2}),
              7);
    // A clean batch takes the fast path, which files each check-in under its
    // event as the other paths do (pull and row-level security go by it).
    std::string good3 = Uuid::v7().str();
    PushResult clean = central->push(
        kiosk->deviceId(), {entry("checkin.create", checkInPayload(good3, seed, 3, "3000"))});
    EXPECT_EQ(clean.status, std::vector<PushStatus>{PushStatus::Applied});
    EXPECT_EQ(scalar(url,
                     "SELECT count(*) FROM change_log WHERE kind = 'checkin.create' "
                     "AND event_id = $1::uuid",
                     {seed.event.id}),
              3);
}

TEST_F(CheckInsFromFeed, AnAnnulmentThatArrivesBeforeItsCheckInStillCounts) {
    auto central = openCentralRecord(pg_->url());
    Seed seed = seedCentral(*central, dir_.file("admin.db"), 8);
    auto kiosk = openDevice(dir_.file("kiosk.db"), seed, "kiosk");
    SyncEngine(*kiosk, *central, {}, [](const std::string&) {}).syncOnce();

    std::string first = Uuid::v7().str(), second = Uuid::v7().str();
    PushResult annul = central->push(
        kiosk->deviceId(),
        {entry("checkin.annul",
               R"({"id":")" + first + R"(","annulled_at":3000,"annulled_by":"staff"})")});
    EXPECT_EQ(annul.applied, 1);
    PushResult creates = central->push(
        kiosk->deviceId(), {entry("checkin.create", checkInPayload(first, seed, 1, "1000")),
                            entry("checkin.create", checkInPayload(second, seed, 1, "2000"))});
    EXPECT_EQ(creates.applied, 2);

    // The earlier one is annulled, so the later one is the check-in.
    auto rows = pgtools::query(pg_->url(),
                               "SELECT id::text, coalesce(repeat_of::text, '-'), "
                               "coalesce(annulled_at, 0), coalesce(annulled_by, '') "
                               "FROM checkins ORDER BY at");
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0], (std::vector<std::string>{first, "-", "3000", "staff"}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{second, "-", "0", ""}));
}

TEST_F(CheckInsFromFeed, ADaemonNotYetUpgradedStillPushesItsJsonArrayBatches) {
    auto central = openCentralRecord(pg_->url());
    Seed seed = seedCentral(*central, dir_.file("admin.db"), 8);
    auto kiosk = openDevice(dir_.file("kiosk.db"), seed, "kiosk");
    SyncEngine(*kiosk, *central, {}, [](const std::string&) {}).syncOnce();

    // The first releases' form: [{"k": key, "t": kind, "p": payload text}, ...].
    std::string id = Uuid::v7().str(), key = Uuid::v7().str();
    nlohmann::json batch = nlohmann::json::array(
        {{{"k", key}, {"t", "checkin.create"}, {"p", checkInPayload(id, seed, 0, "1000")}},
         {{"k", key}, {"t", "checkin.create"}, {"p", checkInPayload(id, seed, 0, "1000")}}});
    auto rows = pgtools::query(pg_->url(), "SELECT statuses FROM oh_push($1::uuid, $2, 300000)",
                               {kiosk->deviceId(), batch.dump()});
    EXPECT_EQ(rows.at(0).at(0), "ad");
    EXPECT_EQ(scalar(pg_->url(), "SELECT count(*) FROM checkins WHERE id = $1::uuid", {id}), 1);
}

TEST_F(CheckInsFromFeed, AStepFiveDatabaseMigratesWithoutLosingACheckIn) {
    const std::string& url = pg_->url();
    // Build the schema as it was at step 5, by hand, as the adapter would have.
    const auto& steps = centralPgMigrations();
    ASSERT_GE(steps.size(), 6U);
    pgtools::execScript(url,
                        "CREATE TABLE oh_schema (version int PRIMARY KEY, "
                        "applied_at timestamptz NOT NULL DEFAULT now())");
    for (int v = 1; v <= 5; ++v) {
        pgtools::execScript(url, std::string(steps[static_cast<std::size_t>(v - 1)]));
        if (v == 1)
            pgtools::execScript(url,
                                "INSERT INTO oh_meta (key, value) VALUES ('central_id', "
                                "gen_random_uuid()::text), ('owner', current_user)");
        pgtools::execScript(url,
                            "INSERT INTO oh_schema (version) VALUES (" + std::to_string(v) + ")");
    }
    // Two check-ins of one person through the step-5 push, the first annulled,
    // and one written straight into the table (no feed row).
    std::string event = Uuid::v7().str(), person = Uuid::v7().str(), device = Uuid::v7().str();
    std::string a = Uuid::v7().str(), b = Uuid::v7().str(), direct = Uuid::v7().str();
    auto line = [&](const std::string& kind, const std::string& payload) {
        return Uuid::v7().str() + "\x1f" + kind + "\x1f" + payload;
    };
    auto create = [&](const std::string& id, int at) {
        return line("checkin.create", R"({"at":)" + std::to_string(at) + R"(,"attendee_id":")" +
                                          person + R"(","event_id":")" + event + R"(","id":")" +
                                          id + R"(","method":"qr"})");
    };
    std::string batch = create(a, 1000) + "\x1e" + create(b, 2000) + "\x1e" +
                        line("checkin.annul", R"({"id":")" + a + R"(","annulled_at":3000})");
    pgtools::query(url, "SELECT statuses FROM oh_push($1::uuid, $2, 300000)", {device, batch});
    pgtools::execScript(url,
                        "INSERT INTO checkins (id, event_id, attendee_id, device_id, method, at) "
                        "VALUES ('" +
                            direct + "', '" + event + "', gen_random_uuid(), '" + device +
                            "', 'desk', 500)");
    auto before = pgtools::query(url,
                                 "SELECT id::text, coalesce(repeat_of::text, '-'), "
                                 "coalesce(annulled_at, 0) FROM checkins ORDER BY id");
    ASSERT_EQ(before.size(), 3U);

    auto central = openCentralRecord(url);  // migrates to the newest step
    central->ping();
    EXPECT_EQ(scalar(url, "SELECT max(version) FROM oh_schema"),
              static_cast<long long>(steps.size()));
    auto after = pgtools::query(url,
                                "SELECT id::text, coalesce(repeat_of::text, '-'), "
                                "coalesce(annulled_at, 0) FROM checkins ORDER BY id");
    EXPECT_EQ(after, before);
    EXPECT_EQ(scalar(url,
                     "SELECT count(*) FROM checkins WHERE id = $1::uuid AND repeat_of IS NULL "
                     "AND annulled_at IS NULL",
                     {b}),
              1);
}

}  // namespace

// Step 8: two edits of one person in the same millisecond leave the central's
// row as the devices leave theirs (the fields decide, bytewise), whatever
// order they arrive in; a newer edit still wins outright.
TEST_F(CheckInsFromFeed, SameMillisecondEditsOfAPersonEndAsOnTheDevices) {
    std::vector<std::string> kept;
    for (bool reversed : {false, true}) {
        ScratchPg pg;
        auto central = openCentralRecord(pg.url());
        Seed seed = seedCentral(*central, dir_.file(reversed ? "a2.db" : "a1.db"), 8);
        auto kiosk = openDevice(dir_.file(reversed ? "k2.db" : "k1.db"), seed, "kiosk");
        SyncEngine(*kiosk, *central, {}, [](const std::string&) {}).syncOnce();  // registers
        const std::string& id = seed.attendees[1];
        auto edit = [&](const std::string& name, std::int64_t at) {
            nlohmann::json p = {{"id", id},          {"event_id", seed.event.id},
                                {"full_name", name}, {"email", "p1@example.org"},
                                {"role", "guest"},   {"updated_at", at}};
            return entry("attendee.upsert", p.dump());
        };
        std::vector<OutboxEntry> edits{edit("Ana Maria", 9'000'000'000'000),
                                       edit("Ana María", 9'000'000'000'000)};
        if (reversed) std::swap(edits[0], edits[1]);
        for (const auto& e : edits) central->push(kiosk->deviceId(), {e});
        auto rows =
            pgtools::query(pg.url(), "SELECT full_name FROM attendees WHERE id = $1::uuid", {id});
        ASSERT_EQ(rows.size(), 1u);
        kept.push_back(rows[0][0]);
        // Both in one batch: the same one.
        central->push(kiosk->deviceId(),
                      {edit("Ana M.", 9'000'000'000'001), edit("Ana Z.", 9'000'000'000'001)});
        EXPECT_EQ(pgtools::query(pg.url(), "SELECT full_name FROM attendees WHERE id = $1::uuid",
                                 {id})[0][0],
                  "Ana Z.");
    }
    EXPECT_EQ(kept, (std::vector<std::string>{"Ana María", "Ana María"}));
}
