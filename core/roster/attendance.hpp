// Who came: the event's check-ins as a lead sees them after the doors close -- one row per
// person checked in (the check-in that counts: the earliest live one), with when, where
// (device) and how, plus the repeats merged from other devices and the undone ones, and the
// attendance CSV export (full names: a lead's file, like the offer-slot list; 0600, atomic,
// cells that a spreadsheet would run as a formula guarded).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/store/store.hpp"

namespace oh {

struct AttendanceRow {
    std::string attendeeId;
    std::string fullName;
    std::string email;
    Role role = Role::Guest;
    std::string cohort;
    std::string team;
    std::int64_t atMillis = 0;  // the check-in that counts
    std::string device;         // device name, or its id when the name is unknown here
    std::string method;         // qr, search, walk-in, cli
    int repeats = 0;            // later scans of the same person merged from other devices
};

struct AttendanceSummary {
    std::int64_t checkedIn = 0;
    std::int64_t repeats = 0;         // repeat scans kept apart (never counted twice)
    std::int64_t peopleRepeated = 0;  // people with at least one repeat
    std::int64_t undone = 0;          // check-ins annulled by an undo
};

AttendanceSummary summarizeAttendance(Store& store, const std::string& eventId);

// Checked-in people, in the order they arrived.
std::vector<AttendanceRow> attendanceRows(Store& store, const std::string& eventId);

// The export's columns (attendee_id, full_name, ..., repeat_scans) and one row's fields as
// text: the one home of the list's layout, for this CSV and the XLSX of core/exports.
std::vector<std::string> attendanceHeader();
std::vector<std::string> attendanceFields(const AttendanceRow& row, const std::string& timeZone);
// The CSV text: a UTF-8 BOM, the header, one line per row, formulas guarded.
std::string attendanceCsv(const std::vector<AttendanceRow>& rows, const std::string& timeZone);

// Writes the rows as CSV (UTF-8 with BOM so spreadsheets read the names right) to `path`:
// 0600 from the first byte, atomically. `timeZone` gives the local-time column. False with
// *error when it cannot be written; no partial file is left.
bool writeAttendanceCsv(const std::string& path, const std::vector<AttendanceRow>& rows,
                        const std::string& timeZone, std::string* error);

}  // namespace oh
