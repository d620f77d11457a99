#include "core/exports/exports.hpp"

#include <cerrno>

#include "core/decisions/export_table.hpp"
#include "core/exports/checkin_list.hpp"
#include "core/exports/score_list.hpp"
#include "core/exports/slot_list.hpp"
#include "core/roster/attendance.hpp"

namespace oh {

const char* exportKindName(ExportKind kind) {
    switch (kind) {
        case ExportKind::Slots:
            return "slots";
        case ExportKind::Scores:
            return "scores";
        case ExportKind::CheckIns:
            return "checkins";
    }
    return "unknown";
}

std::optional<ExportKind> parseExportKind(std::string_view text) {
    for (ExportKind kind : {ExportKind::Slots, ExportKind::Scores, ExportKind::CheckIns})
        if (text == exportKindName(kind)) return kind;
    return std::nullopt;
}

const char* exportFormatName(ExportFormat format) {
    return format == ExportFormat::Xlsx ? "xlsx" : "csv";
}

std::optional<ExportFormat> parseExportFormat(std::string_view text) {
    if (text == "csv") return ExportFormat::Csv;
    if (text == "xlsx") return ExportFormat::Xlsx;
    return std::nullopt;
}

ExportFormat exportFormatForPath(std::string_view path) {
    constexpr std::string_view kXlsx = ".xlsx";
    if (path.size() <= kXlsx.size()) return ExportFormat::Csv;
    std::string tail(path.substr(path.size() - kXlsx.size()));
    for (char& c : tail) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return tail == kXlsx ? ExportFormat::Xlsx : ExportFormat::Csv;
}

const char* exportStatusName(ExportStatus status) {
    switch (status) {
        case ExportStatus::Written:
            return "written";
        case ExportStatus::UnknownEvent:
            return "unknown-event";
        case ExportStatus::BadFolder:
            return "bad-folder";
        case ExportStatus::NotWritable:
            return "not-writable";
        case ExportStatus::DiskFull:
            return "disk-full";
        case ExportStatus::Failed:
            return "failed";
    }
    return "unknown";
}

namespace {

ExportStatus statusOfErrno(int error) {
    switch (error) {
        case ENOENT:
        case ENOTDIR:
        case EISDIR:
        case ENAMETOOLONG:
            return ExportStatus::BadFolder;
        case EACCES:
        case EPERM:
        case EROFS:
            return ExportStatus::NotWritable;
        case ENOSPC:
        case EFBIG:
        case EDQUOT:
            return ExportStatus::DiskFull;
        default:
            return ExportStatus::Failed;
    }
}

// What the lead can do about it, after what failed.
const char* adviceFor(ExportStatus status) {
    switch (status) {
        case ExportStatus::BadFolder:
            return " (pick an existing folder and a file name in it)";
        case ExportStatus::NotWritable:
            return " (the folder or drive is read-only or not yours: pick another)";
        case ExportStatus::DiskFull:
            return " (the drive is full: free some space or pick another; any previous file "
                   "is kept)";
        default:
            return "";
    }
}

// Runs `write` (which returns the rows written), turning every failure into a status.
template <typename Write>
ExportResult guarded(ExportResult result, Write&& write) {
    try {
        result.rows = write();
        result.status = ExportStatus::Written;
    } catch (const PrivateFileError& e) {
        result.status = statusOfErrno(e.error);
        result.message = std::string(e.what()) + adviceFor(result.status);
    } catch (const std::exception& e) {
        result.status = ExportStatus::Failed;
        result.message = "cannot export to " + result.path + ": " + describeStoreFailure(e);
    }
    return result;
}

int writeTable(const Table& table, ExportFormat format, const std::string& path,
               const std::string& sheet, const std::string& label) {
    if (format == ExportFormat::Xlsx) {
        XlsxBook book(path, label);
        book.addTable(sheet, table);
        book.commit();
    } else {
        writeTableCsv(path, table, label);
    }
    return static_cast<int>(table.rows.size());
}

int writeCheckIns(Store& store, const Event& event, ExportFormat format, const std::string& path) {
    const std::vector<AttendanceRow> rows = attendanceRows(store, event.id);
    const std::string label = "the check-in list";
    if (format == ExportFormat::Xlsx)
        return writeTable(checkInTable(rows, event.timezone), format, path, "Check-ins", label);
    // The CSV is the attendance CSV (`openhouse attendance`), byte for byte.
    PrivateTempFile tmp(path, label);
    tmp.write(attendanceCsv(rows, event.timezone));
    tmp.commit();
    return static_cast<int>(rows.size());
}

}  // namespace

ExportResult guardedExport(const std::string& path, ExportFormat format,
                           const std::function<int()>& write) {
    return guarded(ExportResult{ExportStatus::Failed, 0, path, format, {}}, write);
}

ExportResult writeSlotList(const SlotList& list, ExportFormat format, const std::string& path) {
    return guarded(ExportResult{ExportStatus::Failed, 0, path, format, {}}, [&] {
        if (format == ExportFormat::Xlsx)
            writeOfferSlotsXlsx(path, list.decisions, list.meta);
        else
            writeOfferSlotsCsv(path, list.decisions, list.meta);
        return static_cast<int>(list.decisions.size());
    });
}

ExportResult exportList(Store& store, const std::string& eventId, ExportKind kind,
                        ExportFormat format, const std::string& path,
                        const ExportSettings& settings, std::int64_t nowMs) {
    ExportResult result{ExportStatus::Failed, 0, path, format, {}};
    if (path.empty()) {
        result.status = ExportStatus::BadFolder;
        result.message = "no file to write: give a file name in an existing folder";
        return result;
    }
    std::optional<Event> event;
    result = guarded(result, [&] {
        event = store.event(eventId);
        return 0;
    });
    if (!result.ok()) return result;
    if (!event) {
        result.status = ExportStatus::UnknownEvent;
        result.message = "no event " + eventId + " in this store";
        return result;
    }
    switch (kind) {
        case ExportKind::Slots: {
            std::optional<SlotList> list;
            result = guarded(result, [&] {
                list = buildSlotList(store, *event, settings.conversion, nowMs);
                return 0;
            });
            return result.ok() ? writeSlotList(*list, format, path) : result;
        }
        case ExportKind::Scores:
            return guarded(result, [&] {
                return writeTable(scoreTable(store, event->id, settings.rubric), format, path,
                                  "Scores", "the score list");
            });
        case ExportKind::CheckIns:
            return guarded(result, [&] { return writeCheckIns(store, *event, format, path); });
    }
    return result;
}

}  // namespace oh
