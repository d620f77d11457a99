// `openhouse enrol` and `openhouse checkin`.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "core/central/central.hpp"
#include "core/checkin/checkin.hpp"
#include "core/model/ids.hpp"
#include "core/text/short_name.hpp"
#include "core/text/terminal_text.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

// Copies what a kiosk needs to work offline: the event, its public keys, the
// revocations and the roster. (The sync daemon keeps it current afterwards.)
void copySnapshot(Store& central, Store& device, const Event& event) {
    Store::ApplyingRemote remote(device);
    sql::Transaction tx(device.db());
    device.saveEvent(event);
    for (const auto& pk : central.eventKeys(event.id)) device.addEventKey(event.id, pk);
    for (const auto& tokenId : central.revokedTokens(event.id))
        device.revokeToken(event.id, tokenId, "");
    for (auto a : central.attendees(event.id)) device.upsertAttendee(a);
    tx.commit();
}

void registerDevice(Store& central, Store& device, const Event& event, const std::string& name,
                    const SigningKey& eventKey) {
    // A device key certified by the event key signs this kiosk's walk-in badges.
    SigningKey deviceKey = SigningKey::generate();
    auto cert =
        DeviceCertificate::issue(*Uuid::parse(event.id), deviceKey.publicKey,
                                 static_cast<std::uint32_t>(event.endsAt + 86400), eventKey);
    device.setMeta("device_name", name);
    device.setMeta("event_id", event.id);
    device.setMeta("device_secret_key", deviceKey.secretHex());
    // The sync daemon registers these with whichever central it talks to
    // (PostgreSQL included), so other kiosks learn this device's badges.
    device.setMeta("device_public_key", deviceKey.publicHex());
    device.setMeta("device_certificate", cert.encodeHex());
    central.db()
        .prepare(
            "INSERT INTO devices (id, event_id, name, public_key, certificate, registered_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "public_key = excluded.public_key, certificate = excluded.certificate")
        .bindAll(device.deviceId(), event.id, name, deviceKey.publicHex(), cert.encodeHex(),
                 nowMillis())
        .run();
    central.audit("cli", "device.enrol", device.deviceId());
}

void runEnrol(Context& ctx, const std::string& name, const std::string& eventOption) {
    if (name.empty() || name.find('/') != std::string::npos || name[0] == '.')
        throw CommandError(kUsage, "--device must be a plain name like kiosk-1");
    auto central = ctx.openCentral();
    Event event = ctx.resolveEvent(central, eventOption);
    SigningKey eventKey = ctx.keyStore().current(event.id);
    bool existed = std::filesystem::exists(ctx.devicePath(name));
    auto device = Store::open(ctx.devicePath(name));
    registerDevice(central, device, event, name, eventKey);
    copySnapshot(central, device, event);
    std::cout << (existed ? "refreshed" : "enrolled") << " device " << name << " ("
              << device.deviceId() << ") for " << event.name << ": "
              << device.countAttendees(event.id) << " people on its roster\n  store "
              << ctx.devicePath(name) << "\n";
}

// The device's id, from its enrolment in the embedded central record.
std::string enrolledDeviceId(Store& central, const Event& event, const std::string& name) {
    auto s = central.db().prepare("SELECT id FROM devices WHERE event_id = ? AND name = ?");
    s.bindAll(event.id, name);
    if (!s.step())
        throw CommandError(kUsage, "no device named " + name + " is enrolled for " + event.name +
                                       " (see 'openhouse enrol')");
    return s.text(0);
}

// A lost or stolen device: revoked in the embedded central record (its pushes
// and pulls are refused; a device.revoke record tells every device of the
// event to refuse the badges its key signed) and, when the configured central
// is PostgreSQL, there too (oh_revoke_device: also locks its role out).
void runRevokeDevice(Context& ctx, const std::string& name, const std::string& eventOption,
                     std::string centralSpec) {
    std::string deviceId;
    {
        auto central = ctx.openCentral();
        Event event = ctx.resolveEvent(central, eventOption);
        deviceId = enrolledDeviceId(central, event, name);
    }
    CentralOptions admin;
    admin.admin = true;
    try {
        openCentralSqlite(ctx.centralPath(), admin)->revokeDevice(deviceId);
        if (centralSpec.empty())
            if (const char* env = std::getenv("OPENHOUSE_CENTRAL"); env && *env) centralSpec = env;
        if (centralSpec.empty()) centralSpec = ctx.config.sync.central;
        bool remote = !centralSpec.empty() && centralSpec.rfind("sqlite:", 0) != 0;
        if (remote && !openCentralRecord(centralSpec, admin)->revokeDevice(deviceId))
            std::cout << "note: " << name << " never registered with " << centralSpec
                      << "; nothing to revoke there\n";
    } catch (const CentralError& e) {
        throw CommandError(kFailure, e.what());
    }
    std::cout << "device " << name << " (" << deviceId
              << ") revoked: its sync is refused, and after their next sync every device of the "
                 "event refuses the badges it signed (revoked device)\n";
}

void printOutcome(const CheckInOutcome& o) {
    std::cout << checkInStatusName(o.status) << ": " << checkInStatusReason(o.status);
    if (o.attendee)
        std::cout << " " << terminalSafe(shortName(o.attendee->fullName, o.attendee->familyName))
                  << " (" << roleName(o.attendee->role)
                  << (o.attendee->team.empty() ? "" : ", " + terminalSafe(o.attendee->team)) << ")";
    if (o.status == CheckInStatus::AlreadyCheckedIn && o.checkin)
        std::cout << " at " << isoUtc(o.checkin->at / 1000) << " on "
                  << terminalSafe(o.earlierDevice);
    std::cout << "\n";
}

void runCheckIn(Context& ctx, const std::string& token, const std::string& deviceName) {
    auto device = ctx.openDevice(deviceName);
    auto eventId = device.meta("event_id");
    if (!eventId) throw CommandError(kUsage, "device " + deviceName + " has no event; enrol it");
    CheckInDesk desk(device, *eventId);
    auto outcome = desk.scan(token, nowMillis(), "cli");
    printOutcome(outcome);
    ctx.exitCode = outcome.ok() ? kOk : kFailure;
}

}  // namespace

