// `openhouse import-roster`.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/files/private_file.hpp"
#include "core/roster/roster_import.hpp"
#include "core/text/plural.hpp"
#include "core/text/terminal_text.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

struct ImportOptions {
    std::string file, event, mapping, roleMapping, rejectsFile;
    bool dryRun = false, skipInvalid = false;
};

std::string readWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw CommandError(kUsage, "cannot read the roster file " + path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// The rejected rows hold names and e-mails: the file is 0600 from its first byte (a temporary
// file made by mkstemp, renamed into place). The lead opens it in a spreadsheet, so cells
// that would run as a formula (=, +, -, @, tab, CR first) get an apostrophe, as in the other
// exports.
void writeRejects(const std::string& path, const RosterParse& parse, const std::string& csv) {
    std::ostringstream rows;
    writeRejectedRows(rows, parse, csv, CsvWriteOptions{.guardFormulas = true});
    const std::string text = rows.str();
    std::string error;
    bool written = writePrivateFileAtomically(path, text, &error);
    if (!written) throw CommandError(kStoreError, "cannot write the rejected rows: " + error);
}

// The command that imports the corrected rejects file into the same event, the same way.
std::string reimportArguments(const std::string& rejects, const ImportOptions& o) {
    auto quoted = [](const std::string& text) {
        std::string q = "'";
        for (char c : text) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return q + "'";
    };
    std::string args = quoted(rejects);
    if (!o.event.empty()) args += " --event " + quoted(o.event);
    if (!o.mapping.empty()) args += " --map " + quoted(o.mapping);
    if (!o.roleMapping.empty()) args += " --map-role " + quoted(o.roleMapping);
    return terminalSafe(args);
}

// Problems quote the file's header and cells: escaped, a cell cannot take over the terminal.
std::string problemsForTerminal(std::vector<RosterProblem> problems) {
    for (RosterProblem& p : problems) {
        p.column = terminalSafe(p.column);
        p.message = terminalSafe(p.message);
    }
    return problemsToText(problems);
}

// Which columns fed which field and which were ignored, so nothing is dropped unseen; and
// the role values refused, with the mapping that would take them.
void printColumnReport(const RosterParse& parse) {
    if (!parse.columns.empty())
        std::cout << "columns used: " << terminalSafe(usedColumnsText(parse)) << "\n";
    if (!parse.ignored.empty())
        std::cout << "columns ignored: " << terminalSafe(ignoredColumnsText(parse))
                  << " (use --map field=Column to import one)\n";
    if (parse.unknownRoles.empty()) return;
    std::string values, example;
    for (const auto& [value, rows] : parse.unknownRoles) {
        values +=
            (values.empty() ? "'" : ", '") + value + "' (" + plural(rows, "row", "rows") + ")";
        example += (example.empty() ? "" : ",") + value + "=<role>";
    }
    std::cout << "role values that are not roles: " << terminalSafe(values)
              << "\n  map them to intern, guest, staff or lead, e.g. --map-role '"
              << terminalSafe(example) << "'\n";
}

void runImport(Context& ctx, const ImportOptions& o) {
    std::optional<ColumnMapping> mapping;
    std::optional<RoleMapping> roles;
    std::string error;
    if (!o.mapping.empty() && !(mapping = ColumnMapping::parse(o.mapping, &error)))
        throw CommandError(kUsage, "--map: " + error);
    if (!o.roleMapping.empty() && !(roles = RoleMapping::parse(o.roleMapping, &error)))
        throw CommandError(kUsage, "--map-role: " + error);
    std::string csv = readWholeFile(o.file);
    RosterParse parse = parseRoster(csv, mapping ? &*mapping : nullptr, roles ? &*roles : nullptr);
    auto central = ctx.openCentral();
    Event event = ctx.resolveEvent(central, o.event);

    if (!parse.problems.empty()) std::cerr << problemsForTerminal(parse.problems);
    std::cout << o.file << ": " << plural(parse.dataLines, "row", "rows") << ", "
              << parse.rows.size() << " valid, "
              << plural(static_cast<std::int64_t>(parse.problems.size()), "problem", "problems")
              << "\n";
    printColumnReport(parse);
    if (o.dryRun) {
        std::cout << "dry run: nothing was imported\n";
        ctx.exitCode = parse.ok() ? kOk : kDataError;
        return;
    }
    if (!parse.ok() && !o.skipInvalid) {
        std::cout << "nothing was imported: fix the rows above, or use --skip-invalid to "
                     "import the valid rows\n";
        ctx.exitCode = kDataError;
        return;
    }
    if (!parse.ok()) {
        std::string rejects = o.rejectsFile.empty() ? o.file + ".rejected.csv" : o.rejectsFile;
        writeRejects(rejects, parse, csv);
        std::cout << "rejected rows with their reasons: " << rejects << " (mode 0600)\n"
                  << "to import them: correct each row in that file (the first column says "
                     "what is wrong; an apostrophe was put before a value starting with = + - "
                     "or @ so a spreadsheet does not run it: delete it if the value really "
                     "starts so), save it as CSV UTF-8 and run: openhouse import-roster "
                  << reimportArguments(rejects, o) << "\n";
    }
    ImportReport r = importRoster(central, event.id, parse, o.skipInvalid);
    central.audit("cli", "roster.import", event.id,
                  std::to_string(r.inserted) + " new, " + std::to_string(r.updated) + " updated");
    std::cout << "imported into " << terminalSafe(event.name) << ": " << r.inserted << " new, "
              << r.updated << " updated, " << r.unchanged << " unchanged, " << r.rejected
              << " rejected\n";
}

}  // namespace

void addRosterCommands(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ImportOptions>();
    auto* cmd = app.add_subcommand(
        "import-roster",
        "Import a CSV roster (all-or-nothing; re-import updates people matched by e-mail)");
    cmd->add_option("file", o->file, "CSV file (UTF-8, header row)")->required();
    cmd->add_option("--event", o->event, "Event id (default: the only event)");
    cmd->add_option("--map", o->mapping,
                    "Column mapping, e.g. \"name=Full Name,email=Work Email,role=Ticket Type\"");
    cmd->add_option("--map-role", o->roleMapping,
                    "Role column values to roles, e.g. \"Volunteer=staff,Sponsor=guest\"");
    cmd->add_flag("--dry-run", o->dryRun, "List every problem with line, column and reason");
    cmd->add_flag("--skip-invalid", o->skipInvalid,
                  "Import the valid rows; write the rejected ones with reasons to a file");
    cmd->add_option("--rejects", o->rejectsFile,
                    "Where --skip-invalid writes rejected rows (default FILE.rejected.csv)");
    cmd->callback([&ctx, o] { runImport(ctx, *o); });
}

}  // namespace oh::cli
