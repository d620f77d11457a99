#include "core/exports/checkin_list.hpp"

namespace oh {

Table checkInTable(const std::vector<AttendanceRow>& rows, const std::string& timeZone) {
    Table table;
    for (const std::string& title : attendanceHeader())
        table.columns.push_back(TableColumn{title, title == "full_name" ? 28.0 : 18.0});
    for (const AttendanceRow& row : rows) {
        std::vector<Cell> cells;
        for (std::string& field : attendanceFields(row, timeZone))
            cells.push_back(textCell(std::move(field)));
        cells.back() = integerCell(row.repeats);  // repeat_scans: a count
        table.rows.push_back(std::move(cells));
    }
    return table;
}

}  // namespace oh
