#include "core/roster/roster.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <ostream>
#include <set>
#include <utility>
#include <variant>

#include "core/roster/csv_field.hpp"
#include "core/text/email.hpp"
#include "core/text/terminal_text.hpp"
#include "core/text/trim.hpp"
#include "core/text/utf8.hpp"

namespace oh {
namespace {

constexpr std::array<std::string_view, 9> kFields{
    "name", "first_name", "last_name", "email", "role", "cohort", "team", "pronouns", "strengths"};

// Header names seen in registration and ATS exports, as csvHeaderKey() spells them. Within a
// field, earlier keys win when several columns match ("Role" beats "Type").
struct FieldSynonyms {
    std::string_view field;
    std::vector<std::string_view> keys;
};

const std::vector<FieldSynonyms>& synonyms() {
    static const std::vector<FieldSynonyms> table{
        {"name", {"name", "fullname", "attendeename", "candidatename", "participantname"}},
        {"first_name", {"firstname", "givenname", "forename", "first"}},
        {"last_name", {"lastname", "surname", "familyname", "last"}},
        {"email", {"email", "emailaddress", "workemail", "attendeeemail", "candidateemail"}},
        {"role", {"role", "tickettype", "attendeetype", "registrationtype", "type"}},
        {"cohort", {"cohort", "cohortname"}},
        {"team", {"team", "squad", "group", "teamname"}},
        {"pronouns", {"pronouns", "pronoun"}},
        {"strengths",
         {"strengths", "highlights", "skills", "compliment", "compliments", "complimentme",
          "complimentmeon", "complimentyouon", "whatshouldwecomplimentyouon",
          "whatcanwecomplimentyouon", "whatshouldwecomplimentyoufor", "superpower", "superpowers"}},
    };
    return table;
}

bool isNameField(std::string_view field) {
    return field == "name" || field == "first_name" || field == "last_name";
}

bool isKnownField(std::string_view field) {
    return std::find(kFields.begin(), kFields.end(), field) != kFields.end();
}

bool isBlank(const CsvRecord& record) {
    if (record.malformed) return false;
    return std::all_of(record.fields.begin(), record.fields.end(),
                       [](const std::string& f) { return trim(f).empty(); });
}

std::optional<std::size_t> firstNonBlank(const std::vector<CsvRecord>& records) {
    for (std::size_t i = 0; i < records.size(); ++i)
        if (!isBlank(records[i])) return i;
    return std::nullopt;
}

bool isFileLevel(std::string_view reason) {
    return reason == "missing-column" || reason == "bad-mapping" || reason == "empty-file";
}

std::string joinHeader(const std::vector<std::string>& header) {
    std::string out;
    for (const auto& h : header) out += (out.empty() ? "'" : ", '") + h + "'";
    return out;
}

// Resolves which column feeds which field: the explicit mapping first, then detection.
class ColumnResolver {
  public:
    ColumnResolver(const std::vector<std::string>& header, int line,
                   std::vector<RosterProblem>& problems)
        : header_(header), line_(line), problems_(problems) {}

    // False when the header cannot be used (bad mapping or no name / e-mail column).
    bool resolve(const ColumnMapping* mapping, std::map<std::string, int>& index) {
        bool ok = mapping == nullptr || applyMapping(*mapping, index);
        bool mappedName = std::any_of(index.begin(), index.end(),
                                      [](const auto& entry) { return isNameField(entry.first); });
        detect(index, mappedName);
        return requireColumns(index) && ok;
    }

  private:
    // Exact header text first, then ignoring case and punctuation.
    std::optional<int> findHeader(std::string_view wanted) const {
        std::string text = trim(wanted);
        for (std::size_t i = 0; i < header_.size(); ++i)
            if (header_[i] == text) return static_cast<int>(i);
        std::string key = csvHeaderKey(text);
        for (std::size_t i = 0; i < header_.size() && !key.empty(); ++i)
            if (csvHeaderKey(header_[i]) == key) return static_cast<int>(i);
        return std::nullopt;
    }

    bool applyMapping(const ColumnMapping& mapping, std::map<std::string, int>& index) {
        bool ok = true;
        for (const auto& [field, wanted] : mapping.fieldToHeader) {
            std::optional<int> column = findHeader(wanted);
            if (!isKnownField(field) || !column) {
                problems_.push_back({line_, wanted, "bad-mapping", mappingMessage(field, wanted)});
                ok = false;
                continue;
            }
            index[field] = *column;
            claimed_.insert(*column);
        }
        return ok;
    }

