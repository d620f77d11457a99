#include "core/decisions/slot_export.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iterator>
#include <memory>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "core/decisions/figures.hpp"
#include "core/model/ids.hpp"
#include "core/roster/csv.hpp"

namespace oh {
namespace {

// ---- One row of the table, shared by both writers so the columns cannot drift apart ----

enum class CellKind {
    Blank,    // no value (rank 0, no judges, no peer ratings)
    Text,     // typed by people: guarded against formulas in the CSV
    Integer,  // counts and ranks
    Decimal,  // two decimals: the peer rating
    Signed,   // two decimals with a sign: the calibrated score
};

struct Cell {
    CellKind kind = CellKind::Blank;
    std::string text;
    double number = 0;
};

Cell blank() {
    return Cell{};
}
Cell text(std::string value) {
    return Cell{CellKind::Text, std::move(value), 0};
}
Cell integer(int value) {
    return Cell{CellKind::Integer, {}, static_cast<double>(value)};
}
Cell decimal(double value, CellKind kind = CellKind::Decimal) {
    // NaN or infinity would be "nan" in the CSV and invalid XML in the XLSX.
    if (!std::isfinite(value)) return blank();
    // Rounded by the one rule (figures.hpp), so the CSV, the XLSX, the explanation and the
    // terminal show the same figure, and -0.001 does not come out as "-0.00".
    return Cell{kind, {}, roundedFigure(value)};
}

struct Column {
    const char* title;
    double width;  // XLSX column width in characters
};

// The order of the header comment in slot_export.hpp.
// No mean of raw scores: judges score on their own scales (4.8 of 5, 78 of 100), so only
// the calibrated score (per judge) means something across judges.
constexpr Column kColumns[] = {
    {"Rank", 6},
    {"Outcome", 13},
    {"Name", 24},
    {"Demo", 32},
    {"Email", 30},
    {"Cohort", 12},
    {"Team", 16},
    {"Judges", 8},
    {"Calibrated", 11},
    {"Impact", 24},
    {"Peer rating", 11},
    {"Peer count", 10},
    {"Encore votes", 12},
    {"Rule", 36},
    {"Explanation", 80},
    {"Slot", 10},
    {"Slot id", 38},
    {"Issued by", 16},
    {"Issued at (UTC)", 21},
    {"Slot log", 48},
};
constexpr int kColumnCount = static_cast<int>(std::size(kColumns));

std::vector<Cell> rowOf(const Decision& d) {
    std::vector<Cell> row;
    row.reserve(kColumnCount);
    row.push_back(d.rank > 0 ? integer(d.rank) : blank());
    row.push_back(text(outcomeName(d.outcome)));
    row.push_back(text(d.internName));
    row.push_back(text(d.showcaseTitle));  // beside the name: two demos of one person differ
    row.push_back(text(d.email));
    row.push_back(text(d.cohort));
    row.push_back(text(d.team));
    row.push_back(integer(d.judges));
    // Without a judge (or a peer rating) a 0.00 figure would read as a real, very low score.
    row.push_back(d.judges > 0 ? decimal(d.calibrated, CellKind::Signed) : blank());
    // The metric that changed is the evidence of impact; no impact leaves the cell empty.
    row.push_back(d.impact ? text(d.metric) : blank());
    row.push_back(d.peerCount > 0 ? decimal(d.peerMean) : blank());
    row.push_back(integer(d.peerCount));
    row.push_back(integer(d.encoreVotes));
    row.push_back(text(d.rule));
    row.push_back(text(d.explanation));
    // The issued slot's state and life-cycle: empty when none was issued (yet).
    row.push_back(d.slotState.empty() ? blank() : text(d.slotState));
    row.push_back(d.slotId.empty() ? blank() : text(d.slotId));
    row.push_back(d.slotIssuedBy.empty() ? blank() : text(d.slotIssuedBy));
    row.push_back(d.slotIssuedAt > 0 ? text(isoUtc(d.slotIssuedAt / 1000)) : blank());
    row.push_back(d.slotActs.empty() ? blank() : text(d.slotActs));
    return row;
}

// ---- Atomic, private file replacement ----

std::string errnoText(int error) {
    return std::strerror(error);
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw ExportError("cannot write the offer-slot export " + path + ": " + what);
}

std::string directoryOf(const std::string& path) {
    std::string dir = std::filesystem::path(path).parent_path().string();
    return dir.empty() ? "." : dir;
}

// A temporary file next to the target: the same folder, so rename() is atomic (one file
// system), created 0600 by mkstemp so names and e-mails are never readable by others, not even
// for a moment. Removed on destruction unless commit() renamed it over the target.
class TempFile {
  public:
    explicit TempFile(const std::string& target) : target_(target) {
        std::string pattern = target + ".tmp-XXXXXX";
        fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
        if (fd_ < 0) fail(target_, "cannot create a temporary file: " + errnoText(errno));
        path_ = pattern;
        // mkstemp asks for 0600 but through the umask; make it exact whatever the umask.
        if (::fchmod(fd_, 0600) != 0) {
            int error = errno;
            ::close(fd_);
            ::unlink(path_.c_str());  // the destructor does not run for a throwing constructor
            fail(target_, "cannot set the file mode: " + errnoText(error));
        }
    }
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!committed_) ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::string& path() const { return path_; }