void addDeviceCommands(CLI::App& app, Context& ctx) {
    auto name = std::make_shared<std::string>();
    auto event = std::make_shared<std::string>();
    auto* enrol = app.add_subcommand(
        "enrol", "Create or refresh a device store with the event, its keys and the roster");
    enrol->add_option("--device", *name, "Device name, e.g. kiosk-1")->required();
    enrol->add_option("--event", *event, "Event id (default: the only event)");
    enrol->callback([&ctx, name, event] { runEnrol(ctx, *name, *event); });

    auto revokeName = std::make_shared<std::string>();
    auto revokeEvent = std::make_shared<std::string>();
    auto revokeCentral = std::make_shared<std::string>();
    auto* deviceCmd = app.add_subcommand("device", "Manage enrolled devices");
    deviceCmd->require_subcommand(1);
    auto* revoke = deviceCmd->add_subcommand(
        "revoke", "A lost or stolen device: refuse its sync and every badge its key signed");
    revoke->add_option("name", *revokeName, "Device name, e.g. kiosk-1")->required();
    revoke->add_option("--event", *revokeEvent, "Event id (default: the only event)");
    revoke->add_option("--central", *revokeCentral,
                       "Also revoke it in this central (postgresql://OWNER@...; default: "
                       "$OPENHOUSE_CENTRAL, then the configuration's sync.central)");
    revoke->callback([&ctx, revokeName, revokeEvent, revokeCentral] {
        runRevokeDevice(ctx, *revokeName, *revokeEvent, *revokeCentral);
    });

    auto token = std::make_shared<std::string>();
    auto device = std::make_shared<std::string>();
    auto* checkin = app.add_subcommand(
        "checkin", "Check a token in on a device store, as the kiosk would; exit 0 only if ok");
    checkin->add_option("token", *token, "The token text (OH:...)")->required();
    checkin->add_option("--device", *device, "Device name")->required();
    checkin->callback([&ctx, token, device] { runCheckIn(ctx, *token, *device); });
}

}  // namespace oh::cli
