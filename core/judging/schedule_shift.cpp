#include "core/judging/schedule_shift.hpp"

#include <cstdlib>
#include <vector>

#include "core/db/sqlite.hpp"
#include "core/text/plural.hpp"
#include "core/text/trim.hpp"

namespace oh {

namespace {

ShiftResult refused(ShiftStatus status, std::string room, std::string message) {
    ShiftResult r;
    r.status = status;
    r.room = std::move(room);
    r.message = std::move(message);
    return r;
}

std::vector<Showcase> demosInRoom(Store& store, const std::string& eventId,
                                  const std::string& room) {
    const std::string wanted = lowerAscii(trim(room));
    std::vector<Showcase> out;
    for (Showcase& s : store.showcases(eventId))
        if (lowerAscii(trim(s.location)) == wanted) out.push_back(std::move(s));
    return out;
}

// The room's demos as the shift leaves them; demos it does not touch are left out.
// `intoThePast` is set when an earlier shift would start a demo before `from`, or end the
// presenting one by then.
std::vector<Showcase> shifted(const std::vector<Showcase>& demos, const ScheduleShift& shift,
                              ShiftResult& result, bool& intoThePast) {
    const std::int64_t by = std::int64_t{shift.minutes} * 60, from = shift.fromSeconds;
    std::vector<Showcase> out;
    for (Showcase s : demos) {
        if (s.slotStart >= from) {
            s.slotStart += by;
            s.slotEnd += by;
            ++result.moved;
            if (s.slotStart < from) intoThePast = true;
        } else if (s.slotEnd > from) {
            s.slotEnd += by;
            ++result.extended;
            if (s.slotEnd <= from) intoThePast = true;
        } else {
            continue;  // finished: history stays as it happened
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace

const char* shiftStatusName(ShiftStatus status) {
    switch (status) {
        case ShiftStatus::Shifted:
            return "shifted";
        case ShiftStatus::BadMinutes:
            return "bad-minutes";
        case ShiftStatus::UnknownRoom:
            return "unknown-room";
        case ShiftStatus::NothingLeft:
            return "nothing-left";
        case ShiftStatus::IntoThePast:
            return "into-the-past";
    }
    return "bad-minutes";
}

ShiftResult shiftSchedule(Store& store, const std::string& eventId, const ScheduleShift& shift) {
    if (shift.minutes == 0 || std::abs(shift.minutes) > kShiftMinutesMax)
        return refused(
            ShiftStatus::BadMinutes, shift.room,
            "shift by 1 to " + std::to_string(kShiftMinutesMax) + " minutes, later or earlier (-)");
    sql::Transaction tx(store.db());
    const std::vector<Showcase> demos = demosInRoom(store, eventId, shift.room);
    if (demos.empty())
        return refused(ShiftStatus::UnknownRoom, shift.room,
                       "no demo of this event is in that room: use a location as the schedule "
                       "writes it");
    ShiftResult result;
    result.room = demos.front().location;
    bool intoThePast = false;
    const std::vector<Showcase> after = shifted(demos, shift, result, intoThePast);
    if (after.empty())
        return refused(ShiftStatus::NothingLeft, result.room,
                       "every demo in this room has ended: nothing is left to shift");
    if (intoThePast)
        return refused(ShiftStatus::IntoThePast, result.room,
                       "that would start a demo, or end the presenting one, before now: shift "
                       "by fewer minutes");
    for (const Showcase& s : after) store.upsertShowcase(s);
    tx.commit();
    result.status = ShiftStatus::Shifted;
    result.message = result.room + ": " + plural(result.moved, "demo", "demos") + " moved by " +
                     (shift.minutes > 0 ? "+" : "") + std::to_string(shift.minutes) + " min" +
                     (result.extended ? "; the presenting one ends accordingly" : "");
    return result;
}

}  // namespace oh