    void write(std::string_view data) {
        while (!data.empty()) {
            ssize_t n = ::write(fd_, data.data(), data.size());
            if (n < 0 && errno == EINTR) continue;
            // A short write means the next write reports why (ENOSPC, EFBIG), so loop on.
            if (n < 0) fail(target_, "write failed: " + errnoText(errno));
            data.remove_prefix(static_cast<std::size_t>(n));
        }
    }

    // For writers that open the file by name themselves (libxlsxwriter): our descriptor is
    // closed first, and commit() reopens the file to set its mode and sync it.
    void releaseDescriptor() {
        if (fd_ >= 0 && ::close(fd_) != 0) {
            fd_ = -1;
            fail(target_, "cannot close the temporary file: " + errnoText(errno));
        }
        fd_ = -1;
    }

    // Sync the data, rename over the target, then sync the folder so the rename itself
    // survives a power cut.
    void commit() {
        if (fd_ < 0) {
            fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
            if (fd_ < 0) fail(target_, "cannot reopen the temporary file: " + errnoText(errno));
        }
        // Again here: a writer that recreated the file by name would have used the umask.
        if (::fchmod(fd_, 0600) != 0)
            fail(target_, "cannot set the file mode: " + errnoText(errno));
        if (::fsync(fd_) != 0) fail(target_, "cannot sync the file: " + errnoText(errno));
        int fd = fd_;
        fd_ = -1;
        // close() is where some file systems (NFS) report a failed write-back.
        if (::close(fd) != 0) fail(target_, "cannot close the file: " + errnoText(errno));
        if (::rename(path_.c_str(), target_.c_str()) != 0)
            fail(target_, "cannot replace the file: " + errnoText(errno));
        committed_ = true;
        syncDirectory();
    }

  private:
    void syncDirectory() {
        std::string dir = directoryOf(target_);
        int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dirFd < 0) fail(target_, "cannot open its folder to sync it: " + errnoText(errno));
        int rc = ::fsync(dirFd);
        int error = errno;
        ::close(dirFd);
        // Some file systems cannot sync a folder at all (EINVAL); that is not a failed write.
        // The new file is already in place, so the message says the rename may not be durable.
        if (rc != 0 && error != EINVAL && error != ENOTSUP)
            fail(target_, "written, but syncing its folder failed: " + errnoText(error));
    }

    std::string target_;
    std::string path_;
    int fd_ = -1;
    bool committed_ = false;
};

// ---- CSV ----

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

std::string csvLine(const std::vector<std::string>& fields) {
    return csvRecord(fields, CsvWriteOptions{.guardFormulas = false, .lineEnding = "\r\n"});
}

// ---- XLSX ----

std::string utcIso8601(std::int64_t unixMs) {
    // Floor division, so an instant before 1970 still lands in the right second.
    std::int64_t seconds = unixMs / 1000 - (unixMs % 1000 < 0 ? 1 : 0);
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    if (::gmtime_r(&t, &tm) == nullptr) return {};
    char buf[32];
    std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return std::string(buf, n);
}

