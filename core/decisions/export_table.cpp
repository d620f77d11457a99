#include "core/decisions/export_table.hpp"

#include <xlsxwriter.h>

#include <cerrno>
#include <cmath>

#include <fmt/format.h>

#include "core/decisions/figures.hpp"
#include "core/roster/csv.hpp"

namespace oh {

Cell blankCell() {
    return Cell{};
}
Cell textCell(std::string value) {
    return Cell{CellKind::Text, std::move(value), 0};
}
Cell integerCell(long long value) {
    return Cell{CellKind::Integer, {}, static_cast<double>(value)};
}
Cell decimalCell(double value, CellKind kind) {
    // NaN or infinity would be "nan" in the CSV and invalid XML in the XLSX.
    if (!std::isfinite(value)) return blankCell();
    // Rounded by the one rule (figures.hpp), so the CSV, the XLSX, the explanation and the
    // terminal show the same figure, and -0.001 does not come out as "-0.00".
    return Cell{kind, {}, roundedFigure(value)};
}

namespace {

std::string csvNumber(const Cell& cell) {
    switch (cell.kind) {
        case CellKind::Integer:
            return fmt::format("{}", static_cast<long long>(cell.number));
        case CellKind::Decimal:
            return figureText(cell.number);
        case CellKind::Signed:
            return signedFigureText(cell.number);
        default:
            return {};
    }
}

}  // namespace

std::string tableCsv(const Table& table) {
    std::string out = "\xEF\xBB\xBF";
    std::vector<std::string> fields;
    fields.reserve(table.columns.size());
    for (const TableColumn& column : table.columns) fields.push_back(column.title);
    out += csvRecord(fields, CsvWriteOptions{.guardFormulas = false, .lineEnding = "\r\n"});

    // Only text from people is guarded: our own numbers ("-0.31") must stay numbers, and an
    // apostrophe would turn them into text.
    const CsvWriteOptions guarded{.guardFormulas = true, .lineEnding = "\r\n"};
    for (const std::vector<Cell>& row : table.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) out += ',';
            // Fields are encoded one by one: joined without a second round of quoting.
            out +=
                row[i].kind == CellKind::Text ? csvField(row[i].text, guarded) : csvNumber(row[i]);
        }
        out += "\r\n";
    }
    return out;
}

void writeTableCsv(const std::string& path, const Table& table, const std::string& label) {
    const std::string text = tableCsv(table);
    PrivateTempFile tmp(path, label);
    tmp.write(text);
    tmp.commit();
}

// ---- XLSX ----

namespace {

// Frees a workbook that is abandoned before workbook_close (which frees it itself).
struct WorkbookDeleter {
    void operator()(lxw_workbook* wb) const { lxw_workbook_free(wb); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookDeleter>;

}  // namespace

struct XlsxBook::Impl {
    PrivateTempFile tmp;
    WorkbookPtr wb;
    lxw_format* header = nullptr;
    lxw_format* decimal = nullptr;
    lxw_format* signedDecimal = nullptr;
    lxw_format* label = nullptr;

    Impl(const std::string& path, const std::string& fileLabel) : tmp(path, fileLabel) {}

    void check(lxw_error rc, const char* what) const {
        if (rc != LXW_NO_ERROR) tmp.fail(std::string(what) + ": " + lxw_strerror(rc), 0);
    }
    template <typename T>
    T* checkNotNull(T* p, const std::string& what) const {
        if (p == nullptr) tmp.fail("libxlsxwriter could not " + what, 0);
        return p;
    }
    lxw_format* addFormat() { return checkNotNull(workbook_add_format(wb.get()), "add a format"); }

