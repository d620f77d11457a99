// Walk-ins: someone not on the roster registers at a kiosk. The rules for the form (what the
// walk-in screen checks as the person types and the desk checks again before saving) and for
// the badge the kiosk signs with its certified device key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/identity/token.hpp"
#include "core/model/model.hpp"
#include "core/store/store.hpp"

namespace oh {

struct WalkInForm {
    std::string fullName;
    std::string email;
    std::string pronouns;
    bool consent = false;
};

// Why a walk-in is refused: the strings key the walk-in screen shows.
inline constexpr const char* kWalkInControlCharacters = "walk_in.control_characters";
inline constexpr const char* kWalkInNameRequired = "walk_in.name_required";
inline constexpr const char* kWalkInEmailInvalid = "walk_in.email_invalid";
inline constexpr const char* kWalkInConsentRequired = "walk_in.consent_required";
inline constexpr const char* kWalkInEmailTaken = "walk_in.email_taken";

// The guest the form describes, as it is stored: name and pronouns trimmed, the e-mail
// normalised (core/text/email.hpp), role guest. The id is left empty for the store.
Attendee walkInAttendee(const WalkInForm& form, const std::string& eventId);

// The first problem of the form, in this order, or nullopt: a control character (ESC, BEL,
// C1, ...) in the name, e-mail or pronouns, as the roster refuses them; an empty name (after
// trimming); an e-mail the roster would refuse (emailProblem); no consent. Needs no store:
// the walk-in screen calls it before sending the form.
std::optional<std::string> validateWalkIn(const WalkInForm& form);

// validateWalkIn, then: the e-mail already belongs to someone in `store` for this event
// (upserts match by e-mail, so a walk-in must never rename someone on the roster).
std::optional<std::string> validateWalkIn(const WalkInForm& form, Store& store,
                                          const std::string& eventId);

// Seconds of leeway before now for a badge a kiosk signs (the kiosk's clock may be ahead of
// the scanner's), and how long after the event (or after now, for a late walk-in) it stays
// valid.
inline constexpr std::uint32_t kDeviceBadgeLeadSeconds = 60;
inline constexpr std::int64_t kDeviceBadgeGraceSeconds = 86400;

// The claims of a badge a kiosk signs with its device key (walk-ins, and name-search
// check-ins that came without a code): issued now, valid from a minute before now until a day
// after the later of the event's end and now. nullopt when an id is not a UUID.
std::optional<TokenClaims> walkInBadgeClaims(const Event& event, const std::string& attendeeId,
                                             const KeyId& deviceKeyId, std::int64_t nowMs);

}  // namespace oh
