// Per-device PostgreSQL roles (scripts/create-device-roles.sh): a device role
// syncs through the functions, reads only its own event's rows (the checkins
// view included), writes nothing directly, cannot act for another device or
// call the inner push function, and is locked out once revoked.
#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

// The message of the error a statement raises, or "" when it succeeds.
std::string failure(const std::string& url, const std::string& sql,
                    const std::vector<std::string>& params = {}) {
    try {
        pgtools::query(url, sql, params);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

class DeviceRoles : public testing::Test {
  protected:
    void SetUp() override {
        OH_REQUIRE_PG();
        pg_ = std::make_unique<ScratchPg>();
        // Roles are cluster-wide: a name of this run's own.
        name_ = "it-" + Uuid::v7().str().substr(28);
        role_ = "oh_dev_" + name_;
        std::replace(role_.begin(), role_.end(), '-', '_');
    }
    void TearDown() override {
        if (!pg_) return;
        pg_.reset();  // drops the database, and with it the role's grants there
        try {
            pgtools::execScript(testPg(), "DROP ROLE IF EXISTS " + role_);
        } catch (const std::exception&) {
        }
    }

    int script(const std::string& args) {
        return shell("bash " OPENHOUSE_SOURCE_DIR "/scripts/create-device-roles.sh " + args +
                     " > " + dir_.file("roles.out") + " 2>&1");
    }

    TempDir dir_;
    std::unique_ptr<ScratchPg> pg_;
    std::string name_, role_;
};

TEST_F(DeviceRoles, ADeviceRoleSyncsReadsItsOwnEventOnlyAndWritesNothingDirectly) {
    const std::string& admin = pg_->url();
    auto owner = openCentralRecord(admin);
    Seed ours = seedCentral(*owner, dir_.file("admin-a.db"), 8);
    Seed theirs = seedCentral(*owner, dir_.file("admin-b.db"), 8);
    // Another event's device checks someone in, as the owner (the program team's tools).
    auto other = openDevice(dir_.file("other.db"), theirs, "other");
    SyncEngine(*other, *owner, {}, [](const std::string&) {}).syncOnce();  // the roster
    other->recordCheckIn(theirs.event.id, theirs.attendees[0], "qr", 1);
    SyncEngine(*other, *owner, {}, [](const std::string&) {}).syncOnce();

    // The owner binds the role to this event and this device.
    auto kiosk = openDevice(dir_.file("kiosk.db"), ours, "kiosk");
    ASSERT_EQ(
        script("create '" + admin + "' " + ours.event.id + " " + name_ + ":" + kiosk->deviceId()),
        0);
    const std::string url = asUser(admin, role_);

    // The device syncs through the functions under its own role.
    auto central = openCentralRecord(url);
    SyncEngine(*kiosk, *central, {}, [](const std::string&) {}).syncOnce();  // registers, pulls
    EXPECT_EQ(kiosk->attendees(ours.event.id).size(), ours.attendees.size() + ours.judges.size());
    kiosk->recordCheckIn(ours.event.id, ours.attendees[1], "qr", 2);
    kiosk->recordCheckIn(ours.event.id, ours.attendees[2], "qr", 3);
    SyncReport report = SyncEngine(*kiosk, *central, {}, [](const std::string&) {}).syncOnce();
    EXPECT_EQ(report.pushed, 2);

    // It reads its own event's check-ins and people, never the other event's.
    EXPECT_EQ(pgtools::query(url, "SELECT count(*) FROM checkins")[0][0], "2");
    EXPECT_EQ(pgtools::query(url, "SELECT count(DISTINCT event_id) FROM attendees")[0][0], "1");
    EXPECT_EQ(pgtools::query(admin, "SELECT count(*) FROM checkins")[0][0], "3");

    // No direct writes, no feed reads, no inner push function.
    EXPECT_NE(failure(url,
                      "INSERT INTO change_log (pos, idem_key, device_id, kind, payload) "
                      "VALUES (1, gen_random_uuid(), gen_random_uuid(), 'checkin.create', '{}')"),
              "");
    EXPECT_NE(failure(url, "SELECT count(*) FROM change_log").find("permission denied"),
              std::string::npos);
    EXPECT_NE(failure(url, "DELETE FROM attendees").find("permission denied"), std::string::npos);
    EXPECT_NE(
        failure(url, "SELECT * FROM oh_push_apply($1::uuid, '', 0, false, 1)", {kiosk->deviceId()})
            .find("permission denied"),
        std::string::npos);

    // It may not push for another device.
    EXPECT_NE(failure(url, "SELECT * FROM oh_push($1::uuid, '', 300000)", {other->deviceId()})
                  .find("may not act for device"),
              std::string::npos);

    // Nor move its device to another event (and read that event's rows).
    EXPECT_NE(failure(url, "SELECT oh_register_device($1::uuid, $2::uuid, 'kiosk', '', '')",
                      {kiosk->deviceId(), theirs.event.id})
                  .find("bound to another event"),
              std::string::npos);
    EXPECT_EQ(pgtools::query(url, "SELECT count(*) FROM checkins")[0][0], "2");

    // Nor by shadowing the tables the functions consult with temporary ones
    // of its own (pg_temp comes first in a default search_path).
    {
        pgtools::Session session(url);
        session.query(
            "CREATE TEMP TABLE devices (id uuid, event_id uuid, name text, public_key text, "
            "certificate text, role_name text, registered_at bigint, revoked_at bigint)");
        session.query(
            "INSERT INTO devices (id, event_id, name, role_name, registered_at) "
            "VALUES ($1::uuid, $2::uuid, 'forged', session_user, 0)",
            {other->deviceId(), theirs.event.id});
        session.query("CREATE TEMP TABLE oh_meta (key text, value text)");
        session.query("INSERT INTO oh_meta VALUES ('owner', session_user)");
        std::string forged = Uuid::v7().str() + "\x1f" + "checkin.create" + "\x1f" +
                             R"({"at":5,"attendee_id":")" + theirs.attendees[1] +
                             R"(","event_id":")" + theirs.event.id + R"(","id":")" +
                             Uuid::v7().str() + R"("})";
        std::string error;
        try {
            session.query("SELECT * FROM oh_push($1::uuid, $2, 300000)",
                          {other->deviceId(), forged});
        } catch (const std::exception& e) {
            error = e.what();
        }
        EXPECT_NE(error.find("may not act for device"), std::string::npos) << error;
        EXPECT_EQ(session.query("SELECT count(*) FROM checkins")[0][0], "2");
    }
    EXPECT_EQ(pgtools::query(admin, "SELECT count(*) FROM checkins")[0][0], "3");

    // Revoked (a stolen laptop): it can no longer log in.
    ASSERT_EQ(script("revoke '" + admin + "' " + name_), 0);
    EXPECT_NE(failure(url, "SELECT 1"), "");
    EXPECT_EQ(pgtools::query(admin,
                             "SELECT count(*) FROM devices WHERE id = $1::uuid AND "
                             "revoked_at IS NOT NULL",
                             {kiosk->deviceId()})[0][0],
              "1");
}

}  // namespace
