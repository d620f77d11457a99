// Event times and the event's time zone: the one home for "a time written without an
// offset is read in the event's time zone", for which zone names exist (the IANA time-zone
// database as ICU ships it, so it does not depend on the machine's /usr/share/zoneinfo or
// on the process's TZ), and for showing an event's times the way the venue reads them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oh {

// Nullopt when `zone` is an IANA time-zone name ("Europe/Madrid", "UTC"); otherwise a
// sentence saying it is unknown, with the closest known name when there is one.
std::optional<std::string> timeZoneProblem(std::string_view zone);

// "2026-12-10T14:00" (no offset) is 14:00 on the wall clocks of `zone`; "…Z" and
// "…+02:00" keep their offset; "2026-12-10" is midnight in `zone`. A wall time skipped by
// a daylight-saving change is read as if the clocks had not changed yet (ICU's lenient
// rule), a repeated one as its first occurrence. Nullopt for malformed text or an
// unknown zone.
std::optional<std::int64_t> parseEventTime(std::string_view text, std::string_view zone);

// True when `text` names its own offset (Z or ±HH:MM), so the time zone does not apply.
bool hasUtcOffset(std::string_view text);

// "2026-12-10 14:00" on the wall clocks of `zone` (UTC if the zone is unknown).
std::string formatLocalTime(std::int64_t unixSeconds, std::string_view zone);

// "Thursday 10 December 2026" (English, the venue's calendar; UTC if the zone is unknown): the
// day something happened, as a card prints it (a slot card's issue date).
std::string formatEventDate(std::int64_t unixSeconds, std::string_view zone);

// "Thursday 10 December 2026, 14:00-18:30" (English, the venue's wall clock): what an
// invitation says about when. Across midnight the end carries its own date.
std::string formatEventWhen(std::int64_t startsAt, std::int64_t endsAt, std::string_view zone);

}  // namespace oh
