// The import's column report (which columns fed which field, which were ignored) and the
// role value mapping (roster.hpp: RoleMapping, usedColumnsText, ignoredColumnsText).
#include <string>

#include "core/roster/roster.hpp"
#include "core/text/trim.hpp"

namespace oh {

std::optional<RoleMapping> RoleMapping::parse(std::string_view spec, std::string* error) {
    auto fail = [error](std::string message) {
        if (error) *error = std::move(message);
        return std::nullopt;
    };
    // A ticket type may hold '=' itself; a role never does: split at the last one.
    auto pairs = splitSpecPairs(spec, true, "Value=role", error);
    if (!pairs) return std::nullopt;
    RoleMapping mapping;
    for (auto& [left, roleText] : *pairs) {
        std::string value = lowerAscii(left);
        if (value.empty()) return fail("no value given before '=" + roleText + "'");
        std::optional<Role> role = parseRole(roleText);
        if (!role)
            return fail("'" + roleText + "' is not a role; roles are intern, guest, staff, lead");
        if (!mapping.valueToRole.emplace(value, *role).second)
            return fail("'" + value + "' is mapped twice");
    }
    if (mapping.valueToRole.empty()) return fail("the role mapping is empty");
    return mapping;
}

std::optional<Role> RoleMapping::find(std::string_view value) const {
    auto it = valueToRole.find(lowerAscii(trim(value)));
    if (it == valueToRole.end()) return std::nullopt;
    return it->second;
}

std::string usedColumnsText(const RosterParse& parse) {
    static const char* const kOrder[] = {"name",   "first_name", "last_name", "email",    "role",
                                         "cohort", "team",       "pronouns",  "strengths"};
    std::string out;
    for (const char* field : kOrder) {
        auto it = parse.columns.find(field);
        if (it == parse.columns.end()) continue;
        out += (out.empty() ? "" : ", ") + std::string(field) + " <- '" + it->second + "'";
    }
    return out;
}

std::string ignoredColumnsText(const RosterParse& parse) {
    std::string out;
    for (const std::string& column : parse.ignored)
        out += (out.empty() ? "'" : ", '") + column + "'";
    return out;
}

}  // namespace oh
