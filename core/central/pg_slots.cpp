#include "core/central/pg_slots.hpp"

#include <nlohmann/json.hpp>

#include "core/model/ids.hpp"
#include "core/slots/slot_rules.hpp"

namespace oh::pgslots {

namespace {

constexpr const char* kSlotColumns =
    "id::text, event_id::text, intern_id::text, coalesce(showcase_id::text, ''), "
    "coalesce(device_id::text, ''), coalesce(grant_id::text, ''), issued_at, state, state_at, "
    "reason, explanation, version, from_grant";

std::string text(const Rows& rows, std::size_t row, std::size_t column) {
    return rows.at(row).at(column).value_or("");
}
std::int64_t number(const Rows& rows, std::size_t row, std::size_t column) {
    const std::string t = text(rows, row, column);
    return t.empty() ? 0 : std::stoll(t);
}

Slot slotFrom(const Rows& r, std::size_t i) {
    return {text(r, i, 0),  text(r, i, 1),    text(r, i, 2),        text(r, i, 3),   text(r, i, 4),
            text(r, i, 5),  number(r, i, 6),  text(r, i, 7),        number(r, i, 8), text(r, i, 9),
            text(r, i, 10), number(r, i, 11), text(r, i, 12) == "t"};
}

std::optional<std::string> orNull(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

}  // namespace

const std::vector<Statement>& statements() {
    static const std::vector<Statement> list{
        {"oh_slot_grant",
         "SELECT id::text, size, granted_at, expires_at, central_now "
         "FROM oh_slot_grant($1::uuid, $2::int, $3::bigint)",
         3},
        {"oh_slot_return", "SELECT oh_slot_return($1::uuid, $2::uuid)", 2},
        {"oh_slot_issue",
         "SELECT id::text, state, reason, state_at, version, from_grant "
         "FROM oh_slot_issue($1::uuid, $2)",
         2},
        {"oh_slot_by_hand",
         "SELECT state, reason, state_at, version FROM oh_slot_by_hand($1::uuid, $2::uuid, "
         "$3::uuid, $4::uuid, $5, $6, $7, $8::uuid)",
         8},
        {"oh_slot_set_state", "SELECT oh_slot_set_state($1::uuid, $2, $3, $4, $5, $6, $7::uuid)",
         7},
        {"oh_slot_budget", "SELECT budget, live, outstanding FROM oh_slot_budget($1::uuid)", 1},
        {"oh_slot_grants",
         "SELECT g.id::text, g.event_id::text, g.device_id::text, g.size, g.granted_at, "
         "g.expires_at, g.ended_at, g.ended_how, (SELECT count(*) FROM slots s WHERE "
         "s.grant_id = g.id AND s.from_grant) FROM slot_grants g WHERE g.event_id = $1::uuid "
         "ORDER BY g.granted_at, g.id",
         1},
        {"oh_slot_list",
         std::string("SELECT ")
             .append(kSlotColumns)
             .append(" FROM slots WHERE event_id = $1::uuid ORDER BY issued_at, id"),
         1},
        {"oh_slot_one",
         std::string("SELECT ").append(kSlotColumns).append(" FROM slots WHERE id = $1::uuid"), 1},
        {"oh_slot_acts",
         "SELECT a.slot_id::text, a.act, a.actor, coalesce(a.device_id::text, ''), a.reason, a.at, "
         "a.from_state, a.to_state FROM slot_acts a JOIN slots s ON s.id = a.slot_id "
         "WHERE s.event_id = $1::uuid ORDER BY a.at, a.slot_id, a.seq",
         1},
    };
    return list;
}

GrantAnswer requestGrant(const Call& call, const std::string& deviceId, int want,
                         std::int64_t ttlMs) {
    Rows r = call("oh_slot_grant", {deviceId, std::to_string(want), std::to_string(ttlMs)});
    GrantAnswer a;
    a.centralNowMs = number(r, 0, 4);
    if (number(r, 0, 1) > 0) {
        a.grant.id = text(r, 0, 0);
        a.grant.deviceId = deviceId;
        a.grant.size = static_cast<int>(number(r, 0, 1));
        a.grant.grantedAt = number(r, 0, 2);
        a.grant.expiresAt = number(r, 0, 3);
    }
    return a;
}

bool returnGrant(const Call& call, const std::string& deviceId, const std::string& grantId) {
    return text(call("oh_slot_return", {deviceId, grantId}), 0, 0) == "t";
}

std::vector<Slot> issue(const Call& call, const std::string& deviceId,
                        const std::vector<Slot>& issues) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : issues)
        list.push_back({{"id", s.id},
                        {"event_id", s.eventId},
                        {"intern_id", s.internId},
                        {"showcase_id", s.showcaseId},
                        {"grant_id", s.grantId},
                        {"issued_at", s.issuedAt},
                        {"explanation", s.explanation}});
    Rows r = call("oh_slot_issue", {deviceId, list.dump()});
    std::vector<Slot> out;
    for (std::size_t i = 0; i < r.size() && i < issues.size(); ++i) {
        Slot s = issues[i];
        s.deviceId = deviceId;
        s.state = text(r, i, 1);
        s.reason = text(r, i, 2);
        s.stateAt = number(r, i, 3);
        s.version = number(r, i, 4);
        s.fromGrant = text(r, i, 5) == "t";
        out.push_back(std::move(s));
    }
    return out;
}