    std::string mappingMessage(const std::string& field, const std::string& wanted) const {
        if (!isKnownField(field)) return "the mapping names an unknown field '" + field + "'";
        return "the mapping takes " + field + " from column '" + wanted +
               "', but the header has no such column (it has " + joinHeader(header_) + ")";
    }

    // Columns already taken by the mapping are not detected again for another field; if the
    // mapping chose any name column, name detection stays off so it cannot be second-guessed.
    void detect(std::map<std::string, int>& index, bool skipNames) {
        std::vector<std::string> keys;
        for (const auto& h : header_) keys.push_back(csvHeaderKey(h));
        for (const auto& entry : synonyms()) {
            std::string field(entry.field);
            if (index.contains(field) || (skipNames && isNameField(field))) continue;
            if (std::optional<int> column = firstMatch(keys, entry.keys)) {
                index[field] = *column;
                claimed_.insert(*column);
            }
        }
        // Registration forms ask for it in many words ("What would you like us to
        // compliment you on?"): any free column mentioning a compliment feeds strengths.
        for (std::size_t i = 0; i < keys.size() && !index.contains("strengths"); ++i)
            if (keys[i].find("compliment") != std::string::npos &&
                !claimed_.contains(static_cast<int>(i))) {
                index["strengths"] = static_cast<int>(i);
                claimed_.insert(static_cast<int>(i));
            }
    }

    std::optional<int> firstMatch(const std::vector<std::string>& keys,
                                  const std::vector<std::string_view>& wanted) const {
        for (std::string_view key : wanted)
            for (std::size_t i = 0; i < keys.size(); ++i)
                if (keys[i] == key && !claimed_.contains(static_cast<int>(i)))
                    return static_cast<int>(i);
        return std::nullopt;
    }

    bool requireColumns(const std::map<std::string, int>& index) {
        bool ok = true;
        if (!index.contains("name") && !index.contains("first_name") &&
            !index.contains("last_name")) {
            problems_.push_back({line_, "name", "missing-column",
                                 "no name column: expected 'Name', 'Full Name', 'Attendee Name' "
                                 "or 'First Name' + 'Last Name' (header has " +
                                     joinHeader(header_) + "); or give a column mapping"});
            ok = false;
        }
        if (!index.contains("email")) {
            problems_.push_back({line_, "email", "missing-column",
                                 "no e-mail column: expected 'Email', 'E-mail', 'Email Address' "
                                 "or 'Work Email' (header has " +
                                     joinHeader(header_) + "); or give a column mapping"});
            ok = false;
        }
        return ok;
    }

    const std::vector<std::string>& header_;
    int line_;
    std::vector<RosterProblem>& problems_;
    std::set<int> claimed_;
};

// Reads and validates the fields of one data record, reporting problems as it goes.
class RowReader {
  public:
    RowReader(const CsvRecord& record, const std::vector<std::string>& header,
              const std::map<std::string, int>& index, std::vector<RosterProblem>& problems)
        : record_(record), header_(header), index_(index), problems_(problems) {}

    bool failed() const { return failed_; }

    void problem(std::string_view field, std::string reason, std::string message) {
        problems_.push_back({record_.line, columnOf(field), std::move(reason), std::move(message)});
        failed_ = true;
    }

    // Checked text of a field: "" when the field has no column, nullopt when a problem
    // (invalid UTF-8, a control character, too long) was reported.
    std::optional<std::string> text(std::string_view field, std::size_t limit, bool collapsed) {
        auto it = index_.find(std::string(field));
        if (it == index_.end()) return std::string();
        auto checked =
            checkCsvField(record_.fields[static_cast<std::size_t>(it->second)], limit, collapsed);
        if (auto* bad = std::get_if<CsvFieldProblem>(&checked)) {
            problem(field, bad->reason, bad->message);
            return std::nullopt;
        }
        return std::get<std::string>(checked);
    }

    bool hasColumn(std::string_view field) const { return index_.contains(std::string(field)); }

