// Roster import: turns a registration / ATS CSV export into attendees, or into a precise list
// of problems a lead can fix. No database work here; the importer stores `rows`.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.hpp"
#include "core/roster/csv.hpp"

namespace oh {

// Byte limits per field (after trimming).
inline constexpr std::size_t kRosterNameMax = 200;
inline constexpr std::size_t kRosterEmailMax = 254;
inline constexpr std::size_t kRosterFieldMax = 200;  // role, cohort, team, pronouns
inline constexpr std::size_t kRosterStrengthsMax = 1000;

struct RosterRow {
    int line = 0;     // line where the CSV record starts
    Attendee person;  // id and eventId are left empty for the importer
};

// reason is one of: "missing-name", "invalid-email", "duplicate-email", "unknown-role",
// "field-too-long", "invalid-utf8", "control-character", "wrong-field-count",
// "unterminated-quote", "stray-quote", "missing-column", "empty-file", "bad-mapping".
struct RosterProblem {
    int line = 0;
    std::string column;  // header text as written in the file; empty for whole-row problems
    std::string reason;
    std::string message;  // for people: what is wrong and how to fix it
};

// Explicit field -> header choice, overriding header detection for the fields it names.
struct ColumnMapping {
    std::map<std::string, std::string> fieldToHeader;

    // spec: "name=Full Name,email=Work Email,role=Ticket Type". Fields: name, first_name,
    // last_name, email, role, cohort, team, pronouns, strengths. nullopt + *error on a bad spec.
    static std::optional<ColumnMapping> parse(std::string_view spec, std::string* error);
};

// Values of the role column mapped to roles, for registration tools with their own ticket
// types ("Volunteer" -> staff, "Sponsor" -> guest). Matched ignoring case and outer blanks,
// before the built-in synonyms (model.hpp parseRole).
struct RoleMapping {
    std::map<std::string, Role> valueToRole;  // keys lower-cased and trimmed

    // spec: "Volunteer=staff,Sponsor=guest"; roles are intern, guest, staff, lead or a
    // synonym. nullopt + *error on a bad spec.
    static std::optional<RoleMapping> parse(std::string_view spec, std::string* error);
    std::optional<Role> find(std::string_view value) const;
};

struct RosterParse {
    std::vector<RosterRow> rows;  // only rows without any problem
    std::vector<RosterProblem> problems;
    std::vector<std::string> header;
    std::map<std::string, std::string> columns;  // field -> header used (for "using ..." output)
    std::vector<std::string> ignored;            // header columns no field uses, in file order
    std::map<std::string, int> unknownRoles;     // role value as written -> rows refused for it
    int dataLines = 0;                           // non-blank records after the header
    bool ok() const { return problems.empty(); }
};

// The items of a "--map"-style list ("a=b, c=d"), trimmed, empty items skipped. Each splits at
// its first '=' or, with `atLastEquals`, its last (the side that may hold '=' itself); an item
// without '=' is an error naming `shape` ("field=Header").
struct SpecPair {
    std::string left;
    std::string right;
};
std::optional<std::vector<SpecPair>> splitSpecPairs(std::string_view spec, bool atLastEquals,
                                                    std::string_view shape, std::string* error);

RosterParse parseRoster(std::string_view csvText, const ColumnMapping* mapping = nullptr,
                        const RoleMapping* roles = nullptr);

// "name <- 'Full Name', email <- 'Email'" and "'Dietary needs', 'T-shirt'": which columns
// an import used and which it ignored, for the lead to check nothing was dropped silently.
std::string usedColumnsText(const RosterParse& parse);
std::string ignoredColumnsText(const RosterParse& parse);

// One line each: "line 7, column 'Email': invalid-email: ..." ("line 3: ..." without a column).
std::string problemsToText(const std::vector<RosterProblem>& problems);

// The rejected records of originalCsv as CSV: a "reason" column first, then the original
// header and fields, so the lead can fix them and import the file again. File-level problems
// (missing-column, bad-mapping) reject every data record.
void writeRejectedRows(std::ostream& out, const RosterParse& parse, std::string_view originalCsv,
                       const CsvWriteOptions& options = {});

}  // namespace oh