Slot byHand(const Call& call, Slot s, const std::string& actor, const std::string& reason) {
    if (reason.empty()) throw SlotRefused("a slot granted by hand needs a reason");
    if (s.id.empty()) s.id = Uuid::v7().str();
    if (s.explanation.empty()) s.explanation = "granted by hand: " + reason;
    Rows r = call("oh_slot_by_hand", {s.id, s.eventId, s.internId, orNull(s.showcaseId),
                                      s.explanation, actor, reason, std::string(kCentralWriter)});
    s.deviceId.clear();
    s.grantId.clear();
    s.state = text(r, 0, 0);
    s.reason = text(r, 0, 1);
    s.stateAt = number(r, 0, 2);
    s.issuedAt = s.stateAt;
    s.version = number(r, 0, 3);
    return s;
}

Slot act(const Call& call, const SlotAct& a) {
    const auto kind = parseSlotAct(a.act);
    if (!kind) throw SlotRefused("unknown act " + a.act);
    if (actNeedsReason(*kind) && a.reason.empty())
        throw SlotRefused(std::string("to ") + a.act + " a slot needs a reason");
    // A compare-and-set: another lead's act in between makes us decide again.
    for (int attempt = 0; attempt < 5; ++attempt) {
        Rows r = call("oh_slot_one", {a.slotId});
        if (r.empty()) throw SlotRefused("no slot " + a.slotId);
        const Slot current = slotFrom(r, 0);
        const SlotState from = parseSlotState(current.state).value_or(SlotState::Void);
        const auto to = afterAct(from, *kind);
        if (!to) throw SlotRefused(actRefusal(from, *kind));
        if (text(call("oh_slot_set_state", {a.slotId, current.state, slotStateName(*to), a.act,
                                            a.actor, a.reason, std::string(kCentralWriter)}),
                 0, 0) == "t")
            return slotFrom(call("oh_slot_one", {a.slotId}), 0);
    }
    throw CentralError(true, "the slot kept changing; try again");
}

BudgetView budget(const Call& call, const std::string& eventId) {
    Rows r = call("oh_slot_budget", {eventId});
    return {static_cast<int>(number(r, 0, 0)), static_cast<int>(number(r, 0, 1)),
            static_cast<int>(number(r, 0, 2))};
}

std::vector<SlotGrant> grants(const Call& call, const std::string& eventId) {
    Rows r = call("oh_slot_grants", {eventId});
    std::vector<SlotGrant> out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        SlotGrant g;
        g.id = text(r, i, 0);
        g.eventId = text(r, i, 1);
        g.deviceId = text(r, i, 2);
        g.size = static_cast<int>(number(r, i, 3));
        g.grantedAt = number(r, i, 4);
        g.expiresAt = number(r, i, 5);
        g.endedAt = number(r, i, 6);
        g.endedHow = text(r, i, 7);
        g.used = static_cast<int>(number(r, i, 8));
        out.push_back(g);
    }
    return out;
}

std::vector<Slot> slots(const Call& call, const std::string& eventId) {
    Rows r = call("oh_slot_list", {eventId});
    std::vector<Slot> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(slotFrom(r, i));
    return out;
}

std::vector<SlotAct> acts(const Call& call, const std::string& eventId) {
    Rows r = call("oh_slot_acts", {eventId});
    std::vector<SlotAct> out;
    for (std::size_t i = 0; i < r.size(); ++i)
        out.push_back({text(r, i, 0), text(r, i, 1), text(r, i, 2), text(r, i, 3), text(r, i, 4),
                       number(r, i, 5), text(r, i, 6), text(r, i, 7)});
    return out;
}

}  // namespace oh::pgslots