    // Header text of a field's column (the name problems fall back to first/last name).
    std::string columnOf(std::string_view field) const {
        if (field == "name" && !hasColumn("name"))
            field = hasColumn("first_name") ? "first_name" : "last_name";
        auto it = index_.find(std::string(field));
        return it == index_.end() ? std::string(field)
                                  : header_[static_cast<std::size_t>(it->second)];
    }

  private:
    const CsvRecord& record_;
    const std::vector<std::string>& header_;
    const std::map<std::string, int>& index_;
    std::vector<RosterProblem>& problems_;
    bool failed_ = false;
};

// A full-name column wins; when it is absent or empty, first and last name are combined,
// and the last name is kept as the family name (the short name takes its initial).
void readName(RowReader& row, Attendee& person) {
    std::optional<std::string> full = row.text("name", kRosterNameMax, true);
    if (!full) return;
    if (full->empty()) {
        std::optional<std::string> first = row.text("first_name", kRosterNameMax, true);
        std::optional<std::string> last = row.text("last_name", kRosterNameMax, true);
        if (!first || !last) return;
        *full = collapseWhitespace(*first + " " + *last);
        person.familyName = std::move(*last);  // collapsed and trimmed by text()
        if (full->size() > kRosterNameMax) {
            row.problem("name", "field-too-long",
                        "first and last name together are " + std::to_string(full->size()) +
                            " bytes; at most " + std::to_string(kRosterNameMax) + " are allowed");
            return;
        }
    }
    if (full->empty()) {
        row.problem("name", "missing-name", "the name is empty");
        return;
    }
    person.fullName = std::move(*full);
}

bool readEmail(RowReader& row, Attendee& person) {
    std::optional<std::string> email = row.text("email", kRosterEmailMax, false);
    if (!email) return false;
    *email = normalizeEmail(*email);
    if (std::optional<std::string> why = emailProblem(*email)) {
        row.problem("email", "invalid-email", "'" + *email + "' is not usable: " + *why);
        return false;
    }
    person.email = std::move(*email);
    return true;
}

void readRole(RowReader& row, Attendee& person, const RoleMapping* roles,
              std::map<std::string, int>& unknownRoles) {
    std::optional<std::string> text = row.text("role", kRosterFieldMax, true);
    if (!text) return;
    if (text->empty()) {
        person.role = Role::Guest;  // registration tools leave it empty for ordinary visitors
        return;
    }
    if (std::optional<Role> mapped = roles ? roles->find(*text) : std::nullopt) {
        person.role = *mapped;
        return;
    }
    if (std::optional<Role> role = parseRole(*text)) {
        person.role = *role;
        return;
    }
    ++unknownRoles[*text];
    row.problem("role", "unknown-role",
                "'" + *text +
                    "' is not a role; use intern, guest, staff or lead (or a usual synonym "
                    "such as visitor, judge, organizer), or map it: --map-role '" +
                    *text + "=<role>'");
}

void readOptional(RowReader& row, Attendee& person) {
    if (auto cohort = row.text("cohort", kRosterFieldMax, true)) person.cohort = *cohort;
    if (auto team = row.text("team", kRosterFieldMax, true)) person.team = *team;
    if (auto pronouns = row.text("pronouns", kRosterFieldMax, true)) person.pronouns = *pronouns;
    // Strengths may be a paragraph with deliberate line breaks: trimmed only.
    if (auto strengths = row.text("strengths", kRosterStrengthsMax, false))
        person.strengths = *strengths;
}

class RosterBuilder {
  public:
    RosterBuilder(const CsvDocument& doc, RosterParse& out) : doc_(doc), out_(out) {}

    void run(const ColumnMapping* mapping, const RoleMapping* roles) {
        roles_ = roles;
        std::optional<std::size_t> head = firstNonBlank(doc_.records);
        if (!head) {
            out_.problems.push_back({1, "", "empty-file", "the file has no header and no rows"});
            return;
        }
        const CsvRecord& header = doc_.records[*head];
        for (const auto& cell : header.fields) out_.header.push_back(trim(cell));
        reportCsvErrors(header);
        ColumnResolver resolver(out_.header, header.line, out_.problems);
        bool usable = resolver.resolve(mapping, index_);
        for (const auto& [field, column] : index_)
            out_.columns[field] = out_.header[static_cast<std::size_t>(column)];
        for (std::size_t c = 0; c < out_.header.size(); ++c)
            if (std::none_of(index_.begin(), index_.end(), [c](const auto& entry) {
                    return entry.second == static_cast<int>(c);
                }))
                out_.ignored.push_back(out_.header[c]);
        for (std::size_t i = *head + 1; i < doc_.records.size(); ++i) {
            if (isBlank(doc_.records[i])) continue;
            ++out_.dataLines;
            if (usable) readRecord(doc_.records[i]);
        }
        if (out_.dataLines == 0)
            out_.problems.push_back(
                {header.line, "", "empty-file", "the file has a header but no attendee rows"});
    }

