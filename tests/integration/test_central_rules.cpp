// Central rules that only one input shows: a device's own records never come back on its
// pull; an entry refused for what it names is applied when retried after that arrives (its
// key was not kept as applied); the embedded central binds a device to its event and keeps a
// revoked one out (on PostgreSQL the owner's role binding does, test_device_role_attacks.cpp).
#include <nlohmann/json.hpp>

#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;
using nlohmann::json;

namespace {

OutboxEntry entryOf(const std::string& kind, const json& payload) {
    OutboxEntry e;
    e.idemKey = Uuid::v7().str();
    e.kind = kind;
    e.payload = payload.dump();
    return e;
}

class CentralRules : public SeededCentral {
  protected:
    // The program team's rights: the owner on PostgreSQL, the file's admin otherwise.
    std::unique_ptr<CentralRecord> admin() {
        if (GetParam() == Backend::Postgres) return openCentralRecord(place_.spec);
        CentralOptions options;
        options.admin = true;
        return openCentralSqlite(place_.spec.substr(7), options);
    }
};

}  // namespace

TEST_P(CentralRules, ADevicesOwnRecordsDoNotComeBackOnItsPull) {
    auto kiosk = device("kiosk-a");
    sync(*kiosk);
    ASSERT_TRUE(
        kiosk->recordCheckIn(seed_.event.id, seed_.attendees[0], "qr", nowMillis()).created);
    SyncReport report = sync(*kiosk);
    EXPECT_EQ(report.pushed, 1);
    EXPECT_EQ(report.pulled, 0);
    EXPECT_EQ(sync(*kiosk).pulled, 0);
}

TEST_P(CentralRules, AnEntryRefusedForWhatItNamesIsAppliedWhenRetriedAfterItArrives) {
    auto lead = admin();
    const std::string person = Uuid::v7().str();
    const OutboxEntry checkIn = entryOf("checkin.create", {{"id", Uuid::v7().str()},
                                                           {"event_id", seed_.event.id},
                                                           {"attendee_id", person},
                                                           {"device_id", Uuid::v7().str()},
                                                           {"method", "qr"},
                                                           {"at", nowMillis()}});
    const std::string pusher = Uuid::v7().str();
    PushResult first = lead->push(pusher, {checkIn});
    ASSERT_EQ(first.status.size(), 1u);
    EXPECT_EQ(first.status[0], PushStatus::Refused);
    // The person arrives (a walk-in registered elsewhere), then the same entry again.
    PushResult registered =
        lead->push(pusher, {entryOf("attendee.upsert", {{"id", person},
                                                        {"event_id", seed_.event.id},
                                                        {"full_name", "Late Walk-In"},
                                                        {"email", "late@example.org"},
                                                        {"role", "guest"},
                                                        {"blocked", false},
                                                        {"updated_at", nowMillis()}})});
    ASSERT_EQ(registered.applied, 1) << registered.refusedReason;
    PushResult retried = lead->push(pusher, {checkIn});
    ASSERT_EQ(retried.status.size(), 1u);
    EXPECT_EQ(retried.status[0], PushStatus::Applied) << retried.refusedReason;
    EXPECT_EQ(countPrefix(lead->digest(seed_.event.id), "checkin "), 1);
}

INSTANTIATE_TEST_SUITE_P(Central, CentralRules, testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);

namespace {

// The embedded central with device rights (what a kiosk's sync opens).
class EmbeddedRegistration : public testing::Test {
  protected:
    void SetUp() override {
        CentralOptions asAdmin;
        asAdmin.admin = true;
        admin_ = openCentralSqlite(dir_.file("central.db"), asAdmin);
        ours_ = seedCentral(*admin_, dir_.file("admin-a.db"), 8);
        theirs_ = seedCentral(*admin_, dir_.file("admin-b.db"), 8);
        asDevice_ = openCentralSqlite(dir_.file("central.db"));
        kiosk_ = openDevice(dir_.file("kiosk.db"), ours_, "kiosk-a");
        SyncEngine(*kiosk_, *asDevice_, {}, [](const std::string&) {}).syncOnce();
    }

    DeviceRegistration registration(const std::string& eventId) {
        return {kiosk_->deviceId(), eventId, "kiosk-a", "", ""};
    }

    TempDir dir_;
    std::unique_ptr<CentralRecord> admin_, asDevice_;
    Seed ours_, theirs_;
    std::unique_ptr<Store> kiosk_;
};

std::string registrationError(CentralRecord& central, const DeviceRegistration& d) {
    try {
        central.registerDevice(d);
    } catch (const CentralError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_F(EmbeddedRegistration, ADeviceBoundToOneEventCannotRegisterForAnother) {
    EXPECT_EQ(registrationError(*asDevice_, registration(ours_.event.id)), "");
    EXPECT_NE(registrationError(*asDevice_, registration(theirs_.event.id))
                  .find("bound to another event"),
              std::string::npos);
    auto devices = admin_->devices(theirs_.event.id);
    for (const auto& d : devices) EXPECT_NE(d.id, kiosk_->deviceId());
}

TEST_F(EmbeddedRegistration, ARevokedDeviceCannotRegisterAgain) {
    ASSERT_TRUE(admin_->revokeDevice(kiosk_->deviceId()));
    EXPECT_NE(registrationError(*asDevice_, registration(ours_.event.id)).find("is revoked"),
              std::string::npos);
}
