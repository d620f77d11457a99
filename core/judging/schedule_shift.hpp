// "Room B is running 10 minutes late": the lead shifts a room's remaining schedule, from the
// dashboard or `openhouse schedule shift`. The demos of that room that have not started move
// by the minutes given; the demo presenting at that moment keeps its start and its end moves
// (it runs late, or ends early for a negative shift). Finished demos stay as they were. The
// shift is written as updated demos (showcase.upsert), so it reaches every device's showcase
// screen through the ordinary sync, and only where the program team's rights push it.
#pragma once

#include <cstdint>
#include <string>

#include "core/store/store.hpp"

namespace oh {

inline constexpr int kShiftMinutesMax = 240;  // a bigger change is a new schedule: re-import it

struct ScheduleShift {
    std::string room;              // a demo location, matched trimmed and case-insensitive (ASCII)
    int minutes = 0;               // positive: later; negative: earlier
    std::int64_t fromSeconds = 0;  // usually now
};

enum class ShiftStatus {
    Shifted,
    BadMinutes,   // zero, or more than kShiftMinutesMax either way
    UnknownRoom,  // no demo of the event is in that room
    NothingLeft,  // every demo of the room has ended
    IntoThePast,  // an earlier shift would start a demo before `fromSeconds`, or end the
                  // presenting demo before it
};

struct ShiftResult {
    ShiftStatus status = ShiftStatus::BadMinutes;
    int moved = 0;        // demos whose start and end moved
    int extended = 0;     // the presenting demo whose end moved (0 or 1)
    std::string room;     // the room as the schedule writes it
    std::string message;  // for the lead: what changed, or why nothing did
};

// Applies the shift to the event's demos in the store, all or nothing.
ShiftResult shiftSchedule(Store& store, const std::string& eventId, const ScheduleShift& shift);

// "shifted", "bad-minutes", "unknown-room", "nothing-left", "into-the-past".
const char* shiftStatusName(ShiftStatus status);

}  // namespace oh
