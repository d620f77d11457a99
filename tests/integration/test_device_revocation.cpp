// A stolen kiosk is revoked: its walk-in badges (signed by its certified
// device key) are refused on every other device after one sync round, with
// the reason "revoked device". And a record that a replica cannot apply is
// quarantined, visibly, while the rest of the feed goes on. Both centrals;
// on PostgreSQL the kiosk syncs as its own role and is revoked with
// scripts/create-device-roles.sh, as an event team would.
#include "core/checkin/checkin.hpp"
#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

class DeviceRevocation : public testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (GetParam() == Backend::Postgres) OH_REQUIRE_PG();
        place_ = makeCentralPlace(GetParam(), dir_);
        CentralOptions options;
        options.admin = true;
        admin_ = GetParam() == Backend::Sqlite ? openCentralSqlite(place_.spec.substr(7), options)
                                               : openCentralRecord(place_.spec, options);
        seed_ = seedCentral(*admin_, dir_.file("admin.db"), 8);
    }
    void TearDown() override {
        admin_.reset();
        if (place_.pg && !role_.empty()) {
            place_.pg.reset();
            try {
                pgtools::execScript(testPg(), "DROP ROLE IF EXISTS " + role_);
            } catch (const std::exception&) {
            }
        }
    }

    // A kiosk's own login: device rights on the embedded central, its own
    // bound role on PostgreSQL.
    std::unique_ptr<CentralRecord> loginOf(Store& kiosk) {
        if (GetParam() == Backend::Sqlite) return openCentralSqlite(place_.spec.substr(7));
        role_ = "oh_dev_rev_" + Uuid::v7().str().substr(28);
        EXPECT_EQ(script("create '" + place_.spec + "' " + seed_.event.id + " " + role_.substr(7) +
                         ":" + kiosk.deviceId()),
                  0);
        return openCentralRecord(asUser(place_.spec, role_));
    }
    int script(const std::string& args) {
        return shell("bash " OPENHOUSE_SOURCE_DIR "/scripts/create-device-roles.sh " + args +
                     " > /dev/null 2>&1");
    }
    static SyncReport sync(Store& device, CentralRecord& central) {
        return SyncEngine(device, central, {}, [](const std::string&) {}).syncOnce();
    }

    TempDir dir_;
    CentralPlace place_;
    std::unique_ptr<CentralRecord> admin_;
    Seed seed_;
    std::string role_;
};

TEST_P(DeviceRevocation, ARevokedKiosksWalkInBadgeIsRefusedEverywhereAfterOneSyncRound) {
    // The event's key, on the central; kiosk 1 holds a device key it certified.
    SigningKey eventKey = SigningKey::generate();
    {
        Store keys = Store::open(dir_.file("keys.db"));
        keys.saveEvent(seed_.event);
        keys.addEventKey(seed_.event.id, eventKey.publicKey);
        sync(keys, *admin_);
    }
    auto kiosk1 = openDevice(dir_.file("kiosk-1.db"), seed_, "kiosk-1");
    auto kiosk2 = openDevice(dir_.file("kiosk-2.db"), seed_, "kiosk-2");
    SigningKey deviceKey = SigningKey::generate();
    const std::int64_t now = nowSeconds();
    auto cert = DeviceCertificate::issue(*Uuid::parse(seed_.event.id), deviceKey.publicKey,
                                         static_cast<std::uint32_t>(now + 86400), eventKey);
    kiosk1->setMeta("device_public_key", deviceKey.publicHex());
    kiosk1->setMeta("device_certificate", cert.encodeHex());
    auto login1 = loginOf(*kiosk1);
    sync(*kiosk1, *login1);
    sync(*kiosk2, *admin_);

    // A walk-in badge kiosk 1 printed.
    TokenClaims claims;
    claims.keyId = deviceKey.id;
    claims.eventId = *Uuid::parse(seed_.event.id);
    claims.attendeeId = *Uuid::parse(seed_.attendees[3]);
    claims.issuedAt = static_cast<std::uint32_t>(now);
    claims.validFrom = static_cast<std::uint32_t>(now - 60);
    claims.validUntil = static_cast<std::uint32_t>(now + 3600);
    const std::string badge = signToken(claims, deviceKey);
    ASSERT_EQ(kiosk2->verifierFor(seed_.event.id).verify(badge, now).status, TokenStatus::Ok);

    // The laptop is stolen: revoked by the program team.
    if (GetParam() == Backend::Postgres)
        ASSERT_EQ(script("revoke '" + place_.spec + "' " + role_.substr(7)), 0);
    else
        ASSERT_TRUE(admin_->revokeDevice(kiosk1->deviceId()));

    // One sync round later, kiosk 2 refuses the badge, with the reason.
    sync(*kiosk2, *admin_);
    CheckInDesk desk(*kiosk2, seed_.event.id);
    CheckInOutcome outcome = desk.scan(badge, nowMillis());
    EXPECT_EQ(outcome.status, CheckInStatus::DeviceRevoked);
    EXPECT_STREQ(checkInStatusName(outcome.status), "revoked-device");
    EXPECT_NE(std::string(checkInStatusReason(outcome.status)).find("revoked device"),
              std::string::npos);
    EXPECT_FALSE(kiosk2->activeCheckIn(seed_.event.id, seed_.attendees[3]));
    // So does a kiosk that syncs for the first time only now.
    auto kiosk3 = openDevice(dir_.file("kiosk-3.db"), seed_, "kiosk-3");
    sync(*kiosk3, *admin_);
    EXPECT_EQ(kiosk3->verifierFor(seed_.event.id).verify(badge, nowSeconds()).status,
              TokenStatus::DeviceRevoked);
    // And the stolen kiosk itself can no longer sync.
    EXPECT_THROW(
        {
            auto again = GetParam() == Backend::Sqlite
                             ? openCentralSqlite(place_.spec.substr(7))
                             : openCentralRecord(asUser(place_.spec, role_));
            sync(*kiosk1, *again);
        },
        CentralError);
}

