// The attacker's seat shared by the device-role attack tests: kiosk A's own login (device
// rights on the embedded central; on PostgreSQL its own role, bound to event A by
// scripts/create-device-roles.sh), a second event B with its kiosk, and the program team's
// login, on both central adapters. docs/security.md lists the attacks.
#pragma once

#include <nlohmann/json.hpp>

#include <fstream>

#include "core/model/hlc.hpp"
#include "tests/integration/support.hpp"

namespace oh::it {

using nlohmann::json;

inline std::string fileText(const std::string& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

inline OutboxEntry entry(const std::string& kind, const json& payload) {
    OutboxEntry e;
    e.idemKey = Uuid::v7().str();
    e.kind = kind;
    e.payload = payload.dump();
    return e;
}

class DeviceRoleAttacks : public testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (GetParam() == Backend::Postgres) OH_REQUIRE_PG();
        place_ = makeCentralPlace(GetParam(), dir_);
        admin_ = openAdmin();
        ours_ = seedCentral(*admin_, dir_.file("admin-a.db"), 8);
        theirs_ = seedCentral(*admin_, dir_.file("admin-b.db"), 8);
        kioskA_ = openDevice(dir_.file("kiosk-a.db"), ours_, "kiosk-a");
        kioskB_ = openDevice(dir_.file("kiosk-b.db"), theirs_, "kiosk-b");
        central_ = openAsKioskA();
        // Kiosk B: a legitimate device of event B (device rights on the
        // embedded central; the owner's login on PostgreSQL).
        if (GetParam() == Backend::Sqlite) centralB_ = openCentralSqlite(place_.spec.substr(7));
        sync(*kioskA_, *central_);
        sync(*kioskB_, b());
    }
    CentralRecord& b() { return centralB_ ? *centralB_ : *admin_; }

    void TearDown() override {
        central_.reset();
        centralB_.reset();
        admin_.reset();
        if (place_.pg && !role_.empty()) {
            place_.pg.reset();
            try {
                pgtools::execScript(testPg(), "DROP ROLE IF EXISTS " + role_);
            } catch (const std::exception&) {
            }
        }
    }

    // The program team: the owner on PostgreSQL, the file's admin otherwise.
    std::unique_ptr<CentralRecord> openAdmin(const CentralOptions& base = {}) {
        CentralOptions options = base;
        options.admin = true;
        if (GetParam() == Backend::Sqlite) return openCentralSqlite(place_.spec.substr(7), options);
        return openCentralRecord(place_.spec, options);
    }

    // Kiosk A's own login: device rights on the embedded central; on
    // PostgreSQL its own role, bound by the owner to event A and kiosk A.
    // It asks for an enormous drift limit: the server's limit must hold.
    std::unique_ptr<CentralRecord> openAsKioskA() {
        CentralOptions options;
        if (GetParam() == Backend::Sqlite) return openCentralSqlite(place_.spec.substr(7), options);
        role_ = "oh_dev_atk_" + Uuid::v7().str().substr(28);
        std::string name = role_.substr(7);
        int rc = shell("bash " OPENHOUSE_SOURCE_DIR "/scripts/create-device-roles.sh create '" +
                       place_.spec + "' " + ours_.event.id + " " + name + ":" +
                       kioskA_->deviceId() + " > " + dir_.file("roles.out") + " 2>&1");
        EXPECT_EQ(rc, 0) << fileText(dir_.file("roles.out"));
        roleUrl_ = asUser(place_.spec, role_);
        options.maxDriftMs = 9'000'000'000'000'000'000;
        return openCentralRecord(roleUrl_, options);
    }

    static SyncReport sync(Store& device, CentralRecord& central) {
        return SyncEngine(device, central, {}, [](const std::string&) {}).syncOnce();
    }

    // Pushes one entry as kiosk A; the reason it was refused, or "" if it was not.
    std::string refusal(const OutboxEntry& e) {
        PushResult r = central_->push(kioskA_->deviceId(), {e});
        if (r.status.size() != 1) return "no answer";
        return r.status[0] == PushStatus::Refused ? r.refusedReason : "";
    }

    json checkIn(const Seed& seed, const std::string& attendee, const std::string& device) {
        return {{"id", Uuid::v7().str()},  {"event_id", seed.event.id},
                {"attendee_id", attendee}, {"device_id", device},
                {"method", "qr"},          {"at", nowMillis()}};
    }
    json score(const std::string& judge, const std::string& showcase, std::int64_t wallMs) {
        Hlc clock{wallMs, 0, kioskA_->deviceId()};
        return {{"id", Uuid::v7().str()},
                {"event_id", ours_.event.id},
                {"judge_id", judge},
                {"showcase_id", showcase},
                {"criteria", "{}"},
                {"total", 4.0},
                {"notes", ""},
                {"encore", false},
                {"hlc", clock.str()},
                {"device_id", kioskA_->deviceId()},
                {"deleted", false}};
    }
    // A peer's feedback on demo 0 (an intern presents it) by a guest of event A.
    json feedback(std::int64_t createdAtMs) {
        return {{"id", Uuid::v7().str()},
                {"event_id", ours_.event.id},
                {"author_id", ours_.attendees[1]},
                {"showcase_id", ours_.showcases[0]},
                {"rating", 4},
                {"text", ""},
                {"created_at", createdAtMs},
                {"device_id", kioskA_->deviceId()},
                {"answers", {4, 4, 5}}};
    }
    json withdrawal(const std::string& feedbackId, std::int64_t deletedAtMs) {
        return {{"id", feedbackId},
                {"event_id", ours_.event.id},
                {"deleted_at", deletedAtMs},
                {"device_id", kioskA_->deviceId()}};
    }
    json person(const std::string& id, const std::string& role, bool blocked, std::int64_t at,
                const std::string& email) {
        return {{"id", id},
                {"event_id", ours_.event.id},
                {"full_name", "Mallory"},
                {"email", email},
                {"role", role},
                {"cohort", ""},
                {"team", ""},
                {"pronouns", ""},
                {"strengths", ""},
                {"blocked", blocked},
                {"updated_at", at}};
    }

    static constexpr std::int64_t kYear2100Ms = 4'102'444'800'000;

    TempDir dir_;
    CentralPlace place_;
    std::unique_ptr<CentralRecord> admin_, central_, centralB_;
    Seed ours_, theirs_;
    std::unique_ptr<Store> kioskA_, kioskB_;
    std::string role_, roleUrl_;
};

}  // namespace oh::it
