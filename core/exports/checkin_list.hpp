// The check-in list (core/roster/attendance.hpp) as a table for the XLSX export: the same
// columns and values as the attendance CSV, with the repeat scans as a number.
#pragma once

#include <string>
#include <vector>

#include "core/decisions/export_table.hpp"
#include "core/roster/attendance.hpp"

namespace oh {

Table checkInTable(const std::vector<AttendanceRow>& rows, const std::string& timeZone);

}  // namespace oh