// Frees a workbook that is abandoned before workbook_close (which frees it itself).
struct WorkbookDeleter {
    void operator()(lxw_workbook* wb) const { lxw_workbook_free(wb); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookDeleter>;

void check(lxw_error rc, const std::string& path, const char* what) {
    if (rc != LXW_NO_ERROR) fail(path, std::string(what) + ": " + lxw_strerror(rc));
}

template <typename T>
T* checkNotNull(T* p, const std::string& path, const char* what) {
    if (p == nullptr) fail(path, std::string("libxlsxwriter could not ") + what);
    return p;
}

struct Formats {
    lxw_format* header;
    lxw_format* decimal;
    lxw_format* signedDecimal;
    lxw_format* label;
};

Formats addFormats(lxw_workbook* wb, const std::string& path) {
    Formats f{};
    f.header = checkNotNull(workbook_add_format(wb), path, "add a format");
    format_set_bold(f.header);
    f.decimal = checkNotNull(workbook_add_format(wb), path, "add a format");
    format_set_num_format(f.decimal, "0.00");
    f.signedDecimal = checkNotNull(workbook_add_format(wb), path, "add a format");
    format_set_num_format(f.signedDecimal, "+0.00;-0.00;0.00");
    f.label = checkNotNull(workbook_add_format(wb), path, "add a format");
    format_set_bold(f.label);
    return f;
}

void writeSlotsSheet(lxw_workbook* wb, const Formats& formats,
                     const std::vector<Decision>& decisions, const std::string& path) {
    lxw_worksheet* ws = checkNotNull(workbook_add_worksheet(wb, "Offer slots"), path,
                                     "add the sheet \"Offer slots\"");
    for (int c = 0; c < kColumnCount; ++c) {
        auto col = static_cast<lxw_col_t>(c);
        check(worksheet_set_column(ws, col, col, kColumns[c].width, nullptr), path,
              "set a column width");
        check(worksheet_write_string(ws, 0, col, kColumns[c].title, formats.header), path,
              "write the header row");
    }
    lxw_row_t row = 1;
    for (const Decision& d : decisions) {
        std::vector<Cell> cells = rowOf(d);
        for (int c = 0; c < kColumnCount; ++c) {
            const Cell& cell = cells[static_cast<std::size_t>(c)];
            auto col = static_cast<lxw_col_t>(c);
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
                    rc = worksheet_write_number(ws, row, col, cell.number, formats.decimal);
                    break;
                case CellKind::Signed:
                    rc = worksheet_write_number(ws, row, col, cell.number, formats.signedDecimal);
                    break;
            }
            check(rc, path, "write a cell");
        }
        ++row;
    }
    // The header stays in view while scrolling, and every column can be filtered and sorted.
    worksheet_freeze_panes(ws, 1, 0);
    check(worksheet_autofilter(ws, 0, 0, row - 1, static_cast<lxw_col_t>(kColumnCount - 1)), path,
          "set the autofilter");
}

void writeAboutSheet(lxw_workbook* wb, const Formats& formats, const SlotExportMeta& meta,
                     const std::string& path) {
    lxw_worksheet* ws =
        checkNotNull(workbook_add_worksheet(wb, "About"), path, "add the sheet \"About\"");
    check(worksheet_set_column(ws, 0, 0, 20, nullptr), path, "set a column width");
    check(worksheet_set_column(ws, 1, 1, 60, nullptr), path, "set a column width");
    auto label = [&](lxw_row_t r, const char* title) {
        check(worksheet_write_string(ws, r, 0, title, formats.label), path, "write a label");
    };
    auto string = [&](lxw_row_t r, const std::string& value) {
        check(worksheet_write_string(ws, r, 1, value.c_str(), nullptr), path, "write a value");
    };
    auto number = [&](lxw_row_t r, int value) {
        check(worksheet_write_number(ws, r, 1, value, nullptr), path, "write a value");
    };
    label(0, "Event");
    string(0, meta.eventName);
    label(1, "Generated at (UTC)");
    string(1, utcIso8601(meta.generatedAt));
    label(2, "Slot budget");
    number(2, meta.budget);
    label(3, "Already issued");
    number(3, meta.alreadyIssued);
    label(4, "Rules");
    string(4, meta.rules);
}

void writeFairnessSheet(lxw_workbook* wb, const Formats& formats, const SlotExportMeta& meta,
                        const std::string& path) {
    lxw_worksheet* ws =
        checkNotNull(workbook_add_worksheet(wb, "Fairness"), path, "add the sheet \"Fairness\"");
    static constexpr const char* kTitles[] = {
        "Cohort", "Decided demos", "Slots", "Selection rate", "Impact ratio", "Four-fifths rule"};
    for (lxw_col_t c = 0; c < std::size(kTitles); ++c) {
        check(worksheet_set_column(ws, c, c, c == 0 ? 24 : 16, nullptr), path,
              "set a column width");
        check(worksheet_write_string(ws, 0, c, kTitles[c], formats.header), path, "write a header");
    }
    worksheet_freeze_panes(ws, 1, 0);  // returns nothing to check
    lxw_row_t row = 1;
    for (const CohortFairness& f : meta.fairness) {
        auto string = [&](lxw_col_t c, const std::string& value) {
            check(worksheet_write_string(ws, row, c, value.c_str(), nullptr), path,
                  "write a value");
        };
        auto number = [&](lxw_col_t c, double value, lxw_format* format) {
            check(worksheet_write_number(ws, row, c, value, format), path, "write a value");
        };
        string(0, f.cohort);
        number(1, f.decided, nullptr);
        if (f.suppressed) {
            // The slot count of a small cohort would give its rate away: blank, with the reason.
            string(5, "suppressed (fewer decided demos than the minimum cell size)");
        } else {
            number(2, f.slots, nullptr);
            number(3, roundedFigure(f.rate), formats.decimal);
            number(4, roundedFigure(f.impactRatio), formats.decimal);
            string(5, f.belowFourFifths ? "below 0.80" : "met");
        }
        ++row;
    }
}

}  // namespace