    void writeCell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& cell) {
        lxw_error rc = LXW_NO_ERROR;
        switch (cell.kind) {
            case CellKind::Blank:
                break;
            // Strings are stored as shared strings, never as formulas: no guard needed.
            case CellKind::Text:
                rc = worksheet_write_string(ws, row, col, cell.text.c_str(), nullptr);
                break;
            case CellKind::Integer:
                rc = worksheet_write_number(ws, row, col, cell.number, nullptr);
                break;
            case CellKind::Decimal:
                rc = worksheet_write_number(ws, row, col, cell.number, decimal);
                break;
            case CellKind::Signed:
                rc = worksheet_write_number(ws, row, col, cell.number, signedDecimal);
                break;
        }
        check(rc, "write a cell");
    }
};

XlsxBook::XlsxBook(const std::string& path, const std::string& label)
    : impl_(std::make_unique<Impl>(path, label)) {
    // libxlsxwriter opens the file by name inside workbook_close, so it gets the temporary's
    // name; mkstemp has already created it 0600 and fopen("wb") keeps that mode.
    impl_->tmp.releaseDescriptor();
    impl_->wb.reset(workbook_new(impl_->tmp.path().c_str()));
    if (!impl_->wb) impl_->tmp.fail("libxlsxwriter could not create a workbook", 0);
    impl_->header = impl_->addFormat();
    format_set_bold(impl_->header);
    impl_->decimal = impl_->addFormat();
    format_set_num_format(impl_->decimal, "0.00");
    impl_->signedDecimal = impl_->addFormat();
    format_set_num_format(impl_->signedDecimal, "+0.00;-0.00;0.00");
    impl_->label = impl_->addFormat();
    format_set_bold(impl_->label);
}

XlsxBook::~XlsxBook() = default;

void XlsxBook::addTable(const std::string& sheetName, const Table& table, bool autofilter) {
    Impl& m = *impl_;
    lxw_worksheet* ws = m.checkNotNull(workbook_add_worksheet(m.wb.get(), sheetName.c_str()),
                                       "add the sheet \"" + sheetName + "\"");
    const auto columns = static_cast<lxw_col_t>(table.columns.size());
    for (lxw_col_t c = 0; c < columns; ++c) {
        m.check(worksheet_set_column(ws, c, c, table.columns[c].width, nullptr),
                "set a column width");
        m.check(worksheet_write_string(ws, 0, c, table.columns[c].title.c_str(), m.header),
                "write the header row");
    }
    lxw_row_t row = 1;
    for (const std::vector<Cell>& cells : table.rows) {
        for (lxw_col_t c = 0; c < columns && c < cells.size(); ++c)
            m.writeCell(ws, row, c, cells[c]);
        ++row;
    }
    // The header stays in view while scrolling, and every column can be filtered and sorted.
    worksheet_freeze_panes(ws, 1, 0);  // returns nothing to check
    if (autofilter && columns > 0)
        m.check(worksheet_autofilter(ws, 0, 0, row - 1, columns - 1), "set the autofilter");
}

void XlsxBook::addAbout(const std::string& sheetName,
                        const std::vector<std::pair<std::string, Cell>>& lines) {
    Impl& m = *impl_;
    lxw_worksheet* ws = m.checkNotNull(workbook_add_worksheet(m.wb.get(), sheetName.c_str()),
                                       "add the sheet \"" + sheetName + "\"");
    m.check(worksheet_set_column(ws, 0, 0, 20, nullptr), "set a column width");
    m.check(worksheet_set_column(ws, 1, 1, 60, nullptr), "set a column width");
    lxw_row_t row = 0;
    for (const auto& [title, value] : lines) {
        m.check(worksheet_write_string(ws, row, 0, title.c_str(), m.label), "write a label");
        m.writeCell(ws, row, 1, value);
        ++row;
    }
}

void XlsxBook::commit() {
    Impl& m = *impl_;
    // workbook_close frees the workbook whatever it returns. errno tells a full disk apart.
    errno = 0;
    lxw_error rc = workbook_close(m.wb.release());
    const int error = errno;
    if (rc != LXW_NO_ERROR)
        m.tmp.fail(std::string("saving the workbook failed: ") + lxw_strerror(rc), error);
    m.tmp.commit();
}

}  // namespace oh
