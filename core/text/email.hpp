// E-mail addresses, one rule for the roster import, the walk-in form and the judging sheet.
//
// Deliberately pragmatic, not RFC 5322: the address is an identity key (attendees are unique
// per event by it) and a contact, so quoted local parts, comments and the like are not
// wanted. UTF-8 (internationalised local parts and domains) is accepted as it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oh {

// How an address is stored and compared: trimmed (no-break spaces included, see trim.hpp)
// and ASCII letters lower-cased. Non-ASCII letters are kept as typed.
std::string normalizeEmail(std::string_view text);

// Why an (already normalised) address is unusable, as a sentence for people, or nullopt.
// Refused: empty; any space, control character (bytes up to 0x20, DEL) or no-break space;
// not exactly one @; nothing before the @; a domain without a dot; a domain with an empty
// label (leading or trailing dot, or two dots in a row: "a@b..c").
std::optional<std::string> emailProblem(std::string_view email);

inline bool isUsableEmail(std::string_view email) {
    return !emailProblem(email).has_value();
}

}  // namespace oh