void writeOfferSlotsCsv(const std::string& path, const std::vector<Decision>& decisions,
                        const SlotExportMeta& meta) {
    // The CSV is the bare table so it imports anywhere; the event details are in the XLSX
    // "About" sheet and in the file name the caller picks.
    (void)meta;

    // A UTF-8 byte order mark: without it Excel reads the file in the local ANSI code page and
    // turns Arabic, Devanagari or CJK names into mojibake. Other readers skip it.
    std::string out = "\xEF\xBB\xBF";
    std::vector<std::string> fields;
    fields.reserve(kColumnCount);
    for (const Column& column : kColumns) fields.emplace_back(column.title);
    out += csvLine(fields);

    // Only text from people is guarded: our own numbers ("-0.31") must stay numbers, and an
    // apostrophe would turn them into text.
    const CsvWriteOptions guarded{.guardFormulas = true, .lineEnding = "\r\n"};
    for (const Decision& d : decisions) {
        fields.clear();
        for (const Cell& cell : rowOf(d))
            fields.push_back(cell.kind == CellKind::Text ? csvField(cell.text, guarded)
                                                         : csvNumber(cell));
        // Fields are already encoded: join them without a second round of quoting.
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i > 0) out += ',';
            out += fields[i];
        }
        out += "\r\n";
    }

    TempFile tmp(path);
    tmp.write(out);
    tmp.commit();
}

void writeOfferSlotsXlsx(const std::string& path, const std::vector<Decision>& decisions,
                         const SlotExportMeta& meta) {
    // libxlsxwriter opens the file by name inside workbook_close, so it gets the temporary's
    // name; mkstemp has already created it 0600 and fopen("wb") keeps that mode.
    TempFile tmp(path);
    tmp.releaseDescriptor();

    WorkbookPtr wb(workbook_new(tmp.path().c_str()));
    if (!wb) fail(path, "libxlsxwriter could not create a workbook");
    Formats formats = addFormats(wb.get(), path);
    writeSlotsSheet(wb.get(), formats, decisions, path);
    writeAboutSheet(wb.get(), formats, meta, path);
    writeFairnessSheet(wb.get(), formats, meta, path);

    // workbook_close frees the workbook whatever it returns.
    lxw_error rc = workbook_close(wb.release());
    check(rc, path, "saving the workbook failed");
    tmp.commit();
}

}  // namespace oh
