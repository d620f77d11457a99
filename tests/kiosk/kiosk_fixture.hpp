// A device store like `openhouse enrol` makes (event, event key, device key with its
// certificate, roster, a showcase), tokens for every check-in outcome, and QR images of them
// for the camera.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/identity/token.hpp"
#include "core/model/ids.hpp"
#include "core/render/image.hpp"
#include "core/render/qr.hpp"
#include "core/store/store.hpp"
#include "kiosk_test_support.hpp"

namespace oh::kiosk::testing {

struct DemoStore {
    std::filesystem::path dir;
    std::string path;
    Event event;
    SigningKey eventKey = SigningKey::generate();
    SigningKey deviceKey = SigningKey::generate();
    std::map<std::string, std::string> ids;     // first name (lower case) -> attendee id
    std::map<std::string, std::string> tokens;  // outcome -> token text

    explicit DemoStore(const std::filesystem::path& folder) : dir(folder) {
        path = (dir / "kiosk-1.db").string();
        const std::int64_t now = nowSeconds();
        event = Event{Uuid::v7().str(),
                      "Openhouse Demo Day",
                      "HQ, Floor 3",
                      "UTC",
                      now - 3600,
                      now + 8 * 3600,
                      3};
        Store store = Store::open(path);
        store.saveEvent(event);
        store.addEventKey(event.id, eventKey.publicKey);
        store.setMeta("device_name", "Kiosk A");
        store.setMeta("event_id", event.id);
        store.setMeta("device_secret_key", deviceKey.secretHex());
        auto cert =
            DeviceCertificate::issue(*Uuid::parse(event.id), deviceKey.publicKey,
                                     static_cast<std::uint32_t>(event.endsAt + 86400), eventKey);
        store.db()
            .prepare(
                "INSERT INTO devices (id, event_id, name, public_key, certificate, registered_at) "
                "VALUES (?, ?, 'Kiosk A', ?, ?, 0)")
            .bindAll(store.deviceId(), event.id, deviceKey.publicHex(), cert.encodeHex())
            .run();
        add(store, "Ana Lima", "ana@example.org", Role::Intern, "Team Aurora",
            "your onboarding flow cut support tickets by 12%", "she/her");
        add(store, "Omar Haddad", "omar@example.org", Role::Intern, "Team Aurora",
            "your churn model flagged 40 at-risk accounts a week early", "he/him");
        add(store, "ليلى الحسن", "layla@example.org", Role::Guest, "", "", "she/her");
        add(store, "Sofia Rossi", "sofia@example.org", Role::Staff, "", "", "she/her");
        add(store, "Bo Blocked", "bo@example.org", Role::Guest, "", "", "");
        store.setBlocked(ids["bo"], true);
        Showcase demo;
        demo.id = Uuid::v7().str();
        demo.eventId = event.id;
        demo.internId = ids["ana"];
        demo.title = "Onboarding flow";
        demo.location = "Table 3";
        demo.slotStart = now + 1800;
        demo.slotEnd = now + 2400;
        store.upsertShowcase(demo);

        const auto s = now - 600, e = event.endsAt;
        tokens["ok"] = sign(ids["ana"], eventKey, s, e, event.id);
        tokens["omar"] = sign(ids["omar"], eventKey, s, e, event.id);
        tokens["layla"] = sign(ids["layla"], eventKey, s, e, event.id);
        tokens["expired"] = sign(ids["omar"], eventKey, now - 7200, now - 3600, event.id);
        tokens["not_yet_valid"] = sign(ids["omar"], eventKey, now + 7200, e, event.id);
        tokens["wrong_event"] = sign(ids["omar"], eventKey, s, e, Uuid::v7().str());
        tokens["unknown"] = sign(Uuid::v7().str(), eventKey, s, e, event.id);
        tokens["blocked"] = sign(ids["bo"], eventKey, s, e, event.id);
        tokens["invalid_signature"] = sign(ids["omar"], SigningKey::generate(), s, e, event.id);
        tokens["unreadable"] = "HELLO-NOT-AN-OPENHOUSE-CODE-AT-ALL";
        const std::string revoked = sign(ids["omar"], eventKey, s - 1, e, event.id);
        store.revokeToken(event.id, store.verifierFor(event.id).verify(revoked, now).tokenId,
                          "lost");
        tokens["revoked"] = revoked;
    }

