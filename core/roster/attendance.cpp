#include "core/roster/attendance.hpp"

#include <cstdio>
#include <map>

#include "core/files/private_file.hpp"
#include "core/roster/csv.hpp"
#include "core/time/event_time.hpp"

namespace oh {

namespace {

// Repeats per attendee: check-ins merged from other devices, kept with repeat_of.
std::map<std::string, int> repeatsByAttendee(Store& store, const std::string& eventId) {
    std::map<std::string, int> repeats;
    auto stmt = store.db().prepare(
        "SELECT attendee_id, count(*) FROM checkins WHERE event_id = ? AND repeat_of IS NOT NULL "
        "GROUP BY attendee_id");
    auto q = stmt.query(eventId);
    while (q.step()) repeats[q.text(0)] = static_cast<int>(q.int64(1));
    return repeats;
}

std::int64_t countWhere(Store& store, const std::string& eventId, const char* sql) {
    auto stmt = store.db().prepare(sql);
    auto q = stmt.query(eventId);
    return q.step() ? q.int64(0) : 0;
}

}  // namespace

AttendanceSummary summarizeAttendance(Store& store, const std::string& eventId) {
    AttendanceSummary s;
    s.checkedIn = store.countCheckIns(eventId);
    s.repeats = countWhere(store, eventId,
                           "SELECT count(*) FROM checkins WHERE event_id = ? AND repeat_of IS "
                           "NOT NULL");
    s.peopleRepeated = countWhere(store, eventId,
                                  "SELECT count(DISTINCT attendee_id) FROM checkins WHERE "
                                  "event_id = ? AND repeat_of IS NOT NULL");
    s.undone = countWhere(store, eventId,
                          "SELECT count(*) FROM checkins WHERE event_id = ? AND annulled_at IS "
                          "NOT NULL AND repeat_of IS NULL");
    return s;
}

std::vector<AttendanceRow> attendanceRows(Store& store, const std::string& eventId) {
    const auto repeats = repeatsByAttendee(store, eventId);
    std::map<std::string, std::string> deviceNames;
    std::vector<AttendanceRow> rows;
    auto stmt = store.db().prepare(
        "SELECT c.attendee_id, c.at, c.device_id, c.method FROM checkins c WHERE c.event_id = ? "
        "AND c.annulled_at IS NULL AND c.repeat_of IS NULL ORDER BY c.at, c.id");
    auto q = stmt.query(eventId);
    while (q.step()) {
        AttendanceRow row;
        row.attendeeId = q.text(0);
        row.atMillis = q.int64(1);
        row.device = q.text(2);
        row.method = q.text(3);
        rows.push_back(std::move(row));
    }
    for (AttendanceRow& row : rows) {
        if (auto a = store.attendee(row.attendeeId)) {
            row.fullName = a->fullName;
            row.email = a->email;
            row.role = a->role;
            row.cohort = a->cohort;
            row.team = a->team;
        }
        auto [it, fresh] = deviceNames.emplace(row.device, row.device);
        if (fresh) it->second = store.deviceName(row.device).value_or(row.device);
        row.device = it->second;
        if (auto r = repeats.find(row.attendeeId); r != repeats.end()) row.repeats = r->second;
    }
    return rows;
}

std::vector<std::string> attendanceHeader() {
    return {"attendee_id",    "full_name",        "email",  "role",   "cohort",      "team",
            "checked_in_utc", "checked_in_local", "device", "method", "repeat_scans"};
}

std::vector<std::string> attendanceFields(const AttendanceRow& r, const std::string& timeZone) {
    const std::int64_t seconds = r.atMillis / 1000;
    return {r.attendeeId,
            r.fullName,
            r.email,
            roleName(r.role),
            r.cohort,
            r.team,
            isoUtc(seconds),
            formatLocalTime(seconds, timeZone),
            r.device,
            r.method,
            std::to_string(r.repeats)};
}

std::string attendanceCsv(const std::vector<AttendanceRow>& rows, const std::string& timeZone) {
    const CsvWriteOptions guarded{.guardFormulas = true, .lineEnding = "\r\n"};
    std::string text = "\xEF\xBB\xBF";
    text += csvRecord(attendanceHeader(), guarded);
    for (const AttendanceRow& r : rows) text += csvRecord(attendanceFields(r, timeZone), guarded);
    return text;
}

bool writeAttendanceCsv(const std::string& path, const std::vector<AttendanceRow>& rows,
                        const std::string& timeZone, std::string* error) {
    return writePrivateFileAtomically(path, attendanceCsv(rows, timeZone), error);
}

}  // namespace oh
