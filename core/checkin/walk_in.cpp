#include "core/checkin/walk_in.hpp"

#include <algorithm>

#include "core/model/ids.hpp"
#include "core/text/email.hpp"
#include "core/text/terminal_text.hpp"
#include "core/text/trim.hpp"

namespace oh {

Attendee walkInAttendee(const WalkInForm& form, const std::string& eventId) {
    Attendee a;
    a.eventId = eventId;
    a.fullName = trim(form.fullName);
    a.email = normalizeEmail(form.email);
    a.pronouns = trim(form.pronouns);
    a.role = Role::Guest;
    return a;
}

std::optional<std::string> validateWalkIn(const WalkInForm& form) {
    // The same rule as the roster: no control characters in what a person typed or a wedge
    // scanner sent; they would reach badges, exports and terminals.
    if (findControlCharacter(form.fullName) || findControlCharacter(form.email) ||
        findControlCharacter(form.pronouns))
        return kWalkInControlCharacters;
    if (trim(form.fullName).empty()) return kWalkInNameRequired;
    if (!isUsableEmail(normalizeEmail(form.email))) return kWalkInEmailInvalid;
    if (!form.consent) return kWalkInConsentRequired;
    return std::nullopt;
}

std::optional<std::string> validateWalkIn(const WalkInForm& form, Store& store,
                                          const std::string& eventId) {
    if (auto problem = validateWalkIn(form)) return problem;
    if (store.attendeeByEmail(eventId, normalizeEmail(form.email))) return kWalkInEmailTaken;
    return std::nullopt;
}

std::optional<TokenClaims> walkInBadgeClaims(const Event& event, const std::string& attendeeId,
                                             const KeyId& deviceKeyId, std::int64_t nowMs) {
    auto eventUuid = Uuid::parse(event.id);
    auto attendeeUuid = Uuid::parse(attendeeId);
    if (!eventUuid || !attendeeUuid) return std::nullopt;
    TokenClaims c;
    c.keyId = deviceKeyId;
    c.eventId = *eventUuid;
    c.attendeeId = *attendeeUuid;
    const auto now = static_cast<std::uint32_t>(nowMs / 1000);
    c.issuedAt = now;
    c.validFrom = now > kDeviceBadgeLeadSeconds ? now - kDeviceBadgeLeadSeconds : 0;
    c.validUntil = static_cast<std::uint32_t>(std::max<std::int64_t>(event.endsAt, nowMs / 1000) +
                                              kDeviceBadgeGraceSeconds);
    return c;
}

}  // namespace oh
