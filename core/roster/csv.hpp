// RFC 4180 CSV reading and writing, plus strict UTF-8 validation.
//
// Rosters come from registration tools, ATS exports and hand-edited spreadsheets, so the
// reader accepts a UTF-8 BOM and LF, CRLF or lone CR line endings (even mixed), and it never
// throws on bad input: malformed quoting is returned as CsvError data next to the records.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace oh {

struct CsvRecord {
    int line = 0;  // 1-based physical line where the record starts
    std::vector<std::string> fields;
    bool malformed = false;  // some CsvError has recordLine == line
};

enum class CsvErrorKind {
    UnterminatedQuote,  // a quoted field still open at the end of the file
    StrayQuote,         // a quote inside an unquoted field, or text after a closing quote
};

struct CsvError {
    CsvErrorKind kind = CsvErrorKind::StrayQuote;
    int line = 0;        // physical line of the offending quote
    int recordLine = 0;  // line where the record containing it starts
    int field = 0;       // 0-based index of the field within the record
    std::string message;
};

// "unterminated-quote" or "stray-quote".
const char* csvErrorCode(CsvErrorKind kind);

struct CsvReadOptions {
    // An empty physical line is, per RFC 4180, a record with one empty field; rosters never
    // mean that, so by default such lines are dropped (line numbering still counts them).
    bool skipBlankLines = true;
};

struct CsvDocument {
    std::vector<CsvRecord> records;
    std::vector<CsvError> errors;
    bool hadBom = false;
};

// Line breaks inside quoted fields come back as "\n" whatever the file used, so the same
// roster saved on Windows or macOS yields the same values. After an unterminated quote the
// reader resumes on the line after the opening quote, so later rows are still read.
CsvDocument readCsv(std::string_view text, const CsvReadOptions& options = {});

struct CsvWriteOptions {
    // Spreadsheets run a cell starting with = + - @ (or tab / CR) as a formula; exports
    // opened by leads prefix such fields with an apostrophe. Off by default because it
    // changes the value: files meant to be re-imported must round-trip.
    bool guardFormulas = false;
    std::string_view lineEnding = "\r\n";  // RFC 4180
};

// One field, quoted only when needed (comma, quote, CR or LF inside).
std::string csvField(std::string_view value, const CsvWriteOptions& options = {});
// One record including its line ending.
std::string csvRecord(std::span<const std::string> fields, const CsvWriteOptions& options = {});
void writeCsvRecord(std::ostream& out, std::span<const std::string> fields,
                    const CsvWriteOptions& options = {});

}  // namespace oh
