// Dates and times as the kiosk shows them (local time of the kiosk: it stands at the venue).
#pragma once

#include <cstdint>
#include <string>

namespace oh::kiosk::fmt {

std::string clock(std::int64_t unixSeconds);     // "14:20"
std::string dateTime(std::int64_t unixSeconds);  // "Thu 26 Nov, 14:20"
// "Thursday 26 November · 09:00–21:00" (two dates when it spans days).
std::string eventWhen(std::int64_t startsAt, std::int64_t endsAt);

}  // namespace oh::kiosk::fmt
