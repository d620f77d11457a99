// The PostgreSQL central's schema (core/central/sql/): a database migrated step
// by step from version 1, as the adapter does it, looks exactly like the
// checked-in snapshot core/central/sql/schema.sql, and like databases migrated by
// the adapter in one go, from a step-5 database, and after a function was changed
// by hand. Dumps are normalised by scripts/pg-schema-snapshot.sh (pg_dump).
#include <stdio.h>
#include <sys/wait.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "core/central/central_pg_schema.hpp"
#include "tests/integration/support.hpp"

namespace oh::it {
namespace {

const std::string kSnapshot = std::string(OPENHOUSE_SOURCE_DIR) + "/core/central/sql/schema.sql";
const std::string kHowToRegenerate =
    "If the schema changed on purpose (a new migration, or a function edited in "
    "core/central/sql/functions/), regenerate the snapshot with\n"
    "  scripts/pg-schema-snapshot.sh write \"$OPENHOUSE_TEST_PG\"\n"
    "(eval \"$(scripts/start-postgres.sh start DIR)\" first) and review `git diff "
    "core/central/sql/schema.sql` before committing it.";

// The normalised schema of one database, from scripts/pg-schema-snapshot.sh dump.
std::string dumpSchema(const std::string& url) {
    std::string cmd = "bash '" + std::string(OPENHOUSE_SOURCE_DIR) +
                      "/scripts/pg-schema-snapshot.sh' dump '" + url + "'";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + cmd);
    std::string out;
    char buf[8192];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    int status = pclose(pipe);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(cmd + " failed (is pg_dump installed? PG_DUMP overrides it)");
    return out;
}

std::string readSnapshot() {
    std::ifstream in(kSnapshot, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The first line where two dumps differ, with a little context, for the message.
std::string firstDifference(const std::string& expected, const std::string& actual) {
    std::istringstream a(expected), b(actual);
    std::string la, lb;
    for (int line = 1;; ++line) {
        bool ga = static_cast<bool>(std::getline(a, la)),
             gb = static_cast<bool>(std::getline(b, lb));
        if (!ga && !gb) return "no difference";
        if (!ga || !gb || la != lb)
            return "line " + std::to_string(line) + ":\n  expected: " + (ga ? la : "<end>") +
                   "\n  actual:   " + (gb ? lb : "<end>");
    }
}

// Grants to openhouse_device are part of the schema: the group exists on every
// server a central is created on (scripts/create-device-roles.sh), and here.
void ensureDeviceGroup() {
    pgtools::execScript(testPg(),
                        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                        "'openhouse_device') THEN CREATE ROLE openhouse_device NOLOGIN; END IF; "
                        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
}

// Migrations 1..`upTo`, one at a time, as CentralPostgres::migrate applies them.
void migrateStepByStep(const std::string& url, int upTo) {
    const auto& steps = centralPgMigrations();
    pgtools::execScript(url, std::string(centralPgSchemaTable()));
    for (int v = 1; v <= upTo; ++v) {
        pgtools::execScript(url, std::string(steps[static_cast<std::size_t>(v - 1)]));
        if (v == 1)
            pgtools::execScript(url,
                                "INSERT INTO oh_meta (key, value) VALUES ('central_id', "
                                "gen_random_uuid()::text), ('owner', current_user)");
        pgtools::execScript(url,
                            "INSERT INTO oh_schema (version) VALUES (" + std::to_string(v) + ")");
        EXPECT_EQ(scalar(url, "SELECT max(version) FROM oh_schema"), v);
    }
}

class PgSchema : public testing::Test {
  protected:
    void SetUp() override {
        OH_REQUIRE_PG();
        ensureDeviceGroup();
        snapshot_ = readSnapshot();
        ASSERT_FALSE(snapshot_.empty()) << kSnapshot << " is missing or empty.\n"
                                        << kHowToRegenerate;
    }

    void expectSnapshot(const std::string& url, const std::string& what) {
        std::string dump = dumpSchema(url);
        EXPECT_TRUE(dump == snapshot_) << what << " differs from " << kSnapshot << " at "
                                       << firstDifference(snapshot_, dump) << "\n"
                                       << kHowToRegenerate;
    }

    std::string snapshot_;
};

TEST_F(PgSchema, StepByStepFromVersionOneMatchesTheSnapshotAndTheAdapter) {
    ScratchPg stepwise;
    migrateStepByStep(stepwise.url(), static_cast<int>(centralPgMigrations().size()));
    pgtools::execScript(stepwise.url(), centralPgFunctionsScript());
    expectSnapshot(stepwise.url(), "A database migrated step by step from version 1");

    // Re-applying the functions changes nothing (grants, search_path, bodies).
    pgtools::execScript(stepwise.url(), centralPgFunctionsScript());
    expectSnapshot(stepwise.url(), "The same database after the functions were applied again");

    ScratchPg oneGo;
    auto central = openCentralRecord(oneGo.url());
    EXPECT_GT(central->ping().schemaVersion, 0);
    std::string adapter = dumpSchema(oneGo.url()), byHand = dumpSchema(stepwise.url());
    EXPECT_TRUE(adapter == byHand)
        << "the adapter (openCentralRecord) migrated a fresh database differently from the "
           "step-by-step migration, at "
        << firstDifference(byHand, adapter);
    expectSnapshot(oneGo.url(), "A database migrated by openCentralRecord");
    EXPECT_EQ(
        pgtools::query(oneGo.url(), "SELECT value FROM oh_meta WHERE key = 'functions_sha256'")
            .at(0)
            .at(0),
        std::string(centralPgFunctionsDigest()));
}

TEST_F(PgSchema, EverySecurityDefinerFunctionSearchesItsSchemaThenPgTemp) {
    ScratchPg pg;
    openCentralRecord(pg.url());
    auto rows = pgtools::query(pg.url(),
                               "SELECT p.oid::regprocedure::text FROM pg_proc p "
                               "WHERE p.pronamespace = current_schema()::regnamespace "
                               "AND p.prosecdef AND NOT coalesce('search_path=' || "
                               "quote_ident(current_schema()) || ', pg_temp' = ANY (p.proconfig), "
                               "false)");
    std::string missing;
    for (const auto& row : rows) missing += " " + row.at(0);
    EXPECT_TRUE(rows.empty()) << "SECURITY DEFINER without `SET search_path FROM CURRENT` "
                                 "(schema, then pg_temp):"
                              << missing;
    EXPECT_GT(scalar(pg.url(),
                     "SELECT count(*) FROM pg_proc WHERE prosecdef AND pronamespace = "
                     "current_schema()::regnamespace"),
              0);
}

TEST_F(PgSchema, AStepFiveDatabaseUpgradesToTheSnapshot) {
    ScratchPg pg;
    migrateStepByStep(pg.url(), 5);
    auto central = openCentralRecord(pg.url());
    EXPECT_EQ(scalar(pg.url(), "SELECT max(version) FROM oh_schema"),
              static_cast<long long>(centralPgMigrations().size()));
    expectSnapshot(pg.url(), "A step-5 database migrated by openCentralRecord");
}

// Step 15 keeps a demo's presenters centrally; demos of an older database take them from the
// feed: the showcase.upsert the row holds (its updated_at), none for one of before team demos.
TEST_F(PgSchema, AStep14DatabasesDemosTakeTheirPresentersFromTheFeed) {
    ScratchPg pg;
    migrateStepByStep(pg.url(), 14);
    const std::string event = Uuid::v7().str(), team = Uuid::v7().str(), solo = Uuid::v7().str();
    const std::string ana = Uuid::v7().str(), bo = Uuid::v7().str();
    auto feed = [&](int pos, const std::string& payload) {
        return "INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload) "
               "VALUES (" +
               std::to_string(pos) + ", gen_random_uuid(), gen_random_uuid(), '" + event +
               "', 'showcase.upsert', '" + payload + "');";
    };
    pgtools::execScript(
        pg.url(),
        "INSERT INTO events (id, name, starts_at, ends_at, updated_at) VALUES ('" + event +
            "', 'Demo Day', 1, 2, 1);"
            "INSERT INTO showcases (id, event_id, intern_id, title, updated_at) VALUES ('" +
            team + "', '" + event + "', '" + ana + "', 'Team demo', 200), ('" + solo + "', '" +
            event + "', '" + bo + "', 'Solo demo', 100);" +
            feed(1, "{\"id\": \"" + team + "\", \"updated_at\": 100, \"presenter_ids\": [\"" + ana +
                        "\"]}") +
            feed(2, "{\"id\": \"" + team + "\", \"updated_at\": 200, \"presenter_ids\": [\"" + ana +
                        "\", \"" + bo + "\"]}") +
            feed(3, "{\"id\": \"" + solo + "\", \"updated_at\": 100}"));
    openCentralRecord(pg.url());
    auto presenters = [&](const std::string& id) {
        return pgtools::query(pg.url(), "SELECT presenter_ids::text FROM showcases WHERE id = $1",
                              {id})
            .at(0)
            .at(0);
    };
    EXPECT_EQ(presenters(team), "[\"" + ana + "\", \"" + bo + "\"]");
    EXPECT_EQ(presenters(solo), "[]");
}

TEST_F(PgSchema, TheOwnerReappliesFunctionsThatDifferFromTheBuild) {
    ScratchPg pg;
    openCentralRecord(pg.url());
    // A function changed behind the adapter's back, and a build whose functions differ
    // from the ones recorded (as after editing a file under functions/).
    std::ifstream tampered(OPENHOUSE_SOURCE_DIR "/tests/data/sql/tampered_oh_max_drift_ms.sql");
    ASSERT_TRUE(tampered);
    pgtools::execScript(pg.url(), std::string(std::istreambuf_iterator<char>(tampered), {}));
    pgtools::execScript(
        pg.url(), "UPDATE oh_meta SET value = 'an older build' WHERE key = 'functions_sha256'");
    EXPECT_EQ(scalar(pg.url(), "SELECT oh_max_drift_ms()"), 1);
    openCentralRecord(pg.url());
    EXPECT_EQ(scalar(pg.url(), "SELECT oh_max_drift_ms()"), 300000);
    expectSnapshot(pg.url(), "A database whose functions were re-applied by openCentralRecord");
    EXPECT_EQ(pgtools::query(pg.url(), "SELECT value FROM oh_meta WHERE key = 'functions_sha256'")
                  .at(0)
                  .at(0),
              std::string(centralPgFunctionsDigest()));
}

}  // namespace
}  // namespace oh::it