TEST_P(DeviceRevocation, ARecordAReplicaCannotApplyIsQuarantinedAndTheRestOfTheFeedApplies) {
    auto kiosk = openDevice(dir_.file("kiosk.db"), seed_, "kiosk");
    sync(*kiosk, *admin_);
    // A score naming a judge and a demo nobody has, already in the feed (an
    // older central let such records through).
    const std::string bad = R"({"id":")" + Uuid::v7().str() + R"(","event_id":")" + seed_.event.id +
                            R"(","judge_id":")" + Uuid::v7().str() + R"(","showcase_id":")" +
                            Uuid::v7().str() +
                            R"(","hlc":"000001700000000000-000000-x","total":4})";
    if (GetParam() == Backend::Sqlite) {
        Store central = Store::open(place_.spec.substr(7));
        central.db()
            .prepare(
                "INSERT INTO change_log (idem_key, device_id, event_id, kind, payload, created_at) "
                "VALUES (?, ?, ?, 'score.upsert', ?, 0)")
            .bindAll(Uuid::v7().str(), Uuid::v7().str(), seed_.event.id, bad)
            .run();
    } else {
        pgtools::query(place_.spec,
                       "INSERT INTO change_log (pos, idem_key, device_id, event_id, kind, payload) "
                       "VALUES (1, gen_random_uuid(), gen_random_uuid(), $1::uuid, "
                       "'score.upsert', $2)",
                       {seed_.event.id, bad});
    }
    // Then the roster grows: a person added after the bad record.
    Attendee late;
    {
        Store more = Store::open(dir_.file("admin.db"));
        late.eventId = seed_.event.id;
        late.fullName = "Late Person";
        late.email = "late@example.org";
        more.upsertAttendee(late);
        sync(more, *admin_);
    }

    SyncReport first = sync(*kiosk, *admin_);  // before: FOREIGN KEY, every round, for good
    EXPECT_TRUE(kiosk->attendee(late.id));
    auto status = SyncEngine::status(*kiosk);
    ASSERT_EQ(status.quarantine.size(), 1u);
    EXPECT_EQ(status.quarantine[0].kind, "score.upsert");
    EXPECT_NE(status.quarantine[0].reason.find("FOREIGN KEY"), std::string::npos)
        << status.quarantine[0].reason;
    EXPECT_EQ(first.quarantined, 0);  // nothing was waiting before this round

    // Tried again on the next round, still waiting, counted.
    SyncReport second = sync(*kiosk, *admin_);
    EXPECT_EQ(second.quarantined, 1);
    EXPECT_EQ(SyncEngine::status(*kiosk).quarantine.at(0).attempts, 2);

    // `openhouse sync status` shows it (ids, kind and reason; no personal data).
    auto run = runCli(OPENHOUSE_CLI_PATH, dir_.path(),
                      "sync status --store " + shellQuote(dir_.file("kiosk.db")) + " --central " +
                          shellQuote(place_.spec));
    EXPECT_NE(run.out.find("quarantine    1 pulled records not applied"), std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find("score.upsert"), std::string::npos) << run.out;
    EXPECT_EQ(run.out.find("late@example.org"), std::string::npos) << run.out;
}

INSTANTIATE_TEST_SUITE_P(Central, DeviceRevocation,
                         testing::Values(Backend::Sqlite, Backend::Postgres), backendName);

}  // namespace