  private:
    // Records and errors both come in file order and are visited in that order, so one
    // cursor keeps this linear even for a file full of broken quotes.
    void reportCsvErrors(const CsvRecord& record) {
        if (!record.malformed) return;
        while (nextError_ < doc_.errors.size() && doc_.errors[nextError_].recordLine < record.line)
            ++nextError_;
        for (; nextError_ < doc_.errors.size() && doc_.errors[nextError_].recordLine == record.line;
             ++nextError_) {
            const CsvError& error = doc_.errors[nextError_];
            auto field = static_cast<std::size_t>(error.field);
            std::string column = field < out_.header.size() ? out_.header[field] : "";
            out_.problems.push_back({error.line, column, csvErrorCode(error.kind), error.message});
        }
    }

    // A malformed record or one with the wrong field count is not checked further: its
    // values may sit in the wrong columns, and field problems would only mislead.
    void readRecord(const CsvRecord& record) {
        if (record.malformed) {
            reportCsvErrors(record);
            return;
        }
        if (record.fields.size() != out_.header.size()) {
            out_.problems.push_back({record.line, "", "wrong-field-count",
                                     "expected " + std::to_string(out_.header.size()) +
                                         " fields like the header, found " +
                                         std::to_string(record.fields.size())});
            return;
        }
        RowReader row(record, out_.header, index_, out_.problems);
        Attendee person;
        readName(row, person);
        if (readEmail(row, person)) checkDuplicate(row, person.email, record.line);
        readRole(row, person, roles_, out_.unknownRoles);
        readOptional(row, person);
        if (!row.failed()) out_.rows.push_back({record.line, std::move(person)});
    }

    // Rows rejected for other reasons still claim their address: the file has it twice.
    void checkDuplicate(RowReader& row, const std::string& email, int line) {
        auto [it, inserted] = seenEmails_.emplace(email, line);
        if (!inserted)
            row.problem("email", "duplicate-email",
                        "'" + email + "' is already used on line " + std::to_string(it->second));
    }