    void add(Store& store, const std::string& name, const std::string& email, Role role,
             const std::string& team, const std::string& strengths, const std::string& pronouns) {
        Attendee a;
        a.eventId = event.id;
        a.fullName = name;
        a.email = email;
        a.role = role;
        a.team = team;
        a.strengths = strengths;
        a.pronouns = pronouns;
        store.upsertAttendee(a);
        ids[email.substr(0, email.find('@'))] = a.id;
    }

    static std::string sign(const std::string& attendeeId, const SigningKey& key, std::int64_t from,
                            std::int64_t until, const std::string& eventId) {
        TokenClaims c{{},
                      *Uuid::parse(eventId),
                      *Uuid::parse(attendeeId),
                      static_cast<std::uint32_t>(from),
                      static_cast<std::uint32_t>(from),
                      static_cast<std::uint32_t>(until)};
        return signToken(c, key);
    }

    // A camera-like frame: the QR on a grey 1280x720 background.
    std::string qrImage(const std::string& token, const std::string& name) const {
        auto code = encodeQr(token, 'M');
        GrayImage frame(1280, 720, 170);
        GrayImage qr = renderQr(*code, 6);
        blit(frame, qr, (1280 - qr.width) / 2, (720 - qr.height) / 2);
        const auto file = (dir / (name + ".png")).string();
        std::string error;
        if (!writePng(file, frame, &error)) throw std::runtime_error(error);
        return file;
    }

    std::int64_t checkIns() const {
        Store store = Store::open(path);
        return store.countCheckIns(event.id);
    }
    std::optional<CheckIn> activeCheckIn(const std::string& who) const {
        Store store = Store::open(path);
        return store.activeCheckIn(event.id, ids.at(who));
    }
};

inline KioskOptions storeOptions(Size size, const DemoStore& store) {
    KioskOptions o = headlessOptions(size);
    o.storePath = store.path;
    o.spoolDir = (store.dir / "spool").string();
    o.printBackoff = std::chrono::milliseconds(5);
    o.printTimeout = std::chrono::milliseconds(3000);
    o.cameraReopenMs = 200;
    return o;
}

// For the scoring and feedback tests.
// Four demos that have presented or present now (by Ana and Omar of Team Aurora, Layla, and
// a second staff member's intern Ravi of Team Borealis), and a second judge.
struct JudgingFloor {
    std::map<std::string, std::string> demos;  // title -> id
    std::string judge;                         // Sofia (staff)
    std::string token;                         // Sofia's badge
};

inline JudgingFloor addJudgingFloor(DemoStore& ds) {
    Store store = Store::open(ds.path);
    ds.add(store, "Ravi Kumar", "ravi@example.org", Role::Intern, "Team Borealis", "", "");
    ds.add(store, "Chen Wei", "chen@example.org", Role::Staff, "", "", "");
    JudgingFloor f;
    const std::int64_t now = nowSeconds();
    int hour = 0;
    for (const auto& [title, intern] :
         std::vector<std::pair<std::string, std::string>>{{"Checkout speed", "omar"},
                                                          {"Churn radar", "ravi"},
                                                          {"Support triage", "ana"},
                                                          {"Warehouse map", "ravi"}}) {
        Showcase s;
        s.id = Uuid::v7().str();
        s.eventId = ds.event.id;
        s.internId = ds.ids.at(intern);
        s.title = title;
        s.location = "Room " + std::to_string(++hour);
        s.slotStart = now - 3600 + hour * 600;  // ten-minute slots, the last one running now
        s.slotEnd = s.slotStart + (hour == 4 ? 3600 : 600);
        s.metricName = "tickets";
        s.metricChange = "-12%";
        store.upsertShowcase(s);
        f.demos[title] = s.id;
    }
    f.judge = ds.ids.at("sofia");
    f.token = DemoStore::sign(f.judge, ds.eventKey, now - 600, ds.event.endsAt, ds.event.id);
    return f;
}

}  // namespace oh::kiosk::testing
