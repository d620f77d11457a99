// The PostgreSQL central's conversion slots: the statements CentralPostgres prepares on each
// connection, and the calls that read their answers. A device's grants and issues are the
// SECURITY DEFINER functions oh_slot_grant, oh_slot_return and oh_slot_issue; a lead's acts
// are decided here by core/slots/slot_rules.hpp and applied by oh_slot_set_state as a
// compare-and-set. Kept apart from central_postgres.cpp, which owns the connection.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/central/central.hpp"

namespace oh::pgslots {

struct Statement {
    const char* name;
    std::string sql;
    int params;
};
const std::vector<Statement>& statements();

// Runs a prepared statement, answers its rows as text (NULL as nullopt). Throws CentralError.
using Rows = std::vector<std::vector<std::optional<std::string>>>;
using Call = std::function<Rows(const char* name, const std::vector<std::optional<std::string>>&)>;

GrantAnswer requestGrant(const Call& call, const std::string& deviceId, int want,
                         std::int64_t ttlMs);
bool returnGrant(const Call& call, const std::string& deviceId, const std::string& grantId);
std::vector<Slot> issue(const Call& call, const std::string& deviceId,
                        const std::vector<Slot>& issues);
Slot byHand(const Call& call, Slot slot, const std::string& actor, const std::string& reason);
Slot act(const Call& call, const SlotAct& act);
BudgetView budget(const Call& call, const std::string& eventId);
std::vector<SlotGrant> grants(const Call& call, const std::string& eventId);
std::vector<Slot> slots(const Call& call, const std::string& eventId);
std::vector<SlotAct> acts(const Call& call, const std::string& eventId);

// The writer of the central's own feed records (a lead's acts): no device.
inline constexpr const char* kCentralWriter = "00000000-0000-0000-0000-000000000000";

}  // namespace oh::pgslots