    const CsvDocument& doc_;
    RosterParse& out_;
    std::map<std::string, int> index_;
    std::map<std::string, int> seenEmails_;
    std::size_t nextError_ = 0;
    const RoleMapping* roles_ = nullptr;
};

bool startsWithUtf16Bom(std::string_view text) {
    return text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF");
}

std::string normaliseFieldName(std::string_view text) {
    std::string field = lowerAscii(trim(text));
    std::replace(field.begin(), field.end(), '-', '_');
    std::replace(field.begin(), field.end(), ' ', '_');
    return field;
}

std::string fieldList() {
    std::string out;
    for (std::string_view f : kFields) out += (out.empty() ? "" : ", ") + std::string(f);
    return out;
}

// Reasons for each line of the original file, sorted so a record finds its own quickly.
std::vector<std::pair<int, std::string>> reasonsByLine(const RosterParse& parse) {
    std::vector<std::pair<int, std::string>> reasons;
    for (const RosterProblem& p : parse.problems)
        if (!isFileLevel(p.reason)) reasons.emplace_back(p.line, p.reason + ": " + p.message);
    std::stable_sort(reasons.begin(), reasons.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return reasons;
}

std::string fileLevelReason(const RosterParse& parse) {
    std::string reason;
    for (const RosterProblem& p : parse.problems)
        if (isFileLevel(p.reason) && p.reason != "empty-file")
            reason += (reason.empty() ? "" : "; ") + p.reason + ": " + p.message;
    return reason;
}

// Problems whose line lies within [first, last) belong to the record starting at `first`
// (an unterminated quote may be reported on a later physical line of the record).
std::string reasonFor(const std::vector<std::pair<int, std::string>>& reasons, int first,
                      int last) {
    auto it = std::lower_bound(reasons.begin(), reasons.end(), first,
                               [](const auto& entry, int line) { return entry.first < line; });
    std::string text;
    for (; it != reasons.end() && it->first < last; ++it)
        text += (text.empty() ? "" : "; ") + it->second;
    return text;
}

}  // namespace

std::optional<std::vector<SpecPair>> splitSpecPairs(std::string_view spec, bool atLastEquals,
                                                    std::string_view shape, std::string* error) {
    std::vector<SpecPair> pairs;
    std::size_t start = 0;
    while (start <= spec.size()) {
        std::size_t comma = spec.find(',', start);
        if (comma == std::string_view::npos) comma = spec.size();
        std::string part = trim(spec.substr(start, comma - start));
        start = comma + 1;
        if (part.empty()) continue;  // tolerate "a=b," and doubled commas
        std::size_t eq = atLastEquals ? part.rfind('=') : part.find('=');
        if (eq == std::string::npos) {
            if (error) *error = "'" + part + "' is not " + std::string(shape);
            return std::nullopt;
        }
        pairs.push_back({trim(part.substr(0, eq)), trim(part.substr(eq + 1))});
    }
    return pairs;
}

std::optional<ColumnMapping> ColumnMapping::parse(std::string_view spec, std::string* error) {
    auto fail = [error](std::string message) {
        if (error) *error = std::move(message);
        return std::nullopt;
    };
    auto pairs = splitSpecPairs(spec, false, "field=Header", error);
    if (!pairs) return std::nullopt;
    ColumnMapping mapping;
    for (auto& [left, header] : *pairs) {
        std::string field = normaliseFieldName(left);
        if (!isKnownField(field))
            return fail("unknown field '" + field + "'; fields are " + fieldList());
        if (header.empty()) return fail("no header given for " + field);
        if (!mapping.fieldToHeader.emplace(field, header).second)
            return fail(field + " is mapped twice");
    }
    if (mapping.fieldToHeader.empty()) return fail("the mapping is empty");
    return mapping;
}

RosterParse parseRoster(std::string_view csvText, const ColumnMapping* mapping,
                        const RoleMapping* roles) {
    RosterParse out;
    if (startsWithUtf16Bom(csvText)) {
        out.problems.push_back(
            {1, "", "invalid-utf8",
             "the file is UTF-16 (Excel 'Unicode Text'); save it as 'CSV UTF-8'"});
        return out;
    }
    CsvDocument doc = readCsv(csvText);
    RosterBuilder(doc, out).run(mapping, roles);
    return out;
}

std::string problemsToText(const std::vector<RosterProblem>& problems) {
    std::string out;
    for (const RosterProblem& p : problems) {
        out += "line " + std::to_string(p.line);
        if (!p.column.empty()) out += ", column '" + p.column + "'";
        out += ": " + p.reason + ": " + p.message + "\n";
    }
    return out;
}

void writeRejectedRows(std::ostream& out, const RosterParse& parse, std::string_view originalCsv,
                       const CsvWriteOptions& options) {
    if (startsWithUtf16Bom(originalCsv)) return;
    CsvDocument doc = readCsv(originalCsv);
    std::optional<std::size_t> head = firstNonBlank(doc.records);
    if (!head) return;
    auto withReason = [](std::string reason, const std::vector<std::string>& fields) {
        std::vector<std::string> row{std::move(reason)};
        row.insert(row.end(), fields.begin(), fields.end());
        return row;
    };
    writeCsvRecord(out, withReason("reason", doc.records[*head].fields), options);
    const auto reasons = reasonsByLine(parse);
    const std::string fileReason = fileLevelReason(parse);
    for (std::size_t i = *head + 1; i < doc.records.size(); ++i) {
        const CsvRecord& record = doc.records[i];
        if (isBlank(record)) continue;
        int next = i + 1 < doc.records.size() ? doc.records[i + 1].line : INT_MAX;
        std::string reason =
            fileReason.empty() ? reasonFor(reasons, record.line, next) : fileReason;
        if (reason.empty()) continue;
        writeCsvRecord(out, withReason(std::move(reason), record.fields), options);
    }
}

}  // namespace oh
