// `openhouse enrol` and `openhouse checkin`.
#include <filesystem>
#include <iostream>

#include "core/checkin.hpp"
#include "core/ids.hpp"
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
    auto cert = DeviceCertificate::issue(*Uuid::parse(event.id), deviceKey.publicKey,
                                         static_cast<std::uint32_t>(event.endsAt + 86400),
                                         eventKey);
    device.setMeta("device_name", name);
    device.setMeta("event_id", event.id);
    device.setMeta("device_secret_key", deviceKey.secretHex());
    // The sync daemon registers these with whichever central it talks to
    // (PostgreSQL included), so other kiosks learn this device's badges.
    device.setMeta("device_public_key", deviceKey.publicHex());
    device.setMeta("device_certificate", cert.encodeHex());
    central.db()
        .prepare("INSERT INTO devices (id, event_id, name, public_key, certificate, registered_at) "
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

void printOutcome(const CheckInOutcome& o) {
    std::cout << checkInStatusName(o.status) << ": " << checkInStatusReason(o.status);
    if (o.attendee)
        std::cout << " " << shortName(o.attendee->fullName) << " (" << roleName(o.attendee->role)
                  << (o.attendee->team.empty() ? "" : ", " + o.attendee->team) << ")";
    if (o.status == CheckInStatus::AlreadyCheckedIn && o.checkin)
        std::cout << " at " << isoUtc(o.checkin->at / 1000) << " on " << o.earlierDevice;
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

    auto token = std::make_shared<std::string>();
    auto device = std::make_shared<std::string>();
    auto* checkin = app.add_subcommand(
        "checkin", "Check a token in on a device store, as the kiosk would; exit 0 only if ok");
    checkin->add_option("token", *token, "The token text (OH:...)")->required();
    checkin->add_option("--device", *device, "Device name")->required();
    checkin->callback([&ctx, token, device] { runCheckIn(ctx, *token, *device); });
}

}  // namespace oh::cli
