#include "core/roster/csv.hpp"

#include "core/text/utf8.hpp"

#include <ostream>
#include <utility>

namespace oh {

const char* csvErrorCode(CsvErrorKind kind) {
    switch (kind) {
        case CsvErrorKind::UnterminatedQuote:
            return "unterminated-quote";
        case CsvErrorKind::StrayQuote:
            return "stray-quote";
    }
    return "stray-quote";
}

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool isLineBreak(char c) {
    return c == '\r' || c == '\n';
}

// A single pass over the text; `line` is the physical line of position `pos`.
class CsvReader {
  public:
    CsvReader(std::string_view text, const CsvReadOptions& options)
        : text_(text), options_(options) {}

    CsvDocument run() {
        if (text_.starts_with(kBom)) {
            text_.remove_prefix(kBom.size());
            doc_.hadBom = true;
        }
        while (pos_ < text_.size()) readRecord();
        return std::move(doc_);
    }

  private:
    void readRecord() {
        CsvRecord record;
        record.line = line_;
        if (isLineBreak(text_[pos_])) {
            consumeLineBreak();
            if (options_.skipBlankLines) return;
            record.fields.emplace_back();
            doc_.records.push_back(std::move(record));
            return;
        }
        current_ = &record;
        bool more = true;
        while (more) more = readField();
        current_ = nullptr;
        doc_.records.push_back(std::move(record));
    }

    // Reads one field into the current record; returns true when another field follows.
    bool readField() {
        current_->fields.emplace_back();
        if (pos_ < text_.size() && text_[pos_] == '"') {
            if (!readQuoted()) return false;  // recovered from an unterminated quote
        } else {
            readUnquoted(false);
        }
        return endOfField();
    }

    // After a field: a comma means another field; a line break or EOF ends the record.
    bool endOfField() {
        if (pos_ < text_.size() && text_[pos_] == ',') {
            ++pos_;
            return true;
        }
        if (pos_ < text_.size()) consumeLineBreak();
        return false;
    }

    // Unquoted text up to the next comma or line break. A quote here breaks RFC 4180; we
    // keep it literally (what a spreadsheet would show) but report it once per field.
    void readUnquoted(bool afterClosingQuote) {
        std::size_t end = text_.find_first_of(",\r\n", pos_);
        if (end == std::string_view::npos) end = text_.size();
        std::string_view chunk = text_.substr(pos_, end - pos_);
        if (!chunk.empty() && (afterClosingQuote || chunk.find('"') != chunk.npos))
            reportStray(afterClosingQuote);
        current_->fields.back() += chunk;
        pos_ = end;
    }

    // Returns false when the quote never closes (the record then ends at that line).
    bool readQuoted() {
        const std::size_t open = pos_;
        const int openLine = line_;
        std::string& field = current_->fields.back();
        ++pos_;
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c == '"') {
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                    field += '"';
                    pos_ += 2;
                    continue;
                }
                ++pos_;
                readUnquoted(true);
                return true;
            }
            if (isLineBreak(c)) {
                field += '\n';
                consumeLineBreak();
                continue;
            }
            std::size_t end = text_.find_first_of("\"\r\n", pos_);
            if (end == std::string_view::npos) end = text_.size();
            field += text_.substr(pos_, end - pos_);
            pos_ = end;
        }
        recoverUnterminated(open, openLine);
        return false;
    }

    // Rather than let one missing quote swallow the rest of the roster, take the rest of the
    // opening line as the field's text and carry on with the next line.
    void recoverUnterminated(std::size_t open, int openLine) {
        addError(CsvErrorKind::UnterminatedQuote, openLine,
                 "quoted field opened on line " + std::to_string(openLine) + " never closes");
        pos_ = open + 1;
        line_ = openLine;
        std::size_t end = text_.find_first_of("\r\n", pos_);
        if (end == std::string_view::npos) end = text_.size();
        current_->fields.back() = std::string(text_.substr(pos_, end - pos_));
        pos_ = end;
        if (pos_ < text_.size()) consumeLineBreak();
    }

    void reportStray(bool afterClosingQuote) {
        addError(CsvErrorKind::StrayQuote, line_,
                 afterClosingQuote ? "text after the closing quote of a quoted field"
                                   : "quote inside an unquoted field");
    }

    void addError(CsvErrorKind kind, int line, std::string message) {
        current_->malformed = true;
        doc_.errors.push_back(CsvError{kind, line, current_->line,
                                       static_cast<int>(current_->fields.size()) - 1,
                                       std::move(message)});
    }

    // CRLF, LF and a lone CR (old Mac exports) each end one physical line.
    void consumeLineBreak() {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
    }

    std::string_view text_;
    const CsvReadOptions& options_;
    CsvDocument doc_;
    CsvRecord* current_ = nullptr;
    std::size_t pos_ = 0;
    int line_ = 1;
};

bool startsFormula(std::string_view value) {
    if (value.empty()) return false;
    switch (value.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
            return true;
        default:
            return false;
    }
}

}  // namespace

CsvDocument readCsv(std::string_view text, const CsvReadOptions& options) {
    return CsvReader(text, options).run();
}

std::string csvField(std::string_view value, const CsvWriteOptions& options) {
    std::string plain;
    if (options.guardFormulas && startsFormula(value)) plain = "'";
    plain += value;
    if (plain.find_first_of(",\"\r\n") == std::string::npos) return plain;
    std::string quoted = "\"";
    for (char c : plain) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string csvRecord(std::span<const std::string> fields, const CsvWriteOptions& options) {
    std::string out;
    // A lone empty field would come out as a blank line, which readers skip.
    if (fields.size() == 1 && fields[0].empty()) {
        out = "\"\"";
    } else {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i > 0) out += ',';
            out += csvField(fields[i], options);
        }
    }
    out += options.lineEnding;
    return out;
}

void writeCsvRecord(std::ostream& out, std::span<const std::string> fields,
                    const CsvWriteOptions& options) {
    out << csvRecord(fields, options);
}

}  // namespace oh
