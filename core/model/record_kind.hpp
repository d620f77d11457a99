// The kinds of sync records (outbox entries, pushed batches, the central's
// feed): one table of their wire names and of which ones a device may push.
// The store and the embedded central use it; the PostgreSQL central's SQL
// (core/central/sql/) spells the same names, and
// tests/unit/model/test_record_kind.cpp checks its list of device kinds
// against this table.
#pragma once

#include <optional>
#include <string_view>

namespace oh {

enum class RecordKind {
    EventUpsert,
    EventKeyAdd,
    TokenRevoke,
    AttendeeUpsert,
    ShowcaseUpsert,
    CheckInCreate,
    CheckInAnnul,
    ScoreUpsert,
    ScoreDelete,
    FeedbackCreate,
    FeedbackDelete,
    DeviceRegister,
    DeviceRevoke,
    SlotState,
    DeviceHealth,
    EncoreUpsert,
};

struct RecordKindInfo {
    RecordKind kind;
    const char* name;  // on the wire and in the databases, e.g. "checkin.create"
    // What a device makes (check-ins and their undo, walk-ins, scores,
    // feedback, its own health); every other kind comes only from the program team.
    bool device;
};

// Every kind, in the order of the enum.
inline constexpr RecordKindInfo kRecordKinds[] = {
    {RecordKind::EventUpsert, "event.upsert", false},
    {RecordKind::EventKeyAdd, "event_key.add", false},
    {RecordKind::TokenRevoke, "token.revoke", false},
    {RecordKind::AttendeeUpsert, "attendee.upsert", true},
    {RecordKind::ShowcaseUpsert, "showcase.upsert", false},
    {RecordKind::CheckInCreate, "checkin.create", true},
    {RecordKind::CheckInAnnul, "checkin.annul", true},
    {RecordKind::ScoreUpsert, "score.upsert", true},
    {RecordKind::ScoreDelete, "score.delete", true},
    {RecordKind::FeedbackCreate, "feedback.create", true},
    {RecordKind::FeedbackDelete, "feedback.delete", true},
    {RecordKind::DeviceRegister, "device.register", false},
    {RecordKind::DeviceRevoke, "device.revoke", false},
    // A slot as the central holds it after an issue or a lead's act: written by the central
    // only (devices send issues through CentralRecord::issueSlots, never through a push).
    {RecordKind::SlotState, "slot.state", false},
    // A device's own sync health (last report, backlog, clock offset), sent as it syncs so
    // the lead's dashboard on any device shows every device; only for itself.
    {RecordKind::DeviceHealth, "device.health", true},
    // An encore assignment as the lead briefs it and the reviewer reviews it
    // (core/model/encore.hpp): the program team's record, never a device's.
    {RecordKind::EncoreUpsert, "encore.upsert", false},
};

// The table is indexed by the enum: a kind missing or out of order fails the build.
constexpr bool recordKindTableFollowsTheEnum() {
    int i = 0;
    for (const auto& info : kRecordKinds)
        if (static_cast<int>(info.kind) != i++) return false;
    return i == static_cast<int>(RecordKind::EncoreUpsert) + 1;
}
static_assert(recordKindTableFollowsTheEnum());

constexpr const RecordKindInfo& recordKindInfo(RecordKind kind) {
    return kRecordKinds[static_cast<int>(kind)];
}
constexpr const char* recordKindName(RecordKind kind) {
    return recordKindInfo(kind).name;
}
constexpr bool isDeviceKind(RecordKind kind) {
    return recordKindInfo(kind).device;
}

// The kind with this wire name, or nullopt for a name no kind has.
std::optional<RecordKind> parseRecordKind(std::string_view name);

}  // namespace oh
