#include "core/model/model.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace oh {

const char* roleName(Role role) {
    switch (role) {
        case Role::Intern:
            return "intern";
        case Role::Guest:
            return "guest";
        case Role::Staff:
            return "staff";
        case Role::Lead:
            return "lead";
    }
    return "guest";
}

std::optional<Role> parseRole(std::string_view text) {
    std::string key;
    for (char c : text) {
        if (c == ' ' || c == '-' || c == '_') continue;
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    static const std::array<std::pair<const char*, Role>, 19> synonyms{{
        {"intern", Role::Intern},    {"microintern", Role::Intern}, {"participant", Role::Intern},
        {"candidate", Role::Intern}, {"presenter", Role::Intern},   {"guest", Role::Guest},
        {"visitor", Role::Guest},    {"attendee", Role::Guest},     {"peer", Role::Guest},
        {"staff", Role::Staff},      {"judge", Role::Staff},        {"staffjudge", Role::Staff},
        {"mentor", Role::Staff},     {"employee", Role::Staff},     {"lead", Role::Lead},
        {"eventlead", Role::Lead},   {"organizer", Role::Lead},     {"organiser", Role::Lead},
        {"admin", Role::Lead},
    }};
    for (const auto& [name, role] : synonyms)
        if (key == name) return role;
    return std::nullopt;
}

std::vector<std::string> presentersOf(const Showcase& showcase) {
    if (showcase.presenterIds.empty()) {
        if (showcase.internId.empty()) return {};
        return {showcase.internId};
    }
    // Once in order: two records of one person merged may leave a name twice in a team.
    std::vector<std::string> once;
    for (const auto& id : showcase.presenterIds)
        if (std::find(once.begin(), once.end(), id) == once.end()) once.push_back(id);
    return once;
}

}  // namespace oh
