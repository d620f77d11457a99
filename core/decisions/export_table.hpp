// One table of a lead's export (the offer-slot list, the scores, the check-ins) and the two
// ways it is written: CSV (UTF-8 with a BOM, RFC 4180, CRLF) and XLSX (a workbook of such
// sheets). One home for how a cell is written, so every export guards formulas, rounds
// figures and freezes its header the same way. Files go through PrivateTempFile: 0600 from
// the first byte, atomic; a failure throws PrivateFileError and leaves the previous file.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/files/private_temp_file.hpp"

namespace oh {

enum class CellKind {
    Blank,    // no value
    Text,     // typed by people: guarded against formulas in the CSV, a string in the XLSX
    Integer,  // counts, ranks, levels
    Decimal,  // two decimals (figures.hpp rounding)
    Signed,   // two decimals with a sign: a calibrated score
};

struct Cell {
    CellKind kind = CellKind::Blank;
    std::string text;
    double number = 0;
};

Cell blankCell();
Cell textCell(std::string value);
Cell integerCell(long long value);
// Rounded by the one rule (figures.hpp); NaN or infinity is a blank cell.
Cell decimalCell(double value, CellKind kind = CellKind::Decimal);

struct TableColumn {
    std::string title;
    double width = 12;  // XLSX column width in characters
};

struct Table {
    std::vector<TableColumn> columns;
    std::vector<std::vector<Cell>> rows;  // each as long as `columns`
};

// The CSV text: a UTF-8 byte order mark (so Excel reads Arabic, Devanagari or CJK names
// right), the header, one line per row. Text cells that a spreadsheet would run as a
// formula (=, +, -, @, tab, CR first) get an apostrophe; numbers are never guarded.
std::string tableCsv(const Table& table);

// Writes tableCsv(table) to `path` (0600, atomic). `label` names the file in errors.
void writeTableCsv(const std::string& path, const Table& table, const std::string& label);

// An XLSX workbook written to a private temporary next to `path`, renamed over it by
// commit(); destroyed without commit() it leaves nothing behind.
class XlsxBook {
  public:
    XlsxBook(const std::string& path, const std::string& label);
    ~XlsxBook();
    XlsxBook(const XlsxBook&) = delete;
    XlsxBook& operator=(const XlsxBook&) = delete;

    // A sheet with the header row bold and frozen, numbers as number cells, text as string
    // cells (never formulas), and with `autofilter` every column filterable.
    void addTable(const std::string& sheetName, const Table& table, bool autofilter = true);
    // A sheet of bold labels (column A) and their values (column B): "About".
    void addAbout(const std::string& sheetName,
                  const std::vector<std::pair<std::string, Cell>>& lines);
    void commit();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace oh
