// Dates and times as the kiosk shows them (local time of the kiosk: it stands at the venue),
// with day and month names from the strings file so they follow the language switch.
#pragma once

#include <cstdint>
#include <string>

namespace oh::kiosk {
class Strings;
}

namespace oh::kiosk::fmt {

std::string clock(std::int64_t unixSeconds);  // "14:20"
// "Thu 26 Nov, 14:20" / "jue 26 nov, 14:20"
std::string dateTime(const Strings& strings, std::int64_t unixSeconds);
// "Thursday 26 November · 09:00–21:00" (two dates when it spans days).
std::string eventWhen(const Strings& strings, std::int64_t startsAt, std::int64_t endsAt);
bool sameDay(std::int64_t a, std::int64_t b);

}  // namespace oh::kiosk::fmt
